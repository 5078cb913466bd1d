"""In the browser: the demo pegawai fills the realisation table on a 360 px phone, measured."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from sikap.lib.samplefiles import pdf_bytes
from sikap.planning.models import Evidence, Plan, Realisation

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 768}
SHOTS = Path(tempfile.gettempdir()) / "shots-realtable"  # where the issue asks for them
BEFORE = 5986  # document.body.scrollHeight of the card-per-indicator page (main, demo data)


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_demo_pegawai_fills_the_table_on_a_phone(live_page, tmp_path):
    call_command("load_demo", stdout=io.StringIO(), quiet_logins=True)
    page = live_page
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", "pegawai")
    page.fill("#id_password", settings.SIKAP_DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    plan = Plan.objects.current().get(employee__user__username="pegawai")
    page.goto(page.base_url + reverse("planning:realisation", args=[plan.pk]))
    height = page.evaluate("document.body.scrollHeight")
    print(f"realisation page at 360x740: {height} px")
    assert height < BEFORE / 2
    _shot(page, "realisation-phone")
    rows = page.locator("#realisation-table tbody tr[id^=i]")
    assert rows.count() >= 2
    first_id = rows.nth(0).get_attribute("id")
    page.fill("#id_r-0-value", "3")
    page.fill("#id_r-0-note", "Dua laporan dan satu rekap")
    page.click(f"#{first_id} summary")
    evidence_file = tmp_path / "laporan-bulanan.pdf"
    evidence_file.write_bytes(pdf_bytes())
    page.set_input_files("#id_r-0-file", str(evidence_file))
    page.fill("#id_r-1-value", "1.234")  # the browser lets it through; the server refuses it
    page.click("#realisation-table > button.btn-primary")
    page.wait_for_selector("#table-errors")
    assert "Baris 2" in page.inner_text("#table-errors")
    assert not Realisation.objects.filter(
        indicator__work_result__plan=plan, note__startswith="Dua"
    ).exists()
    _shot(page, "realisation-error-phone")
    page.fill("#id_r-1-value", "2")
    page.set_input_files("#id_r-0-file", str(evidence_file))
    page.click("#realisation-table > button.btn-primary")
    page.wait_for_selector(".alert-success")
    assert "2 baris berubah" in page.inner_text(".alert-success")
    assert Evidence.objects.filter(original_name="laporan-bulanan.pdf").count() == 1
    assert page.input_value("#id_r-0-value") in ("3", "3.00", "3,00")
    page.click("#realisation-table > button.btn-primary")
    page.wait_for_selector(".alert-info")
    assert "Tidak ada perubahan" in page.inner_text(".alert-info")
    _shot(page, "realisation-saved-phone")
    page.set_viewport_size(DESKTOP)
    _shot(page, "realisation-desktop")
