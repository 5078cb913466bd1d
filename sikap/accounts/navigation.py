"""The menu and the links that apps offer on each other's record pages.

Each app registers its providers in its ``AppConfig.ready``: ``MENU.register(nav.items)`` with
``items(user, scope) -> list[NavItem]``, and ``links("unit").register(nav.unit_links)`` with
``unit_links(user, scope, obj) -> list[NavItem]`` for the record pages of a lower app (kinds in
use: ``unit`` and ``employee`` on org's pages; ``calendar``, ``year`` and ``period`` on cycle's;
``me`` on the home page's card of the signed-in employee, with ``obj`` the employee;
``landing`` for the citizens' doors on the public home page, with ``obj`` None; ``after_survey``
on the survey's thank-you page of an unhappy citizen, with ``obj`` the unit or None).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from sikap.lib.hooks import Hook


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    order: int = 50
    icon: str = ""
    detail: str | Promise = ""


MenuProvider = Callable[[Any, Any], list[NavItem]]
LinkProvider = Callable[[Any, Any, Any], list[NavItem]]

MENU: Hook[MenuProvider] = Hook("menu")
_LINKS: dict[str, Hook[LinkProvider]] = {}


def links(kind: str) -> Hook[LinkProvider]:
    """The providers of links on the record pages of one kind."""
    return _LINKS.setdefault(kind, Hook(f"{kind} links"))


def nav_items(user: Any, scope: Any) -> list[NavItem]:
    """All menu entries for this user, in order."""
    items = [item for provider in MENU for item in provider(user, scope)]
    return sorted(items, key=lambda item: item.order)


def related_links(kind: str, user: Any, scope: Any, obj: Any) -> list[NavItem]:
    """Links other apps offer on a record page of this kind, in order."""
    items = [item for provider in links(kind) for item in provider(user, scope, obj)]
    return sorted(items, key=lambda item: item.order)
