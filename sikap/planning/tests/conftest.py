"""Fixtures of the planning tests: an appraisal year and approved leader plans."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from sikap.cycle.models import AppraisalYear, PeriodKindChoices
from sikap.cycle.services import setup_appraisal_year
from sikap.org.models import Employee
from sikap.planning.models import Category, OrganisationTarget, Plan, WorkResult
from sikap.planning.services import plans as plan_services

DAY = dt.date(2026, 2, 10)


def make_year(year: int = 2026) -> AppraisalYear:
    existing = AppraisalYear.objects.filter(year=year).first()
    if existing is not None:
        return existing
    return setup_appraisal_year(year=year, period_kind=PeriodKindChoices.TRIWULANAN, by=None)


def make_plan(
    employee: Employee, *, texts: tuple[str, ...] = ("RHK contoh",),
    intervenes: WorkResult | None = None, organisation_target: OrganisationTarget | None = None,
    approve: bool = True, today: dt.date = DAY,
) -> Plan:  # fmt: skip
    year = make_year(today.year)
    plan = plan_services.create_plan(employee=employee, appraisal_year=year, by=None, today=today)
    for text in texts:
        result = plan_services.add_work_result(
            plan=plan, by=None, text=text, category=Category.UTAMA, intervenes=intervenes,
            organisation_target=organisation_target, today=today,
        )  # fmt: skip
        plan_services.add_indicator(
            work_result=result, by=None, aspect="kuantitas", text=f"Jumlah {text}",
            target_value=Decimal("12"), target_unit="Dokumen",
        )  # fmt: skip
    if approve and plan.penilai is None:
        # The top of the personas' chain has no penilai: approve it directly.
        now = timezone.now()
        Plan.objects.filter(pk=plan.pk).update(status="approved", submitted_at=now, approved_at=now)
        plan.refresh_from_db()
    elif approve:
        plan_services.submit_plan(plan=plan, by=None, today=today)
        plan_services.approve_plan(plan=plan, by=None)
    return plan


@pytest.fixture
def year(db: Any) -> AppraisalYear:
    return make_year()


@pytest.fixture
def chain(personas: Any, year: AppraisalYear) -> Any:
    """Approved plans of camat (org target), lurah and penilai (Kasi), cascaded."""
    target = plan_services.add_organisation_target(
        unit=personas.kecamatan, appraisal_year=year, by=None,
        sasaran="Meningkatnya kualitas pelayanan publik kecamatan",
        indikator="Indeks Kepuasan Masyarakat", target="85",
    )  # fmt: skip
    camat_plan = make_plan(
        personas.camat, texts=("Terwujudnya pelayanan publik prima",), organisation_target=target
    )
    camat_rhk = camat_plan.work_results.get()
    lurah_plan = make_plan(
        personas.lurah, texts=("Meningkatnya pelayanan kelurahan",), intervenes=camat_rhk
    )
    lurah_rhk = lurah_plan.work_results.get()
    kasi_plan = make_plan(
        personas.penilai, texts=("Tersusunnya laporan pemerintahan kelurahan",),
        intervenes=lurah_rhk,
    )  # fmt: skip

    class Chain:
        pass

    c = Chain()
    c.target = target
    c.camat_plan, c.camat_rhk = camat_plan, camat_rhk
    c.lurah_plan, c.lurah_rhk = lurah_plan, lurah_rhk
    c.kasi_plan, c.kasi_rhk = kasi_plan, kasi_plan.work_results.get()
    return c
