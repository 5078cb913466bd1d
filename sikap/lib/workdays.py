"""Working-day arithmetic for complaint deadlines (domain.md §4.4 and §4.6).

A working day is Monday to Friday and neither a libur nasional nor a cuti bersama; the
caller passes those dates as ``holidays`` (any collection; a set or frozenset is used as is,
anything else is copied into a frozenset once per call).

Counting: a deadline of N working days ends on the N-th working day strictly AFTER the
start day. The start day never counts, even when it is itself a working day: a report
registered on a Friday with a 1-day limit is due on the next Monday. N == 0 returns the
start day unchanged, whatever day it is.

Pausing the clock while the complaint waits for the citizen: a pause is a pair
``(stopped_on, answered_on)``. The clock stops on ``stopped_on`` (the day the complaint
starts waiting) and resumes on the day after ``answered_on`` (the day the citizen
answers), so no day from ``stopped_on`` through ``answered_on`` inclusive counts. A pause
with ``answered_on`` None is still open: no day from ``stopped_on`` on counts, so the due
date is unknown (None) unless it had already been reached before ``stopped_on``. Pauses may
overlap, touch or start before the start day; a pause answered before it stopped is a
ValueError.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, timedelta

Pause = tuple[date, date | None]

_ONE_DAY = timedelta(days=1)


def _as_set(holidays: Collection[date]) -> Collection[date]:
    """Return the holidays as a set, for constant-time membership tests."""
    if isinstance(holidays, (set, frozenset)):
        return holidays
    return frozenset(holidays)


def _check_days(days: int) -> None:
    """Reject a negative number of working days."""
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")


def _check_pauses(pauses: Sequence[Pause]) -> None:
    """Reject a pause answered before the clock was stopped."""
    for stopped_on, answered_on in pauses:
        if answered_on is not None and answered_on < stopped_on:
            raise ValueError(f"pause answered on {answered_on} before it stopped on {stopped_on}")


def _weekdays_through(day: date) -> int:
    """Count the Mondays to Fridays from 0001-01-01 (a Monday) through day."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    """Tell whether day is Monday to Friday and not one of the holidays."""
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, holidays: Collection[date]) -> date:
    """Return the days-th working day after start (start never counts; 0 returns start)."""
    _check_days(days)
    holiday_set = _as_set(holidays)
    day = start
    remaining = days
    while remaining:
        day += _ONE_DAY
        if is_working_day(day, holiday_set):
            remaining -= 1
    return day


def working_days_between(start: date, end: date, holidays: Collection[date]) -> int:
    """Count the working days d with start < d <= end (0 when end <= start)."""
    if end <= start:
        return 0
    weekdays = _weekdays_through(end) - _weekdays_through(start)
    off = sum(1 for h in _as_set(holidays) if start < h <= end and h.weekday() < 5)
    return weekdays - off


def _merged_pauses(pauses: Sequence[Pause], horizon: date) -> list[tuple[date, date]]:
    """Merge the pauses up to horizon into disjoint closed intervals (open ones end at horizon)."""
    intervals = sorted(
        (stopped_on, horizon if answered_on is None else min(answered_on, horizon))
        for stopped_on, answered_on in pauses
        if stopped_on <= horizon
    )
    merged: list[tuple[date, date]] = []
    for first, last in intervals:
        if merged and first <= merged[-1][1] + _ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def due_date_with_pauses(
    start: date, days: int, pauses: Sequence[Pause], holidays: Collection[date]
) -> date | None:
    """Return the due date, pauses not counting (None while an open pause holds the clock)."""
    _check_days(days)
    _check_pauses(pauses)
    holiday_set = _as_set(holidays)
    open_from = min((first for first, last in pauses if last is None), default=None)
    closed = [(first, last) for first, last in pauses if last is not None]
    day = start
    remaining = days
    while remaining:
        day += _ONE_DAY
        if open_from is not None and day >= open_from:
            return None
        paused = any(first <= day <= last for first, last in closed)
        if not paused and is_working_day(day, holiday_set):
            remaining -= 1
    return day


def elapsed_working_days(
    start: date, now: date, pauses: Sequence[Pause], holidays: Collection[date]
) -> int:
    """Count the working days d with start < d <= now that fall outside every pause."""
    _check_pauses(pauses)
    if now <= start:
        return 0
    holiday_set = _as_set(holidays)
    elapsed = working_days_between(start, now, holiday_set)
    for first, last in _merged_pauses(pauses, now):
        before_first = start if first <= start else first - _ONE_DAY
        elapsed -= working_days_between(before_first, last, holiday_set)
    return elapsed
