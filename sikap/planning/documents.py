"""Documents of an SKP: the official PDF layout (§1.4.2-§1.4.7) and the unit's Excel export."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone

from sikap.cycle.models import AppraisalYear
from sikap.lib.formatting import tanggal, tanggal_upper
from sikap.lib.xlsx import add_sheet, new_workbook, xlsx_response
from sikap.org.models import Unit, within_q
from sikap.planning import rules
from sikap.planning.action_plans import action_plan_sections
from sikap.planning.models import Category, Indicator, Plan, Realisation


def plan_document_context(plan: Plan) -> dict[str, Any]:
    """Everything the PDF template prints, computed here (the template stays dumb)."""
    results = list(
        plan.work_results.select_related("intervenes", "organisation_target").prefetch_related(
            "indicators"
        )
    )
    expectations = {e.value: e.expectation for e in plan.expectations.all()}
    annex = getattr(plan, "annex", None)
    groups = []
    for code, label in ((Category.UTAMA, "A. UTAMA"), (Category.TAMBAHAN, "B. TAMBAHAN")):
        rows = []
        for number, result in enumerate((r for r in results if r.category == code), start=1):
            if result.intervenes is not None:
                leader = result.intervenes.text
            elif result.organisation_target is not None:
                target = result.organisation_target
                leader = f"{target.sasaran} — {target.indikator}"
                if target.target:
                    leader += f" (target {target.target})"
            else:
                leader = "-"
            rows.append(
                {
                    "number": number,
                    "result": result,
                    "leader": leader,
                    "indicators": list(result.indicators.all()),
                }
            )
        groups.append({"label": label, "rows": rows})
    behaviours = [
        {"number": n, "name": name, "indicators": ind, "expectation": expectations.get(key, "")}
        for n, (key, name, ind) in enumerate(rules.BERAKHLAK, start=1)
    ]
    # The day as it was in Palembang: an approval at 03:27 WIB is still that day, not the one before.
    sign_day = timezone.localdate(plan.approved_at or plan.submitted_at or timezone.now())
    return {
        "plan": plan,
        "title_lines": plan.title_lines,
        "instansi": plan.instansi.splitlines() or ["PEMERINTAH KOTA PALEMBANG"],
        "periode": (
            f"PERIODE PENILAIAN: {tanggal_upper(plan.start_date)} SD "
            f"{tanggal_upper(plan.end_date)} TAHUN {plan.end_date.year}"
        ),
        "groups": groups,
        "qualitative": plan.approach == "kualitatif",
        "jpt": plan.form_kind == "JPT",
        "behaviours": behaviours,
        "annex": annex,
        "action_plan_sections": action_plan_sections(plan),
        "footnote_intervensi": rules.FOOTNOTE_INTERVENSI,
        "footnote_ekspektasi": rules.FOOTNOTE_EKSPEKTASI,
        "qualitative_label": rules.QUALITATIVE_LABEL,
        "place_date": f"Palembang, {tanggal(sign_day)}",
        "golongan_label": "GOLONGAN" if plan.employee.is_pppk else "PANGKAT/GOL RUANG",
    }


HEADERS = [
    "Tahun",
    "Nama",
    "NIP",
    "Jabatan",
    "Unit Kerja",
    "Pejabat Penilai",
    "Status",
    "Versi",
    "Kategori",
    "Rencana Hasil Kerja",
    "RHK Pimpinan yang Diintervensi",
    "Aspek",
    "Indikator Kinerja Individu",
    "Target",
]


REALISATION_HEADERS = [
    "Nama",
    "NIP",
    "Rencana Hasil Kerja",
    "Aspek",
    "Indikator Kinerja Individu",
    "Target",
    "Periode",
    "Realisasi",
    "Satuan",
    "Uraian",
    "Catatan",
    "Jumlah bukti dukung",
]


def _realisation_rows(unit: Unit, year: AppraisalYear | None) -> list[list[Any]]:
    realisations = (
        Realisation.objects.filter(
            within_q([unit.path], "indicator__work_result__plan__employee__unit"),
            indicator__work_result__plan__appraisal_year=year,
            indicator__work_result__plan__is_current=True,
        )
        .select_related("indicator__work_result__plan", "period")
        .annotate(n_evidence=Count("evidence"))
        .order_by(
            "indicator__work_result__plan__employee_name",
            "period__number",
            "indicator__work_result__order",
            "indicator__order",
        )
    )
    rows: list[list[Any]] = []
    for real in realisations:
        indicator = real.indicator
        plan = indicator.work_result.plan
        rows.append(
            [
                plan.employee_name,
                plan.employee_nip,
                indicator.work_result.text,
                str(indicator.get_aspect_display()),
                indicator.text,
                indicator.target_display,
                real.period.name,
                float(real.value) if real.value is not None else None,
                indicator.target_unit,
                real.text,
                real.note,
                real.n_evidence,
            ]
        )
    return rows


def unit_workbook_response(unit: Unit, year: AppraisalYear | None) -> HttpResponse:
    """One row per indicator of every current SKP in the unit subtree."""
    indicators = (
        Indicator.objects.filter(
            within_q([unit.path], "work_result__plan__employee__unit"),
            work_result__plan__appraisal_year=year,
            work_result__plan__is_current=True,
        )
        .select_related("work_result__plan__appraisal_year", "work_result__intervenes")
        .order_by(
            "work_result__plan__employee_name",
            "work_result__category",
            "work_result__order",
            "order",
        )
    )
    rows = []
    for indicator in indicators:
        result = indicator.work_result
        plan = result.plan
        rows.append(
            [
                plan.appraisal_year.year,
                plan.employee_name,
                plan.employee_nip,
                plan.employee_position,
                plan.employee_unit,
                plan.penilai_name,
                str(plan.get_status_display()),
                plan.version,
                str(result.get_category_display()),
                result.text,
                result.intervenes.text if result.intervenes else "",
                str(indicator.get_aspect_display()),
                indicator.text,
                indicator.target_display,
            ]
        )
    workbook = new_workbook()
    add_sheet(workbook, "SKP", HEADERS, rows)
    add_sheet(workbook, "Realisasi", REALISATION_HEADERS, _realisation_rows(unit, year))
    label = year.year if year else "tanpa-tahun"
    return xlsx_response(workbook, filename=f"SKP-{label}-{unit.name.replace(' ', '-')}")
