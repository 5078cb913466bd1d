"""In the browser: two desk services become drafts, confirmed on a phone with one by hand; the
week is submitted and the penilai approves it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import screenshot
from sikap.org.testing import PASSWORD, make_personas
from sikap.surveys.testing import make_record, make_service_type
from sikap.worklog.models import Entry

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1366, "height": 768}


def _sign_in(page, username):
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + reverse("accounts:home"))


def test_drafts_confirmed_on_a_phone_and_the_week_approved(live_page):
    personas = make_personas()
    unit = personas.pegawai.unit
    kind = make_service_type(unit)
    make_record(unit, kind, [personas.pegawai])
    make_record(unit, make_service_type(unit, "Surat Pengantar SKCK"), [personas.pegawai])
    assert Entry.objects.filter(confirmed=False).count() == 2
    page = live_page
    page.set_viewport_size(PHONE)
    _sign_in(page, "pegawai")
    page.goto(page.base_url + reverse("worklog:mine"))
    screenshot(page, "worklog-week-drafts-phone")
    for _n in range(2):
        page.click("button:has-text('Konfirmasi') >> nth=0")
        page.wait_for_selector("text=Entri dikonfirmasi.")
    page.fill("#id_activity", "Rapat koordinasi pelayanan")
    page.fill("#id_start_time", "13:00")
    page.fill("#id_end_time", "14:00")
    page.click("button:has-text('Tambah') >> nth=-1")
    page.wait_for_selector("text=Entri ditambahkan.")
    page.click("button:has-text('Ajukan minggu ini')")
    page.wait_for_selector("text=3 entri diajukan.")
    screenshot(page, "worklog-week-submitted-phone")
    assert Entry.objects.filter(status="diajukan").count() == 3
    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    _sign_in(page, "penilai")
    page.goto(page.base_url + reverse("worklog:week", args=[personas.pegawai.pk]))
    page.click("button:has-text('Setujui minggu ini')")
    page.wait_for_selector("text=3 entri diputuskan.")
    screenshot(page, "worklog-week-approved-desktop")
    assert Entry.objects.filter(status="disetujui").count() == 3
