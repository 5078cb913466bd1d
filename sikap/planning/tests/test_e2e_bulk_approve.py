"""In the browser: a penilai approves 5 submitted SKP from Tim saya, counting the clicks."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import screenshot
from sikap.org.testing import PASSWORD, make_employee, make_personas
from sikap.planning.models import Plan, PlanStatus
from sikap.planning.services import plans
from sikap.planning.testing import make_plan, make_year

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1366, "height": 768}


def test_a_penilai_approves_five_skp_in_eight_clicks(live_page):
    today = timezone.localdate()
    personas = make_personas()
    year = make_year(today.year)
    target = plans.add_organisation_target(
        unit=personas.kecamatan, appraisal_year=year, by=None,
        sasaran="Meningkatnya kualitas pelayanan publik", indikator="IKM", target="85",
    )  # fmt: skip
    camat = make_plan(personas.camat, organisation_target=target, today=today).work_results.get()
    lurah = make_plan(personas.lurah, intervenes=camat, today=today).work_results.get()
    kasi = make_plan(personas.penilai, intervenes=lurah, today=today).work_results.get()
    waiting = []
    for i in range(5):
        staff = make_employee(personas.pegawai.position, f"Staf {i + 1}")
        draft = make_plan(staff, intervenes=kasi, approve=False, today=today)
        waiting.append(plans.submit_plan(plan=draft, by=None, today=today))
    page = live_page
    page.set_viewport_size(DESKTOP)
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", "penilai")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + reverse("accounts:home"))

    clicks = 0
    page.click(f"a[href='{reverse('planning:team')}']:visible >> nth=0")
    clicks += 1
    page.wait_for_url(f"**{reverse('planning:team')}")
    for plan in waiting:
        page.check(f"#approve-{plan.pk}")
        clicks += 1
    screenshot(page, "planning-team-bulk-approve")
    page.click("button[form=bulk-approve]")
    clicks += 1
    page.wait_for_selector("text=Ya, setujui")
    page.click("text=Ya, setujui")
    clicks += 1
    page.wait_for_url(f"**{reverse('planning:team')}")
    assert clicks <= 8, clicks
    assert (
        Plan.objects.filter(pk__in=[p.pk for p in waiting], status=PlanStatus.APPROVED).count() == 5
    )
    print(f"clicks to approve 5 SKP: {clicks}")
