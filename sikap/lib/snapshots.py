"""Figures kept for a few minutes in the shared cache (``SNAPSHOT_SECONDS``; 0 keeps none).

A cache that cannot be reached never fails a page: the figures are then counted for the
request, and the failure is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

logger = logging.getLogger(__name__)


def _get_many(keys: list[str]) -> dict[str, Any]:
    try:
        return cache.get_many(keys)
    except Exception:
        logger.exception("the cache is unreachable: counting the figures for this request")
        return {}


def _set_many(values: dict[str, Any]) -> None:
    try:
        cache.set_many(values, settings.SNAPSHOT_SECONDS)
    except Exception:
        logger.exception("could not keep the figures in the cache")


def kept(key: str, count: Callable[[], T], *, refresh: bool = False) -> T:
    """The value kept under ``key``, else (or with ``refresh``) ``count()``, kept for next time."""
    if not refresh and settings.SNAPSHOT_SECONDS > 0:
        value: T | None = _get_many([key]).get(key)
        if value is not None:
            return value
    value = count()
    if settings.SNAPSHOT_SECONDS > 0:
        _set_many({key: value})
    return value


def kept_many(keys: Mapping[K, str], count: Callable[[list[K]], Mapping[K, T]]) -> dict[K, T]:
    """Per item, the value kept under its key; the items without one are counted together
    (``count(missing)``, one call) and kept for next time. ``keys`` maps each item to its key."""
    found: dict[K, T] = {}
    if settings.SNAPSHOT_SECONDS > 0 and keys:
        kept_values = _get_many(list(keys.values()))
        found = {item: kept_values[key] for item, key in keys.items() if key in kept_values}
    missing = [item for item in keys if item not in found]
    if missing:
        counted = count(missing)
        found.update(counted)
        if settings.SNAPSHOT_SECONDS > 0:
            _set_many({keys[item]: value for item, value in counted.items() if item in keys})
    return found


__all__ = ["kept", "kept_many"]
