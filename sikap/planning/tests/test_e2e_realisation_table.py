"""In the browser: the realisation page of the demo pegawai on a 360 px phone, measured."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from sikap.planning.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 768}
SHOTS = Path("/tmp/shots-realtable")


def _sign_in(page, username: str) -> None:
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", settings.SIKAP_DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_measure_the_demo_realisation_page_on_a_phone(live_page):
    call_command("load_demo", stdout=io.StringIO(), quiet_logins=True)
    page = live_page
    page.set_viewport_size(PHONE)
    _sign_in(page, "pegawai")
    plan = Plan.objects.current().get(employee__user__username="pegawai")
    page.goto(page.base_url + reverse("planning:realisation", args=[plan.pk]))
    height = page.evaluate("document.body.scrollHeight")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "before-phone.png"), full_page=True)
    print("HEIGHT", height)
    assert height > 0
