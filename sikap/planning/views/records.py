"""Realisation with evidence, continuous feedback and coaching of an SKP."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.cycle.models import EntryClosure, Period
from sikap.lib.forms import apply_errors
from sikap.lib.uploads import serve_upload
from sikap.planning import access, forms, rules
from sikap.planning.models import (
    CoachingSession,
    Feedback,
    Indicator,
    PlanStatus,
    Realisation,
)
from sikap.planning.objective import objective_evidence
from sikap.planning.services import records as record_services
from sikap.planning.views.common import (
    chosen_period,
    flash_error,
    plan_periods,
    url_for,
)

# --- Realisation and evidence -----------------------------------------------------------------


@require_GET
@login_required
def realisation(request: AuthedRequest, pk: int) -> HttpResponse:
    """Realisation of each indicator in a period, with its evidence."""
    plan = access.get_plan_for_user(request.user, pk)
    rights = access.rights(request.user, plan)
    periods = plan_periods(plan)
    period = chosen_period(request, periods)
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
    closure = (
        EntryClosure.objects.blocking(period=period, employee_id=plan.employee_id, day=today)
        if period is not None
        else None
    )
    open_ = bool(
        period
        and started
        and plan.status == PlanStatus.APPROVED
        and period.is_open_for_entry(today)
        and closure is None
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
            "rows": rows, "is_open": open_, "started": started, "closure": closure,
            "objective": evidence.get(plan.employee_id, []),
        },
    )  # fmt: skip


@require_POST
@login_required
@formonce.guard
def realisation_save(request: AuthedRequest, pk: int, period_pk: int) -> HttpResponse:
    """The employee records the realisation of one indicator and may attach evidence."""
    indicator = get_object_or_404(Indicator.objects.select_related("work_result"), pk=pk)
    plan = access.get_plan_for_user(request.user, indicator.work_result.plan_id, for_change=True)
    access.require_owner(request.user, plan)
    period = get_object_or_404(Period, pk=period_pk)
    form = forms.RealisationForm(request.POST, request.FILES, prefix=f"i{indicator.pk}")
    target = f"{url_for('planning:realisation', plan.pk)}?periode={period.pk}#i{indicator.pk}"
    if not form.is_valid():
        formonce.refused(request)
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect(target)
    data = form.cleaned_data
    try:
        real = record_services.record_realisation(
            indicator=indicator, period=period, by=request.user, value=data["value"],
            text=data["text"], note=data["note"],
        )  # fmt: skip
        upload = data.get("file")
        if upload is not None or data["link"]:
            record_services.add_evidence(
                realisation=real, by=request.user, upload=upload,
                filename=upload.name if upload else "", link=data["link"],
                description=data["description"],
            )  # fmt: skip
    except ValidationError as error:
        formonce.refused(request)
        flash_error(request, error)
    else:
        messages.success(request, _("Realisation saved."))
    return redirect(target)


@require_GET
@login_required
def evidence_file(request: AuthedRequest, pk: int) -> FileResponse:
    """Serve an evidence file to those who may see its SKP (404 for everyone else)."""
    evidence = access.get_evidence_for_user(request.user, pk)
    if not evidence.file:
        raise Http404
    return serve_upload(
        evidence.file.open("rb"),
        filename=evidence.original_name or (evidence.file.name or "").rsplit("/", 1)[-1],
        content_type=evidence.content_type,
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
        record_services.remove_evidence(evidence=evidence, by=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Evidence removed."))
    return redirect(f"{url_for('planning:realisation', plan.pk)}?periode={period_pk}")


# --- Feedback ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def feedback(request: AuthedRequest, pk: int) -> HttpResponse:
    """The feedback thread of an SKP; the penilai adds feedback, the employee replies."""
    plan = access.get_plan_for_user(request.user, pk, for_change=request.method == "POST")
    rights = access.rights(request.user, plan)
    results = list(plan.work_results.all())
    periods = plan_periods(plan)
    period = chosen_period(request, periods)
    form = forms.FeedbackForm(request.POST or None, work_results=results)
    if request.method == "POST":
        access.require_penilai(request.user, plan)
        if form.is_valid() and period is not None:
            subject = form.cleaned_data["subject"]
            kind, _sep, value = subject.partition("-")
            result = next((r for r in results if kind == "rhk" and str(r.pk) == value), None)
            try:
                record_services.give_feedback(
                    plan=plan, period=period, by=request.user, text=form.cleaned_data["text"],
                    work_result=result, behaviour_value=value if kind == "value" else "",
                )  # fmt: skip
            except ValidationError as error:
                flash_error(request, error)
            else:
                messages.success(request, _("Feedback sent to the employee."))
                return redirect(f"{url_for('planning:feedback', plan.pk)}?periode={period.pk}")
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
@formonce.guard
def feedback_reply(request: AuthedRequest, pk: int) -> HttpResponse:
    """The employee replies to feedback."""
    item = get_object_or_404(Feedback, pk=pk)
    plan = access.get_plan_for_user(request.user, item.plan_id, for_change=True)
    access.require_owner(request.user, plan)
    form = forms.ReplyForm(request.POST)
    if form.is_valid():
        record_services.reply_feedback(
            feedback=item, by=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Reply sent."))
    else:
        formonce.refused(request)
        messages.error(request, _("Write a reply first."))
    return redirect("planning:feedback", plan.pk)


# --- Coaching ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def coaching(request: AuthedRequest, pk: int) -> HttpResponse:
    """Bimbingan kinerja sessions; the penilai records them, the employee answers B.1.8."""
    plan = access.get_plan_for_user(request.user, pk, for_change=request.method == "POST")
    rights = access.rights(request.user, plan)
    form = forms.CoachingForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST":
        access.require_penilai(request.user, plan)
        if form.is_valid():
            try:
                record_services.record_coaching(plan=plan, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
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
            record_services.answer_coaching_feedback(
                session=session, by=request.user, answers=form.answers(),
                comment=form.cleaned_data["comment"],
            )  # fmt: skip
        except ValidationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
    else:
        messages.error(request, _("Answer all nine statements (1 to 5)."))
    return redirect("planning:coaching", plan.pk)


@require_POST
@login_required
@formonce.guard
def coaching_competency(request: AuthedRequest, pk: int) -> HttpResponse:
    """The penilai's Format B.1.9 line."""
    session = get_object_or_404(CoachingSession, pk=pk)
    plan = access.get_plan_for_user(request.user, session.plan_id, for_change=True)
    access.require_penilai(request.user, plan)
    form = forms.CompetencyForm(request.POST)
    if form.is_valid():
        record_services.add_competency_evaluation(
            session=session, by=request.user, **form.cleaned_data
        )
        messages.success(request, _("Competency evaluation saved."))
    else:
        formonce.refused(request)
        messages.error(request, _("Fill in the competency, a score of 1 to 5 and the reason."))
    return redirect("planning:coaching", plan.pk)
