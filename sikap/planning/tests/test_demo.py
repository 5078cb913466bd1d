from __future__ import annotations

import datetime as dt

from sikap.cycle import demo as cycle_demo
from sikap.org import demo as org_demo
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee
from sikap.planning import demo
from sikap.planning.models import Evidence, Feedback, Plan, Realisation, WorkResult

TODAY = dt.date(2026, 11, 27)


def test_demo_gives_everyone_an_approved_cascaded_skp(db, settings, tmp_path):
    assert not demo.load(today=TODAY)  # nothing to build on yet
    org_demo.load(today=TODAY)
    cycle_demo.load(today=TODAY)
    assert demo.load(today=TODAY)
    assert not demo.load(today=TODAY)
    camat = Employee.objects.get(user__username="camat")
    plans = Plan.objects.filter(appraisal_year__year=2026)
    active = Employee.objects.filter(
        is_active=True, unit__path__startswith=camat.unit.path
    ).exclude(jenis_asn="NON_ASN")
    assert set(plans.values_list("employee_id", flat=True)) == set(
        active.values_list("pk", flat=True)
    )
    assert not plans.exclude(status="approved").exists()
    chart = OrgChart(TODAY)
    for result in WorkResult.objects.filter(category="UTAMA").select_related(
        "plan__employee", "intervenes__plan"
    ):
        if result.plan.employee_id == camat.pk:
            assert result.organisation_target_id is not None
            continue
        holder = chart.penilai_of(result.plan.employee)
        assert result.intervenes.plan.employee_id == holder.employee.pk
    # Past periods (Triwulan I-III) have realisation, evidence and feedback.
    assert set(Realisation.objects.values_list("period__number", flat=True)) == {1, 2, 3}
    assert Evidence.objects.exclude(link="").count() >= plans.count()
    pdf = Evidence.objects.exclude(file="").first()
    assert pdf.file.open("rb").read(5) == b"%PDF-"
    assert Feedback.objects.filter(period__number=3).exists()
