"""The menu: each app may offer entries in a ``nav.py`` with ``def items(user, scope) -> list``,
and links on unit and employee pages with ``unit_links``/``employee_links(user, scope, obj)``."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.utils.functional import Promise

NAV_APPS = (
    "accounts",
    "org",
    "cycle",
    "planning",
    "evaluation",
    "surveys",
    "complaints",
    "development",
    "dashboards",
)


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    order: int = 50
    icon: str = ""


def nav_items(user: Any, scope: Any) -> list[NavItem]:
    """All menu entries for this user, in order."""
    items: list[NavItem] = []
    for app in NAV_APPS:
        try:
            module = import_module(f"sikap.{app}.nav")
        except ModuleNotFoundError as exc:
            if exc.name != f"sikap.{app}.nav":
                raise
            continue
        items.extend(module.items(user, scope))
    return sorted(items, key=lambda item: item.order)


def related_links(kind: str, user: Any, scope: Any, obj: Any) -> list[NavItem]:
    """Links other apps offer on a record page: ``unit_links``/``employee_links`` in their nav.py."""
    items: list[NavItem] = []
    for app in NAV_APPS:
        try:
            module = import_module(f"sikap.{app}.nav")
        except ModuleNotFoundError as exc:
            if exc.name != f"sikap.{app}.nav":
                raise
            continue
        provider = getattr(module, f"{kind}_links", None)
        if provider is not None:
            items.extend(provider(user, scope, obj))
    return sorted(items, key=lambda item: item.order)
