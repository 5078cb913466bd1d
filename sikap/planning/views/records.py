"""Realisation with evidence, continuous feedback and coaching of an SKP."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.cycle.models import EntryClosure, Period
from sikap.lib import hooks
from sikap.lib.forms import apply_errors
from sikap.lib.uploads import serve_upload
from sikap.planning import access, forms, rules
from sikap.planning.models import (
    Category,
    CoachingSession,
    Evidence,
    Feedback,
    Indicator,
    Plan,
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

EVIDENCE_CHOICES = 60  # how many earlier bukti dukung the table offers to choose again


def _entry_closure(plan: Plan, period: Period | None, today: dt.date) -> EntryClosure | None:
    if period is None:
        return None
    return EntryClosure.objects.blocking(period=period, employee_id=plan.employee_id, day=today)


def _evidence_choices(plan: Plan) -> list[tuple[Evidence, str]]:
    """The bukti dukung the employee already gave this year (one of each file or link)."""
    seen: set[str] = set()
    found = []
    for evidence in (
        Evidence.objects.filter(
            realisation__indicator__work_result__plan__employee_id=plan.employee_id,
            realisation__indicator__work_result__plan__appraisal_year_id=plan.appraisal_year_id,
        )
        .select_related("realisation__period")
        .order_by("-created_at", "-pk")[:EVIDENCE_CHOICES]
    ):
        key = evidence.file.name or evidence.link
        if key in seen:
            continue
        seen.add(key)
        label = evidence.original_name or evidence.link
        found.append((evidence, f"{label[:60]} ({evidence.realisation.period.name})"))
    return found


def _table_rows(plan: Plan, period: Period | None, wanted: str) -> list[dict[str, Any]]:
    """One row per indicator, UTAMA first, with its realisation and the Progres Harian total."""
    results = sorted(
        plan.work_results.prefetch_related(
            Prefetch(
                "indicators__realisations",
                queryset=Realisation.objects.filter(period=period).prefetch_related("evidence"),
                to_attr="period_realisations",
            )
        ),
        key=lambda r: (r.category != Category.UTAMA, r.order, r.pk),
    )
    rows: list[dict[str, Any]] = []
    for result in results:
        for indicator in result.indicators.all():
            found = getattr(indicator, "period_realisations", [])
            real = found[0] if found else None
            rows.append(
                {
                    "result": result,
                    "indicator": indicator,
                    "real": real,
                    "first": not rows or rows[-1]["result"] != result,
                    "numeric": indicator.target_value is not None
                    or bool(real and real.value is not None),
                    "words": indicator.target_value is None or bool(real and real.text),
                }
            )
    hints = (
        hooks.realisation_hints([row["indicator"].pk for row in rows], period.pk)
        if period is not None
        else {}
    )
    for row in rows:
        row["hint"] = hints.get(row["indicator"].pk)
        row["use_hint"] = row["hint"] is not None and wanted in ("all", str(row["indicator"].pk))
    return rows


def _initial(row: dict[str, Any]) -> dict[str, Any]:
    real = row["real"]
    initial = {"value": real.value, "text": real.text, "note": real.note} if real else {}
    if row["use_hint"] and row["numeric"]:
        initial["value"] = Decimal(row["hint"].total)
    return initial


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def realisation(request: AuthedRequest, pk: int) -> HttpResponse:
    """The realisation table of a period: value, evidence and note of every indicator, saved at once."""
    posted = request.method == "POST"
    plan = access.get_plan_for_user(request.user, pk, for_change=posted)
    rights = access.rights(request.user, plan)
    periods = plan_periods(plan)
    period = chosen_period(request, periods)
    if posted:
        access.require_owner(request.user, plan)
        if period is None or str(period.pk) != request.POST.get("periode"):
            raise Http404
    today = timezone.localdate()
    started = bool(period and period.start_date <= today)
    closure = _entry_closure(plan, period, today)
    open_ = bool(
        period
        and started
        and plan.status == PlanStatus.APPROVED
        and period.is_open_for_entry(today)
        and closure is None
    )
    target = f"{url_for('planning:realisation', plan.pk)}?periode={period.pk}" if period else ""
    if posted and not open_ and period is not None:  # a post always names its period (above)
        try:  # the service says why (not approved, not started, deadline passed, signed)
            record_services.save_realisations(plan=plan, period=period, by=request.user, rows=[])
        except ValidationError as error:
            flash_error(request, error)
        return redirect(target)
    rows = _table_rows(plan, period, request.GET.get("pakai", ""))
    formset = None
    choices: list[tuple[Evidence, str]] = []
    if rights.is_owner and open_ and rows:
        choices = _evidence_choices(plan)
        for row in rows:
            mine = (
                {e.file.name or e.link for e in row["real"].evidence.all()}
                if row["real"]
                else set()
            )
            row["choices"] = [
                (str(e.pk), label) for e, label in choices if (e.file.name or e.link) not in mine
            ]
        formset = forms.RealisationFormSet(
            request.POST if posted else None,
            request.FILES if posted else None,
            prefix="r",
            rows=rows,
            initial=[_initial(row) for row in rows],
        )
        if posted and formset.total_form_count() != len(rows):
            formonce.refused(request)
            messages.error(
                request, _("The SKP changed meanwhile; nothing was saved. Enter it again.")
            )
            return redirect(target)
        for row, form in zip(rows, formset.forms, strict=True):
            row["form"] = form
    if posted and formset is not None and period is not None and formset.is_valid():
        done = _save_table(request, plan, period, rows, formset, choices)
        if done:
            return redirect(target)
    problems = _problems(rows) if posted else []
    evidence = {}
    if period is not None:
        evidence = objective_evidence([plan.employee_id], period.start_date, period.end_date)
    return render(
        request,
        "planning/realisation.html",
        {
            "plan": plan,
            "rights": rights,
            "periods": periods,
            "period": period,
            "rows": rows,
            "formset": formset,
            "problems": problems,
            "is_open": open_,
            "started": started,
            "closure": closure,
            "any_hint": any(r["hint"] for r in rows),
            "objective": evidence.get(plan.employee_id, []),
        },
        status=400 if problems else 200,
    )


def _save_table(
    request: AuthedRequest,
    plan: Plan,
    period: Period,
    rows: list[dict[str, Any]],
    formset: Any,
    choices: list[tuple[Evidence, str]],
) -> bool:
    """Hand the valid table to the service; False when a row was refused (errors on its form)."""
    by_pk = {str(e.pk): e for e, _label in choices}
    table = []
    for row, form in zip(rows, formset.forms, strict=True):
        data, real = form.cleaned_data, row["real"]
        table.append(
            record_services.RealisationRow(
                indicator=row["indicator"],
                value=data.get("value", real.value if real else None),
                text=data.get("text", real.text if real else ""),
                note=data["note"],
                upload=data["file"],
                filename=data["file"].name if data["file"] else "",
                link=data["link"],
                reuse=by_pk.get(data.get("existing") or ""),
            )
        )
    try:
        changed = record_services.save_realisations(
            plan=plan, period=period, by=request.user, rows=table
        )
    except record_services.RowError as error:
        form = formset.forms[error.row]
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    except ValidationError as error:
        flash_error(request, error)
        return True
    if changed:
        messages.success(
            request,
            ngettext(
                "Realisation saved: %(n)s row changed.",
                "Realisation saved: %(n)s rows changed.",
                changed,
            )
            % {"n": changed},
        )
    else:
        messages.info(request, _("Nothing changed."))
    return True


def _problems(rows: list[dict[str, Any]]) -> list[str]:
    """Each error of the table as one line naming its row and field."""
    lines = []
    for number, row in enumerate(rows, start=1):
        form = row.get("form")
        if form is None:
            continue
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for message in errors:
                lines.append(
                    _("Row %(row)s (%(indicator)s) · %(field)s: %(message)s")
                    % {
                        "row": number,
                        "indicator": row["indicator"].text[:60],
                        "field": label or _("row"),
                        "message": message,
                    }
                )
    return lines


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
            indicator=indicator,
            period=period,
            by=request.user,
            value=data["value"],
            text=data["text"],
            note=data["note"],
        )
        upload = data.get("file")
        if upload is not None or data["link"]:
            record_services.add_evidence(
                realisation=real,
                by=request.user,
                upload=upload,
                filename=upload.name if upload else "",
                link=data["link"],
                description=data["description"],
            )
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
                    plan=plan,
                    period=period,
                    by=request.user,
                    text=form.cleaned_data["text"],
                    work_result=result,
                    behaviour_value=value if kind == "value" else "",
                )
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
            "plan": plan,
            "rights": rights,
            "form": form,
            "items": items,
            "periods": periods,
            "period": period,
            "reply_form": forms.ReplyForm(),
            "can_give": rights.is_penilai and plan.status == PlanStatus.APPROVED,
        },
    )


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
    rows = []
    for session in sessions:
        b18 = getattr(session, "employee_feedback", None)
        summary = rules.coaching_summary(b18.answers) if b18 else None
        rows.append({"session": session, "b18": b18, "b18_summary": summary})
    return render(
        request,
        "planning/coaching.html",
        {
            "plan": plan,
            "rights": rights,
            "form": form,
            "sessions": rows,
            "b18_form": forms.CoachingFeedbackForm(),
            "b19_form": forms.CompetencyForm(),
            "statements": rules.COACHING_STATEMENTS,
        },
    )


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
                session=session,
                by=request.user,
                answers=form.answers(),
                comment=form.cleaned_data["comment"],
            )
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
