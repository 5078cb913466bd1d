from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import screenshot
from sikap.development import services
from sikap.development.testing import invite, make_event
from sikap.org.testing import PASSWORD, make_personas

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = (("phone", {"width": 390, "height": 844}), ("desktop", {"width": 1366, "height": 768}))


def _login(page, username):
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")


def test_an_employee_answers_a_survey_and_hr_marks_attendance(live_page, context):
    personas = make_personas()
    today = dt.date.today()
    event = make_event(
        personas.kecamatan,
        name="Bimtek Pelayanan Prima",
        jenis=8,
        jp=16,
        start=today - dt.timedelta(days=3),
    )
    invite(event, personas.pegawai)
    [absent] = invite(event, personas.peer, attended=False)
    invite(make_event(personas.kecamatan, start=today - dt.timedelta(days=30)), personas.peer)
    for name, level in (("Integritas", 1), ("Komunikasi", 2), ("Pelayanan Publik", 1)):
        services.set_required_competency(
            position=personas.pegawai.position, competency=name, level=level, by=None
        )
    services.record_assessment(
        employee=personas.pegawai,
        competency="Integritas",
        level=1,
        date=today,
        source="self",
        by=None,
    )
    page = live_page
    _login(page, "pegawai")
    for name, size in SIZES:
        page.set_viewport_size(size)
        page.goto(page.base_url + reverse("development:mine"))
        assert page.locator("h1").inner_text() == "Pengembangan saya"
        assert page.get_by_text("kurang 4 JP").is_visible()
        screenshot(page, f"development-mine-{name}")
    page.get_by_role("link", name="Bimtek Pelayanan Prima").first.click()
    for label in ("relevance", "usefulness", "would_apply"):
        page.locator(f"input[name={label}][value='4']").check()
    page.get_by_role("button", name="Kirim").click()
    page.wait_for_url("**/pengembangan/")
    assert page.get_by_text("Terima kasih atas jawaban Anda.").is_visible()
    page.get_by_role("link", name="IDP saya").click()
    page.fill("#id_target_jp", "8")
    page.select_option("#id_jenis_diklat", "8")
    page.get_by_role("button", name="Tambah", exact=True).click()
    page.get_by_text("Baris ditambahkan ke IDP.").wait_for()
    page.set_viewport_size(SIZES[0][1])
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "development-idp-phone")

    page.context.clear_cookies()
    _login(page, "hr")
    page.goto(page.base_url + reverse("development:event", args=[event.pk]))
    row = page.locator(f"#participant-{absent.pk}")
    row.get_by_role("button", name="Tandai hadir").click()
    page.locator(f"#participant-{absent.pk}").get_by_role(
        "button", name="Hadir", exact=True
    ).wait_for()
    absent.refresh_from_db()
    assert absent.attended
    for name, size in SIZES:
        page.set_viewport_size(size)
        page.goto(page.base_url + reverse("development:recap"))
        assert page.get_by_text("Rudi Hartono").first.is_visible()
        screenshot(page, f"development-recap-{name}")
        page.goto(page.base_url + reverse("development:event", args=[event.pk]))
        screenshot(page, f"development-event-{name}")
        page.goto(page.base_url + reverse("development:events"))
        screenshot(page, f"development-events-{name}")
    page.goto(page.base_url + reverse("development:standards"))
    page.get_by_role("button", name="Isi level yang belum ada dari nilai bawaan").click()
    assert page.get_by_text("level ditambahkan").is_visible()
    screenshot(page, "development-standards-desktop")
