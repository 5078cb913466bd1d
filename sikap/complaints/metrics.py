"""Counts, on-time rate and median handling times over a set of complaints (per unit, employee, period).

"Closed" in the on-time rate means the office's part is done: the tanggapan was sent, or the
report was closed at verification. Waiting for the citizen's confirmation is not the office's
time. Open complaints past their current deadline count against the rate.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sikap.complaints import rules
from sikap.complaints.models import OPEN_STATUSES, Complaint, ComplaintQuerySet

ROW_FIELDS = (
    "pk",
    "unit_id",
    "unit__path",
    "assignee_id",
    "status",
    "complaint_class",
    "channel",
    "due_on",
    "resolved_on",
    "resolved_on_time",
    "days_to_verify",
    "days_to_answer",
    "days_to_close",
    "rating__score",
)


@dataclass
class Summary:
    total: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_class: Counter[str] = field(default_factory=Counter)
    by_channel: Counter[str] = field(default_factory=Counter)
    closed: int = 0
    closed_on_time: int = 0
    open_overdue: int = 0
    on_time_rate: Decimal | None = None
    median_verify: Decimal | None = None
    median_answer: Decimal | None = None
    median_close: Decimal | None = None
    mean_rating: Decimal | None = None
    ratings: int = 0


def rows_for(queryset: ComplaintQuerySet) -> list[dict[str, Any]]:
    """The values the metrics need, in one query."""
    return list(queryset.values(*ROW_FIELDS))


def period_queryset(start: dt.date, end: dt.date) -> ComplaintQuerySet:
    """Complaints registered in the period."""
    return Complaint.objects.filter(registered_on__gte=start, registered_on__lte=end)


def summarise(rows: Iterable[Mapping[str, Any]], today: dt.date) -> Summary:
    """Aggregate value rows into a Summary (pure Python)."""
    s = Summary()
    verify: list[int | None] = []
    answer: list[int | None] = []
    close: list[int | None] = []
    scores: list[int] = []
    open_statuses = {str(v) for v in OPEN_STATUSES}
    for row in rows:
        s.total += 1
        s.by_status[row["status"]] += 1
        s.by_class[row["complaint_class"]] += 1
        s.by_channel[row["channel"]] += 1
        if row["resolved_on"] is not None:
            s.closed += 1
            s.closed_on_time += 1 if row["resolved_on_time"] else 0
        elif row["status"] in open_statuses and row["due_on"] is not None and row["due_on"] < today:
            s.open_overdue += 1
        verify.append(row["days_to_verify"])
        answer.append(row["days_to_answer"])
        close.append(row["days_to_close"])
        if row.get("rating__score"):
            scores.append(row["rating__score"])
    s.on_time_rate = rules.on_time_rate(s.closed_on_time, s.closed, s.open_overdue)
    s.median_verify = rules.median_days(verify)
    s.median_answer = rules.median_days(answer)
    s.median_close = rules.median_days(close)
    s.ratings = len(scores)
    if scores:
        s.mean_rating = (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.01"))
    return s


def by_unit(
    rows: list[dict[str, Any]], units: Iterable[Any], today: dt.date
) -> list[tuple[Any, Summary]]:
    """One summary per unit, each over the unit's whole subtree.

    Each row is handed to the units on its own path (a walk up its few ancestors), so the work is
    rows × depth, not rows × units.
    """
    shown = list(units)
    by_path: dict[str, list[Mapping[str, Any]]] = {unit.path: [] for unit in shown}
    for row in rows:
        path = row["unit__path"] or ""
        end = path.find("/", 1)
        while end != -1:
            bucket = by_path.get(path[: end + 1])
            if bucket is not None:
                bucket.append(row)
            end = path.find("/", end + 1)
    return [(unit, summarise(by_path[unit.path], today)) for unit in shown]


def by_employee(
    rows: list[dict[str, Any]], employees: Mapping[int, Any], today: dt.date
) -> list[tuple[Any, Summary]]:
    """One summary per assignee found in the rows, by name."""
    grouped: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        if row["assignee_id"] is not None:
            grouped.setdefault(row["assignee_id"], []).append(row)
    result = [
        (employees[pk], summarise(items, today)) for pk, items in grouped.items() if pk in employees
    ]
    return sorted(result, key=lambda pair: pair[0].name)
