"""Browser journey of issue 4: a supervisor evaluates two periods; the camat calibrates and signs."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conftest import screenshot, wait_until
from sikap.cycle.services import setup_appraisal_year
from sikap.evaluation import services
from sikap.evaluation.models import Evaluation
from sikap.org.testing import PASSWORD, make_personas
from sikap.planning.testing import make_plan

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


def sign_in(page, username: str) -> None:
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + reverse("accounts:home"))


def sign_out(page) -> None:
    page.context.clear_cookies()


def test_evaluate_calibrate_and_sign_the_penetapan(live_page):
    p = make_personas()
    year = setup_appraisal_year(year=2026, period_kind="triwulanan", by=None)
    q1, q2 = year.periods.get(number=1), year.periods.get(number=2)
    plans = {
        "pegawai": make_plan(p.pegawai, year, penilai=p.penilai, atasan=p.lurah, rhk=2),
        "peer": make_plan(p.peer, year, penilai=p.penilai, atasan=p.lurah),
        "penilai": make_plan(p.penilai, year, penilai=p.lurah, atasan=p.camat),
        "lurah": make_plan(p.lurah, year, penilai=p.camat),
        "hr": make_plan(p.hr, year, penilai=p.camat),
    }
    for owner, rater in [
        ("peer", "penilai"),
        ("penilai", "lurah"),
        ("lurah", "camat"),
        ("hr", "camat"),
    ]:
        services.set_ratings(
            plan=plans[owner],
            period=q1,
            by=p.user(rater),
            result_rating="SESUAI",
            behaviour_rating="SESUAI",
        )
    services.set_organisation_predicate(unit=p.kecamatan, period=q1, predicate="BAIK", by=None)

    page = live_page
    page.set_viewport_size(PHONE)
    sign_in(page, "penilai")
    page.goto(page.base_url + reverse("evaluation:index"))
    screenshot(page, "evaluation-index-phone")
    for period in (q1, q2):
        page.goto(
            page.base_url + reverse("evaluation:evaluate", args=[plans["pegawai"].pk, period.pk])
        )
        page.check("input[name=result_rating][value=SESUAI]")
        page.check("input[name=behaviour_rating][value=SESUAI]")
        page.fill("textarea[name=notes]", "Pertahankan kinerja")
        if period == q1:
            screenshot(page, "evaluation-evaluate-phone")
        page.click("form button[type=submit]")
        page.wait_for_url(
            "**" + reverse("evaluation:evaluate", args=[plans["pegawai"].pk, period.pk])
        )
    assert Evaluation.objects.filter(plan=plans["pegawai"]).count() == 2
    page.set_viewport_size(DESKTOP)
    page.goto(page.base_url + reverse("evaluation:evaluate", args=[plans["pegawai"].pk, q1.pk]))
    screenshot(page, "evaluation-evaluate-desktop")
    sign_out(page)

    sign_in(page, "camat")
    calibration = page.base_url + reverse("evaluation:calibration", args=[p.kecamatan.pk, q1.pk])
    page.goto(calibration)
    warning = page.locator(".alert-warning")
    assert warning.is_visible()
    assert "harus ada" in warning.inner_text()
    wait_until(page, "document.querySelector('#curve-chart-canvas').dataset.drawn === '1'")
    screenshot(page, "evaluation-calibration-desktop")
    pegawai = Evaluation.objects.get(plan=plans["pegawai"], period=q1)
    page.click(f"a[href$='/ubah/{pegawai.pk}/']")
    page.select_option("select[name=result_rating]", "DI_BAWAH")
    page.fill("input[name=reason]", "Dua laporan terlambat tanpa bukti dukung")
    page.click("form button[type=submit]")
    page.wait_for_url(calibration)
    assert "harus ada" not in page.locator(".alert-warning").inner_text()  # Baik is still > 70%
    page.set_viewport_size(PHONE)
    page.reload()
    screenshot(page, "evaluation-calibration-phone")
    page.click("form[action$='/penetapan/'] button[type=submit]")
    page.wait_for_url(calibration)
    assert page.locator(".alert-info").is_visible()
    assert set(Evaluation.objects.filter(period=q1).values_list("status", flat=True)) == {"final"}

    page.goto(page.base_url + reverse("evaluation:detail", args=[pegawai.pk]))
    href = page.locator("a[href$='dokumen.pdf']").get_attribute("href")
    response = page.request.get(page.base_url + href)
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(PdfReader(io.BytesIO(response.body())).pages[0].extract_text().split())
    assert "PREDIKAT KINERJA PEGAWAI BUTUH PERBAIKAN" in text
    record = Evaluation.objects.get(pk=pegawai.pk).history.filter(
        history_change_reason__startswith="Kalibrasi"
    )
    assert record.exists()

    page.set_viewport_size(DESKTOP)
    page.goto(
        page.base_url
        + reverse("evaluation:calculator")
        + "?organisation_predicate=BAIK&headcount=9&rounding=STRICT&actual_sb=1&actual_b=8&actual_bp=0&actual_k=0&actual_sk=0"
    )
    wait_until(page, "document.querySelector('#calc-chart-canvas').dataset.drawn === '1'")
    screenshot(page, "evaluation-calculator-desktop")
    page.set_viewport_size(PHONE)
    page.reload()
    wait_until(page, "document.querySelector('#calc-chart-canvas').dataset.drawn === '1'")
    screenshot(page, "evaluation-calculator-phone")
