"""Journey (c): the camat reads the home page, reminds a pegawai from the engagement page, the
pegawai finds the reminder in SIKAP, and a second reminder the same week is refused politely."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import screenshot
from sikap.org.models import UnitKind
from sikap.org.testing import PASSWORD, make_personas, make_unit
from sikap.planning.models import Nudge
from sikap.surveys.testing import make_response

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 900}


def _sign_in(page, username):
    page.context.clear_cookies()
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")


def test_the_camat_reminds_a_pegawai_who_sees_it_and_a_second_reminder_is_refused(live_page):
    personas = make_personas()
    second = make_unit("Kelurahan Talang Putri", UnitKind.KELURAHAN, personas.kecamatan)
    today = timezone.localdate()
    # Answers in the last completed semester, so both kelurahan lack a follow-up plan.
    semester = dt.datetime(
        today.year if today.month > 6 else today.year - 1,
        3 if today.month > 6 else 9,
        10,
        9,
        tzinfo=dt.UTC,
    )
    for unit in (personas.kelurahan, second):
        make_response(unit, [4, 3, 4, 4, 2, 4, 3, 4, 4], when=semester)
    page = live_page
    _sign_in(page, "camat")
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + reverse("accounts:home"))
    assert page.locator(".glance-chart canvas").count() >= 1
    attention = page.locator("ul.attention").inner_text()
    assert "Rencana tindak lanjut belum ada di 2 unit" in attention
    assert attention.count("Rencana tindak lanjut belum ada di 2 unit") == 1  # one line, not two
    assert "Rencana tindak lanjut survei kepuasan belum dibuat" not in attention
    screenshot(page, "nudge-camat-home-phone")
    page.get_by_role("link", name="Keterlibatan").first.click()
    assert page.locator("h1").inner_text().startswith("Keterlibatan")
    screenshot(page, "nudge-engagement-phone")

    dewi = page.locator(f'.nudge[data-employee="{personas.pegawai.pk}"]')
    dewi.get_by_role("button", name="Ingatkan").click()
    page.wait_for_load_state()
    assert "Pengingat dikirim kepada Dewi Lestari." in page.locator(".messages").inner_text()
    assert dewi.locator(".nudged").inner_text() == "diingatkan hari ini"
    screenshot(page, "nudge-engagement-sent-phone")

    # Two more at once with the check boxes.
    page.locator(f"#pick-{personas.peer.pk}").check()
    page.locator(f"#pick-{personas.hr.pk}").check()
    page.locator("#nudge-selected").click()
    page.wait_for_load_state()
    assert "Pengingat dikirim kepada 2 orang" in page.locator(".messages").inner_text()

    # The same week again: refused with the day it may go again.
    page.set_viewport_size(DESKTOP)
    dewi.get_by_role("button", name="Ingatkan").click()
    page.wait_for_load_state()
    refusal = page.locator(".alert-warning").inner_text()
    assert "Dewi Lestari sudah diingatkan tentang hal ini pada" in refusal
    assert "seminggu sekali" in refusal
    screenshot(page, "nudge-engagement-refused-desktop")
    assert Nudge.objects.filter(employee=personas.pegawai).count() == 1

    _sign_in(page, "pegawai")
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + reverse("planning:notifications"))
    notice = page.locator(".list-group-item").first
    assert notice.inner_text().startswith("Pengingat: masuk ke SIKAP")
    assert "Yth. Dewi Lestari, Anda belum pernah masuk ke SIKAP" in notice.inner_text()
    screenshot(page, "nudge-pegawai-notifications-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "nudge-pegawai-notifications-desktop")
