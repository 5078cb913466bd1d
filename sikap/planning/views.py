"""SKP pages: my SKP, an SKP with its RHK, the workflow, realisation, feedback, coaching, team."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts.http import AuthedRequest
from sikap.accounts.scope import get_scope
from sikap.evaluation.models import AppraisalYear, Period
from sikap.lib.pdf import pdf_response
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee, Unit
from sikap.planning import access, documents, forms, rules, services
from sikap.planning.models import (
    Category,
    CoachingSession,
    Feedback,
    Indicator,
    Notification,
    OrganisationTarget,
    Plan,
    PlanStatus,
    Realisation,
    WorkResult,
)
from sikap.planning.objective import objective_evidence


def _apply_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, msgs in error.message_dict.items():
            target = field if field in form.fields else None
            for message in msgs:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _flash_error(request: AuthedRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _current_year(day: dt.date) -> AppraisalYear | None:
    return AppraisalYear.objects.filter(year=day.year).first()


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
def plan_create(request: AuthedRequest) -> HttpResponse:
    """Start a new SKP (at the beginning of the year, or after a change of position)."""
    scope = get_scope(request.user)
    if scope.employee is None:
        raise PermissionDenied
    today = timezone.localdate()
    initial = {"appraisal_year": _current_year(today)}
    form = forms.PlanCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(
                employee=scope.employee, by=request.user, today=today, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
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
        "versions": list(
            Plan.objects.filter(employee=plan.employee, appraisal_year=plan.appraisal_year)
            .exclude(pk=plan.pk)
            .order_by("-start_date", "-version")
        ),
        "return_form": forms.ReturnForm(),
        "dialogue_form": forms.DialogueForm(initial={"date": timezone.localdate()}),
        "footnote_intervensi": rules.FOOTNOTE_INTERVENSI,
        "footnote_ekspektasi": rules.FOOTNOTE_EKSPEKTASI,
        "qualitative_label": rules.QUALITATIVE_LABEL,
    }


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


@require_http_methods(["GET", "POST"])
@login_required
def work_result_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """Add an RHK to one's own draft SKP."""
    plan = access.get_plan_for_user(request.user, pk, for_change=True)
    _owned_editable(request, plan)
    form = _work_result_form(request, plan, initial={"category": request.GET.get("c", "UTAMA")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_work_result(
                plan=plan, by=request.user, text=data["text"], category=data["category"],
                intervenes=data["intervenes"], organisation_target=data.get("organisation_target"),
                assigned_by=data["assigned_by"], cascade_kind=data["cascade_kind"],
                perspektif=data.get("perspektif", ""),
            )  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Work result added."))
            return redirect("planning:plan", plan.pk)
    return render(
        request,
        "planning/form.html",
        {"form": form, "title": _("New Rencana Hasil Kerja"), "plan": plan},
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
        "category": result.category, "text": result.text, "intervenes": result.intervenes_id,
        "organisation_target": result.organisation_target_id, "assigned_by": result.assigned_by,
        "cascade_kind": result.cascade_kind, "perspektif": result.perspektif,
    }  # fmt: skip
    form = _work_result_form(request, plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_work_result(
                work_result=result, by=request.user, text=data["text"],
                category=data["category"], intervenes=data["intervenes"],
                organisation_target=data.get("organisation_target"),
                assigned_by=data["assigned_by"], cascade_kind=data["cascade_kind"],
                perspektif=data.get("perspektif", ""),
            )  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
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
        services.remove_work_result(work_result=result, by=request.user)
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("Work result removed."))
    return redirect("planning:plan", plan.pk)


@require_http_methods(["GET", "POST"])
@login_required
def indicator_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """Add an indicator to an RHK of one's own draft (an htmx form, or a page without JS)."""
    result = get_object_or_404(WorkResult, pk=pk)
    plan = access.get_plan_for_user(request.user, result.plan_id, for_change=True)
    _owned_editable(request, plan)
    form = forms.IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_indicator(work_result=result, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
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
        "aspect": indicator.aspect, "text": indicator.text, "target_value": indicator.target_value,
        "target_unit": indicator.target_unit, "target_text": indicator.target_text,
    }  # fmt: skip
    form = forms.IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_indicator(indicator=indicator, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
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
    services.remove_indicator(indicator=indicator, by=request.user)
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
            services.set_expectations(plan=plan, by=request.user, values=form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
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
        {"resources": annex.resources, "accountability": annex.accountability,
         "consequences": annex.consequences} if annex else {}
    )  # fmt: skip
    form = forms.AnnexForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_annex(plan=plan, by=request.user, **form.cleaned_data)
        messages.success(request, _("Lampiran saved."))
        return redirect("planning:plan", plan.pk)
    return render(
        request, "planning/form.html", {"form": form, "title": _("Lampiran SKP"), "plan": plan}
    )


@require_POST
@login_required
def dialogue_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record a dialog kinerja (the employee or the penilai)."""
    plan = access.get_plan_for_user(request.user, pk, for_change=True)
    form = forms.DialogueForm(request.POST)
    if form.is_valid():
        services.record_dialogue(plan=plan, by=request.user, **form.cleaned_data)
        messages.success(request, _("Dialog kinerja recorded."))
    else:
        messages.error(request, _("Fill in the date and the notes of the dialog kinerja."))
    return redirect("planning:plan", plan.pk)


# --- Workflow ----------------------------------------------------------------------------------


@require_POST
@login_required
def plan_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The employee submits the SKP."""
    plan = access.get_plan_for_user(request.user, pk, for_change=True)
    access.require_owner(request.user, plan)
    try:
        services.submit_plan(plan=plan, by=request.user)
    except ValidationError as error:
        _flash_error(request, error)
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
        services.return_plan(plan=plan, by=request.user, note=str(note))
    except ValidationError as error:
        _flash_error(request, error)
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
        services.approve_plan(plan=plan, by=request.user)
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("SKP approved."))
    return redirect("planning:plan", plan.pk)


@require_POST
@login_required
def plan_revise(request: AuthedRequest, pk: int) -> HttpResponse:
    """Start a revision of an approved SKP (the approved version is kept)."""
    plan = access.get_plan_for_user(request.user, pk, for_change=True)
    access.require_owner(request.user, plan)
    try:
        revision = services.start_revision(plan=plan, by=request.user)
    except ValidationError as error:
        _flash_error(request, error)
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


# --- Realisation and evidence -----------------------------------------------------------------


def _periods(plan: Plan) -> list[Period]:
    return [
        p
        for p in Period.objects.filter(appraisal_year=plan.appraisal_year).order_by("number")
        if p.end_date >= plan.start_date and p.start_date <= plan.end_date
    ]


def _chosen_period(request: AuthedRequest, periods: list[Period]) -> Period | None:
    today = timezone.localdate()
    wanted = request.GET.get("periode") or request.POST.get("periode")
    for period in periods:
        if wanted and str(period.pk) == wanted:
            return period
    for period in periods:
        if period.start_date <= today <= period.end_date:
            return period
    return periods[-1] if periods else None


@require_GET
@login_required
def realisation(request: AuthedRequest, pk: int) -> HttpResponse:
    """Realisation of each indicator in a period, with its evidence."""
    plan = access.get_plan_for_user(request.user, pk)
    rights = access.rights(request.user, plan)
    periods = _periods(plan)
    period = _chosen_period(request, periods)
    today = timezone.localdate()
    results = list(
        plan.work_results.select_related("intervenes").prefetch_related(
            Prefetch(
                "indicators__realisations",
                queryset=Realisation.objects.filter(period=period).prefetch_related("evidence"),
                to_attr="period_realisations",
            )
        )
    )
    started = bool(period and period.start_date <= today)
    open_ = bool(
        period
        and started
        and plan.status == PlanStatus.APPROVED
        and period.is_open_for_entry(today)
    )
    rows = []
    for result in results:
        for indicator in result.indicators.all():
            found = getattr(indicator, "period_realisations", [])
            real = found[0] if found else None
            form = None
            if rights.is_owner and open_:
                form = forms.RealisationForm(
                    initial={"value": real.value, "text": real.text, "note": real.note}
                    if real else None,
                    prefix=f"i{indicator.pk}",
                )  # fmt: skip
            rows.append({"result": result, "indicator": indicator, "real": real, "form": form})
    evidence = {}
    if period is not None:
        evidence = objective_evidence([plan.employee_id], period.start_date, period.end_date)
    return render(
        request,
        "planning/realisation.html",
        {
            "plan": plan, "rights": rights, "periods": periods, "period": period,
            "rows": rows, "is_open": open_, "started": started,
            "objective": evidence.get(plan.employee_id, []),
        },
    )  # fmt: skip


@require_POST
@login_required
def realisation_save(request: AuthedRequest, pk: int, period_pk: int) -> HttpResponse:
    """The employee records the realisation of one indicator and may attach evidence."""
    indicator = get_object_or_404(Indicator.objects.select_related("work_result"), pk=pk)
    plan = access.get_plan_for_user(request.user, indicator.work_result.plan_id, for_change=True)
    access.require_owner(request.user, plan)
    period = get_object_or_404(Period, pk=period_pk)
    form = forms.RealisationForm(request.POST, request.FILES, prefix=f"i{indicator.pk}")
    target = f"{_url('planning:realisation', plan.pk)}?periode={period.pk}#i{indicator.pk}"
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect(target)
    data = form.cleaned_data
    try:
        real = services.record_realisation(
            indicator=indicator, period=period, by=request.user, value=data["value"],
            text=data["text"], note=data["note"],
        )  # fmt: skip
        upload = data.get("file")
        if upload is not None or data["link"]:
            services.add_evidence(
                realisation=real, by=request.user, upload=upload,
                filename=upload.name if upload else "", link=data["link"],
                description=data["description"],
            )  # fmt: skip
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("Realisation saved."))
    return redirect(target)


def _url(name: str, *args: Any) -> str:
    return reverse(name, args=args)


@require_GET
@login_required
def evidence_file(request: AuthedRequest, pk: int) -> FileResponse:
    """Serve an evidence file to those who may see its SKP (404 for everyone else)."""
    evidence = access.get_evidence_for_user(request.user, pk)
    if not evidence.file:
        raise Http404
    return FileResponse(
        evidence.file.open("rb"),
        # Only images are shown inline; documents are downloaded (never rendered in our origin).
        as_attachment=not evidence.content_type.startswith("image/"),
        filename=evidence.original_name or (evidence.file.name or "").rsplit("/", 1)[-1],
        content_type=evidence.content_type or "application/octet-stream",
    )


@require_POST
@login_required
def evidence_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    """The employee removes a bukti dukung while the period is open."""
    evidence = access.get_evidence_for_user(request.user, pk)
    plan = evidence.realisation.indicator.work_result.plan
    access.require_owner(request.user, plan)
    period_pk = evidence.realisation.period_id
    try:
        services.remove_evidence(evidence=evidence, by=request.user)
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("Evidence removed."))
    return redirect(f"{_url('planning:realisation', plan.pk)}?periode={period_pk}")


