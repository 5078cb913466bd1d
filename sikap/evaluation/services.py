"""Changes of state in the evaluation domain; every function is atomic and names its actor."""

from __future__ import annotations

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sikap.accounts.models import User
from sikap.evaluation.models import AppraisalYear, Period
from sikap.evaluation.rules import PeriodKind, periodic_periods

DEFAULT_DEADLINE_DAYS = 10


@transaction.atomic
def setup_appraisal_year(
    *, year: int, period_kind: str, by: User | None, plan_deadline: dt.date | None = None
) -> AppraisalYear:
    """Create an appraisal year with its periods; each deadline defaults to 10 days after its end."""
    if AppraisalYear.objects.filter(year=year).exists():
        raise ValidationError({"year": f"Tahun penilaian {year} sudah ada."})
    appraisal_year = AppraisalYear(
        year=year, period_kind=period_kind, plan_deadline=plan_deadline or dt.date(year, 1, 31)
    )
    appraisal_year._history_user = by  # type: ignore[attr-defined]
    appraisal_year.save()
    specs = periodic_periods(year, PeriodKind(period_kind))
    for number, spec in enumerate(specs, start=1):
        end = dt.date(year, spec.end_month, calendar.monthrange(year, spec.end_month)[1])
        period = Period(
            appraisal_year=appraisal_year, number=number, name=spec.label,
            start_date=dt.date(year, spec.start_month, 1), end_date=end,
            deadline=end + dt.timedelta(days=DEFAULT_DEADLINE_DAYS), is_final=number == len(specs),
        )  # fmt: skip
        period._history_user = by  # type: ignore[attr-defined]
        period.save()
    return appraisal_year
