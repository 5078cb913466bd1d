"""Browser journeys of the foundation: every persona signs in and meets their home page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import screenshot, wait_until
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


def test_each_persona_signs_in_and_sees_their_home(live_page):
    personas = make_personas()
    page = live_page
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/")
    assert page.get_by_role("link", name="Masuk untuk pegawai").is_visible()
    screenshot(page, "accounts-landing-phone")
    page.goto(page.base_url + reverse("accounts:login"))
    assert page.locator("html").get_attribute("lang") == "id"
    screenshot(page, "org-login-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "org-login-desktop")
    page.set_viewport_size(PHONE)
    for name in ["pegawai", "penilai", "lurah", "camat", "hr", "auditor", "superadmin", "other_hr"]:
        user = personas.user(name)
        username = personas.pegawai.nip if name == "pegawai" else user.username
        sign_in(page, username)
        assert page.locator("h1").first.is_visible()
        if name in ("pegawai", "camat", "hr", "auditor"):
            screenshot(page, f"org-home-{name}-phone")
            page.set_viewport_size(DESKTOP)
            screenshot(page, f"org-home-{name}-desktop")
            page.set_viewport_size(PHONE)
        page.locator("summary", has_text="Menu").click()
        page.locator("button", has_text="Keluar").click()
        page.wait_for_url("**/masuk/")


def test_organisation_pages_on_phone_and_desktop(live_page):
    personas = make_personas()
    page = live_page
    sign_in(page, "hr")
    pages = {
        "tree": reverse("org:tree"),
        "unit": reverse("org:unit", args=[personas.kelurahan.pk]),
        "employee": reverse("org:employee", args=[personas.pegawai.pk]),
        "transfer": reverse("org:employee_transfer", args=[personas.pegawai.pk]),
    }
    for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        for name, url in pages.items():
            page.goto(page.base_url + url)
            assert page.locator("h1").first.is_visible()
            screenshot(page, f"org-{name}-{size_name}")
    # The people search swaps the list in place with htmx.
    page.goto(page.base_url + pages["unit"])
    page.fill("#q", "Rudi")
    wait_until(page, "!document.querySelector('#people').textContent.includes('Dewi Lestari')")
    assert "Rudi Hartono" in page.locator("#people").inner_text()


def test_foundation_pages_pass_automatic_accessibility_checks(live_page):

    personas = make_personas()
    page = live_page
    check = (
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    public = ["/", reverse("accounts:login")]
    for url in public:
        page.goto(page.base_url + url)
        page.add_script_tag(url="/static/vendor/axe/axe.min.js")  # a file of our origin: CSP
        assert page.evaluate(check) == [], url
    sign_in(page, "hr")
    pages = [
        reverse("accounts:home"),
        reverse("org:tree"),
        reverse("org:unit", args=[personas.kelurahan.pk]),
        reverse("org:employee", args=[personas.pegawai.pk]),
        reverse("org:employee_transfer", args=[personas.pegawai.pk]),
        reverse("org:import"),
    ]
    for url in pages:
        page.goto(page.base_url + url)
        page.add_script_tag(url="/static/vendor/axe/axe.min.js")  # a file of our origin: CSP
        assert page.evaluate(check) == [], url
