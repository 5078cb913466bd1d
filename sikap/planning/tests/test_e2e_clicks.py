"""In the browser, counting clicks: a pegawai writes and submits a typical SKP (3 RHK x 3 IKI),
a penilai approves 5 submitted SKP of the team (issue 10, item 13).

How clicks are counted: every click on a link, button or checkbox, and every Enter that
submits a form, counts one; typing into a field and choosing in a drop-down list count as
filling in, not as clicks. Signing in is not counted. The figures are printed; with the flows
before this change they were 28 (SKP) and 8 (approval).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import screenshot
from sikap.org.testing import PASSWORD, make_employee, make_personas
from sikap.planning.models import Plan, PlanStatus
from sikap.planning.services import plans
from sikap.planning.testing import make_plan, make_year

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 768}
KASI_RHK = (
    "Tersusunnya laporan pemerintahan kelurahan",
    "Terlaksananya pelayanan administrasi kependudukan",
    "Terkelolanya data kewilayahan kelurahan",
)
ROWS = (
    ("Jumlah dokumen {}", "12", "Dokumen"),
    ("Persentase kelengkapan {}", "100", "%"),
    ("Ketepatan waktu {}", "12", "Bulan"),
)


class Clicks:
    """The page, with every click counted (see the module docstring for the rule)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.count = 0

    def click(self, selector: str) -> None:
        self.page.click(selector)
        self.count += 1


def _chain(today: Any) -> Any:
    """The personas with approved SKP of camat, lurah and Kasi (three RHK) this year."""
    personas = make_personas()
    year = make_year(today.year)
    target = plans.add_organisation_target(
        unit=personas.kecamatan,
        appraisal_year=year,
        by=None,
        sasaran="Meningkatnya kualitas pelayanan publik",
        indikator="IKM",
        target="85",
    )
    camat = make_plan(personas.camat, organisation_target=target, today=today).work_results.get()
    lurah = make_plan(personas.lurah, intervenes=camat, today=today).work_results.get()
    kasi = make_plan(personas.penilai, texts=KASI_RHK, intervenes=lurah, today=today)
    return personas, list(kasi.work_results.order_by("order"))


def _sign_in(page: Any, username: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + reverse("accounts:home"))


def _both_widths(page: Any, name: str) -> None:
    page.set_viewport_size(PHONE)
    screenshot(page, f"{name}-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"{name}-desktop")


def test_a_pegawai_writes_and_submits_an_skp_of_3_rhk_with_3_iki_in_20_clicks(live_page):
    today = timezone.localdate()
    personas, leader_rhk = _chain(today)
    page = live_page
    _sign_in(page, "pegawai")
    clicks = Clicks(page)

    clicks.click(f"a[href='{reverse('planning:mine')}']:visible >> nth=0")
    clicks.click(f"a[href='{reverse('planning:create')}']")
    clicks.click("form.card button[type=submit]")
    page.wait_for_url("**/skp/*/")
    plan = Plan.objects.get(employee=personas.pegawai)
    create_url = reverse("planning:work_result_create", args=[plan.pk])
    clicks.click(f"a[href='{create_url}?c=UTAMA'] >> nth=0")
    for number, leader in enumerate(leader_rhk, start=1):
        page.wait_for_selector("#id_iki-2-text")
        page.fill("#id_text", f"RHK {number}: dukungan untuk {leader.text.lower()}")
        page.select_option("#id_intervenes", str(leader.pk))
        for row, (text, value, unit) in enumerate(ROWS):
            page.fill(f"#id_iki-{row}-text", text.format(number))
            page.fill(f"#id_iki-{row}-target_value", value)
            page.fill(f"#id_iki-{row}-target_unit", unit)
        if number == 1:
            _both_widths(page, "planning-rhk-form-with-indicators")
        if number < len(leader_rhk):
            with page.expect_navigation():
                clicks.click("button[name=next]")
            assert page.locator(".alert-success").count() == 1
        else:
            clicks.click("form.card button[type=submit]:not([name])")
            page.wait_for_url(f"**{reverse('planning:plan', args=[plan.pk])}")
    submit_url = reverse("planning:submit", args=[plan.pk])
    clicks.click(f"a[href='{submit_url}']")
    page.wait_for_selector(f"form[action='{submit_url}']")
    _both_widths(page, "planning-submit-confirm")
    clicks.click(f"form[action='{submit_url}'] button[type=submit]")
    page.wait_for_selector(".alert-success")

    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    results = list(plan.work_results.order_by("order").prefetch_related("indicators"))
    assert [r.intervenes_id for r in results] == [r.pk for r in leader_rhk]
    for result in results:
        assert [(i.aspect, i.target_unit) for i in result.indicators.all()] == [
            ("kuantitas", "Dokumen"),
            ("kualitas", "%"),
            ("waktu", "Bulan"),
        ]
    _both_widths(page, "planning-plan-submitted")
    print(f"clicks to write and submit an SKP of 3 RHK x 3 IKI: {clicks.count}")
    assert clicks.count <= 20, clicks.count


def test_a_penilai_approves_five_skp_in_eight_clicks(live_page):
    today = timezone.localdate()
    personas, leader_rhk = _chain(today)
    waiting = []
    for i in range(5):
        staff = make_employee(personas.pegawai.position, f"Staf {i + 1}")
        draft = make_plan(staff, intervenes=leader_rhk[0], approve=False, today=today)
        waiting.append(plans.submit_plan(plan=draft, by=None, today=today))
    page = live_page
    _sign_in(page, "penilai")
    clicks = Clicks(page)

    clicks.click(f"a[href='{reverse('planning:team')}']:visible >> nth=0")
    page.wait_for_url(f"**{reverse('planning:team')}")
    _both_widths(page, "planning-team-approve-all")
    clicks.click("button[form=bulk-approve][name=all]")
    page.wait_for_selector("text=Ya, setujui")
    # The confirmation lists each SKP with a link, so the penilai can open any of them first.
    for plan in waiting:
        assert page.locator(f"a[href='{reverse('planning:plan', args=[plan.pk])}']").count() == 1
    _both_widths(page, "planning-team-approve-confirm")
    clicks.click("text=Ya, setujui")
    page.wait_for_url(f"**{reverse('planning:team')}")

    assert (
        Plan.objects.filter(pk__in=[p.pk for p in waiting], status=PlanStatus.APPROVED).count() == 5
    )
    print(f"clicks to approve 5 SKP: {clicks.count}")
    assert clicks.count <= 8, clicks.count
