from __future__ import annotations

from typing import Any

import pytest

from sikap.cycle.models import AppraisalYear
from sikap.cycle.services import setup_appraisal_year


@pytest.fixture
def year2026(db: Any) -> AppraisalYear:
    return setup_appraisal_year(year=2026, period_kind="triwulanan", by=None)
