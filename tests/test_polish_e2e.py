"""In the browser: "Buat revisi" asks first (with and without JavaScript), and the error pages
lead back, on a phone and on a desktop."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from sikap.org.testing import PASSWORD, make_personas
from sikap.planning.models import Plan
from sikap.planning.testing import make_plan

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1366, "height": 768}
SHOTS = Path(tempfile.gettempdir()) / "shots-polish"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _sign_in(page, username: str) -> None:
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + reverse("accounts:home"))


def test_start_a_revision_asks_first_and_escape_or_cancel_keeps_the_skp(live_page):
    personas = make_personas()
    plan = make_plan(personas.pegawai, penilai=personas.penilai)
    page = live_page
    _sign_in(page, "pegawai")
    for size, label in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        page.goto(page.base_url + reverse("planning:plan", args=[plan.pk]))
        question = page.locator("details[data-confirm] .confirm-panel")
        assert not question.is_visible()
        page.click("summary:has-text('Buat revisi')")
        assert question.is_visible() and "Mulai revisi SKP ini?" in question.inner_text()
        # The answer has the focus, so Enter would confirm and Escape closes.
        assert page.evaluate("document.activeElement.hasAttribute('data-confirm-yes')")
        _shot(page, f"confirm-revision-{label}")
        page.keyboard.press("Escape")
        assert not question.is_visible()
    page.click("summary:has-text('Buat revisi')")
    page.click("button:has-text('Batal')")
    assert not Plan.objects.filter(revision_of=plan).exists()
    page.click("summary:has-text('Buat revisi')")
    page.click("button:has-text('Ya, buat revisi')")
    page.wait_for_selector("text=SKP 2026")
    assert Plan.objects.filter(revision_of=plan).exists()


def test_the_confirmation_works_without_javascript(browser, live_server):
    personas = make_personas()
    plan = make_plan(personas.pegawai, penilai=personas.penilai)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.base_url = live_server.url
    _sign_in(page, "pegawai")
    page.goto(page.base_url + reverse("planning:plan", args=[plan.pk]))
    assert not page.locator("button:has-text('Batal')").is_visible()  # needs JavaScript
    page.click("summary:has-text('Buat revisi')")
    page.click("button:has-text('Ya, buat revisi')")
    shown = page.base_url + reverse("planning:plan", args=[plan.pk])
    page.wait_for_url(lambda url: url != shown)
    assert Plan.objects.filter(revision_of=plan).exists()
    context.close()


def test_error_pages_lead_back_home_on_a_phone_and_a_desktop(live_page):
    make_personas()
    page = live_page
    for size, label in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        response = page.goto(page.base_url + "/tidak-ada/")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
        _shot(page, f"error-404-{label}")
    _sign_in(page, "pegawai")
    page.goto(page.base_url + "/tidak-ada/")
    page.click("a:has-text('Kembali ke beranda')")
    page.wait_for_url(page.base_url + reverse("accounts:home"))
    # A form whose token expired (signed out in another tab): the page explains and leads back.
    page.goto(page.base_url + reverse("planning:create"))
    page.context.clear_cookies()
    page.click("main button[type=submit] >> nth=0")
    page.wait_for_selector("text=Formulir sudah kedaluwarsa")
    _shot(page, "error-csrf-desktop")
    back = page.get_attribute("a:has-text('Kembali ke formulir')", "href")
    assert back == page.base_url + reverse("planning:create")
