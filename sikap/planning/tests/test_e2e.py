"""Browser journey on a phone: draft an SKP linked to the supervisor's RHK, return, fix,
approve, record realisation with a PDF, get feedback, download the SKP PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import screenshot
from sikap.lib.samplefiles import pdf_bytes
from sikap.org.testing import PASSWORD, make_personas
from sikap.planning.models import Evidence, Feedback, Plan, PlanStatus
from sikap.planning.services import plans
from sikap.planning.testing import make_plan, make_year

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
PDF = pdf_bytes()


def sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + reverse("accounts:home"))


def test_skp_journey_on_a_phone(live_page, tmp_path: Path):
    today = timezone.localdate()
    personas = make_personas()
    year = make_year(today.year)
    target = plans.add_organisation_target(
        unit=personas.kecamatan,
        appraisal_year=year,
        by=None,
        sasaran="Meningkatnya kualitas pelayanan publik",
        indikator="IKM",
        target="85",
    )
    camat_rhk = make_plan(
        personas.camat, texts=("Pelayanan publik prima",), organisation_target=target, today=today
    ).work_results.get()
    lurah_rhk = make_plan(
        personas.lurah, texts=("Pelayanan kelurahan yang cepat",), intervenes=camat_rhk, today=today
    ).work_results.get()
    kasi_rhk = make_plan(
        personas.penilai,
        texts=("Tersusunnya laporan pemerintahan kelurahan",),
        intervenes=lurah_rhk,
        today=today,
    ).work_results.get()
    page = live_page
    page.set_viewport_size(PHONE)

    # The employee drafts an SKP whose RHK links to the supervisor's RHK, then submits.
    sign_in(page, "pegawai")
    page.goto(page.base_url + reverse("planning:mine"))
    screenshot(page, "planning-mine-empty-phone")
    page.click(f"a[href='{reverse('planning:create')}']")
    page.click("form button[type=submit]")
    page.wait_for_url("**/skp/*/")
    plan = Plan.objects.get(employee=personas.pegawai)
    page.click(f"a[href='{reverse('planning:work_result_create', args=[plan.pk])}?c=UTAMA']")
    page.fill("#id_text", "Tersusunnya data kependudukan Kelurahan Plaju Ulu")
    page.select_option("#id_intervenes", str(kasi_rhk.pk))
    screenshot(page, "planning-rhk-form-phone")
    page.click("form.card button[type=submit]:not([name])")
    page.wait_for_url(f"**{reverse('planning:plan', args=[plan.pk])}")
    result = plan.work_results.get()
    # The indicator form opens inline (htmx) under the RHK.
    page.click(f"a[href='{reverse('planning:indicator_create', args=[result.pk])}']")
    box = f"#add-indicator-{result.pk}"
    page.wait_for_selector(f"{box} form")
    page.select_option(f"{box} #id_aspect", "kuantitas")
    page.fill(f"{box} #id_text", "Jumlah laporan data kependudukan")
    page.fill(f"{box} #id_target_value", "12")
    page.fill(f"{box} #id_target_unit", "Laporan")
    screenshot(page, "planning-indicator-inline-phone")
    page.click(f"{box} button[type=submit]")
    page.wait_for_url(f"**{reverse('planning:plan', args=[plan.pk])}")
    submit_url = reverse("planning:submit", args=[plan.pk])
    page.click(f"a[href='{submit_url}']")
    page.click(f"form[action='{submit_url}'] button")
    page.wait_for_selector(".alert-success")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED

    # The supervisor returns it with a note.
    sign_in(page, "penilai")
    page.goto(page.base_url + reverse("planning:plan", args=[plan.pk]))
    page.fill("#id_note", "Tambahkan indikator ketepatan waktu.")
    screenshot(page, "planning-review-phone")
    page.click(f"form[action='{reverse('planning:return', args=[plan.pk])}'] button")
    page.wait_for_selector(".alert-success")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED

    # The employee fixes it and resubmits.
    sign_in(page, "pegawai")
    page.goto(page.base_url + reverse("planning:plan", args=[plan.pk]))
    assert "Tambahkan indikator ketepatan waktu." in page.locator(".alert-warning").inner_text()
    page.click(f"a[href='{reverse('planning:indicator_create', args=[result.pk])}']")
    page.wait_for_selector(f"{box} form")
    page.select_option(f"{box} #id_aspect", "waktu")
    page.fill(f"{box} #id_text", "Ketepatan waktu penyampaian laporan")
    page.fill(f"{box} #id_target_value", "12")
    page.fill(f"{box} #id_target_unit", "Bulan")
    page.click(f"{box} button[type=submit]")
    page.wait_for_url(f"**{reverse('planning:plan', args=[plan.pk])}")
    submit_url = reverse("planning:submit", args=[plan.pk])
    page.click(f"a[href='{submit_url}']")
    page.click(f"form[action='{submit_url}'] button")
    page.wait_for_selector(".alert-success")

    # The supervisor approves.
    sign_in(page, "penilai")
    page.goto(page.base_url + reverse("planning:plan", args=[plan.pk]))
    page.click(f"form[action='{reverse('planning:approve', args=[plan.pk])}'] button")
    page.wait_for_selector(".alert-success")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    screenshot(page, "planning-plan-approved-phone")

    # The employee records realisation with an uploaded PDF.
    sign_in(page, "pegawai")
    page.goto(page.base_url + reverse("planning:realisation", args=[plan.pk]))
    indicator = result.indicators.get(aspect="kuantitas")
    row = f"#i{indicator.pk}"
    page.fill(f"{row} input[name$='-value']", "3")
    evidence_file = tmp_path / "laporan-triwulan.pdf"
    evidence_file.write_bytes(PDF)
    page.click(f"{row} summary")
    page.set_input_files(f"{row} input[type=file]", str(evidence_file))
    page.click("#realisation-table > button.btn-primary")
    page.wait_for_selector(".alert-success")
    assert "laporan-triwulan.pdf" in page.content()
    assert Evidence.objects.get().content_type == "application/pdf"
    screenshot(page, "planning-realisation-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "planning-realisation-desktop")
    page.set_viewport_size(PHONE)

    # The supervisor gives feedback.
    sign_in(page, "penilai")
    page.goto(page.base_url + reverse("planning:feedback", args=[plan.pk]))
    page.select_option("#id_subject", f"rhk-{result.pk}")
    page.fill("#id_text", "Laporan triwulan tepat waktu, pertahankan.")
    page.click("form button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert Feedback.objects.get().text == "Laporan triwulan tepat waktu, pertahankan."
    screenshot(page, "planning-feedback-phone")
    page.goto(page.base_url + reverse("planning:team"))
    screenshot(page, "planning-team-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "planning-team-desktop")
    page.goto(page.base_url + reverse("planning:plan", args=[plan.pk]))
    screenshot(page, "planning-plan-desktop")
    page.set_viewport_size(PHONE)

    # The employee downloads the SKP PDF.
    sign_in(page, "pegawai")
    page.goto(page.base_url + reverse("planning:plan", args=[plan.pk]))
    with page.expect_download() as info:
        page.click(f"a[href='{reverse('planning:pdf', args=[plan.pk])}']")
    data = Path(info.value.path()).read_bytes()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    for expected in (
        "Tersusunnya data kependudukan Kelurahan Plaju Ulu",
        "Tersusunnya laporan pemerintahan kelurahan",
        "Jumlah laporan data kependudukan",
        "12 Laporan",
        "Ketepatan waktu",
        "12 Bulan",
        "Dewi Lestari",
        "Agus Setiawan",
    ):
        assert expected in text, expected
    page.goto(page.base_url + reverse("planning:cascade", args=[personas.kecamatan.pk]))
    assert page.url.endswith("/")  # the pegawai may not see the cascade of the kecamatan
    sign_in(page, "camat")
    page.goto(page.base_url + reverse("planning:cascade", args=[personas.kecamatan.pk]))
    # The kasi's RHK is three levels down: folded, and opened in place on request.
    kasi_rhk = page.get_by_text("Tersusunnya laporan pemerintahan kelurahan")
    assert kasi_rhk.count() == 0
    page.locator("details[hx-get*='cabang='] > summary").first.click()
    kasi_rhk.wait_for()
    assert page.url.endswith(reverse("planning:cascade", args=[personas.kecamatan.pk]))
    screenshot(page, "planning-cascade-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "planning-cascade-desktop")
    page.goto(page.base_url + reverse("planning:unit_plans", args=[personas.kecamatan.pk]))
    screenshot(page, "planning-unit-desktop")
