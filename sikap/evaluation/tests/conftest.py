from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sikap.evaluation.models import AppraisalYear
from sikap.evaluation.services import setup_appraisal_year


@pytest.fixture
def year2026(db: Any) -> AppraisalYear:
    return setup_appraisal_year(year=2026, period_kind="triwulanan", by=None)


@pytest.fixture
def today() -> dt.date:
    return dt.date(2026, 11, 27)
