"""What needs the user's attention on the home page.

Each app registers ``items(user, scope) -> list[AttentionItem]`` (usually its ``attention.py``)
with ``PROVIDERS.register`` in its ``AppConfig.ready``; it must run a fixed number of queries
whatever the data size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from sikap.lib.hooks import Hook


@dataclass(frozen=True)
class AttentionItem:
    title: str | Promise
    detail: str | Promise = ""
    url: str = ""
    level: str = "info"  # info, warning, danger, success
    count: int | None = None
    order: int = 50


PROVIDERS: Hook[Callable[[Any, Any], list[AttentionItem]]] = Hook("attention")


def attention_items(user: Any, scope: Any) -> list[AttentionItem]:
    """Collect the items of every app, most urgent first."""
    rank = {"danger": 0, "warning": 1, "info": 2, "success": 3}
    items = [item for provider in PROVIDERS for item in provider(user, scope)]
    return sorted(items, key=lambda i: (rank.get(i.level, 9), i.order))
