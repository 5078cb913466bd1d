"""Rencana aksi per RHK per quarter (§8.2): the page where they are agreed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.cycle.models import Period
from sikap.lib.forms import apply_errors
from sikap.planning import access, forms
from sikap.planning.action_plans import action_plan_sections, quarters_of
from sikap.planning.models import ActionPlan, Plan
from sikap.planning.services import action_plans as services


def _editable_periods(plan: Plan, day: Any) -> list[Period]:
    return [p for p in quarters_of(plan) if services.may_edit(plan, p, day)]


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def action_plans(request: AuthedRequest, pk: int) -> HttpResponse:
    """Agree rencana aksi: the employee or the pejabat penilai adds them per RHK and quarter."""
    plan = access.get_plan_for_user(request.user, pk, for_change=request.method == "POST")
    rights = access.rights(request.user, plan)
    day = timezone.localdate()
    editable = _editable_periods(plan, day) if (rights.is_owner or rights.is_penilai) else []
    form = forms.ActionPlanForm(
        request.POST or None,
        work_results=plan.work_results.order_by("category", "order"),
        periods=Period.objects.filter(pk__in=[p.pk for p in editable]).order_by("start_date"),
        initial={"period": editable[0].pk if editable else None},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_action_plan(
                work_result=data["work_result"],
                period=data["period"],
                text=data["text"],
                target=data["target"],
                satuan=data["satuan"],
                by=request.user,
                today=day,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Rencana aksi added."))
            return redirect("planning:action_plans", plan.pk)
    editable_ids = {p.pk for p in editable}
    return render(
        request,
        "planning/action_plans.html",
        {
            "plan": plan,
            "form": form,
            "sections": action_plan_sections(plan),
            "editable_ids": editable_ids,
            "can_change": bool(editable_ids),
        },
    )


@require_POST
@login_required
def action_plan_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    """Remove a rencana aksi while its quarter may change."""
    action_plan = (
        ActionPlan.objects.select_related("work_result__plan", "period__appraisal_year")
        .filter(pk=pk)
        .first()
    )
    if action_plan is None:
        raise Http404
    plan = access.get_plan_for_user(request.user, action_plan.work_result.plan_id, for_change=True)
    try:
        services.delete_action_plan(action_plan=action_plan, by=request.user)
    except ValidationError as error:
        raise PermissionDenied(error.messages[0]) from error
    messages.success(request, _("Rencana aksi removed."))
    return redirect("planning:action_plans", plan.pk)