# --- Feedback ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def feedback(request: AuthedRequest, pk: int) -> HttpResponse:
    """The feedback thread of an SKP; the penilai adds feedback, the employee replies."""
    plan = access.get_plan_for_user(request.user, pk, for_change=request.method == "POST")
    rights = access.rights(request.user, plan)
    results = list(plan.work_results.all())
    periods = _periods(plan)
    period = _chosen_period(request, periods)
    form = forms.FeedbackForm(request.POST or None, work_results=results)
    if request.method == "POST":
        access.require_penilai(request.user, plan)
        if form.is_valid() and period is not None:
            subject = form.cleaned_data["subject"]
            kind, _sep, value = subject.partition("-")
            result = next((r for r in results if kind == "rhk" and str(r.pk) == value), None)
            try:
                services.give_feedback(
                    plan=plan, period=period, by=request.user, text=form.cleaned_data["text"],
                    work_result=result, behaviour_value=value if kind == "value" else "",
                )  # fmt: skip
            except ValidationError as error:
                _flash_error(request, error)
            else:
                messages.success(request, _("Feedback sent to the employee."))
                return redirect(f"{_url('planning:feedback', plan.pk)}?periode={period.pk}")
    items = list(
        Feedback.objects.filter(plan=plan)
        .select_related("work_result", "period", "given_by")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "planning/feedback.html",
        {
            "plan": plan, "rights": rights, "form": form, "items": items, "periods": periods,
            "period": period, "reply_form": forms.ReplyForm(),
            "can_give": rights.is_penilai and plan.status == PlanStatus.APPROVED,
        },
    )  # fmt: skip


