"""An employee's development: progress, gaps, assessments, team, surveys, activities."""

from __future__ import annotations

import datetime as dt
import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.development import access, effect, effect_data, improve, rules, selectors, services
from sikap.development.forms import (
    ActivityForm,
    AssessmentForm,
    FollowUpForm,
    ReactionForm,
)
from sikap.development.models import (
    AssessmentSource,
    DevelopmentPlan,
    FollowUp,
    Participant,
    PlanStatus,
)
from sikap.development.views.common import (
    development_context,
    selected_year,
)
from sikap.lib.forms import apply_errors
from sikap.lib.uploads import serve_upload
from sikap.org.models import Employee
from sikap.org.scope import get_scope


@require_GET
@login_required
def my_development(request: AuthedRequest) -> HttpResponse:
    """My JP against the target, my competency gaps, my IDP, my trainings and pending surveys."""
    scope = get_scope(request.user)
    if scope.employee is None:
        if access.can_read_reports(scope):
            return redirect("development:recap")
        raise Http404
    today = timezone.localdate()
    context = development_context(scope.employee, selected_year(request), today)
    context["is_self"] = True
    context["signals"] = improve.improvement_signals(scope.employee, selected_year(request), today)
    context["assessment_form"] = AssessmentForm(initial={"date": today})
    context["open_events"] = open_events_with_status(scope.employee, today)
    return render(request, "development/person.html", context)


def open_events_with_status(employee: Employee, today: dt.date) -> list[tuple[object, str]]:
    """Events open to the employee (at most 20, soonest first) with their own status."""
    found = list(access.open_events_for(employee, today).order_by("start_date", "pk")[:20])
    statuses = dict(
        Participant.objects.filter(employee=employee, event__in=found).values_list(
            "event_id", "status"
        )
    )
    return [(e, statuses.get(e.pk, "")) for e in found]


@require_GET
@login_required
def employee_development(request: AuthedRequest, pk: int) -> HttpResponse:
    """Someone's development record, for their penilai, unit head, HR or auditor."""
    employee = access.get_employee_for_development(request.user, pk)
    rights = access.person_rights(request.user, employee)
    if rights.is_self:
        return redirect("development:mine")
    today = timezone.localdate()
    context = development_context(employee, selected_year(request), today)
    context["is_self"] = False
    # The service signals are for the officer and their line (penilai, atasan), not for HR.
    if get_scope(request.user).supervises(employee):
        context["signals"] = improve.improvement_signals(employee, selected_year(request), today)
    if rights.is_penilai:
        context["assessment_form"] = AssessmentForm(initial={"date": today})
        context["is_penilai"] = True
    return render(request, "development/person.html", context)


