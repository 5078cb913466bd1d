"""Keberatan: the employee objects to a final predikat; the atasan pejabat penilai decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.evaluation import access, services
from sikap.evaluation.forms import DecisionForm, ObjectionForm
from sikap.lib.forms import apply_errors


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def objection_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """The evaluated employee files a keberatan."""
    evaluation = access.get_evaluation_for_user(request.user, pk)
    access.require_owner(request.user, evaluation)
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.file_objection(
                evaluation=evaluation, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Keberatan filed."))
            return redirect("evaluation:detail", pk=evaluation.pk)
    return render(
        request,
        "evaluation/form.html",
        {
            "form": form,
            "title": _("Keberatan against %(predicate)s (%(period)s)")
            % {"predicate": evaluation.get_predicate_display(), "period": evaluation.period},
            "back_url": "../",
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def objection_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    """The atasan pejabat penilai accepts with new ratings, or rejects, with a reason."""
    objection = access.get_objection_for_user(request.user, pk, for_change=True)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decide_objection(
                objection=objection,
                accept=data["decision"] == "accept",
                reason=data["decision_reason"],
                result_rating=data["result_rating"],
                behaviour_rating=data["behaviour_rating"],
                by=request.user,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("evaluation:detail", pk=objection.evaluation_id)
    evaluation = objection.evaluation
    intro = _("%(name)s objects to %(predicate)s: %(reason)s") % {
        "name": evaluation.employee.display_name,
        "predicate": evaluation.get_predicate_display(),
        "reason": objection.reason,
    }
    return render(
        request,
        "evaluation/objection_decide.html",
        {
            "form": form,
            "evaluation": evaluation,
            "title": _("Decide on a keberatan"),
            "intro": intro,
            "back_url": "/evaluasi/",
        },
    )
