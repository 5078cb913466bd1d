"""Plain factories of SKP data for tests of every app (fixed values, no randomness)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from sikap.cycle.models import AppraisalYear, PeriodKindChoices
from sikap.cycle.services import setup_appraisal_year
from sikap.org.models import Employee
from sikap.planning.models import Category, Indicator, OrganisationTarget, Plan, WorkResult
from sikap.planning.services import plans

# The indicator rows of the RHK form posted empty (its management form), for tests posting an RHK.
NO_ROWS = {"iki-TOTAL_FORMS": "0", "iki-INITIAL_FORMS": "0"}
DAY = dt.date(2026, 2, 10)


class _FromChart:
    """The penilai and atasan the organisation chart gives (the default)."""


CHART = _FromChart()


def make_year(year: int = 2026) -> AppraisalYear:
    """The appraisal year (quarterly periods), set up once."""
    existing = AppraisalYear.objects.filter(year=year).first()
    if existing is not None:
        return existing
    return setup_appraisal_year(year=year, period_kind=PeriodKindChoices.TRIWULANAN, by=None)


def make_plan(
    employee: Employee,
    year: AppraisalYear | None = None,
    *,
    texts: tuple[str, ...] = ("RHK contoh",),
    intervenes: WorkResult | None = None,
    organisation_target: OrganisationTarget | None = None,
    approve: bool = True,
    today: dt.date = DAY,
    penilai: Employee | _FromChart | None = CHART,
    atasan: Employee | None = None,
    rhk: int = 1,
) -> Plan:
    """An SKP, approved unless asked otherwise.

    By default it is made through the services, as the employee would: the chart gives the
    penilai, each text becomes an RHK Utama with one indicator. Given a ``penilai`` (or None),
    it is stored approved for the whole year with that chain and ``rhk`` RHK Tambahan, for
    tests that need a chain the chart does not give.
    """
    if not isinstance(penilai, _FromChart):
        return _stored_plan(employee, year or make_year(today.year), penilai, atasan, rhk)
    plan = plans.create_plan(
        employee=employee, appraisal_year=year or make_year(today.year), by=None, today=today
    )
    for text in texts:
        result = plans.add_work_result(
            plan=plan,
            by=None,
            text=text,
            category=Category.UTAMA,
            intervenes=intervenes,
            organisation_target=organisation_target,
            today=today,
        )
        plans.add_indicator(
            work_result=result,
            by=None,
            aspect="kuantitas",
            text=f"Jumlah {text}",
            target_value=Decimal("12"),
            target_unit="Dokumen",
        )
    if approve and plan.penilai is None:
        # The top of the personas' chain has no penilai: approve it directly.
        now = timezone.now()
        Plan.objects.filter(pk=plan.pk).update(status="approved", submitted_at=now, approved_at=now)
        plan.refresh_from_db()
    elif approve:
        plans.submit_plan(plan=plan, by=None, today=today)
        plans.approve_plan(plan=plan, by=None)
    return plan


def _stored_plan(
    employee: Employee,
    year: AppraisalYear,
    penilai: Employee | None,
    atasan: Employee | None,
    rhk: int,
) -> Plan:
    now = timezone.now()
    plan = Plan.objects.create(
        employee=employee,
        appraisal_year=year,
        start_date=dt.date(year.year, 1, 1),
        end_date=dt.date(year.year, 12, 31),
        status="approved",
        submitted_at=now,
        approved_at=now,
        employee_name=employee.display_name,
        employee_nip=employee.nip,
        employee_golongan=employee.golongan_display,
        employee_position=employee.position.name if employee.position else "",
        employee_unit=employee.unit.name if employee.unit else "",
        penilai=penilai,
        penilai_name=penilai.display_name if penilai else "",
        penilai_nip=penilai.nip if penilai else "",
        penilai_position=penilai.position.name if penilai and penilai.position else "",
        penilai_unit=penilai.unit.name if penilai and penilai.unit else "",
        atasan=atasan,
        atasan_name=atasan.display_name if atasan else "",
        atasan_nip=atasan.nip if atasan else "",
        instansi="Pemerintah Kota Palembang",
    )
    for n in range(rhk):
        work_result = WorkResult.objects.create(
            plan=plan, category="TAMBAHAN", text=f"Laporan kegiatan {n + 1}", order=n
        )
        Indicator.objects.create(
            work_result=work_result, text="Jumlah laporan", target_value=10, target_unit="laporan"
        )
    return plan
