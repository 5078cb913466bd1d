"""Demo data of the appraisal calendar."""

from __future__ import annotations

import datetime as dt

from sikap.cycle.models import AppraisalYear, PeriodKindChoices
from sikap.cycle.services import setup_appraisal_year


def load(*, today: dt.date) -> bool:
    """The current appraisal year with quarterly periods (created once)."""
    if AppraisalYear.objects.filter(year=today.year).exists():
        return False
    setup_appraisal_year(year=today.year, period_kind=PeriodKindChoices.TRIWULANAN, by=None)
    return True
