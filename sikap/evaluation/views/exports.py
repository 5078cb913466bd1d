"""SIASN-shaped exports (JSON and CSV) of final evaluations, per period and per year."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from sikap.accounts.http import AuthedRequest
from sikap.cycle.models import AppraisalYear, Period
from sikap.evaluation import siasn
from sikap.evaluation.models import Evaluation, EvaluationStatus
from sikap.lib.csvexport import csv_text
from sikap.org.scope import get_scope


def _visible_final(request: AuthedRequest) -> Any:
    """Final evaluations in the units the user manages, audits or leads (404 for others)."""
    scope = get_scope(request.user)
    qs = Evaluation.objects.filter(status=EvaluationStatus.FINAL).select_related(
        "employee__position", "penilai", "period__appraisal_year"
    )
    if not scope.reaches_any("read"):
        raise Http404
    return scope.filter_units(qs, field="employee__unit")


def _respond(
    records: list[dict[str, Any]], fields: tuple[str, ...], fmt: str, name: str
) -> HttpResponse:
    if fmt == "json":
        response = HttpResponse(
            json.dumps(records, ensure_ascii=False, indent=2), content_type="application/json"
        )
    elif fmt == "csv":
        response = HttpResponse(csv_text(fields, records), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_GET
@login_required
def siasn_period(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """``kinerjaperiodik/save`` records of a period."""
    period = get_object_or_404(Period.objects.select_related("appraisal_year"), pk=pk)
    evaluations = _visible_final(request).filter(period=period).order_by("employee__name")
    records = [siasn.periodic_record(e) for e in evaluations]
    return _respond(
        records,
        siasn.PERIODIC_FIELDS,
        fmt,
        f"siasn-kinerjaperiodik-{period.appraisal_year.year}-{period.number}",
    )


@require_GET
@login_required
def siasn_year(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """``skp22/save`` records of a year, from the final period's evaluations."""
    year = get_object_or_404(AppraisalYear, pk=pk)
    final = year.periods.filter(is_final=True).first()
    if final is None:
        raise PermissionDenied
    evaluations = _visible_final(request).filter(period=final).order_by("employee__name")
    records = [siasn.annual_record(e) for e in evaluations]
    return _respond(records, siasn.ANNUAL_FIELDS, fmt, f"siasn-skp22-{year.year}")
