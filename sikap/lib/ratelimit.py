"""Fixed-window request counters shared by every process (through the default cache).

The window is part of the key, so a counter starts at a known instant and ends at the next
boundary whatever arrives in between; ``add`` + ``incr`` keep the count atomic on Redis, on the
local-memory cache and on :class:`sikap.lib.cache.LockingFileBasedCache`.
"""

from __future__ import annotations

import time

from django.core.cache import cache

# Keep a counter a little past its window so it never disappears before the window ends.
_GRACE = 60


def window_key(name: str, window: int, *, now: float | None = None) -> str:
    """The cache key of the current window of ``name``."""
    start = int(now if now is not None else time.time()) // window
    return f"rl:{name}:{window}:{start}"


def hit(name: str, *, limit: int, window: int) -> bool:
    """Count one request against ``name``; True once more than ``limit`` came in this window."""
    key = window_key(name, window)
    cache.add(key, 0, window + _GRACE)
    try:
        used = int(cache.incr(key))
    except ValueError:  # evicted between add and incr
        cache.add(key, 0, window + _GRACE)
        used = int(cache.incr(key))
    return used > limit


def peek(name: str, *, window: int) -> int:
    """How many requests ``name`` has counted in the current window."""
    return int(cache.get(window_key(name, window), 0))
