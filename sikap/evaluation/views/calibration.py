"""Calibration by the unit head: the 3×3 grid, the curve, rating changes and the penetapan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts.http import AuthedRequest
from sikap.cycle.models import Period
from sikap.evaluation import access, raters, rules, services
from sikap.evaluation.context import history_rows
from sikap.evaluation.curve import UnitCurve, unit_curve
from sikap.evaluation.forms import (
    CalibrationForm,
    CorrectionForm,
    DeterminationForm,
    OrganisationPredicateForm,
)
from sikap.evaluation.models import Evaluation, EvaluationSettings
from sikap.evaluation.rater_signals import team_signals
from sikap.lib.forms import apply_errors
from sikap.org.scope import get_scope

GRID_ROWS = (rules.Rating.DI_ATAS, rules.Rating.SESUAI, rules.Rating.DI_BAWAH)
GRID_COLUMNS = (rules.Rating.DI_BAWAH, rules.Rating.SESUAI, rules.Rating.DI_ATAS)


def grid(curve: UnitCurve) -> list[dict[str, Any]]:
    """Rows Rating Hasil Kerja (Di Atas first) × columns Rating Perilaku (Di Bawah first)."""
    cells: dict[tuple[str, str], list[Evaluation]] = {}
    for evaluation in curve.evaluations.values():
        key = (evaluation.result_rating, evaluation.behaviour_rating)
        cells.setdefault(key, []).append(evaluation)
    return [
        {
            "rating": row,
            "cells": [
                {
                    "predicate": rules.employee_predicate(row, column),
                    "people": cells.get((row.value, column.value), []),
                }
                for column in GRID_COLUMNS
            ],
        }
        for row in GRID_ROWS
    ]


def _load(request: AuthedRequest, unit_pk: int, period_pk: int, *, for_change: bool) -> UnitCurve:
    unit = access.get_calibration_unit(request.user, unit_pk, for_change=for_change)
    period = get_object_or_404(Period.objects.select_related("appraisal_year"), pk=period_pk)
    curve = unit_curve(unit, period)
    if for_change and not access.leads_unit(get_scope(request.user), curve.unit):
        raise PermissionDenied
    return curve


@require_GET
@login_required
def calibration(request: AuthedRequest, unit_pk: int, period_pk: int) -> HttpResponse:
    """Everyone's ratings in the unit's curve, the curve against its limits, and the penetapan."""
    curve = _load(request, unit_pk, period_pk, for_change=False)
    scope = get_scope(request.user)
    settings = EvaluationSettings.load()
    unrated = services.awaiting_evaluation(curve)
    return render(
        request,
        "evaluation/calibration.html",
        {
            "curve": curve,
            "requested_unit_id": unit_pk,
            "chart": curve.chart(),
            "grid": grid(curve),
            "raters": team_signals(curve),
            "min_team": raters.MIN_TEAM,
            "min_pool": raters.MIN_POOL,
            "columns": GRID_COLUMNS,
            "rows": sorted(curve.evaluations.values(), key=lambda e: e.employee.name),
            "own_ids": {
                e.pk for e in curve.evaluations.values() if access.calibrates_own_result(scope, e)
            },
            "unrated": unrated,
            "can_calibrate": access.leads_unit(scope, curve.unit) and curve.determination is None,
            "can_set_predicate": access.can_set_organisation_predicate(
                scope, curve.unit, settings.organisation_predicate_setter
            )
            and curve.determination is None,
            "rating_choices": [(r.value, r.label) for r in rules.Rating],
            "period_open": timezone.localdate() <= curve.period.end_date,
            "determination_form": DeterminationForm(),
            "correction_form": CorrectionForm(),
            "can_correct": access.leads_unit(scope, curve.unit) and curve.determination is not None,
            "documents": list(curve.determination.documents.order_by("-version"))
            if curve.determination
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def calibrate(request: AuthedRequest, unit_pk: int, period_pk: int, pk: int) -> HttpResponse:
    """Change one employee's ratings with a mandatory reason."""
    curve = _load(request, unit_pk, period_pk, for_change=True)
    evaluation = next((e for e in curve.evaluations.values() if e.pk == pk), None)
    if evaluation is None:
        raise Http404
    if curve.determination is not None or evaluation.is_final:
        return _locked(request, unit_pk, period_pk)
    if access.calibrates_own_result(get_scope(request.user), evaluation):
        raise PermissionDenied(services.OWN_RESULT_MESSAGE)
    form = CalibrationForm(
        request.POST or None,
        initial={
            "result_rating": evaluation.result_rating,
            "behaviour_rating": evaluation.behaviour_rating,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.calibrate_rating(evaluation=evaluation, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Rating changed; the reason is recorded."))
            return redirect("evaluation:calibration", unit_pk=unit_pk, period_pk=period_pk)
    return render(
        request,
        "evaluation/form.html",
        {
            "form": form,
            "title": _("Calibrate %(name)s") % {"name": evaluation.employee.display_name},
            "history": history_rows(evaluation.history.all()),
            "back_url": request.path.rsplit("/ubah/", 1)[0] + "/",
        },
    )


def _locked(request: AuthedRequest, unit_pk: int, period_pk: int) -> HttpResponse:
    """403 with the reason: a signed curve is changed only through a keberatan."""
    context = {
        "title": _("This curve is signed"),
        "message": _(
            "The penetapan predikat kinerja of this period is signed: its ratings are final and "
            "can no longer be calibrated. A change is possible only through a keberatan."
        ),
        "back_url": reverse("evaluation:calibration", args=[unit_pk, period_pk]),
    }
    return render(request, "evaluation/locked.html", context, status=403)


@require_POST
@login_required
def determine(request: AuthedRequest, unit_pk: int, period_pk: int) -> HttpResponse:
    """Sign the penetapan predikat kinerja; the period's evaluations of the curve become final."""
    curve = _load(request, unit_pk, period_pk, for_change=True)
    form = DeterminationForm(request.POST)
    _sign_or_report(
        request,
        form,
        lambda data: services.determine_predicates(
            curve=curve,
            by=request.user,
            signer=get_scope(request.user).employee,
            early_close_reason=data["early_close_reason"],
        ),
        _("Penetapan predikat kinerja signed; the evaluations are final."),
    )
    return redirect("evaluation:calibration", unit_pk=unit_pk, period_pk=period_pk)


@require_POST
@login_required
def correct(request: AuthedRequest, unit_pk: int, period_pk: int) -> HttpResponse:
    """Sign a corrected version of the penetapan, with a reason; earlier documents are kept."""
    curve = _load(request, unit_pk, period_pk, for_change=True)
    form = CorrectionForm(request.POST)
    _sign_or_report(
        request,
        form,
        lambda data: services.correct_determination(
            curve=curve,
            by=request.user,
            signer=get_scope(request.user).employee,
            reason=data["reason"],
        ),
        _("A corrected version of the penetapan is signed."),
    )
    return redirect("evaluation:calibration", unit_pk=unit_pk, period_pk=period_pk)


def _sign_or_report(request: AuthedRequest, form: Any, sign: Any, done: str) -> None:
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return
    try:
        sign(form.cleaned_data)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)


@require_http_methods(["GET", "POST"])
@login_required
def organisation_predicate(request: AuthedRequest, unit_pk: int, period_pk: int) -> HttpResponse:
    """Record the unit's Predikat Kinerja Organisasi for the period."""
    unit = access.get_calibration_unit(request.user, unit_pk)
    period = get_object_or_404(Period, pk=period_pk)
    settings = EvaluationSettings.load()
    if not access.can_set_organisation_predicate(
        get_scope(request.user), unit, settings.organisation_predicate_setter
    ):
        raise PermissionDenied
    curve = unit_curve(unit, period, settings=settings)
    target = curve.unit
    initial = {}
    if curve.assessment is not None:
        initial = {"predicate": curve.assessment.predicate, "note": curve.assessment.note}
    form = OrganisationPredicateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_organisation_predicate(
                unit=target, period=period, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Predikat Kinerja Organisasi saved."))
            return redirect("evaluation:calibration", unit_pk=unit_pk, period_pk=period_pk)
    return render(
        request,
        "evaluation/form.html",
        {
            "form": form,
            "title": _("Predikat Kinerja Organisasi of %(unit)s, %(period)s")
            % {"unit": target.name, "period": period},
            "history": history_rows(curve.assessment.history.all()) if curve.assessment else None,
            "back_url": f"../../../kalibrasi/{unit_pk}/{period_pk}/",
        },
    )
