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
    # Items of one kind for several units merge into one line: ``group_title`` (with
    # ``%(count)s``) linking to ``group_url``, the list behind them.
    group_title: str | Promise = ""
    group_url: str = ""


PROVIDERS: Hook[Callable[[Any, Any], list[AttentionItem]]] = Hook("attention")


def attention_items(user: Any, scope: Any) -> list[AttentionItem]:
    """Collect the items of every app, most urgent first."""
    rank = {"danger": 0, "warning": 1, "info": 2, "success": 3}
    items = group([item for provider in PROVIDERS for item in provider(user, scope)])
    return sorted(items, key=lambda i: (rank.get(i.level, 9), i.order))


def group(items: list[AttentionItem]) -> list[AttentionItem]:
    """One line per kind of grouped item when it repeats ("missing in 8 kelurahan"), else as is."""
    kinds: dict[str, list[AttentionItem]] = {}
    for item in items:
        if item.group_title:
            kinds.setdefault(str(item.group_title), []).append(item)
    result = [item for item in items if not item.group_title]
    for same in kinds.values():
        first = same[0]
        if len(same) == 1:
            result.append(first)
            continue
        details = [str(i.detail) for i in same if i.detail]
        shown = "; ".join(details[:3]) + ("; …" if len(details) > 3 else "")
        result.append(
            AttentionItem(
                title=str(first.group_title) % {"count": len(same)},
                detail=shown,
                url=first.group_url or first.url,
                level=first.level,
                count=len(same),
                order=first.order,
            )
        )
    return result
