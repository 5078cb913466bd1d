from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sikap.cycle.models import AppraisalYear
from sikap.cycle.services import setup_appraisal_year


@pytest.fixture
def year2026(db: Any) -> AppraisalYear:
    return setup_appraisal_year(year=2026, period_kind="triwulanan", by=None)


@pytest.fixture
def today() -> dt.date:
    return dt.date(2026, 11, 27)


def make_plan(employee, year: AppraisalYear, *, penilai=None, atasan=None, rhk: int = 1):
    """An approved SKP with RHK Tambahan (no cascade link needed) and one numeric indicator each."""
    from django.utils import timezone

    from sikap.planning.models import Indicator, Plan, WorkResult

    plan = Plan.objects.create(
        employee=employee, appraisal_year=year, start_date=dt.date(year.year, 1, 1),
        end_date=dt.date(year.year, 12, 31), status="approved", submitted_at=timezone.now(),
        approved_at=timezone.now(), employee_name=employee.display_name,
        employee_nip=employee.nip, employee_golongan=employee.golongan_display,
        employee_position=employee.position.name if employee.position else "",
        employee_unit=employee.unit.name if employee.unit else "",
        penilai=penilai, penilai_name=penilai.display_name if penilai else "",
        penilai_nip=penilai.nip if penilai else "",
        penilai_position=penilai.position.name if penilai and penilai.position else "",
        penilai_unit=penilai.unit.name if penilai and penilai.unit else "",
        atasan=atasan, atasan_name=atasan.display_name if atasan else "",
        atasan_nip=atasan.nip if atasan else "", instansi="Pemerintah Kota Palembang",
    )  # fmt: skip
    for n in range(rhk):
        work_result = WorkResult.objects.create(
            plan=plan, category="TAMBAHAN", text=f"Laporan kegiatan {n + 1}", order=n
        )
        Indicator.objects.create(
            work_result=work_result, text="Jumlah laporan", target_value=10, target_unit="laporan"
        )
    return plan


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
        "camat": make_plan(p.camat, year2026),
    }


@pytest.fixture
def q1(year2026):
    return year2026.periods.get(number=1)
