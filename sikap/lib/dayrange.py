"""Whole office days as datetime ranges, so date filters on timestamps can use an index."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of a day in the office time zone (``TIME_ZONE``)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def day_range(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, the day after end 00:00) in the office time zone."""
    return day_start(start), day_start(end + dt.timedelta(days=1))


def on_days(field: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Filter keywords for ``field`` on the days start..end, inclusive: a range, not ``__date``."""
    low, high = day_range(start, end)
    return {f"{field}__gte": low, f"{field}__lt": high}
