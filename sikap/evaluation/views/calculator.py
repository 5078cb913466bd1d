"""The kalkulator distribusi predikat: limits for an organisation predikat and a headcount."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sikap.accounts.http import AuthedRequest
from sikap.evaluation import rules
from sikap.evaluation.curve import chart_data, limits_payload
from sikap.evaluation.forms import CalculatorForm
from sikap.evaluation.models import EvaluationSettings


@require_GET
@login_required
def calculator(request: AuthedRequest) -> HttpResponse:
    """Anyone signed in may use the calculator: it only applies the public SE 3/2023 rules."""
    settings = EvaluationSettings.load()
    data = request.GET if "headcount" in request.GET else None
    form = CalculatorForm(
        data, initial={"rounding": settings.rounding, "organisation_predicate": "BAIK"}
    )
    context: dict[str, object] = {"form": form, "settings": settings}
    if form.is_bound and form.is_valid():
        limits = rules.distribution_limits(
            rules.OrganisationPredicate(form.cleaned_data["organisation_predicate"]),
            form.cleaned_data["headcount"],
            rounding=rules.Rounding(form.cleaned_data["rounding"]),
        )
        actual = form.cleaned_data["actual"]
        violations = rules.check_distribution(limits, actual) if actual is not None else None
        context["result"] = limits_payload(limits, violations)
        context["chart"] = chart_data(actual or {}, limits)
        context["has_actual"] = actual is not None
    template = "evaluation/calculator.html#result" if request.htmx else "evaluation/calculator.html"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response
