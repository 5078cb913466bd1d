"""PDF documents in the official layouts (§1.10) and the Excel workbook of a unit's results."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET

from sikap.accounts.http import AuthedRequest
from sikap.cycle.models import Period
from sikap.cycle.rules import contract_quarters
from sikap.evaluation import access, context
from sikap.evaluation.curve import unit_curve
from sikap.evaluation.models import Evaluation, RenewalRecommendation
from sikap.evaluation.svg import curve_svg
from sikap.lib.formatting import tanggal, tanggal_upper
from sikap.lib.nip import NipKind, format_nip
from sikap.lib.pdf import pdf_response
from sikap.lib.xlsx import add_sheet, new_workbook, xlsx_response
from sikap.org.models import Contract, JenisAsn
from sikap.org.rules import golongan_label


def _period_label(period: Period) -> str:
    """TRIWULAN I … IV/AKHIR, or the month for bulanan periods."""
    return period.name.upper()


def document_context(evaluation: Evaluation) -> dict[str, Any]:
    """Everything the two evaluation documents print."""
    plan = evaluation.plan
    period = evaluation.period
    unit = evaluation.employee.unit
    curve = unit_curve(unit, period) if unit is not None else None
    # The final period's evaluation is the annual one: it covers the whole SKP year.
    start, end = (
        (plan.start_date, plan.end_date)
        if period.is_final
        else (period.start_date, period.end_date)
    )
    return {
        "evaluation": evaluation,
        "plan": plan,
        "period": period,
        "period_label": _period_label(period),
        "start": tanggal_upper(start),
        "end": tanggal_upper(end),
        "year": period.appraisal_year.year,
        "assessment": curve.assessment if curve else None,
        "chart_svg": curve_svg(curve.chart()) if curve else "",
        "penilai_golongan": golongan_label(evaluation.penilai_golongan, pppk=False)
        if evaluation.penilai_golongan
        else plan.penilai_golongan,
        "place_date": f"Palembang, {tanggal(timezone.localdate())}",
    }


@require_GET
@login_required
def document(request: AuthedRequest, pk: int) -> HttpResponse:
    """DOKUMEN EVALUASI KINERJA PEGAWAI."""
    evaluation = access.get_evaluation_for_user(request.user, pk)
    return pdf_response(
        request,
        "evaluation/pdf/dokumen.html",
        document_context(evaluation),
        filename=f"dokumen-evaluasi-{evaluation.employee.nip or evaluation.employee_id}-{evaluation.period_id}",
    )


@require_GET
@login_required
def form_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """EVALUASI KINERJA PEGAWAI (the periodic form with RHK, realisation and feedback)."""
    evaluation = access.get_evaluation_for_user(request.user, pk)
    ctx = document_context(evaluation)
    ctx["rows"] = context.plan_rows(evaluation.plan, evaluation.period, evaluation)
    ctx["behaviours"] = context.behaviour_rows(evaluation.plan, evaluation.period)
    return pdf_response(
        request,
        "evaluation/pdf/formulir.html",
        ctx,
        filename=f"evaluasi-kinerja-{evaluation.employee.nip or evaluation.employee_id}-{evaluation.period_id}",
    )


@require_GET
@login_required
def determination_pdf(
    request: AuthedRequest, unit_pk: int, period_pk: int
) -> HttpResponse | FileResponse:
    """FORMAT PENETAPAN PREDIKAT KINERJA with the curve as an SVG chart."""
    unit = access.get_calibration_unit(request.user, unit_pk)
    period = get_object_or_404(Period.objects.select_related("appraisal_year"), pk=period_pk)
    curve = unit_curve(unit, period)
    if curve.determination is not None:
        # The signed document is served as it was stored at signing, never regenerated.
        asked = request.GET.get("versi", "")
        wanted = int(asked) if asked.isdigit() else curve.determination.version
        stored = curve.determination.documents.filter(version=wanted).first()
        if stored is not None:
            return FileResponse(
                stored.file.open("rb"),
                as_attachment=True,
                filename=f"penetapan-predikat-{curve.unit.pk}-{period.pk}-v{stored.version}.pdf",
                content_type="application/pdf",
            )
    return pdf_response(
        request,
        "evaluation/pdf/penetapan.html",
        context.penetapan_context(curve),
        filename=f"penetapan-predikat-{curve.unit.pk}-{period.pk}",
    )


@require_GET
@login_required
def unit_xlsx(request: AuthedRequest, unit_pk: int, period_pk: int) -> HttpResponse:
    """The unit's results for a period as an Excel workbook."""
    unit = access.get_calibration_unit(request.user, unit_pk)
    period = get_object_or_404(Period.objects.select_related("appraisal_year"), pk=period_pk)
    curve = unit_curve(unit, period)
    workbook = new_workbook()
    rows = []
    for employee in curve.employees:
        ev = curve.evaluations.get(employee.pk)
        rows.append(
            [
                employee.nip,
                employee.display_name,
                employee.position.name if employee.position else "",
                employee.unit.name if employee.unit else "",
                ev.get_result_rating_display() if ev else "",
                ev.get_behaviour_rating_display() if ev else "",
                ev.get_predicate_display() if ev else "",
                ev.get_status_display() if ev else "",
                ev.penilai_name if ev else "",
            ]
        )
    add_sheet(
        workbook,
        "Hasil evaluasi",
        [
            "NIP",
            "Nama",
            "Jabatan",
            "Unit",
            "Rating Hasil Kerja",
            "Rating Perilaku Kerja",
            "Predikat Kinerja Pegawai",
            "Status",
            "Pejabat Penilai",
        ],
        rows,
    )
    chart = curve.chart()
    add_sheet(
        workbook,
        "Kurva distribusi",
        ["Predikat", "Kode", "Aktual", "Minimal", "Maksimal"],
        [
            [
                chart["labels"][i],
                chart["codes"][i],
                chart["actual"][i],
                chart["min"][i],
                chart["max"][i],
            ]
            for i in range(5)
        ],
    )
    return xlsx_response(workbook, filename=f"hasil-evaluasi-{curve.unit.pk}-{period.pk}")


