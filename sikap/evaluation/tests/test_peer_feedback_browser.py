"""Browser: a colleague answers the 360° feedback on a phone; the penilai sees the counts and the
live predikat before saving (issue 10, items 12 and 13)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import screenshot, wait_until
from sikap.cycle.services import setup_appraisal_year
from sikap.evaluation import peer
from sikap.org.testing import PASSWORD, make_employee, make_personas
from sikap.planning.rules import BEHAVIOUR_KEYS
from sikap.planning.testing import make_plan

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 768}


def sign_in(page, username: str) -> None:
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + reverse("accounts:home"))


def test_a_colleague_answers_and_the_penilai_sees_counts_and_the_live_predikat(live_page):
    page = live_page
    p = make_personas()
    year = setup_appraisal_year(year=2026, period_kind="triwulanan", by=None)
    plan = make_plan(p.pegawai, year, penilai=p.penilai, atasan=p.lurah)
    others = [
        make_employee(p.pegawai.position, "Bayu Pratama", username="bayu"),
        make_employee(p.pegawai.position, "Citra Ayu", username="citra"),
    ]
    q4 = year.periods.get(number=4)
    request = peer.request_feedback(
        plan=plan,
        period=q4,
        deadline=dt.date(2099, 1, 10),
        respondents=[p.peer, *others],
        by=None,
        today=dt.date(2026, 11, 20),
    )
    for person in others:
        invitation = request.invitations.get(respondent=person)
        peer.answer_feedback(
            invitation=invitation, answer=dict.fromkeys(BEHAVIOUR_KEYS, "SESUAI"), by=None
        )

    page.set_viewport_size(PHONE)
    sign_in(page, "peer")
    clicks = 0
    page.click(f"a[href='{reverse('evaluation:peer_inbox')}']")
    clicks += 1
    invitation = request.invitations.get(respondent=p.peer)
    page.click(f"a[href='{reverse('evaluation:peer_answer', args=[invitation.pk])}']")
    clicks += 1
    screenshot(page, "peer_answer_360")
    for key in BEHAVIOUR_KEYS:
        page.check(f"input[name='{key}'][value='DI_ATAS']")
        clicks += 1
    page.click("button[type=submit]")
    clicks += 1
    page.wait_for_url(page.base_url + reverse("evaluation:peer_inbox"))
    screenshot(page, "peer_inbox_360")
    assert clicks == 10  # home → list → form → 7 values → send

    page.context.clear_cookies()
    sign_in(page, "penilai")
    page.goto(page.base_url + reverse("evaluation:evaluate", args=[plan.pk, q4.pk]))
    # Stacked at 360 px: per value the counts Di Atas, Sesuai, Di Bawah Ekspektasi.
    assert "Berorientasi Pelayanan\n1\n2\n0" in page.inner_text("#rekan + table")
    page.check("input[name='result_rating'][value='DI_ATAS']")
    page.check("input[name='behaviour_rating'][value='SESUAI']")
    wait_until(page, "!document.getElementById('live-predikat').hidden")
    assert page.inner_text("#live-predikat [data-predikat]") == "Baik"
    assert page.is_visible("#live-predikat [data-unsaved]")
    page.locator("#rekan").scroll_into_view_if_needed()
    screenshot(page, "evaluate_live_predikat_360")
    # Saved: the same predikat, no longer "belum disimpan"; a new choice says it again.
    page.click("button:has-text('Simpan evaluasi')")
    page.wait_for_selector(".alert-success")
    page.goto(page.base_url + reverse("evaluation:evaluate", args=[plan.pk, q4.pk]))
    wait_until(page, "!document.getElementById('live-predikat').hidden")
    assert not page.is_visible("#live-predikat [data-unsaved]")
    page.check("input[name='behaviour_rating'][value='DI_ATAS']")
    assert page.inner_text("#live-predikat [data-predikat]") == "Sangat Baik"
    assert page.is_visible("#live-predikat [data-unsaved]")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "evaluate_live_predikat_desktop")
    page.goto(page.base_url + reverse("evaluation:peer_request", args=[plan.pk, q4.pk]))
    screenshot(page, "peer_request_desktop")
