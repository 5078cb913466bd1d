"""Journey (a): a penilai turns the lowest unsur of a pegawai's services into an IDP item."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import screenshot
from sikap.org.testing import PASSWORD, make_personas
from sikap.surveys.testing import make_response, make_service_type

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = (("phone", {"width": 360, "height": 800}), ("desktop", {"width": 1366, "height": 768}))


def _login(page, username):
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")


def test_the_penilai_adds_the_lowest_unsur_to_the_idp_and_the_pegawai_sees_it(live_page):
    personas = make_personas()
    service = make_service_type(personas.kelurahan)
    when = timezone.now() - dt.timedelta(days=2)
    for _ in range(12):
        make_response(
            personas.kelurahan,
            [3, 3, 2, 3, 3, 3, 3, 3, 3],
            officer=personas.pegawai,
            service_type=service,
            when=when,
        )
    page = live_page
    _login(page, "penilai")
    url = page.base_url + reverse("development:employee", args=[personas.pegawai.pk])
    for name, size in SIZES:
        page.set_viewport_size(size)
        page.goto(url)
        area = page.locator('[data-area="unsur-U3"]')
        assert "Waktu Penyelesaian" in area.inner_text() and "12 responden" in area.inner_text()
        area.scroll_into_view_if_needed()
        screenshot(page, f"development-improve-penilai-{name}")
    page.locator('[data-area="unsur-U3"] button[data-add-idp]').click()
    page.get_by_text("Baris ditambahkan ke IDP.").wait_for()
    page.context.clear_cookies()
    _login(page, "pegawai")
    page.goto(page.base_url + reverse("development:mine"))
    assert "Orientasi pada Hasil" in page.locator("#idp-title").locator("..").inner_text()
    screenshot(page, "development-improve-pegawai-desktop")
