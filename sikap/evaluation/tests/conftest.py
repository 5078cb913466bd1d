from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sikap.cycle.models import AppraisalYear
from sikap.cycle.services import setup_appraisal_year
from sikap.planning.testing import make_plan


@pytest.fixture
def year2026(db: Any) -> AppraisalYear:
    return setup_appraisal_year(year=2026, period_kind="triwulanan", by=None)


@pytest.fixture
def today() -> dt.date:
    return dt.date(2026, 11, 27)


@pytest.fixture
def plans(personas, year2026):
    """SKP for the whole persona office with its real chain of penilai and atasan."""
    p = personas
    return {
        "pegawai": make_plan(p.pegawai, year2026, penilai=p.penilai, atasan=p.lurah),
        "peer": make_plan(p.peer, year2026, penilai=p.penilai, atasan=p.lurah),
        "penilai": make_plan(p.penilai, year2026, penilai=p.lurah, atasan=p.camat),
        "lurah": make_plan(p.lurah, year2026, penilai=p.camat),
        "hr": make_plan(p.hr, year2026, penilai=p.camat),
        "camat": make_plan(p.camat, year2026, penilai=None),
    }


@pytest.fixture
def q1(year2026):
    return year2026.periods.get(number=1)
