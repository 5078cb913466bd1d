"""Browser journey: the lurah reads the masked saran, searches, marks one as followed up, and the
public IKM page shows "Anda berkata, kami lakukan"; screenshots at 360 px and desktop."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import wait_until
from sikap.complaints.models import Category
from sikap.complaints.testing import make_complaint
from sikap.org.testing import make_personas
from sikap.surveys.models import SuggestionFollowUp
from sikap.surveys.testing import make_response, make_service_type
from sikap.surveys.tests.test_e2e import DESKTOP, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 780}
SHOTS = Path(tempfile.gettempdir()) / "shots-voice"
PERSONAL = "Antrean terlalu lama. Nama saya Budi Santoso, WA 0812-3456-7890"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_lurah_follows_up_a_saran_and_citizens_see_it(live_page):
    personas = make_personas()
    kel = personas.kelurahan
    domisili = make_service_type(kel, "Surat Keterangan Domisili")
    when = timezone.now() - dt.timedelta(hours=2)
    saran = make_response(
        kel, [4, 4, 2, 4, 3, 4, 4, 3, 4], service_type=domisili, when=when, comment=PERSONAL
    )
    for text in ("Ruang tunggu panas, mohon kipas angin", "Petugas ramah dan cepat"):
        make_response(kel, 3, when=when, comment=text)
    make_complaint(kel, on=timezone.localdate(), category=Category.objects.create(name="Pelayanan"))
    page = live_page
    page.set_viewport_size(DESKTOP)
    sign_in(page, "lurah")
    page.goto(page.base_url + reverse("surveys:report", args=[kel.pk]))
    page.locator(f"a[href='{reverse('surveys:suggestions', args=[kel.pk])}']").click()
    page.wait_for_selector("#saran-summary")
    body = page.content()
    assert "Antrean terlalu lama" in body and "Budi" not in body and "0812" not in body
    assert page.locator("li.saran").count() == 3
    assert "Pelayanan" in page.locator("#results").inner_text()
    shot(page, "saran-desktop")
    # The search swaps the results in place (htmx) and matches the masked text only.
    page.fill("#q", "Budi")
    wait_until(page, "document.querySelectorAll('li.saran').length === 0")
    page.fill("#q", "antrean")
    wait_until(page, "document.querySelectorAll('li.saran').length === 1")
    page.locator(f"#saran-{saran.pk} a").click()
    page.wait_for_selector("#saran-text")
    assert "Budi" not in page.content()
    page.select_option("#id_plan", "new")
    page.fill("#id_plan_action", "Buka loket kedua pada jam sibuk")
    page.fill("#id_note", "Loket kedua dibuka pukul 08.00–10.00 setiap hari kerja")
    shot(page, "saran-follow-up-desktop")
    page.locator("form button[type=submit]").click()
    page.wait_for_selector(f"#saran-{saran.pk} .badge")
    assert SuggestionFollowUp.objects.get().plan.unsur == "U3"
    page.set_viewport_size(PHONE)
    shot(page, "saran-phone")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    # A citizen, without signing in, sees what was done.
    page.context.clear_cookies()
    page.goto(page.base_url + reverse("surveys:public", args=[kel.pk]))
    said = page.locator("#you-said").inner_text()
    assert "Loket kedua dibuka" in said and "Antrean terlalu lama" in said
    assert "Budi" not in said and "0812" not in said and "Ruang tunggu" not in said
    shot(page, "public-you-said-phone")
    page.set_viewport_size(DESKTOP)
    shot(page, "public-you-said-desktop")
