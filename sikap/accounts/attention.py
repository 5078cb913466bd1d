"""What needs the user's attention on the home page; each app may add an ``attention.py``.

An app's module defines ``def items(user, scope) -> list[AttentionItem]``; it must run a fixed
number of queries whatever the data size.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.utils.functional import Promise

from sikap.accounts.navigation import NAV_APPS


@dataclass(frozen=True)
class AttentionItem:
    title: str | Promise
    detail: str | Promise = ""
    url: str = ""
    level: str = "info"  # info, warning, danger, success
    count: int | None = None
    order: int = 50


def attention_items(user: Any, scope: Any) -> list[AttentionItem]:
    """Collect the items of every app, most urgent first."""
    rank = {"danger": 0, "warning": 1, "info": 2, "success": 3}
    items: list[AttentionItem] = []
    for app in NAV_APPS:
        if app == "accounts":
            continue
        try:
            module = import_module(f"sikap.{app}.attention")
        except ModuleNotFoundError as exc:
            if exc.name != f"sikap.{app}.attention":
                raise
            continue
        items.extend(module.items(user, scope))
    return sorted(items, key=lambda i: (rank.get(i.level, 9), i.order))
