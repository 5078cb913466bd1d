"""Browser: the limit under a text area counts down as the citizen types (issue 12, item 5)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import screenshot
from sikap.org.testing import make_personas

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_limit_is_shown_and_counts_down_on_a_phone(live_page):
    make_personas()
    page = live_page
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(page.base_url + reverse("complaints:public_form"))
    hint = page.locator("#id_text_limit")
    assert hint.inner_text().startswith("Maksimal 5.000 karakter")
    assert page.locator("#id_text").get_attribute("maxlength") == "5000"
    page.fill("#id_text", "Lampu jalan mati.")
    assert "sisa 4.983 karakter" in hint.inner_text()
    screenshot(page, "complaints-limit-counter-phone")
