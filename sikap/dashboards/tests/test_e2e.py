from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import screenshot
from sikap.org.testing import PASSWORD, make_personas

pytestmark = pytest.mark.django_db(transaction=True)


def test_camat_reads_the_engagement_page_on_phone_and_desktop(live_page):
    make_personas()
    page = live_page
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", "camat")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    for name, size in (
        ("phone", {"width": 390, "height": 844}),
        ("desktop", {"width": 1366, "height": 768}),
    ):
        page.set_viewport_size(size)
        page.goto(page.base_url + reverse("dashboards:engagement"))
        assert page.locator("h1").inner_text().startswith("Keterlibatan")
        assert page.get_by_text("belum pernah masuk").first.is_visible()
        screenshot(page, f"dashboards-engagement-{name}")
    page.get_by_role("link", name="Kelurahan Plaju Ulu").first.click()
    assert "Kelurahan Plaju Ulu" in page.locator("h1").inner_text()
