"""Browser journey on a phone: a citizen files a complaint, staff handle it, the citizen rates it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from conftest import screenshot
from sikap.complaints.models import Complaint
from sikap.org.testing import PASSWORD, make_personas

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


def sign_in(page, username: str) -> None:
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + reverse("accounts:home"))


def test_a_citizen_files_staff_answer_and_the_citizen_rates(live_page):
    cache.clear()
    personas = make_personas()
    page = live_page
    page.set_viewport_size(PHONE)
    # The citizen files a complaint without logging in.
    page.goto(page.base_url + reverse("complaints:public_form"))
    page.select_option("#id_unit", label="Kelurahan Plaju Ulu")
    page.fill("#id_subject", "Lampu jalan mati")
    page.fill("#id_text", "Lampu jalan di Lorong Ikhlas mati sejak seminggu.")
    page.fill("#id_reporter_name", "Bambang Sutrisno")
    page.fill("#id_reporter_phone", "081234567890")
    screenshot(page, "complaints-form-phone")
    page.locator("button[type=submit]", has_text="Kirim").click()
    page.wait_for_url("**/pengaduan/lacak/*/")
    code = page.locator("#tracking-code").inner_text().strip()
    complaint = Complaint.objects.get()
    assert code == complaint.tracking_code
    assert code in page.locator(".alert-success").inner_text()
    screenshot(page, "complaints-status-registered-phone")
    status_url = page.url
    # The lurah verifies and assigns; the pegawai answers.
    sign_in(page, "lurah")
    page.goto(page.base_url + reverse("complaints:inbox"))
    page.locator("a", has_text=code).click()
    assert "Bambang Sutrisno" in page.locator("#reporter").inner_text()
    page.select_option("#id_verify-complaint_class", "ringan")
    page.fill("#id_verify-note", "Laporan diterima dan diteruskan ke petugas.")
    page.locator("#action-verify button[type=submit]").click()
    page.wait_for_selector(".alert-success")
    page.select_option("#id_assign-assignee", str(personas.pegawai.pk))
    page.locator("#action-assign button[type=submit]").click()
    page.wait_for_selector(".alert-success")
    screenshot(page, "complaints-detail-assigned-phone")
    page.context.clear_cookies()
    sign_in(page, "pegawai")
    page.goto(page.base_url + reverse("complaints:inbox") + "?mine=1")
    screenshot(page, "complaints-inbox-phone")
    page.locator("a", has_text=code).click()
    page.fill("#id_start-note", "Petugas meninjau lokasi hari ini.")
    page.locator("#action-start button[type=submit]").click()
    page.wait_for_selector(".alert-success")
    page.fill("#id_answer-text", "Lampu sudah diganti bersama petugas PJU. Terima kasih.")
    page.locator("#action-answer button[type=submit]").click()
    page.wait_for_selector(".alert-success")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "complaints-detail-answered-desktop")
    page.goto(page.base_url + reverse("complaints:inbox"))
    screenshot(page, "complaints-inbox-desktop")
    # The citizen reads the answer and rates the handling.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(status_url)
    assert "Lampu sudah diganti" in page.locator("#answer-text").inner_text()
    html = page.content()
    assert "Bambang Sutrisno" not in html and "081234567890" not in html
    page.locator("label[for=id_score_4]").click()
    page.fill("#id_comment", "Cepat ditangani.")
    page.locator("button", has_text="Kirim penilaian").click()
    page.wait_for_selector(".alert-success")
    screenshot(page, "complaints-status-rated-phone")
    complaint.refresh_from_db()
    assert complaint.rating.score == 5
    page.set_viewport_size(DESKTOP)
    screenshot(page, "complaints-status-desktop")
