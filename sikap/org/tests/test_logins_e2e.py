"""Browser journey: HR invites an employee by e-mail, the employee chooses a password, signs in."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from conftest import screenshot
from sikap.org.testing import PASSWORD, make_employee, make_personas

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1366, "height": 768}


def test_hr_invites_and_the_employee_sets_a_password_and_signs_in(live_page, settings):
    personas = make_personas()
    employee = make_employee(personas.pegawai.position, "Lina Marlina")
    account = employee.user
    employee.user = None
    employee.save()
    account.delete()
    page = live_page
    settings.SITE_URL = page.base_url
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", "hr")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + reverse("accounts:home"))
    page.goto(page.base_url + reverse("org:employee", args=[employee.pk]))
    page.get_by_role("link", name="Berikan akun masuk").click()
    screenshot(page, "accounts-give-login-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "accounts-give-login-desktop")
    page.goto(page.base_url + reverse("org:give_logins", args=[personas.kelurahan.pk]))
    screenshot(page, "accounts-give-logins-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "accounts-give-logins-phone")
    page.goto(page.base_url + reverse("org:give_login", args=[employee.pk]))
    page.select_option("#id_method", "email")
    page.locator("form button.btn-primary").click()
    page.wait_for_url("**/akun/pegawai/*/")
    assert page.get_by_text("sedang dikirim").is_visible()
    page.locator("summary", has_text="Menu").click()
    page.locator("button", has_text="Keluar").click()
    page.wait_for_url("**/masuk/")
    link = re.search(r"(http://\S+/sandi/atur/\S+/)", mail.outbox[-1].body)
    assert link is not None
    page.goto(link.group(1))
    page.fill("#id_new_password1", "Sungai-Musi-2026!")
    page.fill("#id_new_password2", "Sungai-Musi-2026!")
    screenshot(page, "accounts-set-password-phone")
    page.locator("form button.btn-primary").click()
    page.wait_for_url("**/sandi/atur/selesai/")
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", employee.nip_display)
    page.fill("#id_password", "Sungai-Musi-2026!")
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + reverse("accounts:home"))
    assert page.locator("#id_password").count() == 0
    screenshot(page, "accounts-first-home-phone")
