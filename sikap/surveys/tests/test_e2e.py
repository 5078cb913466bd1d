"""Browser journeys: a citizen answers from a receipt on a phone; the kiosk survives going offline;
the public page shows the index without per-officer figures below the minimum."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from conftest import screenshot, wait_until
from sikap.org.testing import PASSWORD, make_personas
from sikap.surveys import services
from sikap.surveys.models import SurveyResponse, SurveySettings
from sikap.surveys.periods import parse_period
from sikap.surveys.stats import unit_index
from sikap.surveys.testing import make_record, make_response, make_service_type

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


def sign_in(page, username: str) -> None:
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + reverse("accounts:home"))


def answer_all(page, values: list[int]) -> None:
    for i, value in enumerate(values, start=1):
        page.locator(f"input[name=u{i}][value='{value}']").check()


def test_an_officer_prints_a_receipt_and_the_citizen_answers_on_a_phone(live_page):
    cache.clear()
    personas = make_personas()
    make_service_type(personas.kelurahan, "Surat Keterangan Domisili")
    make_service_type(personas.kelurahan, "Surat Pengantar SKCK")
    page = live_page
    page.set_viewport_size(PHONE)
    sign_in(page, "pegawai")
    page.goto(page.base_url + reverse("surveys:counter"))
    page.locator("label.answer", has_text="Surat Keterangan Domisili").click()
    screenshot(page, "surveys-counter-phone")
    page.locator("form button.btn-lg[type=submit]").click()
    page.wait_for_url("**/tanda-terima/")
    assert page.locator(".qr svg").is_visible()
    screenshot(page, "surveys-receipt-phone")
    link = page.locator(".qr + p a").get_attribute("href")
    assert "/survei/isi/" in link and f"petugas={personas.pegawai.pk}" in link
    page.locator("summary", has_text="Menu").click()
    page.locator("button", has_text="Keluar").click()
    page.wait_for_url("**/masuk/")
    # The citizen scans the QR code: the same link, no login.
    page.goto(link)
    assert page.get_by_text("Dewi Lestari").is_visible()
    answer_all(page, [4, 4, 3, 4, 3, 4, 4, 3, 4])
    page.locator("input[name=gender][value=P]").check()
    page.select_option("#id_education", "SMA")
    screenshot(page, "surveys-survey-phone")
    page.locator(".survey button[type=submit]").click()
    page.wait_for_url("**/terima-kasih/?unit=*")
    assert page.locator("h1").inner_text().startswith("Terima kasih")
    screenshot(page, "surveys-thanks-phone")
    stored = SurveyResponse.objects.get()
    assert (stored.officer_id, stored.channel, stored.u3, stored.gender) == (
        personas.pegawai.pk,
        "qr",
        3,
        "P",
    )
    page.goto(link)
    assert "sudah diisi" in page.locator("h1").inner_text()


def test_the_kiosk_delivers_offline_answers_exactly_once(live_page):
    cache.clear()
    personas = make_personas()
    make_service_type(personas.kelurahan, "Surat Keterangan Domisili")
    key = SurveySettings.objects.create(unit=personas.kelurahan).kiosk_key
    page = live_page
    page.set_viewport_size({"width": 800, "height": 1280})
    page.goto(page.base_url + reverse("surveys:kiosk", args=[key]))
    page.context.set_offline(True)
    for n in range(3):
        answer_all(page, [4 - (n % 2)] * 9)
        page.locator("button[type=submit]").click()
        wait_until(page, f"document.getElementById('kiosk-pending').textContent === '{n + 1}'")
        # The form is reset for the next citizen.
        assert page.locator("input[name=u1]:checked").count() == 0
    screenshot(page, "surveys-kiosk-offline-tablet")
    assert SurveyResponse.objects.count() == 0
    # The first delivery reaches the server but its reply is lost: it must not count twice.
    lost = {"done": False}

    def lose_first_reply(route):
        if not lost["done"]:
            lost["done"] = True
            route.fetch()
            route.abort()
        else:
            route.continue_()

    page.route("**/kirim/", lose_first_reply)
    page.context.set_offline(False)
    wait_until(page, "() => window.navigator.onLine")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    wait_until(page, "document.getElementById('kiosk-pending').textContent === '0'", timeout=20_000)
    assert lost["done"]
    responses = list(SurveyResponse.objects.all())
    assert len(responses) == 3
    assert len({r.idempotency_key for r in responses}) == 3
    assert sorted(r.u1 for r in responses) == [3, 4, 4]
    assert all(r.channel == "kiosk" for r in responses)


def test_the_public_page_and_the_report_on_phone_and_desktop(live_page):
    cache.clear()
    personas = make_personas()
    kel = personas.kelurahan
    st = make_service_type(kel, "Surat Keterangan Domisili")
    now = timezone.now()
    for i in range(12):
        make_record(kel, st, [personas.pegawai], received_at=now - dt.timedelta(hours=2, minutes=i))
        make_response(
            kel,
            [4, 4, 3, 4, 3, 4, 4, 3, 3 + i % 2],
            officer=personas.pegawai,
            service_type=st,
            gender="LP"[i % 2],
            age=25 + i,
        )
    for _ in range(4):
        make_response(kel, [3, 3, 2, 3, 3, 3, 4, 3, 3], officer=personas.peer, service_type=st)
    period = parse_period(str(timezone.localdate().year), today=timezone.localdate())
    services.publish_index(index=unit_index(kel, period), by=personas.lurah.user)
    page = live_page
    for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.goto(page.base_url + reverse("surveys:public", args=[kel.pk]))
        assert page.locator(".ikm-big").is_visible()
        officers = page.locator("#officers").inner_text()
        assert "Dewi Lestari" in officers and "Rudi Hartono" not in officers
        screenshot(page, f"surveys-public-{size_name}")
        page.goto(page.base_url + reverse("surveys:public_units"))
        screenshot(page, f"surveys-public-units-{size_name}")
    sign_in(page, "lurah")
    for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.goto(page.base_url + reverse("surveys:report", args=[kel.pk]))
        wait_until(page, "document.getElementById('nrr-chart').width > 0")
        screenshot(page, f"surveys-report-{size_name}")


def test_the_citizen_pages_pass_basic_accessibility_checks(live_page):

    personas = make_personas()
    make_service_type(personas.kelurahan, "Surat Keterangan Domisili")
    key = SurveySettings.objects.create(unit=personas.kelurahan).kiosk_key
    page = live_page
    for url in (
        reverse("surveys:survey_unit", args=[personas.kelurahan.pk]),
        reverse("surveys:kiosk", args=[key]),
        reverse("surveys:public", args=[personas.kelurahan.pk]),
    ):
        page.goto(page.base_url + url)
        page.add_script_tag(url="/static/vendor/axe/axe.min.js")  # a file of our origin: CSP
        result = page.evaluate(
            "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
            ".map(v => v.id + ': ' + v.nodes.length + ' ' + v.nodes[0].html.slice(0, 120))"
        )
        assert result == [], url


def test_the_58_mm_receipt_keeps_a_readable_qr_code(live_page, tmp_path):
    """Printed on 58 mm paper the QR stays at 38 mm: modules of about 1 mm (phones need ~0.3)."""
    import subprocess

    from pypdf import PdfReader

    personas = make_personas()
    service = make_service_type(personas.kelurahan, "Surat Keterangan Domisili")
    record = make_record(personas.kelurahan, service, [personas.pegawai])
    page = live_page
    sign_in(page, "pegawai")
    page.goto(page.base_url + reverse("surveys:receipt", args=[record.pk]))
    page.emulate_media(media="print")
    box = page.locator(".qr svg").bounding_box()
    qr_mm = box["width"] * 25.4 / 96
    modules = float(page.locator(".qr svg").get_attribute("viewBox").split()[2]) / 5
    assert qr_mm >= 35, qr_mm
    assert qr_mm / modules >= 0.8, (qr_mm, modules)
    pdf = tmp_path / "receipt.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    assert 57 <= float(reader.pages[0].mediabox.width) / 72 * 25.4 <= 59
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "200",
            "-png",
            "-singlefile",
            str(pdf),
            "test-artifacts/surveys-receipt-58mm",
        ],
        check=True,
    )
