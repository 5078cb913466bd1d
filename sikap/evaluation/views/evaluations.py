"""The penilai's evaluation of an SKP for a period, the evaluation hub, and an evaluation's page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikap.accounts.http import AuthedRequest
from sikap.cycle.models import AppraisalYear, Period
from sikap.evaluation import access, context, peer, services
from sikap.evaluation.curve import unit_curve
from sikap.evaluation.forms import EvaluationForm
from sikap.evaluation.models import (
    Determination,
    Evaluation,
    EvaluationSettings,
    EvaluationStatus,
    Objection,
    ObjectionStatus,
    PeerFeedbackRequest,
    RenewalRecommendation,
)
from sikap.evaluation.rules import PREDICATE_MATRIX
from sikap.evaluation.views.peer import named_aggregate
from sikap.lib.forms import apply_errors
from sikap.org.scope import get_scope
from sikap.planning.models import Plan


def _current_year(request: AuthedRequest) -> AppraisalYear | None:
    raw = request.GET.get("tahun", "")
    years = AppraisalYear.objects.all()
    if raw.isdigit():
        return years.filter(year=int(raw)).first()
    today = timezone.localdate()
    return years.filter(year=today.year).first() or years.first()


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    """What the user evaluates, calibrates, decides or receives, for one appraisal year."""
    scope = get_scope(request.user)
    year = _current_year(request)
    today = timezone.localdate()
    periods = list(year.periods.all()) if year else []
    started = [p for p in periods if p.start_date <= today]
    team: list[dict[str, Any]] = []
    team_periods: list[Period] = []
    own: list[Evaluation] = []
    if scope.employee is not None and year is not None:
        plans = list(
            Plan.objects.current()
            .filter(appraisal_year=year, penilai=scope.employee)
            .select_related("employee")
            .order_by("employee__name", "start_date")
        )
        # Bound to the employee and the period: a revised SKP shows the ratings of v1's periods.
        evaluations = {
            (e.employee_id, e.period_id): e
            for e in Evaluation.objects.filter(
                employee__in=[p.employee_id for p in plans], period__in=started
            )
        }
        # A PPPK Paruh Waktu of a monthly year is evaluated in its own quarters (§8.1).
        team_periods = [
            p for p in started if any(p.applies_to(plan.employee.jenis_asn) for plan in plans)
        ]
        for plan in plans:
            cells = [
                (
                    p,
                    evaluations.get((plan.employee_id, p.pk)),
                    p.applies_to(plan.employee.jenis_asn),
                )
                for p in team_periods
            ]
            team.append({"plan": plan, "cells": cells})
        own = list(
            Evaluation.objects.filter(
                employee=scope.employee, period__appraisal_year=year, status=EvaluationStatus.FINAL
            ).select_related("period")
        )
    # Curves and penetapan are the year's own periods; the PPPK Paruh Waktu quarters have none.
    started = [p for p in started if not p.pppk_pw_only]
    units = []
    unit_rows = []
    if scope.reaches_any("read"):
        units = [u for u in access.units_read(scope) if u.kind in ("kecamatan", "kelurahan")]
        determined: dict[int, set[int]] = {p.pk: set() for p in started}
        for unit_id, period_id in Determination.objects.filter(
            unit__in=units, period__in=started
        ).values_list("unit_id", "period_id"):
            determined[period_id].add(unit_id)
        unit_rows = [
            {
                "unit": unit,
                "cells": [(period, unit.pk in determined[period.pk]) for period in started],
            }
            for unit in units
        ]
    pending = []
    if scope.employee is not None:
        pending = list(
            Objection.objects.filter(
                decider=scope.employee, status=ObjectionStatus.PENDING
            ).select_related("evaluation__employee", "evaluation__period")
        )
    return render(
        request,
        "evaluation/index.html",
        {
            "year": year,
            "years": AppraisalYear.objects.all(),
            "periods": started,
            "team_periods": team_periods,
            "team": team,
            "own": own,
            "units": units,
            "unit_rows": unit_rows,
            "pending": pending,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def evaluate(request: AuthedRequest, plan_pk: int, period_pk: int) -> HttpResponse:
    """The pejabat penilai sets the ratings of one SKP for one period."""
    plan = access.get_plan_for_evaluation(request.user, plan_pk)
    period = Period.objects.filter(pk=period_pk, appraisal_year=plan.appraisal_year_id).first()
    if period is None or not period.applies_to(plan.employee.jenis_asn):
        raise Http404
    is_penilai = access.is_penilai(get_scope(request.user), plan)
    if request.method == "POST":
        access.get_plan_for_evaluation(request.user, plan_pk, for_change=True)
    evaluation = Evaluation.objects.filter(employee=plan.employee_id, period=period).first()
    rows = context.plan_rows(plan, period, evaluation)
    head_default = context.unit_head_default(plan.employee, period)
    initial: dict[str, Any] = {}
    if evaluation is not None:
        initial = {
            "result_rating": evaluation.result_rating,
            "behaviour_rating": evaluation.behaviour_rating,
            "notes": evaluation.notes,
        }
    elif head_default is not None and head_default.rating is not None:
        initial["result_rating"] = head_default.rating.value
    form = EvaluationForm(request.POST or None, rows=rows, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_ratings(
                plan=plan,
                period=period,
                by=request.user,
                result_rating=form.cleaned_data["result_rating"],
                behaviour_rating=form.cleaned_data["behaviour_rating"],
                notes=form.cleaned_data["notes"],
                work_result_notes=form.work_result_notes(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Evaluation saved."))
            return redirect("evaluation:evaluate", plan_pk=plan.pk, period_pk=period.pk)
    periodic = []
    if period.is_final:
        periodic = list(
            Evaluation.objects.filter(
                plan__employee=plan.employee, period__appraisal_year=period.appraisal_year_id
            )
            .exclude(period=period)
            .select_related("period")
            .order_by("period__start_date")
        )
    curve = (
        unit_curve(plan.employee.unit, period, people=False)
        if plan.employee.unit is not None
        else None
    )
    peer_request = PeerFeedbackRequest.objects.filter(
        employee=plan.employee_id, period=period
    ).first()
    return render(
        request,
        "evaluation/evaluate.html",
        {
            "plan": plan,
            "period": period,
            "evaluation": evaluation,
            "form": form,
            "rows": rows,
            "behaviour_feedback": context.behaviour_feedback(plan, period),
            # The Kuadran Kinerja from rules, for the live predikat shown before saving.
            "predicate_matrix": {
                f"{result.value}|{behaviour.value}": predicate.label
                for (result, behaviour), predicate in PREDICATE_MATRIX.items()
            },
            "peer": peer_request,
            "aggregate": named_aggregate(peer.aggregate(peer_request)),
            "minimum": EvaluationSettings.load().peer_feedback_minimum,
            "suggestion": context.suggestion_for(rows, period, plan),
            "signals": context.service_signals(plan.employee_id, period),
            "head_default": head_default,
            "periodic": periodic,
            "curve": curve,
            "chart": curve.chart() if curve else None,
            "can_edit": is_penilai and not (evaluation and evaluation.is_final),
        },
    )


@require_GET
@login_required
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One evaluation: ratings, predikat, keberatan and the audit trail."""
    evaluation = access.get_evaluation_for_user(request.user, pk)
    settings = EvaluationSettings.load()
    deadline = services.objection_deadline(evaluation, settings)
    is_owner = access.is_owner(request.user, evaluation)
    objections = list(evaluation.objections.select_related("decider"))
    takes_renewal = access.takes_renewal(evaluation)
    renewal = (
        RenewalRecommendation.objects.filter(evaluation=evaluation).first()
        if takes_renewal
        else None
    )
    window_open = deadline is not None and timezone.localdate() <= deadline
    can_object = (
        is_owner
        and window_open
        and not any(o.status == ObjectionStatus.PENDING for o in objections)
    )
    return render(
        request,
        "evaluation/detail.html",
        {
            "evaluation": evaluation,
            "objections": objections,
            "deadline": deadline,
            "can_object": can_object,
            "window_open": window_open,
            "history": context.history_rows(evaluation.history.all()),
            "angka_kredit": context.angka_kredit_for(evaluation),
            "has_pppk_dossier": takes_renewal,
            "renewal": renewal,
            "can_recommend": takes_renewal
            and access.is_penilai(get_scope(request.user), evaluation.plan),
        },
    )
