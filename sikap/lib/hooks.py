"""Extension points: a lower app declares a ``Hook``, the apps above fill it in ``AppConfig.ready``.

This keeps the app graph one way (``tests/test_import_direction.py``): the menu in accounts, the
demo loader in org and the objective evidence in planning call into the apps above them without
importing them, by name or otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Hook(Generic[T]):
    """An ordered list of contributions (functions, or small records) from other apps."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: list[tuple[int, int, T]] = []

    def __repr__(self) -> str:
        return f"Hook({self.name!r}, {len(self._entries)} entries)"

    def register(self, item: T, *, order: int = 50) -> T:
        """Add an item (once: registering it again, e.g. from a second ``ready``, is ignored)."""
        if all(existing != item for _order, _n, existing in self._entries):
            self._entries.append((order, len(self._entries), item))
            self._entries.sort(key=lambda entry: entry[:2])
        return item

    def __iter__(self) -> Iterator[T]:
        return iter([item for _order, _n, item in self._entries])

    def __len__(self) -> int:
        return len(self._entries)