@require_GET
@login_required
def pppk_dossier(request: AuthedRequest, pk: int) -> HttpResponse:
    """The dossier of a PPPK Paruh Waktu: the four quarters and the renewal recommendation (§8.1)."""
    evaluation = access.get_evaluation_for_user(request.user, pk)
    employee = evaluation.employee
    if employee.jenis_asn != JenisAsn.PPPK_PW or not evaluation.period.is_final:
        raise Http404
    year = evaluation.period.appraisal_year.year
    contract = Contract.objects.touching_year(year).filter(employee=employee).first()
    start = contract.start_date if contract else dt.date(year, 1, 1)
    end = contract.end_date if contract else dt.date(year, 12, 31)
    by_span = {
        (e.period.start_date, e.period.end_date): e
        for e in Evaluation.objects.filter(
            employee=employee,
            period__appraisal_year=evaluation.period.appraisal_year,
            period__is_final=False,
        ).select_related("period")
    }
    whole_year = contract_quarters(year, dt.date(year, 1, 1), dt.date(year, 12, 31))
    quarters = []
    for q in contract_quarters(year, start, end):
        full = whole_year[q.number - 1]
        quarters.append(
            {
                "label": q.label,
                "start": tanggal(q.start),
                "end": tanggal(q.end),
                "evaluation": by_span.get((full.start, full.end)),
            }
        )
    renewal = RenewalRecommendation.objects.filter(evaluation=evaluation).first()
    plan = evaluation.plan
    penilai_nip = evaluation.penilai_nip or plan.penilai_nip
    ctx = {
        "evaluation": evaluation,
        "plan": plan,
        "employee": employee,
        "year": year,
        "contract": contract,
        "contract_start": tanggal(start),
        "contract_end": tanggal(end),
        "quarters": quarters,
        "renewal": renewal,
        "penilai_nip": format_nip(penilai_nip, NipKind.PNS)
        if len(penilai_nip) == 18
        else penilai_nip,
        "place_date": f"Palembang, {tanggal(timezone.localdate())}",
        "printed": f"{tanggal(timezone.localdate())} {timezone.localtime():%H:%M}",
    }
    return pdf_response(
        request,
        "evaluation/pdf/dossier_pppk_pw.html",
        ctx,
        filename=f"dosir-pppk-paruh-waktu-{employee.nip or employee.pk}-{year}",
    )
