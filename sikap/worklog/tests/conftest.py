from __future__ import annotations

import datetime as dt

import pytest

from sikap.cycle.services import setup_appraisal_year
from sikap.planning.services import action_plans
from sikap.planning.testing import make_plan

DAY = dt.date(2026, 2, 10)  # a Tuesday in Triwulan I


@pytest.fixture
def rencana(personas, db):
    """The pegawai's approved SKP of 2026 with one rencana aksi in Triwulan I (satuan layanan)."""
    year = setup_appraisal_year(year=2026, period_kind="triwulanan", annual_final=True, by=None)
    plan = make_plan(personas.pegawai, year, penilai=personas.penilai)
    return action_plans.save_action_plan(
        work_result=plan.work_results.get(),
        period=year.periods.get(number=1),
        text="Melayani surat keterangan",
        target=30,
        satuan="layanan",
        by=None,
        today=DAY,
    )
