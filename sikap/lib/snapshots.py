"""Figures kept for a few minutes in the shared cache (``SNAPSHOT_SECONDS``; 0 keeps none)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

T = TypeVar("T")


def kept(key: str, count: Callable[[], T], *, refresh: bool = False) -> T:
    """The value kept under ``key``, else (or with ``refresh``) ``count()``, kept for next time."""
    if not refresh and settings.SNAPSHOT_SECONDS > 0:
        value: T | None = cache.get(key)
        if value is not None:
            return value
    value = count()
    if settings.SNAPSHOT_SECONDS > 0:
        cache.set(key, value, settings.SNAPSHOT_SECONDS)
    return value


__all__ = ["kept"]
