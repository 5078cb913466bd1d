"""SKP pages: my SKP, an SKP with its RHK and indicators, the workflow and the PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.lib.forms import apply_errors, model_field
from sikap.lib.pdf import pdf_response
from sikap.org.hierarchy import OrgChart
from sikap.org.scope import get_scope
from sikap.planning import access, documents, forms, rules
from sikap.planning.action_plans import action_plan_sections
from sikap.planning.models import (
    Category,
    Indicator,
    OrganisationTarget,
    Plan,
    PlanStatus,
    WorkResult,
)
from sikap.planning.services import plans as plan_services
from sikap.planning.views.common import (
    current_year,
    flash_error,
)

# --- My SKP ------------------------------------------------------------------------------------


@require_GET
@login_required
def my_plans(request: AuthedRequest) -> HttpResponse:
    """The signed-in employee's SKP, newest first."""
    scope = get_scope(request.user)
    plans = []
    if scope.employee is not None:
        plans = list(
            Plan.objects.filter(employee=scope.employee)
            .select_related("appraisal_year")
            .annotate(n_results=Count("work_results"))
            .order_by("-appraisal_year__year", "-start_date", "-version")
        )
    return render(
        request,
        "planning/my_plans.html",
        {
            "plans": plans,
            "can_create": scope.employee is not None,
            "is_penilai": bool(scope.direct_report_ids),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def plan_create(request: AuthedRequest) -> HttpResponse:
    """Start a new SKP (at the beginning of the year, or after a change of position)."""
    scope = get_scope(request.user)
    if scope.employee is None:
        raise PermissionDenied
    today = timezone.localdate()
    initial = {"appraisal_year": current_year(today)}
    form = forms.PlanCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_services.create_plan(
                employee=scope.employee, by=request.user, today=today, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("SKP created. Now add your work results."))
            return redirect("planning:plan", plan.pk)
    return render(
        request,
        "planning/form.html",
        {"form": form, "title": _("New SKP"), "back": "planning:mine"},
    )


def _plan_context(request: AuthedRequest, plan: Plan) -> dict[str, Any]:
    rights = access.rights(request.user, plan)
    results = list(
        plan.work_results.select_related(
            "intervenes__plan", "organisation_target"
        ).prefetch_related("indicators")
    )
    expectations = {e.value: e.expectation for e in plan.expectations.all()}
    behaviours = [
        {
            "key": key,
            "name": name,
            "indicators": indicators,
            "expectation": expectations.get(key, ""),
        }
        for key, name, indicators in rules.BERAKHLAK
    ]
    annex = getattr(plan, "annex", None)
    return {
        "plan": plan,
        "rights": rights,
        "can_edit": rights.owner_can_edit(plan),
        "can_review": rights.is_penilai and plan.status == PlanStatus.SUBMITTED,
        "can_expect": rights.is_penilai and plan.status != PlanStatus.APPROVED,
        "can_revise": rights.is_owner and plan.status == PlanStatus.APPROVED and plan.is_current,
        "can_cascade": rights.is_owner
        and plan.is_current
        and bool(get_scope(request.user).direct_report_ids),
        "utama": [r for r in results if r.category == Category.UTAMA],
        "tambahan": [r for r in results if r.category == Category.TAMBAHAN],
        "behaviours": behaviours,
        "annex": annex,
        "dialogues": list(plan.dialogues.all()),
        "action_plan_sections": action_plan_sections(plan),
        "versions": list(
            Plan.objects.filter(employee=plan.employee, appraisal_year=plan.appraisal_year)
            .exclude(pk=plan.pk)
            .order_by("-start_date", "-version")
        ),
        "next_waiting": _next_waiting(request, plan),
        "return_form": forms.ReturnForm(),
        "dialogue_form": forms.DialogueForm(initial={"date": timezone.localdate()}),
        "footnote_intervensi": rules.FOOTNOTE_INTERVENSI,
        "footnote_ekspektasi": rules.FOOTNOTE_EKSPEKTASI,
        "qualitative_label": rules.QUALITATIVE_LABEL,
    }


def _next_waiting(request: AuthedRequest, plan: Plan) -> Plan | None:
    """The next SKP waiting for this penilai's approval (by name, wrapping round), if any."""
    me = get_scope(request.user).employee
    if me is None:
        return None
    waiting = list(
        Plan.objects.filter(penilai_id=me.pk, status=PlanStatus.SUBMITTED)
        .exclude(pk=plan.pk)
        .order_by("employee_name", "pk")
        .only("pk", "employee_name")
    )
    after = [p for p in waiting if (p.employee_name, p.pk) > (plan.employee_name, plan.pk)]
    candidates = after or waiting
    return candidates[0] if candidates else None


@require_GET
@login_required
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """An SKP like the official form: A. Utama / B. Tambahan, perilaku, lampiran, workflow."""
    plan = access.get_plan_for_user(request.user, pk)
    return render(request, "planning/plan.html", _plan_context(request, plan))


def _leader_results(plan: Plan, day: dt.date) -> Any:
    chart = OrgChart(day)
    holder = chart.penilai_of(chart.employees.get(plan.employee_id, plan.employee))
    if holder is None:
        return WorkResult.objects.none()
    return WorkResult.objects.filter(
        plan__employee=holder.employee,
        plan__appraisal_year=plan.appraisal_year,
        plan__is_current=True,
    ).order_by("category", "order")


def _targets(plan: Plan, day: dt.date) -> Any:
    chart = OrgChart(day)
    headed = chart.headed_units(chart.employees.get(plan.employee_id, plan.employee))
    return OrganisationTarget.objects.filter(unit_id__in=headed, appraisal_year=plan.appraisal_year)


def _owned_editable(request: AuthedRequest, plan: Plan) -> None:
    access.require_owner(request.user, plan)
    if not plan.is_editable:
        raise PermissionDenied


def _work_result_form(request: AuthedRequest, plan: Plan, **kwargs: Any) -> forms.WorkResultForm:
    day = timezone.localdate()
    return forms.WorkResultForm(
        request.POST or None,
        leader_results=_leader_results(plan, day),
        targets=_targets(plan, day),
        jpt=plan.form_kind == "JPT",
        **kwargs,
    )


def _rhk_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The RHK form's cleaned data as the RHK services take it."""
    return {
        "text": data["text"],
        "category": data["category"],
        "intervenes": data["intervenes"],
        "organisation_target": data.get("organisation_target"),
        "assigned_by": data["assigned_by"],
        "cascade_kind": data["cascade_kind"],
        "perspektif": data.get("perspektif", ""),
    }


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def work_result_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """Add an RHK with its indicators to one's own draft SKP, then the next one if asked."""
    plan = access.get_plan_for_user(request.user, pk, for_change=True)
    _owned_editable(request, plan)
    category = request.GET.get("c", "UTAMA")
    form = _work_result_form(request, plan, initial={"category": category})
    adding_row = request.method == "POST" and "add_row" in request.POST
    rows = forms.indicator_rows(request.POST or None, add_row=adding_row)
    if request.method == "POST" and not adding_row and form.is_valid() and rows.is_valid():
        try:
            result = plan_services.add_work_result_with_indicators(
                plan=plan,
                by=request.user,
                indicators=rows.filled(),
                **_rhk_fields(form.cleaned_data),
            )
        except plan_services.IndicatorRowError as error:
            apply_errors(rows.forms[error.row], error)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            count = result.indicators.count()
            messages.success(
                request,
                ngettext(
                    "Work result added with %(n)d indicator.",
                    "Work result added with %(n)d indicators.",
                    count,
                )
                % {"n": count},
            )
            if "next" in request.POST:
                url = reverse("planning:work_result_create", args=[plan.pk])
                return redirect(f"{url}?{urlencode({'c': result.category})}")
            return redirect("planning:plan", plan.pk)
    hint = ""
    leader_results = model_field(form, "intervenes").queryset
    no_leader_results = leader_results is None or not leader_results.exists()
    if no_leader_results and "organisation_target" not in form.fields:
        hint = _(
            "Your pejabat penilai has no SKP with work results for this year yet, so an UTAMA "
            "result cannot be linked. Ask them to prepare theirs first, or add a TAMBAHAN result."
        )
    return render(
        request,
        "planning/rhk_form.html",
        {
            "form": form,
            "rows": rows,
            "title": _("New Rencana Hasil Kerja"),
            "plan": plan,
            "hint": hint,
            "count": plan.work_results.count(),
            "max_rows": forms.MAX_INDICATOR_ROWS,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def work_result_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change an RHK of one's own draft SKP."""
    result = get_object_or_404(WorkResult.objects.only("plan_id"), pk=pk)
    plan = access.get_plan_for_user(request.user, result.plan_id, for_change=True)
    _owned_editable(request, plan)
    result = WorkResult.objects.get(pk=pk)
    initial = {
        "category": result.category,
        "text": result.text,
        "intervenes": result.intervenes_id,
        "organisation_target": result.organisation_target_id,
        "assigned_by": result.assigned_by,
        "cascade_kind": result.cascade_kind,
        "perspektif": result.perspektif,
    }
    form = _work_result_form(request, plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_services.update_work_result(
                work_result=result, by=request.user, **_rhk_fields(data)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Work result saved."))
            return redirect("planning:plan", plan.pk)
    return render(
        request,
        "planning/form.html",
        {"form": form, "title": _("Edit Rencana Hasil Kerja"), "plan": plan},
    )


@require_POST
@login_required
def work_result_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    """Remove an RHK of one's own draft."""
    result = get_object_or_404(WorkResult, pk=pk)
    plan = access.get_plan_for_user(request.user, result.plan_id, for_change=True)
    _owned_editable(request, plan)
    try:
        plan_services.remove_work_result(work_result=result, by=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Work result removed."))
    return redirect("planning:plan", plan.pk)


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def indicator_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """Add an indicator to an RHK of one's own draft (an htmx form, or a page without JS)."""
    result = get_object_or_404(WorkResult, pk=pk)
    plan = access.get_plan_for_user(request.user, result.plan_id, for_change=True)
    _owned_editable(request, plan)
    form = forms.IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.add_indicator(work_result=result, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Indicator added."))
            return redirect("planning:plan", plan.pk)
    template = "planning/form.html#form" if request.htmx else "planning/form.html"
    response = render(
        request,
        template,
        {"form": form, "title": _("New indicator"), "subtitle": result.text, "plan": plan},
    )
    response["Vary"] = "HX-Request"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def indicator_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change an indicator of one's own draft."""
    indicator = get_object_or_404(Indicator.objects.select_related("work_result"), pk=pk)
    plan = access.get_plan_for_user(request.user, indicator.work_result.plan_id, for_change=True)
    _owned_editable(request, plan)
    initial = {
        "aspect": indicator.aspect,
        "text": indicator.text,
        "target_value": indicator.target_value,
        "target_unit": indicator.target_unit,
        "target_text": indicator.target_text,
    }
    form = forms.IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.update_indicator(
                indicator=indicator, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Indicator saved."))
            return redirect("planning:plan", plan.pk)
    return render(
        request, "planning/form.html", {"form": form, "title": _("Edit indicator"), "plan": plan}
    )


@require_POST
@login_required
def indicator_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    """Remove an indicator of one's own draft."""
    indicator = get_object_or_404(Indicator.objects.select_related("work_result"), pk=pk)
    plan = access.get_plan_for_user(request.user, indicator.work_result.plan_id, for_change=True)
    _owned_editable(request, plan)
    plan_services.remove_indicator(indicator=indicator, by=request.user)
    messages.success(request, _("Indicator removed."))
    return redirect("planning:plan", plan.pk)


@require_http_methods(["GET", "POST"])
@login_required
def expectations_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The penilai's Ekspektasi Khusus Pimpinan per BerAKHLAK value."""
    plan = access.get_plan_for_user(request.user, pk, for_change=True)
    access.require_penilai(request.user, plan)
    initial = {e.value: e.expectation for e in plan.expectations.all()}
    form = forms.ExpectationsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.set_expectations(plan=plan, by=request.user, values=form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Expectations saved."))
            return redirect("planning:plan", plan.pk)
    return render(
        request,
        "planning/form.html",
        {"form": form, "title": _("Ekspektasi Khusus Pimpinan"), "plan": plan},
    )


@require_http_methods(["GET", "POST"])
@login_required
def annex_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The lampiran of one's own draft."""
    plan = access.get_plan_for_user(request.user, pk, for_change=True)
    _owned_editable(request, plan)
    annex = getattr(plan, "annex", None)
    initial = (
        {
            "resources": annex.resources,
            "accountability": annex.accountability,
            "consequences": annex.consequences,
        }
        if annex
        else {}
    )
    form = forms.AnnexForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        plan_services.update_annex(plan=plan, by=request.user, **form.cleaned_data)
        messages.success(request, _("Lampiran saved."))
        return redirect("planning:plan", plan.pk)
    return render(
        request, "planning/form.html", {"form": form, "title": _("Lampiran SKP"), "plan": plan}
    )


@require_POST
@login_required
@formonce.guard
def dialogue_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record a dialog kinerja (the employee or the penilai)."""
    plan = access.get_plan_for_user(request.user, pk, for_change=True)
    form = forms.DialogueForm(request.POST)
    if form.is_valid():
        plan_services.record_dialogue(plan=plan, by=request.user, **form.cleaned_data)
        messages.success(request, _("Dialog kinerja recorded."))
    else:
        formonce.refused(request)
        messages.error(request, _("Fill in the date and the notes of the dialog kinerja."))
    return redirect("planning:plan", plan.pk)


# --- Workflow ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def plan_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The employee submits the SKP, after one confirmation page (GET) that sums it up."""
    plan = access.get_plan_for_user(request.user, pk, for_change=True)
    access.require_owner(request.user, plan)
    if request.method == "GET":
        if not plan.is_editable:
            return redirect("planning:plan", plan.pk)
        results = list(plan.work_results.annotate(n_indicators=Count("indicators")))
        return render(
            request,
            "planning/submit_confirm.html",
            {
                "plan": plan,
                "results": results,
                "n_indicators": sum(r.n_indicators for r in results),
                "penilai": OrgChart(timezone.localdate()).penilai_of(plan.employee),
            },
        )
    try:
        plan_services.submit_plan(plan=plan, by=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("SKP submitted to your pejabat penilai."))
    return redirect("planning:plan", plan.pk)


@require_POST
@login_required
def plan_return(request: AuthedRequest, pk: int) -> HttpResponse:
    """The penilai returns the SKP with a note."""
    plan = access.get_plan_for_user(request.user, pk, for_change=True)
    access.require_penilai(request.user, plan)
    form = forms.ReturnForm(request.POST)
    try:
        note = form.data.get("note", "")
        plan_services.return_plan(plan=plan, by=request.user, note=str(note))
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("SKP returned to the employee."))
    return redirect("planning:plan", plan.pk)


@require_POST
@login_required
def plan_approve(request: AuthedRequest, pk: int) -> HttpResponse:
    """The penilai approves (and so locks) the SKP."""
    plan = access.get_plan_for_user(request.user, pk, for_change=True)
    access.require_penilai(request.user, plan)
    try:
        plan_services.approve_plan(plan=plan, by=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("SKP approved."))
        if request.POST.get("then") == "next":
            following = _next_waiting(request, plan)
            if following is not None:
                return redirect("planning:plan", following.pk)
            return redirect("planning:team")
    return redirect("planning:plan", plan.pk)


@require_POST
@login_required
def plan_revise(request: AuthedRequest, pk: int) -> HttpResponse:
    """Start a revision of an approved SKP (the approved version is kept)."""
    plan = access.get_plan_for_user(request.user, pk, for_change=True)
    access.require_owner(request.user, plan)
    try:
        revision = plan_services.start_revision(plan=plan, by=request.user)
    except ValidationError as error:
        flash_error(request, error)
        return redirect("planning:plan", plan.pk)
    messages.success(request, _("Revision started; the approved version stays in force."))
    return redirect("planning:plan", revision.pk)


@require_GET
@login_required
def plan_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The SKP in the official layout, A4 PDF."""
    plan = access.get_plan_for_user(request.user, pk)
    context = documents.plan_document_context(plan)
    name = f"SKP-{plan.appraisal_year.year}-{plan.employee.nip or plan.employee_id}-v{plan.version}"
    return pdf_response(request, "planning/pdf/plan.html", context, filename=name)
