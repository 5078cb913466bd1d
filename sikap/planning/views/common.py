"""Helpers shared by the SKP views."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sikap.accounts.http import AuthedRequest
from sikap.cycle.models import AppraisalYear, Period
from sikap.org.models import Unit
from sikap.planning import access
from sikap.planning.models import (
    Plan,
)


def flash_error(request: AuthedRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def current_year(day: dt.date) -> AppraisalYear | None:
    return AppraisalYear.objects.filter(year=day.year).first()


def plan_periods(plan: Plan) -> list[Period]:
    return [
        p
        for p in Period.objects.filter(appraisal_year=plan.appraisal_year)
        .for_jenis(plan.employee.jenis_asn)
        # The final last; before it, in time (a monthly year's PPPK Paruh Waktu quarters).
        .order_by("is_final", "start_date", "number")
        if p.end_date >= plan.start_date and p.start_date <= plan.end_date
    ]


def chosen_period(request: AuthedRequest, periods: list[Period]) -> Period | None:
    today = timezone.localdate()
    wanted = request.GET.get("periode") or request.POST.get("periode")
    for period in periods:
        if wanted and str(period.pk) == wanted:
            return period
    for period in periods:
        if period.start_date <= today <= period.end_date:
            return period
    return periods[-1] if periods else None


def url_for(name: str, *args: Any) -> str:
    return reverse(name, args=args)


def unit_for(request: AuthedRequest, pk: int) -> Unit:
    return access.get_unit_for_user(request.user, pk)
