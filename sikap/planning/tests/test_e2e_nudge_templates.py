"""In the browser: the kecamatan's HR rewrites a reminder for their kecamatan on a phone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import screenshot
from sikap.org.testing import PASSWORD, make_personas
from sikap.planning.models import NudgeTemplate

pytestmark = pytest.mark.django_db(transaction=True)


def test_hr_rewrites_the_sign_in_reminder_of_their_kecamatan(live_page):
    personas = make_personas()
    page = live_page
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", "hr")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    page.goto(page.base_url + reverse("planning:nudge_templates"))
    page.get_by_role("link", name="Kecamatan Plaju").click()
    assert page.locator("h1").inner_text() == "Templat pengingat"
    screenshot(page, "nudge-templates-phone")
    page.fill("#subject-not_signed_in", "Yuk, masuk ke SIKAP")
    page.locator("#topic-not_signed_in").locator("xpath=..").get_by_role(
        "button", name="Simpan"
    ).click()
    page.wait_for_load_state()
    assert "Templat pengingat disimpan." in page.locator(".messages").inner_text()
    assert page.locator("#subject-not_signed_in").input_value() == "Yuk, masuk ke SIKAP"
    section = page.locator("#topic-not_signed_in").locator("xpath=..")
    assert "Ditulis untuk tingkat ini." in section.inner_text()
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot(page, "nudge-templates-desktop")
    saved = NudgeTemplate.objects.get()
    assert (saved.unit, saved.subject) == (personas.kecamatan, "Yuk, masuk ke SIKAP")
