"""Demo data of the evaluation domain."""

from __future__ import annotations

import datetime as dt

from sikap.evaluation.models import AppraisalYear, PeriodKindChoices
from sikap.evaluation.services import setup_appraisal_year


def load_periods(*, today: dt.date) -> bool:
    """The current appraisal year with quarterly periods (created once)."""
    if AppraisalYear.objects.filter(year=today.year).exists():
        return False
    setup_appraisal_year(year=today.year, period_kind=PeriodKindChoices.TRIWULANAN, by=None)
    return True