@require_POST
@login_required
@formonce.guard
def add_assessment(request: AuthedRequest, pk: int) -> HttpResponse:
    """A self-assessment, or the penilai's assessment of a direct report."""
    employee = access.get_employee_for_development(request.user, pk)
    source = access.person_rights(request.user, employee).assessment_source
    if source is None:
        raise PermissionDenied
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            services.record_assessment(
                employee=employee, source=source, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            formonce.refused(request)
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Competency level recorded."))
    else:
        formonce.refused(request)
        messages.error(request, _("Check the competency, level and date."))
    if source == AssessmentSource.SELF:
        return redirect("development:mine")
    return redirect("development:employee", pk=employee.pk)


@require_GET
@login_required
def team(request: AuthedRequest) -> HttpResponse:
    """The penilai's team: JP against target, IDPs to agree, follow-up evaluations due."""
    scope = get_scope(request.user)
    if scope.employee is None or not scope.subordinate_ids:
        raise Http404
    year = selected_year(request)
    today = timezone.localdate()
    employees = list(
        Employee.objects.filter(pk__in=scope.subordinate_ids, is_active=True)
        .select_related("unit", "position")
        .order_by("unit__path", "name")
    )
    rows = selectors.jp_rows(employees, year)
    gaps = selectors.biggest_gaps(employees)
    plans = {
        p.employee_id: p
        for p in DevelopmentPlan.objects.filter(employee_id__in=scope.subordinate_ids, year=year)
    }
    due_before = today - dt.timedelta(days=selectors.follow_up_days())
    follow_ups = list(
        Participant.objects.filter(
            employee_id__in=scope.direct_report_ids,
            attended=True,
            event__end_date__lte=due_before,
            follow_up__isnull=True,
        )
        .select_related("event", "employee")
        .order_by("event__end_date")[:50]
    )
    to_agree = list(
        DevelopmentPlan.objects.filter(
            employee_id__in=scope.direct_report_ids, status=PlanStatus.DRAFT, items__isnull=False
        )
        .select_related("employee")
        .distinct()
    )
    return render(
        request,
        "development/team.html",
        {
            "rows": [(r, plans.get(r.employee.pk), gaps[r.employee.pk][:2]) for r in rows],
            "year": year,
            "follow_ups": follow_ups,
            "to_agree": to_agree,
            "below": sum(1 for r in rows if r.below),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def follow_up(request: AuthedRequest, pk: int) -> HttpResponse:
    """The penilai records whether a direct report's work improved after a training."""
    participant = access.get_participation_for_follow_up(request.user, pk)
    existing = FollowUp.objects.filter(participant=participant).first()
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_follow_up(
                participant=participant,
                score=form.cleaned_data["score"],
                note=form.cleaned_data["note"],
                today=timezone.localdate(),
                by=request.user,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Follow-up evaluation saved."))
            return redirect("development:team")
    due = rules.follow_up_due_on(participant.event.end_date, days=selectors.follow_up_days())
    return render(
        request,
        "development/follow_up.html",
        {
            "participant": participant,
            "form": form,
            "existing": existing,
            "due": due,
            "effect": effect_data.training_effect(participant.event, timezone.localdate()),
            "minimum": effect.MIN_GROUP,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def reaction(request: AuthedRequest, pk: int) -> HttpResponse:
    """The participant's short reaction survey after an event."""
    participant = access.get_own_participation(request.user, pk)
    if hasattr(participant, "reaction"):
        messages.info(request, _("You already answered this survey. Thank you."))
        return redirect("development:mine")
    try:
        # Only attendees are offered the form; the service checks it again on submit.
        participant = access.get_participation_for_reaction(request.user, pk)
    except PermissionDenied:
        messages.error(request, _("The survey is only for participants who attended."))
        return redirect("development:mine")
    form = ReactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_reaction(
                participant=participant,
                today=timezone.localdate(),
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Thank you for your answers."))
            return redirect("development:mine")
    return render(request, "development/reaction.html", {"participant": participant, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def activity_create(request: AuthedRequest) -> HttpResponse:
    """Report an activity I took part in (e-learning, seminar…) with its certificate."""
    scope = get_scope(request.user)
    if scope.employee is None:
        raise Http404
    form = ActivityForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("certificate")
        try:
            services.report_activity(
                employee=scope.employee, upload=upload, by=request.user, **data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Activity reported; it counts once HR verifies it."))
            return redirect("development:mine")
    return render(request, "development/activity_form.html", {"form": form})


@require_POST
@login_required
def activity_verify(request: AuthedRequest, pk: int) -> HttpResponse:
    """HR verifies or rejects a self-reported activity."""
    activity = access.get_activity_for_verification(request.user, pk)
    try:
        services.verify_activity(
            activity=activity, approve=request.POST.get("decision") == "approve", by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("development:recap") + "#verify")


def _certificate(field: FieldFile) -> FileResponse:
    # The stored name was generated at upload from the checked content: its extension is ours.
    stored = (field.name or "").rsplit("/", 1)[-1]
    kind = mimetypes.guess_type(stored)[0] or "application/octet-stream"
    return serve_upload(field.open("rb"), filename=stored, content_type=kind)


@require_GET
@login_required
def activity_file(request: AuthedRequest, pk: int) -> FileResponse:
    activity = access.get_activity_file(request.user, pk)
    if not activity.certificate:
        raise Http404
    return _certificate(activity.certificate)


@require_GET
@login_required
def participant_file(request: AuthedRequest, pk: int) -> FileResponse:
    participant = access.get_participant_file(request.user, pk)
    if not participant.certificate:
        raise Http404
    return _certificate(participant.certificate)


# HR: events ----------------------------------------------------------------------------------
