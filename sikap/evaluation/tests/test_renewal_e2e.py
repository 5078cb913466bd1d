"""Browser: the penilai gives the renewal recommendation of a PPPK Paruh Waktu; HR lists it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import screenshot
from sikap.evaluation.models import Evaluation, RenewalRecommendation
from sikap.evaluation.tests.test_e2e import DESKTOP, sign_in, sign_out
from sikap.org import services as org_services
from sikap.org.models import JenisAsn
from sikap.org.testing import make_personas
from sikap.planning.testing import make_plan, make_year

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 780}


def test_the_penilai_recommends_and_hr_sees_it_with_the_contract_end(live_page):
    p = make_personas()
    p.peer.jenis_asn = JenisAsn.PPPK_PW
    p.peer.save()
    year = make_year(2026)
    plan = make_plan(p.peer, year, penilai=p.penilai, atasan=p.lurah)
    evaluation = Evaluation.objects.create(
        plan=plan, employee=p.peer, period=year.periods.get(is_final=True)
    )
    org_services.add_contract(
        employee=p.peer, start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31), by=None
    )
    page = live_page
    page.set_viewport_size(PHONE)
    sign_in(page, "penilai")
    page.goto(page.base_url + reverse("evaluation:detail", args=[evaluation.pk]))
    page.locator("#rekomendasi a.btn").click()
    page.wait_for_url(page.base_url + reverse("evaluation:renewal", args=[evaluation.pk]))
    # Saving without reasons is refused on the form, in Indonesian.
    page.locator("label", has_text="Angkat menjadi PPPK").click()
    page.locator("button[type=submit]").click()
    assert page.locator(".invalid-feedback").count() >= 1
    page.fill("#id_reasons", "Target perjanjian kerja tercapai empat triwulan berturut-turut.")
    screenshot(page, "pppk-renewal-form-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "pppk-renewal-form-desktop")
    page.locator("button[type=submit]").click()
    page.wait_for_url(page.base_url + reverse("evaluation:detail", args=[evaluation.pk]))
    box = page.locator("#rekomendasi").inner_text()
    assert "Angkat menjadi PPPK" in box and "empat triwulan" in box
    screenshot(page, "pppk-renewal-on-evaluation-desktop")
    assert RenewalRecommendation.objects.get().decision == "angkat_pppk"

    sign_out(page)
    sign_in(page, "hr")
    page.goto(page.base_url + reverse("evaluation:index") + "?tahun=2026")
    page.locator("a", has_text="Rekomendasi").first.click()
    page.select_option("#id_rekomendasi", "angkat_pppk")
    page.locator("form button", has_text="Tampilkan").click()
    page.wait_for_url("**rekomendasi=angkat_pppk**")
    table = page.locator("table").inner_text()
    assert "Rudi Hartono" in table and "31 Desember 2026" in table
    screenshot(page, "pppk-renewal-list-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "pppk-renewal-list-phone")
