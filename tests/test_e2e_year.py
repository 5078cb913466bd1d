"""In the browser, one whole appraisal year 2026 of Kelurahan Plaju Ulu (issue 10).

The pegawai records the realisation of triwulan I and II in the realisation table, the penilai
evaluates both and the lurah signs the penetapan of each; after triwulan II the pegawai revises
the SKP and the penilai approves the revision, which keeps the realisation and the evaluations
of the year. In December the lurah tries to sign the final period early and with staff unrated
(refused), and cannot calibrate her own row. On 5 January 2027 the reminders name the final
period's deadline; the final penetapan then locks the period's realisation table. The SKP and
Evaluasi Kinerja PDFs are read back with pdftotext.

Time is moved with time_machine (``tick=True``): the live server runs in a thread of this
process, so it sees the same clock. Data the issue does not name is set up through services.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sikap.evaluation import services as evaluation_services
from sikap.evaluation.models import Determination, Evaluation
from sikap.org.testing import PASSWORD, make_personas
from sikap.planning.models import Category, Notification, Plan, PlanStatus, Realisation
from sikap.planning.services import plans as plan_services
from sikap.planning.testing import make_plan, make_year

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 768}
SHOTS = Path(tempfile.gettempdir()) / "shots-year"
UTC = dt.UTC
BERAKHLAK = (
    "Berorientasi Pelayanan",
    "Akuntabel",
    "Kompeten",
    "Harmonis",
    "Loyal",
    "Adaptif",
    "Kolaboratif",
)


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def _shots(page: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SHOTS / f"{name}-360.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SHOTS / f"{name}-1366.png"), full_page=True)


def _sign_in(page: Any, username: str) -> None:
    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + reverse("accounts:home"))


def _go(page: Any, path: str) -> None:
    page.goto(page.base_url + path)


def _pdf_text(page: Any, path: str) -> str:
    response = page.request.get(page.base_url + path)
    assert response.status == 200, path
    assert response.headers["content-type"] == "application/pdf"
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.body(), capture_output=True, check=True
    )
    return done.stdout.decode()


def _office(today: dt.date) -> Any:
    """The personas, an unpooled kelurahan curve and the approved SKP chain to the pegawai."""
    personas = make_personas()
    year = make_year(2026)
    # Kelurahan Plaju Ulu has its own curve (not pooled into the kecamatan): the lurah signs it.
    evaluation_services.update_settings(
        by=None,
        organisation_predicate_setter="parent_head",
        rounding="STRICT",
        pooling_threshold=1,
        objection_days=14,
    )
    target = plan_services.add_organisation_target(
        unit=personas.kecamatan,
        appraisal_year=year,
        by=None,
        sasaran="Meningkatnya kualitas pelayanan publik",
        indikator="IKM",
        target="85",
    )
    camat = make_plan(personas.camat, organisation_target=target, today=today).work_results.get()
    lurah = make_plan(personas.lurah, intervenes=camat, today=today)
    kasi = make_plan(
        personas.penilai,
        texts=("Tersusunnya laporan pemerintahan kelurahan",),
        intervenes=lurah.work_results.get(),
        today=today,
    )
    plan = make_plan(
        personas.pegawai,
        texts=("Tersusunnya laporan kependudukan kelurahan",),
        intervenes=kasi.work_results.get(),
        approve=False,
        today=today,
    )
    extra = plan_services.add_work_result(
        plan=plan,
        by=None,
        text="Terlaksananya piket pelayanan Sabtu",
        category=Category.TAMBAHAN,
        today=today,
    )
    plan_services.add_indicator(
        work_result=extra,
        by=None,
        aspect="kuantitas",
        text="Jumlah piket",
        target_value=Decimal("12"),
        target_unit="Kali",
    )
    plan_services.submit_plan(plan=plan, by=None, today=today)
    plan_services.approve_plan(plan=plan, by=None)
    return personas, year, {"lurah": lurah, "kasi": kasi, "pegawai": plan}


def _record(page: Any, plan: Plan, period: Any, values: tuple[str, str], name: str) -> None:
    """The pegawai fills the realisation table of a period and saves it."""
    _go(page, f"{reverse('planning:realisation', args=[plan.pk])}?periode={period.pk}")
    for row, value in enumerate(values):
        page.fill(f"#id_r-{row}-value", value)
        page.fill(f"#id_r-{row}-note", f"Laporan {period.name}, baris {row + 1}")
    _shots(page, name)
    page.click("#realisation-table > button.btn-primary")
    page.wait_for_selector(".alert-success")


def _evaluate(page: Any, plan: Plan, period: Any) -> None:
    """The penilai rates the pegawai for a period on the evaluation page."""
    url = reverse("evaluation:evaluate", args=[plan.pk, period.pk])
    _go(page, url)
    page.check("input[name=result_rating][value=SESUAI]")
    page.check("input[name=behaviour_rating][value=SESUAI]")
    page.fill("textarea[name=notes]", f"Pertahankan kinerja {period.name}")
    page.click("form button[type=submit]:has-text('Simpan')")
    page.wait_for_selector(".alert-success")


def _rate_the_rest(personas: Any, chain: dict[str, Plan], period: Any) -> None:
    """The ratings the issue does not name: the lurah rates the Kasi, the camat the lurah."""
    evaluation_services.set_ratings(
        plan=chain["kasi"],
        period=period,
        by=personas.user("lurah"),
        result_rating="SESUAI",
        behaviour_rating="SESUAI",
    )
    evaluation_services.set_ratings(
        plan=chain["lurah"],
        period=period,
        by=personas.user("camat"),
        result_rating="DI_ATAS",
        behaviour_rating="SESUAI",
    )
    evaluation_services.set_organisation_predicate(
        unit=personas.kelurahan, period=period, predicate="BAIK", by=None
    )


def _sign(page: Any, personas: Any, period: Any) -> None:
    """The lurah signs the penetapan of her kelurahan's curve for a period that has ended."""
    url = reverse("evaluation:calibration", args=[personas.kelurahan.pk, period.pk])
    _go(page, url)
    page.click("form[action$='/penetapan/'] button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert Determination.objects.filter(unit=personas.kelurahan, period=period).exists()


def test_a_whole_year_in_the_browser(live_page):
    page = live_page
    clock = time_machine.travel(_at(2026, 1, 5, 2), tick=True)
    coordinates = clock.start()
    try:
        _journey(page, coordinates.move_to)
    finally:
        clock.stop()


def _journey(page: Any, move: Any) -> None:
    personas, year, chain = _office(dt.date(2026, 1, 5))
    q1, q2, q4 = (year.periods.get(number=n) for n in (1, 2, 4))
    v1 = chain["pegawai"]

    # Triwulan I and II: realisation, evaluation and the lurah's penetapan of each.
    for period, record_at, sign_at, values in (
        (q1, _at(2026, 3, 20, 3), _at(2026, 4, 2, 3), ("3", "2")),
        (q2, _at(2026, 6, 19, 3), _at(2026, 7, 2, 3), ("6", "5")),
    ):
        move(record_at)
        _sign_in(page, "pegawai")
        _record(page, v1, period, values, f"realisation-{period.number}")
        move(sign_at)
        _sign_in(page, "penilai")
        _evaluate(page, v1, period)
        if period == q1:
            _shots(page, "evaluate-q1")
        _rate_the_rest(personas, chain, period)
        _sign_in(page, "lurah")
        _sign(page, personas, period)
        if period == q2:
            _shots(page, "calibration-q2-signed")
    assert set(Evaluation.objects.values_list("status", flat=True)) == {"final"}

    # After triwulan II the pegawai revises the SKP; the penilai approves the revision.
    move(_at(2026, 7, 5, 10))
    _sign_in(page, "pegawai")
    _go(page, reverse("planning:plan", args=[v1.pk]))
    page.click("summary:has-text('Buat revisi')")
    page.click("[data-confirm-yes]:has-text('Ya')")
    page.wait_for_selector(".alert-success")
    v2 = Plan.objects.get(revision_of=v1)
    assert page.url.endswith(reverse("planning:plan", args=[v2.pk]))
    submit_url = reverse("planning:submit", args=[v2.pk])
    page.click(f"a[href='{submit_url}']")
    page.click(f"form[action='{submit_url}'] button[type=submit]")
    page.wait_for_selector(".alert-success")
    move(_at(2026, 7, 5, 18, 30))  # 6 Juli 2026, 01:30 WIB
    _sign_in(page, "penilai")
    _go(page, reverse("planning:plan", args=[v2.pk]))
    page.click(f"form[action='{reverse('planning:approve', args=[v2.pk])}'] button.btn-success")
    page.wait_for_selector(".alert-success")
    v2.refresh_from_db()
    assert (v2.status, v2.is_current, v2.version) == (PlanStatus.APPROVED, True, 2)
    _shots(page, "plan-revision-approved")

    # The revised SKP keeps the year: the realisation of triwulan I and II ...
    _sign_in(page, "pegawai")
    for period, values in ((q1, ("3", "2")), (q2, ("6", "5"))):
        _go(page, f"{reverse('planning:realisation', args=[v2.pk])}?periode={period.pk}")
        for row, (value, unit) in enumerate(zip(values, ("Dokumen", "Kali"), strict=True)):
            line = page.locator("tr", has_text=f"Laporan {period.name}, baris {row + 1}")
            assert f"{value} {unit}" in line.inner_text()
        assert page.locator("#realisation-table input[name$='-value']").count() == 0
        if period == q1:
            _shots(page, "realisation-q1-revised-signed")
    assert Realisation.objects.filter(indicator__work_result__plan=v2).count() == 4
    # ... and its evaluations, each triwulan once, none offered for re-rating.
    _go(page, reverse("evaluation:index"))
    own = page.locator("section:has(h2:has-text('Predikat saya')) li")
    assert [own.nth(i).inner_text().split(":")[0] for i in range(own.count())] == [
        "Triwulan I",
        "Triwulan II",
    ]
    _sign_in(page, "penilai")
    _go(page, reverse("evaluation:index"))
    for period in (q1, q2):
        cell = page.locator(f"a[href='{reverse('evaluation:evaluate', args=[v2.pk, period.pk])}']")
        assert cell.count() == 1 and "final" in cell.inner_text()
    assert page.locator(f"a[href*='/skp/{v1.pk}/periode/']").count() == 0
    _shots(page, "evaluation-index-penilai")
    _go(page, reverse("evaluation:evaluate", args=[v2.pk, q1.pk]))
    assert "final" in page.inner_text(".alert-info")
    assert page.locator("input[name=result_rating]").count() == 0
    assert Evaluation.objects.filter(employee=personas.pegawai).count() == 2

    # 16 December (03:00 WIB, still the 15th in UTC): the lurah tries to sign the final period.
    move(_at(2026, 12, 15, 20))
    evaluation_services.set_ratings(
        plan=chain["lurah"],
        period=q4,
        by=personas.user("camat"),
        result_rating="DI_ATAS",
        behaviour_rating="DI_ATAS",
    )
    evaluation_services.set_organisation_predicate(
        unit=personas.kelurahan, period=q4, predicate="BAIK", by=None
    )
    own = Evaluation.objects.get(employee=personas.lurah, period=q4)
    _sign_in(page, "lurah")
    calibration = reverse("evaluation:calibration", args=[personas.kelurahan.pk, q4.pk])
    _go(page, calibration)
    row = page.locator("tr:has(th:has-text('Siti Rahmawati'))")
    assert "Ditetapkan oleh pejabat penilai Anda" in row.inner_text()
    assert row.locator("a").count() == 0
    own_change = reverse("evaluation:calibrate", args=[personas.kelurahan.pk, q4.pk, own.pk])
    assert page.locator(f"a[href='{own_change}']").count() == 0
    response = page.goto(page.base_url + own_change)
    assert response.status == 403
    assert "Tidak ada yang mengkalibrasi hasilnya sendiri" in page.inner_text("main")
    _go(page, calibration)
    sign = page.locator("form[action$='/penetapan/'] button[type=submit]")
    assert sign.is_disabled()
    assert "belum dievaluasi" in page.inner_text("#penetapan")
    _shots(page, "calibration-q4-early")
    # Forced past the disabled button, the server refuses: first the date, then the names.
    page.evaluate("document.querySelector(\"form[action$='/penetapan/'] button\").disabled = false")
    sign.click()
    refusal = page.inner_text(".alert-danger")
    assert "Periode berlangsung sampai 31 Desember 2026" in refusal, refusal
    page.evaluate("document.querySelector(\"form[action$='/penetapan/'] button\").disabled = false")
    page.fill("#id_early_close_reason", "Lurah pindah tugas")
    sign.click()
    refusal = page.inner_text(".alert-danger")
    assert "Belum semua pegawai dalam kurva ini dievaluasi" in refusal, refusal
    assert "Agus Setiawan" in refusal and "Dewi Lestari" in refusal
    _shots(page, "calibration-q4-refused")
    assert not Determination.objects.filter(period=q4).exists()
    own.refresh_from_db()
    assert (own.status, own.predicate) == ("draft", "SANGAT_BAIK")

    # The PDFs of the pegawai, read back: dates in Asia/Jakarta, A before B, the 7 values.
    _sign_in(page, "pegawai")
    skp = _pdf_text(page, reverse("planning:pdf", args=[v2.pk]))
    assert "Palembang, 6 Juli 2026" in skp
    assert skp.index("A. UTAMA") < skp.index("B. TAMBAHAN")
    for value in BERAKHLAK:
        assert value in " ".join(skp.split()), value
    q2_evaluation = Evaluation.objects.get(employee=personas.pegawai, period=q2)
    _go(page, reverse("evaluation:detail", args=[q2_evaluation.pk]))
    document = _pdf_text(page, page.locator("a[href$='dokumen.pdf']").get_attribute("href"))
    assert "Palembang, 16 Desember 2026" in document and "15 Desember" not in document
    evaluasi = _pdf_text(page, page.locator("a[href$='formulir.pdf']").get_attribute("href"))
    assert "Palembang, 16 Desember 2026" in evaluasi and "15 Desember" not in evaluasi
    assert evaluasi.index("A. UTAMA") < evaluasi.index("B. TAMBAHAN")
    # The signed triwulan II keeps its realisation although the SKP was revised since.
    assert re.search(r"Jumlah\s+12\s+6\s", evaluasi), evaluasi
    assert re.search(r"Jumlah piket\s+12 Kali\s+5\s", evaluasi), evaluasi
    flat = " ".join(evaluasi.split())
    for value in BERAKHLAK:
        assert value in flat, value

    # 5 January 2027: the daily reminders name the final period's deadline.
    move(_at(2027, 1, 5, 2))
    out = io.StringIO()
    call_command("send_plan_reminders", today="2027-01-05", stdout=out)
    # The four SKP of the chain miss the final period's realisation: each owner is reminded.
    assert "realisation_due 4" in out.getvalue(), out.getvalue()
    due = Notification.objects.get(
        recipient=personas.user("pegawai"), title="Realisasi Triwulan IV/Akhir belum lengkap"
    )
    assert due.body == "Batas pengisian: 10 Januari 2027."
    _sign_in(page, "pegawai")
    _go(page, reverse("planning:notifications"))
    assert "Batas pengisian: 10 Januari 2027." in page.inner_text("main")
    _shots(page, "notifications-reminder")
    _record(page, v2, q4, ("12", "12"), "realisation-4")

    # The final evaluation: the penilai rates triwulan IV/Akhir, the lurah signs it.
    _sign_in(page, "penilai")
    _evaluate(page, v2, q4)
    assert "Triwulan I" in page.inner_text("main") and "Triwulan II" in page.inner_text("main")
    _shots(page, "evaluate-q4-final-period")
    evaluation_services.set_ratings(
        plan=chain["kasi"],
        period=q4,
        by=personas.user("lurah"),
        result_rating="SESUAI",
        behaviour_rating="SESUAI",
    )
    _sign_in(page, "lurah")
    _sign(page, personas, q4)
    assert set(Evaluation.objects.filter(period=q4).values_list("status", flat=True)) == {"final"}

    # The final period's realisation table is locked: no inputs, and a POST is refused.
    _sign_in(page, "pegawai")
    table = f"{reverse('planning:realisation', args=[v2.pk])}?periode={q4.pk}"
    _go(page, table)
    assert "Pengisian periode ini sudah ditutup" in page.inner_text("main")
    assert page.locator("#realisation-table input, #realisation-table textarea").count() == 0
    _shots(page, "realisation-q4-locked")
    client = Client()
    client.force_login(
        personas.user("pegawai"), backend="sikap.accounts.backends.NipOrUsernameBackend"
    )
    rows = list(Realisation.objects.filter(indicator__work_result__plan=v2, period=q4))
    posted = {"periode": str(q4.pk), "r-TOTAL_FORMS": "2", "r-INITIAL_FORMS": "2"}
    for n, real in enumerate(rows):
        posted |= {f"r-{n}-indicator": str(real.indicator_id), f"r-{n}-value": "99"}
    refused = client.post(table, posted, follow=True)
    assert "Pengisian periode ini sudah ditutup" in refused.text or "ditutup" in refused.text
    assert sorted(r.value for r in Realisation.objects.filter(period=q4)) == [
        Decimal("12"),
        Decimal("12"),
    ]
