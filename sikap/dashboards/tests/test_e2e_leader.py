from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import screenshot
from sikap.org.testing import PASSWORD, make_personas
from sikap.surveys.testing import make_response

pytestmark = pytest.mark.django_db(transaction=True)


def test_camat_opens_home_and_sees_the_charts_on_phone_and_desktop(live_page):
    personas = make_personas()
    make_response(personas.kelurahan, [4, 3, 4, 4, 2, 4, 3, 4, 4])
    page = live_page
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", "camat")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    for name, size in (
        ("phone", {"width": 360, "height": 800}),
        ("desktop", {"width": 1366, "height": 900}),
    ):
        page.set_viewport_size(size)
        page.goto(page.base_url + reverse("accounts:home"))
        assert page.locator("#glance-title").inner_text().startswith("Sekilas")
        assert page.locator(".glance-chart canvas").count() >= 5  # predikat needs a period
        assert page.locator(".glance-chart").first.is_visible()
        screenshot(page, f"dashboards-leader-home-{name}")
    page.get_by_role("link", name="Keterlibatan").first.click()
    assert page.locator("h1").inner_text().startswith("Keterlibatan")
