"""Objective evidence for SKP and evaluation pages: how each employee handled assigned complaints.

Shown next to the appraisal as evidence, never turned into a rating automatically.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from sikap.complaints import metrics


@dataclass(frozen=True)
class ComplaintEvidence:
    handled: int
    closed: int
    closed_on_time: int
    overdue: int
    on_time_rate: Decimal | None
    median_days_to_answer: Decimal | None
    mean_rating: Decimal | None


EMPTY = ComplaintEvidence(0, 0, 0, 0, None, None, None)


def complaint_evidence(
    employee_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, ComplaintEvidence]:
    """Evidence per employee over complaints registered in [start, end] and assigned to them.

    One query whatever the number of employees; open complaints past their deadline (as of
    today) count against the on-time rate.
    """
    if not employee_ids:
        return {}
    today = timezone.localdate()
    rows = metrics.rows_for(
        metrics.period_queryset(start, end).filter(assignee_id__in=employee_ids)
    )
    grouped: dict[int, list[dict]] = {pk: [] for pk in employee_ids}
    for row in rows:
        grouped[row["assignee_id"]].append(row)
    result: dict[int, ComplaintEvidence] = {}
    for pk, items in grouped.items():
        if not items:
            result[pk] = EMPTY
            continue
        s = metrics.summarise(items, today)
        result[pk] = ComplaintEvidence(
            handled=s.total,
            closed=s.closed,
            closed_on_time=s.closed_on_time,
            overdue=s.open_overdue,
            on_time_rate=s.on_time_rate,
            median_days_to_answer=s.median_answer,
            mean_rating=s.mean_rating,
        )
    return result
