"""Shared helpers of the development pages."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from sikap.accounts.http import AuthedRequest
from sikap.development import rules, selectors
from sikap.development.models import (
    DevelopmentPlan,
    OwnActivity,
    Participant,
)
from sikap.org.models import Employee


def selected_year(request: AuthedRequest) -> int:
    raw = request.GET.get("year", "")
    today = timezone.localdate()
    if raw.isdigit() and 2000 <= int(raw) <= today.year + 1:
        return int(raw)
    return today.year


def development_context(employee: Employee, year: int, today: dt.date) -> dict[str, object]:
    """Everything on one employee's development page (a fixed number of queries)."""
    row = selectors.jp_rows([employee], year)[0]
    participations = list(
        Participant.objects.filter(employee=employee, event__end_date__year=year)
        .select_related("event", "reaction")
        .order_by("-event__start_date")
    )
    activities = list(OwnActivity.objects.filter(employee=employee, end_date__year=year))
    pending_surveys = [
        p
        for p in participations
        if p.attended and p.event.start_date <= today and not hasattr(p, "reaction")
    ]
    plan = (
        DevelopmentPlan.objects.filter(employee=employee, year=year)
        .select_related("agreed_by")
        .first()
    )
    items = list(plan.items.all()) if plan else []
    return {
        "employee": employee,
        "year": year,
        "row": row,
        "pppk_max": rules.PPPK_MAX_JP if employee.is_pppk else None,
        "gaps": selectors.gap_rows(employee),
        "participations": participations,
        "activities": activities,
        "pending_surveys": pending_surveys,
        "plan": plan,
        "plan_items": items,
        "years": range(today.year, today.year - 4, -1),
    }
