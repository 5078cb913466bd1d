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


def _confirm_two_add_one_and_submit(page, activity, *, fill=(), select=()):
    """Confirm the two drafts, add one entry by hand (13:00–14:00), submit the week."""
    for _n in range(2):
        page.click("button:has-text('Konfirmasi') >> nth=0")
        page.wait_for_selector("text=Entri dikonfirmasi.")
    page.fill("#id_activity", activity)
    page.fill("#id_start_time", "13:00")
    page.fill("#id_end_time", "14:00")
    for selector, value in fill:
        page.fill(selector, value)
    for selector, value in select:
        page.select_option(selector, value)
    page.click("button:has-text('Tambah') >> nth=-1")
    page.wait_for_selector("text=Entri ditambahkan.")
    page.click("button:has-text('Ajukan minggu ini')")
    page.wait_for_selector("text=3 entri diajukan.")


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
    _confirm_two_add_one_and_submit(page, "Rapat koordinasi pelayanan")
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


def test_from_rencana_aksi_to_the_quarter_sum_and_the_ekinerja_excel(live_page, tmp_path):
    """Issue 13's journey: rencana aksi agreed, two desk services, drafts confirmed, one entry by
    hand on the phone, the week approved, the quarter's realisation shows the sum, the Excel for
    e-Kinerja has its columns in order."""
    import datetime as dt

    import time_machine
    from openpyxl import load_workbook

    from sikap.cycle.services import setup_appraisal_year
    from sikap.planning.testing import make_plan
    from sikap.worklog.rules import EKINERJA_COLUMNS

    personas = make_personas()
    year = setup_appraisal_year(year=2026, period_kind="triwulanan", annual_final=True, by=None)
    plan = make_plan(personas.pegawai, year, penilai=personas.penilai)
    quarter = year.periods.get(number=4)
    make_service_type(personas.kelurahan, "Surat Keterangan Domisili")
    make_service_type(personas.kelurahan, "Surat Pengantar SKCK")
    page = live_page
    # Tuesday 10 November 2026, 09:00 WIB, in Triwulan IV; the clock runs on.
    with time_machine.travel(dt.datetime(2026, 11, 10, 2, 0, tzinfo=dt.UTC), tick=True):
        page.set_viewport_size(PHONE)
        _sign_in(page, "pegawai")
        page.goto(page.base_url + reverse("planning:action_plans", args=[plan.pk]))
        page.select_option("#id_period", str(quarter.pk))
        page.fill("#id_text", "Melayani surat keterangan warga")
        page.fill("#id_target", "30")
        page.fill("#id_satuan", "layanan")
        page.select_option("#id_work_result", str(plan.work_results.get().pk))
        page.click("button:has-text('Tambah')")
        page.wait_for_selector("text=Rencana aksi ditambahkan.")
        screenshot(page, "worklog-journey-rencana-aksi-phone")
        for service in ("Surat Keterangan Domisili", "Surat Pengantar SKCK"):
            page.goto(page.base_url + reverse("surveys:counter"))
            page.click(f"label.answer:has-text('{service}')")
            page.check(f"input[name=officers][value='{personas.pegawai.pk}']")
            page.click("button:has-text('Simpan dan cetak tanda terima')")
            page.wait_for_load_state()
        assert Entry.objects.filter(employee=personas.pegawai, confirmed=False).count() == 2
        page.goto(page.base_url + reverse("worklog:mine"))
        assert page.locator("text=dari register layanan").count() == 2
        rencana = plan.work_results.get().action_plans.get()
        _confirm_two_add_one_and_submit(
            page,
            "Melayani legalisir surat di rumah warga lansia",
            fill=[("#id_realisation", "3"), ("#id_satuan", "layanan")],
            select=[("#id_action_plan", str(rencana.pk)), ("#id_location", "lokasi_lain")],
        )
        page.context.clear_cookies()
        page.set_viewport_size(DESKTOP)
        _sign_in(page, "penilai")
        page.goto(page.base_url + reverse("worklog:week", args=[personas.pegawai.pk]))
        page.click("button:has-text('Setujui minggu ini')")
        page.wait_for_selector("text=3 entri diputuskan.")
        page.context.clear_cookies()
        page.set_viewport_size(PHONE)
        _sign_in(page, "pegawai")
        page.goto(
            page.base_url
            + reverse("planning:realisation", args=[plan.pk])
            + f"?periode={quarter.pk}"
        )
        # 1 + 1 from the register and 3 by hand, all linked to the one rencana aksi of layanan.
        assert "Progres Harian disetujui: 5 layanan" in page.inner_text("#realisation-table")
        screenshot(page, "worklog-journey-quarter-sum-phone")
        page.goto(page.base_url + reverse("worklog:mine"))
        with page.expect_download() as download:
            page.click("a:has-text('Excel untuk e-Kinerja')")
        saved = tmp_path / "ekinerja.xlsx"
        download.value.save_as(saved)
    sheet = load_workbook(saved).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == EKINERJA_COLUMNS[0])
    assert list(header[: len(EKINERJA_COLUMNS)]) == list(EKINERJA_COLUMNS)
    body = rows[rows.index(header) + 1 :]
    assert sum(int(r[5]) for r in body if r and r[5] is not None) == 5
