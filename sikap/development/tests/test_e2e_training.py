"""In the browser: HR runs a workshop from invitation to certificate, staff register themselves,
check in on a 360 px phone through the QR's URL, and the certificate's QR says it is valid."""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from pypdf import PdfReader

from sikap.development.models import Participant, TrainingEvent
from sikap.org.models import Employee, Unit

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 768}
SHOTS = Path(tempfile.gettempdir()) / "shots-training"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for label, size in (("360", PHONE), ("1366", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)


def _login(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", settings.SIKAP_DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/masuk/kode/" in url or "/masuk/" not in url)
    if "/masuk/kode/" in page.url:  # HR signs in with a second step (the demo's TOTP)
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
        # A code is used once: a second sign-in in the same 30 s takes the next one (drift 1).
        ahead = max(0, device.last_t - totp.t() + 1)
        totp.time = time.time() + ahead * device.step
        page.fill("#id_code", f"{totp.token():06d}")
        page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/masuk/" not in url)


def test_a_workshop_from_invitation_to_a_verified_certificate(live_page):
    call_command("load_demo", stdout=io.StringIO(), quiet_logins=True)
    page = live_page
    today = dt.date.today()
    pegawai = Employee.objects.select_related("unit").get(user__username="pegawai")
    hr_unit = Employee.objects.get(user__username="kepegawaian").unit
    kecamatan = Unit.objects.filter(pk__in=hr_unit.ancestor_ids, kind="kecamatan").get()

    # HR creates a workshop open for registration, with a capacity.
    _login(page, "kepegawaian")
    page.set_viewport_size(DESKTOP)
    page.goto(page.base_url + reverse("development:event_create"))
    page.fill("#id_name", "Workshop Penulisan Laporan Kinerja")
    page.select_option("#id_jenis_diklat", "4")
    page.fill("#id_organiser", "Kecamatan Plaju")
    page.fill("#id_start_date", today.isoformat())
    page.fill("#id_end_date", today.isoformat())
    page.fill("#id_jp", "8")
    page.fill("#id_location", "Aula Kantor Camat Plaju")
    page.select_option("#id_unit", str(kecamatan.pk))
    page.check("#id_registration_open")
    page.fill("#id_capacity", "20")
    page.click("main form button.btn-primary")
    page.wait_for_selector("#invite-title")
    event = TrainingEvent.objects.get(name="Workshop Penulisan Laporan Kinerja")
    assert event.registration_open and event.capacity == 20

    # HR invites the pegawai's unit (with its subunits).
    page.select_option("#id_unit", str(pegawai.unit_id))
    page.click("#invite-title ~ form button.btn-primary")
    page.wait_for_selector(".alert-success")
    assert "pegawai diundang" in page.inner_text(".alert-success")
    assert event.participants.filter(employee=pegawai, status="INVITED").exists()
    check_in_url = page.get_attribute("#check-in-url", "href")
    assert check_in_url and "/pengembangan/hadir/" in check_in_url
    _shot(page, "event-hr")
    # The form to add participants by name opens in place (htmx), with its list of employees.
    assert page.locator("select[name=employees]").count() == 0
    page.get_by_role("link", name="Buka formulir").click()
    page.wait_for_selector("#add-search")
    # HR finds an employee by name; the check boxes come as they type (htmx).
    page.fill("#add-search", pegawai.name[:6])
    page.wait_for_selector("#add-matches input[name=employees]")
    assert page.locator("#add-matches", has_text=pegawai.name).count() == 1
    _shot(page, "event-add-participants")
    # Each participant's certificate form comes when HR opens it on the row (htmx).
    assert page.locator("input[name=certificate_number]").count() == 0
    page.locator("tr[id^=participant-] details > summary").first.click()
    page.wait_for_selector("tr[id^=participant-] .certificate-form input[name=certificate_number]")

    # Two staff register themselves: one from their development page, one on the event page.
    _login(page, "pegawai")
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + reverse("development:mine"))
    _shot(page, "mine-open-events")
    page.set_viewport_size(PHONE)
    page.locator("#open-title ~ ul li", has_text=event.name).get_by_role(
        "button", name="Daftar"
    ).click()
    page.wait_for_selector(".alert-success")
    _login(page, "penilai")
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + reverse("development:event", args=[event.pk]))
    _shot(page, "event-staff")
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Daftar").click()
    page.wait_for_selector(".alert-success")
    assert Participant.objects.filter(event=event, status="REGISTERED").count() == 2

    # The pegawai opens the QR's URL on a phone and checks in with one button.
    _login(page, "pegawai")
    page.set_viewport_size(PHONE)
    page.goto(check_in_url)
    _shot(page, "check-in")
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Saya hadir: presensi").click()
    page.wait_for_selector(".alert-success")
    assert "tercatat hadir" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(page, "check-in-done")
    row = Participant.objects.get(event=event, employee=pegawai)
    assert row.attended and row.checked_in_at is not None

    # HR enters the post-test score.
    _login(page, "kepegawaian")
    page.set_viewport_size(DESKTOP)
    page.goto(page.base_url + reverse("development:event_scores", args=[event.pk]))
    line = page.locator("tbody tr", has_text=pegawai.name)
    line.locator("input[name$=pre_test]").fill("60")
    line.locator("input[name$=post_test]").fill("88")
    _shot(page, "scores")
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Simpan nilai").click()
    page.wait_for_selector(".alert-success")
    row.refresh_from_db()
    assert (row.pre_test, row.post_test) == (60, 88)

    # The pegawai downloads the certificate; its verification URL says it is valid.
    _login(page, "pegawai")
    page.goto(page.base_url + reverse("development:event", args=[event.pk]))
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh sertifikat (PDF)").click()
    data = Path(download.value.path()).read_bytes()
    (SHOTS / "certificate.pdf").write_bytes(data)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    compact = "".join(text.split())  # a sentence or the URL may wrap onto a second line
    assert pegawai.name in text and "8JamPelajaran(JP)" in compact
    found = re.search(r"https?://[\w.:-]+/pengembangan/sertifikat/verifikasi/[\w-]+/", compact)
    assert found, text
    page.context.clear_cookies()
    page.goto(found.group(0))
    assert "Berlaku" in page.inner_text("main")
    assert pegawai.name in page.inner_text("main")
    assert pegawai.nip not in page.content()
    _shot(page, "verify")