@require_POST
@login_required
def feedback_reply(request: AuthedRequest, pk: int) -> HttpResponse:
    """The employee replies to feedback."""
    item = get_object_or_404(Feedback, pk=pk)
    plan = access.get_plan_for_user(request.user, item.plan_id, for_change=True)
    access.require_owner(request.user, plan)
    form = forms.ReplyForm(request.POST)
    if form.is_valid():
        services.reply_feedback(feedback=item, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Reply sent."))
    else:
        messages.error(request, _("Write a reply first."))
    return redirect("planning:feedback", plan.pk)


# --- Coaching ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def coaching(request: AuthedRequest, pk: int) -> HttpResponse:
    """Bimbingan kinerja sessions; the penilai records them, the employee answers B.1.8."""
    plan = access.get_plan_for_user(request.user, pk, for_change=request.method == "POST")
    rights = access.rights(request.user, plan)
    form = forms.CoachingForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST":
        access.require_penilai(request.user, plan)
        if form.is_valid():
            try:
                services.record_coaching(plan=plan, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Session recorded."))
                return redirect("planning:coaching", plan.pk)
    sessions = list(
        CoachingSession.objects.filter(plan=plan)
        .select_related("employee_feedback")
        .prefetch_related("competency_evaluations")
    )
    for session in sessions:
        b18 = getattr(session, "employee_feedback", None)
        session.b18 = b18  # type: ignore[attr-defined]
        session.b18_summary = rules.coaching_summary(b18.answers) if b18 else None  # type: ignore[attr-defined]
    return render(
        request,
        "planning/coaching.html",
        {
            "plan": plan, "rights": rights, "form": form, "sessions": sessions,
            "b18_form": forms.CoachingFeedbackForm(), "b19_form": forms.CompetencyForm(),
            "statements": rules.COACHING_STATEMENTS,
        },
    )  # fmt: skip


@require_POST
@login_required
def coaching_feedback(request: AuthedRequest, pk: int) -> HttpResponse:
    """The employee's Format B.1.8 answers."""
    session = get_object_or_404(CoachingSession, pk=pk)
    plan = access.get_plan_for_user(request.user, session.plan_id, for_change=True)
    access.require_owner(request.user, plan)
    form = forms.CoachingFeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.answer_coaching_feedback(
                session=session, by=request.user, answers=form.answers(),
                comment=form.cleaned_data["comment"],
            )  # fmt: skip
        except ValidationError as error:
            _flash_error(request, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
    else:
        messages.error(request, _("Answer all nine statements (1 to 5)."))
    return redirect("planning:coaching", plan.pk)


@require_POST
@login_required
def coaching_competency(request: AuthedRequest, pk: int) -> HttpResponse:
    """The penilai's Format B.1.9 line."""
    session = get_object_or_404(CoachingSession, pk=pk)
    plan = access.get_plan_for_user(request.user, session.plan_id, for_change=True)
    access.require_penilai(request.user, plan)
    form = forms.CompetencyForm(request.POST)
    if form.is_valid():
        services.add_competency_evaluation(session=session, by=request.user, **form.cleaned_data)
        messages.success(request, _("Competency evaluation saved."))
    else:
        messages.error(request, _("Fill in the competency, a score of 1 to 5 and the reason."))
    return redirect("planning:coaching", plan.pk)


# --- Team, cascade, targets, export -----------------------------------------------------------


@require_GET
@login_required
def team(request: AuthedRequest) -> HttpResponse:
    """The penilai's direct reports with their SKP status, realisation and feedback counts."""
    scope = get_scope(request.user)
    if not scope.direct_report_ids:
        raise PermissionDenied
    today = timezone.localdate()
    year = _current_year(today)
    ids = sorted(scope.direct_report_ids)
    employees = list(
        Employee.objects.filter(pk__in=ids).select_related("position", "unit").order_by("name")
    )
    plans: dict[int, Plan] = {}
    period = None
    periods: list[Period] = []
    if year is not None:
        periods = list(Period.objects.filter(appraisal_year=year).order_by("number"))
        period = _chosen_period(request, periods)
        realised = Count(
            "work_results__indicators__realisations",
            filter=Q(work_results__indicators__realisations__period=period),
            distinct=True,
        )
        fed = Count("feedback", filter=Q(feedback__period=period), distinct=True)
        for plan in (
            Plan.objects.current()
            .filter(employee_id__in=ids, appraisal_year=year)
            .annotate(
                n_indicators=Count("work_results__indicators", distinct=True),
                n_realised=realised,
                n_feedback=fed,
            )
            .order_by("start_date")
        ):
            plans[plan.employee_id] = plan
    evidence = (
        objective_evidence(ids, period.start_date, period.end_date) if period is not None else {}
    )
    rows: list[dict[str, Any]] = [
        {"employee": e, "plan": plans.get(e.pk), "objective": evidence.get(e.pk, [])}
        for e in employees
    ]
    waiting = sum(1 for p in plans.values() if p.status == PlanStatus.SUBMITTED)
    return render(
        request,
        "planning/team.html",
        {"rows": rows, "year": year, "period": period, "periods": periods, "waiting": waiting},
    )


@require_http_methods(["GET", "POST"])
@login_required
def cascade_down(request: AuthedRequest, pk: int) -> HttpResponse:
    """A supervisor hands one of their RHK down to several direct reports at once."""
    source = get_object_or_404(WorkResult, pk=pk)
    plan = access.get_plan_for_user(request.user, source.plan_id, for_change=True)
    access.require_owner(request.user, plan)
    chart = OrgChart(timezone.localdate())
    subordinates = sorted(chart.direct_reports(plan.employee), key=lambda e: e.name)
    form = forms.CascadeForm(request.POST or None, subordinates=subordinates)
    if request.method == "POST" and form.is_valid():
        chosen = [e for e in subordinates if str(e.pk) in form.cleaned_data["employees"]]
        try:
            created = services.cascade_down(
                source=source, employees=chosen, by=request.user,
                cascade_kind=form.cleaned_data["cascade_kind"],
            )  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, _("RHK handed down to %(n)d subordinates.") % {"n": len(created)}
            )
            return redirect("planning:plan", plan.pk)
    return render(
        request,
        "planning/form.html",
        {"form": form, "title": _("Hand this RHK down"), "subtitle": source.text, "plan": plan},
    )


def _unit_for(request: AuthedRequest, pk: int) -> Unit:
    unit = get_object_or_404(Unit, pk=pk)
    if not access.can_read_unit(request.user, unit.path):
        raise Http404
    return unit


@require_GET
@login_required
def cascade(request: AuthedRequest, pk: int) -> HttpResponse:
    """For a unit: which staff results support which leader results; unsupported ones flagged."""
    unit = _unit_for(request, pk)
    today = timezone.localdate()
    year = _current_year(today)
    results = list(
        WorkResult.objects.filter(
            plan__employee__unit__path__startswith=unit.path,
            plan__appraisal_year=year,
            plan__is_current=True,
        )
        .select_related("plan__employee__unit", "organisation_target")
        .order_by("plan__employee_name", "category", "order")
    )
    children: dict[int, list[WorkResult]] = {}
    for result in results:
        if result.intervenes_id:
            children.setdefault(result.intervenes_id, []).append(result)
    ids = {r.pk for r in results}
    # The top of the tree inside this unit: results whose leader result lies outside it.
    roots = [
        r
        for r in results
        if (r.intervenes_id is None or r.intervenes_id not in ids)
        and (r.category == Category.UTAMA or r.pk in children)
    ]
    roots.sort(key=lambda r: (_depth(r), r.plan.employee_name, r.order))
    extra = sum(1 for r in results if r.category == Category.TAMBAHAN and not r.intervenes_id)
    leader_ids = {r.plan.employee_id for r in results if r.pk in children}
    has_reports = _employees_with_reports(today)

    def node(result: WorkResult, depth: int) -> dict[str, Any]:
        kids = [node(c, depth + 1) for c in children.get(result.pk, [])]
        return {
            "result": result,
            "children": kids,
            "unsupported": not kids and result.plan.employee_id in has_reports,
            "depth": depth,
        }

    tree = [node(r, 0) for r in roots]
    unsupported = _count_unsupported(tree)
    return render(
        request,
        "planning/cascade.html",
        {"unit": unit, "year": year, "tree": tree, "unsupported": unsupported,
         "leaders": len(leader_ids), "extra": extra},
    )  # fmt: skip


def _depth(result: WorkResult) -> int:
    unit = result.plan.employee.unit
    return unit.depth if unit is not None else 0


def _employees_with_reports(day: dt.date) -> set[int]:
    chart = OrgChart(day)
    found: set[int] = set()
    for employee in chart.employees.values():
        holder = chart.penilai_of(employee)
        if holder is not None:
            found.add(holder.employee.pk)
    return found


def _count_unsupported(nodes: list[dict[str, Any]]) -> int:
    return sum(int(n["unsupported"]) + _count_unsupported(n["children"]) for n in nodes)


@require_GET
@login_required
def unit_plans(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every active employee of a unit subtree with the status of their current SKP."""
    unit = _unit_for(request, pk)
    year = _current_year(timezone.localdate())
    employees = list(
        Employee.objects.filter(unit__path__startswith=unit.path, is_active=True)
        .exclude(jenis_asn="NON_ASN")
        .select_related("position", "unit")
        .order_by("unit__path", "name")
    )
    plans: dict[int, Plan] = {}
    for plan in (
        Plan.objects.current()
        .filter(employee_id__in=[e.pk for e in employees], appraisal_year=year)
        .order_by("start_date")
    ):
        plans[plan.employee_id] = plan
    rows = [{"employee": e, "plan": plans.get(e.pk)} for e in employees]
    counts = dict.fromkeys(PlanStatus.values, 0)
    for plan in plans.values():
        counts[plan.status] += 1
    missing = sum(1 for r in rows if r["plan"] is None)
    return render(
        request,
        "planning/unit_plans.html",
        {"unit": unit, "year": year, "rows": rows, "counts": counts, "missing": missing},
    )


@require_http_methods(["GET", "POST"])
@login_required
def targets(request: AuthedRequest, pk: int) -> HttpResponse:
    """The editable list of a unit's sasaran/indikator kinerja organisasi for the year."""
    unit = _unit_for(request, pk)
    year = _current_year(timezone.localdate())
    can_manage = access.can_manage_targets(request.user, unit.path)
    form = forms.TargetForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        delete = request.POST.get("delete")
        if delete:
            target = get_object_or_404(OrganisationTarget, pk=delete, unit=unit)
            try:
                services.remove_organisation_target(target=target, by=request.user)
            except ValidationError as error:
                _flash_error(request, error)
            return redirect("planning:targets", unit.pk)
        if form.is_valid() and year is not None:
            services.add_organisation_target(
                unit=unit, appraisal_year=year, by=request.user, **form.cleaned_data
            )
            messages.success(request, _("Target added."))
            return redirect("planning:targets", unit.pk)
    items = OrganisationTarget.objects.filter(unit=unit, appraisal_year=year).annotate(
        n_results=Count("work_results")
    )
    return render(
        request,
        "planning/targets.html",
        {"unit": unit, "year": year, "items": items, "form": form, "can_manage": can_manage},
    )


@require_GET
@login_required
def unit_export(request: AuthedRequest, pk: int) -> HttpResponse:
    """Excel export of the current SKP of a unit subtree (one row per indicator)."""
    unit = _unit_for(request, pk)
    year = _current_year(timezone.localdate())
    return documents.unit_workbook_response(unit, year)


@require_http_methods(["GET", "POST"])
@login_required
def notifications(request: AuthedRequest) -> HttpResponse:
    """The user's notifications; POST marks them all as read."""
    if request.method == "POST":
        services.mark_notifications_read(user=request.user)
        return redirect("planning:notifications")
    items = list(Notification.objects.filter(recipient=request.user)[:100])
    return render(request, "planning/notifications.html", {"items": items})
