"""Pages of competency development: mine, my team's, and HR's events and JP recap."""

from __future__ import annotations

import csv
import datetime as dt
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from sikap.accounts.http import AuthedRequest
from sikap.accounts.scope import Scope, get_scope
from sikap.development import access, exports, rules, services
from sikap.development.forms import (
    ActivityForm,
    AddParticipantsForm,
    AssessmentForm,
    CertificateForm,
    EventForm,
    FollowUpForm,
    ItemStatusForm,
    PlanItemForm,
    ReactionForm,
    RequiredCompetencyForm,
)
from sikap.development.models import (
    ActivityStatus,
    AssessmentSource,
    DevelopmentPlan,
    FollowUp,
    ItemStatus,
    OwnActivity,
    Participant,
    PlanStatus,
    RequiredCompetency,
    TrainingEvent,
)
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee, Position, Unit, UnitQuerySet


def _year(request: AuthedRequest) -> int:
    raw = request.GET.get("year", "")
    today = timezone.localdate()
    if raw.isdigit() and 2000 <= int(raw) <= today.year + 1:
        return int(raw)
    return today.year


def _add_errors(form: BaseForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            target = key if key in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _development_context(employee: Employee, year: int, today: dt.date) -> dict[str, object]:
    """Everything on one employee's development page (a fixed number of queries)."""
    row = services.jp_rows([employee], year)[0]
    participations = list(
        Participant.objects.filter(employee=employee, event__end_date__year=year)
        .select_related("event", "reaction")
        .order_by("-event__start_date")
    )
    activities = list(OwnActivity.objects.filter(employee=employee, end_date__year=year))
    pending_surveys = [
        p
        for p in participations
        if p.attended and p.event.start_date <= today and not hasattr(p, "reaction")
    ]
    plan = (
        DevelopmentPlan.objects.filter(employee=employee, year=year)
        .select_related("agreed_by")
        .first()
    )
    items = list(plan.items.all()) if plan else []
    return {
        "employee": employee,
        "year": year,
        "row": row,
        "pppk_max": rules.PPPK_MAX_JP if employee.is_pppk else None,
        "gaps": services.gap_rows(employee),
        "participations": participations,
        "activities": activities,
        "pending_surveys": pending_surveys,
        "plan": plan,
        "plan_items": items,
        "years": range(today.year, today.year - 4, -1),
    }


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
    context = _development_context(scope.employee, _year(request), today)
    context["is_self"] = True
    context["assessment_form"] = AssessmentForm(initial={"date": today})
    return render(request, "development/person.html", context)


@require_GET
@login_required
def employee_development(request: AuthedRequest, pk: int) -> HttpResponse:
    """Someone's development record, for their penilai, unit head, HR or auditor."""
    employee = access.get_employee_for_development(request.user, pk)
    scope = get_scope(request.user)
    if scope.employee is not None and scope.employee.pk == employee.pk:
        return redirect("development:mine")
    today = timezone.localdate()
    context = _development_context(employee, _year(request), today)
    context["is_self"] = False
    if employee.pk in scope.direct_report_ids:
        context["assessment_form"] = AssessmentForm(initial={"date": today})
        context["is_penilai"] = True
    return render(request, "development/person.html", context)


@require_POST
@login_required
def add_assessment(request: AuthedRequest, pk: int) -> HttpResponse:
    """A self-assessment, or the penilai's assessment of a direct report."""
    employee = access.get_employee_for_development(request.user, pk)
    scope = get_scope(request.user)
    if scope.employee is not None and scope.employee.pk == employee.pk:
        source = AssessmentSource.SELF
    elif employee.pk in scope.direct_report_ids:
        source = AssessmentSource.SUPERVISOR
    else:
        raise PermissionDenied
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            services.record_assessment(
                employee=employee, source=source, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Competency level recorded."))
    else:
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
    year = _year(request)
    today = timezone.localdate()
    employees = list(
        Employee.objects.filter(pk__in=scope.subordinate_ids, is_active=True)
        .select_related("unit", "position")
        .order_by("unit__path", "name")
    )
    rows = services.jp_rows(employees, year)
    gaps = services.biggest_gaps(employees)
    plans = {
        p.employee_id: p
        for p in DevelopmentPlan.objects.filter(employee_id__in=scope.subordinate_ids, year=year)
    }
    due_before = today - dt.timedelta(days=services.follow_up_days())
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
def follow_up(request: AuthedRequest, pk: int) -> HttpResponse:
    """The penilai records whether a direct report's work improved after a training."""
    participant = access.get_participation_for_follow_up(request.user, pk)
    scope = get_scope(request.user)
    assert scope.employee is not None
    existing = FollowUp.objects.filter(participant=participant).first()
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_follow_up(
                participant=participant, score=form.cleaned_data["score"],
                note=form.cleaned_data["note"], today=timezone.localdate(),
                by=scope.employee, user=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Follow-up evaluation saved."))
            return redirect("development:team")
    due = rules.follow_up_due_on(participant.event.end_date, days=services.follow_up_days())
    return render(
        request,
        "development/follow_up.html",
        {"participant": participant, "form": form, "existing": existing, "due": due},
    )


@require_http_methods(["GET", "POST"])
@login_required
def reaction(request: AuthedRequest, pk: int) -> HttpResponse:
    """The participant's short reaction survey after an event."""
    participant = access.get_own_participation(request.user, pk)
    if hasattr(participant, "reaction"):
        messages.info(request, _("You already answered this survey. Thank you."))
        return redirect("development:mine")
    form = ReactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_reaction(
                participant=participant, today=timezone.localdate(), by=request.user,
                **form.cleaned_data,
            )  # fmt: skip
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Thank you for your answers."))
            return redirect("development:mine")
    return render(request, "development/reaction.html", {"participant": participant, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
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
            _add_errors(form, exc)
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


@require_GET
@login_required
def activity_file(request: AuthedRequest, pk: int) -> FileResponse:
    activity = access.get_activity_file(request.user, pk)
    if not activity.certificate:
        raise Http404
    return FileResponse(activity.certificate.open("rb"), as_attachment=True)


@require_GET
@login_required
def participant_file(request: AuthedRequest, pk: int) -> FileResponse:
    participant = access.get_participant_file(request.user, pk)
    if not participant.certificate:
        raise Http404
    return FileResponse(participant.certificate.open("rb"), as_attachment=True)


# HR: events ----------------------------------------------------------------------------------


def _units_read(scope: Scope) -> UnitQuerySet:
    if scope.is_superadmin:
        return Unit.objects.filter(is_active=True)
    return Unit.objects.filter(is_active=True).within_any(scope.read_paths)


def _units_managed(scope: Scope) -> UnitQuerySet:
    if scope.is_superadmin:
        return Unit.objects.filter(is_active=True)
    return Unit.objects.filter(is_active=True).within_any(scope.manage_paths)


@require_GET
@login_required
def events(request: AuthedRequest) -> HttpResponse:
    """Training events of the year with attendance, reactions and the report per jenis diklat."""
    scope = access.require_reader(request.user)
    year = _year(request)
    query = Q(pk__in=[])
    for path in scope.read_paths:
        query |= Q(unit__path__startswith=path)
    qs = TrainingEvent.objects.in_year(year)
    if not scope.is_superadmin:
        qs = qs.filter(query)
    items = list(qs.select_related("unit"))
    stats = services.event_stats(items)
    return render(
        request,
        "development/events.html",
        {
            "rows": [(e, stats[e.pk]) for e in items],
            "by_jenis": services.jenis_stats(items, stats),
            "year": year,
            "can_manage": access.can_manage(scope),
            "years": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def event_create(request: AuthedRequest) -> HttpResponse:
    """HR creates a training event."""
    scope = access.require_manager(request.user)
    form = EventForm(request.POST or None, units=_units_managed(scope))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Event created. Now add the participants."))
            return redirect("development:event", pk=event.pk)
    return render(request, "development/event_form.html", {"form": form})


@require_GET
@login_required
def event_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """An event: its participants, attendance, certificates and the answers' averages."""
    event = access.get_event_for_user(request.user, pk)
    scope = get_scope(request.user)
    can_change = scope.manages_unit(event.unit)
    participants = list(
        event.participants.select_related("employee__unit", "reaction", "follow_up")
    )
    context: dict[str, object] = {
        "event": event,
        "participants": participants,
        "stats": services.event_stats([event])[event.pk],
        "can_change": can_change,
        "jenis_name": rules.JENIS_DIKLAT[event.jenis_diklat],
    }
    if can_change:
        context["add_form"] = AddParticipantsForm(
            units=_units_managed(scope), employees=access.employees_managed(scope).order_by("name")
        )
    return render(request, "development/event.html", context)


@require_POST
@login_required
def event_participants(request: AuthedRequest, pk: int) -> HttpResponse:
    """HR invites everyone in a unit, or chosen employees, to an event."""
    event = access.get_event_for_user(request.user, pk, for_change=True)
    scope = get_scope(request.user)
    managed = access.employees_managed(scope)
    form = AddParticipantsForm(request.POST, units=_units_managed(scope), employees=managed)
    if form.is_valid():
        chosen = list(form.cleaned_data["employees"])
        unit = form.cleaned_data["unit"]
        if unit is not None:
            chosen += list(managed.filter(unit__path__startswith=unit.path))
        added = services.add_participants(
            event=event, employees=chosen, by=request.user, attended=form.cleaned_data["attended"]
        )
        messages.success(request, _("%(n)d participants added.") % {"n": added})
    else:
        messages.error(
            request, " ".join(str(e) for e in form.non_field_errors()) or _("Check the form.")
        )
    return redirect("development:event", pk=event.pk)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark a participant present or absent (an htmx row swap, or a full reload)."""
    participant = access.get_participant_for_change(request.user, pk)
    try:
        services.set_attendance(
            participant=participant, attended=request.POST.get("attended") == "1", by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.htmx:
        return render(
            request,
            "development/event.html#participant",
            {"p": participant, "can_change": True, "event": participant.event},
        )
    return redirect("development:event", pk=participant.event_id)


@require_POST
@login_required
def certificate(request: AuthedRequest, pk: int) -> HttpResponse:
    """HR records a participant's certificate number and/or file."""
    participant = access.get_participant_for_change(request.user, pk)
    form = CertificateForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.set_certificate(
                participant=participant, number=form.cleaned_data["certificate_number"],
                upload=form.cleaned_data["certificate"], by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Certificate saved."))
    return redirect("development:event", pk=participant.event_id)


# HR: JP recap and exports ------------------------------------------------------------------


def _recap_scope(request: AuthedRequest) -> tuple[Scope, Unit | None, int, list[services.JpRow]]:
    scope = access.require_reader(request.user)
    year = _year(request)
    units = _units_read(scope)
    raw = request.GET.get("unit", "")
    unit = units.filter(pk=int(raw)).first() if raw.isdigit() else None
    employees = access.employees_read(scope).exclude(jenis_asn="NON_ASN")
    if unit is not None:
        employees = employees.filter(unit__path__startswith=unit.path)
    rows = services.jp_rows(
        list(employees.select_related("unit", "position").order_by("unit__path", "name")), year
    )
    if request.GET.get("below") == "1":
        rows = [r for r in rows if r.below]
    return scope, unit, year, rows


@require_GET
@login_required
def recap(request: AuthedRequest) -> HttpResponse:
    """JP per employee and per unit against the yearly target; Excel on ?format=xlsx."""
    scope, unit, year, rows = _recap_scope(request)
    if request.GET.get("format") == "xlsx":
        return exports.recap_xlsx(rows, year=year)
    pending: list[OwnActivity] = []
    if access.can_manage(scope):
        pending_qs = OwnActivity.objects.filter(status=ActivityStatus.PENDING).select_related(
            "employee"
        )
        if not scope.is_superadmin:
            pending_qs = pending_qs.filter(employee__in=access.employees_managed(scope))
        pending = list(pending_qs[:100])
    return render(
        request,
        "development/recap.html",
        {
            "rows": rows,
            "units": exports.unit_summary(rows),
            "unit": unit,
            "unit_choices": _units_read(scope),
            "year": year,
            "below": request.GET.get("below") == "1",
            "pending": pending,
            "years": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@login_required
def siasn_export(request: AuthedRequest) -> HttpResponse:
    """Training records shaped like SIASN ``kursus/save`` (CSV, or JSON with ?format=json)."""
    _scope, _unit, year, rows = _recap_scope(request)
    records = exports.siasn_records([r.employee for r in rows], year)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(records, ensure_ascii=False, indent=1), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="siasn-kursus-{year}.json"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="siasn-kursus-{year}.csv"'
    writer = csv.DictWriter(response, fieldnames=exports.SIASN_FIELDS)
    writer.writeheader()
    writer.writerows(records)
    return response


# IDP -----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def idp(request: AuthedRequest) -> HttpResponse:
    """An IDP of the year, drafted by the employee or (``?pegawai=<id>``) by their penilai."""
    raw = request.GET.get("pegawai", "")
    employee = access.get_idp_owner(request.user, int(raw) if raw.isdigit() else None)
    is_self = get_scope(request.user).employee == employee
    year = _year(request)
    plan = DevelopmentPlan.objects.filter(employee=employee, year=year).first()
    gaps = services.gap_rows(employee)
    recommendation = services.latest_recommendation(employee)
    initial: dict[str, object] = {"recommendation": recommendation.text if recommendation else ""}
    if gaps and gaps[0].gap > 0:
        initial |= {
            "competency": gaps[0].competency,
            "required_level": gaps[0].required,
            "current_level": gaps[0].current,
        }
    form = PlanItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.get_or_create_plan(employee=employee, year=year, by=request.user)
            services.add_plan_item(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Line added to the IDP."))
            suffix = "" if is_self else f"&pegawai={employee.pk}"
            return redirect(reverse("development:idp") + f"?year={year}{suffix}")
    chain_label = ""
    chain = OrgChart(timezone.localdate()).chain_of(employee)
    if chain.penilai is not None:
        chain_label = chain.penilai.label
    return render(
        request,
        "development/idp.html",
        {
            "employee": employee,
            "is_self": is_self,
            "plan": plan,
            "items": list(plan.items.all()) if plan else [],
            "form": form,
            "year": year,
            "gaps": gaps,
            "penilai": chain_label,
            "statuses": ItemStatus.choices,
            "recommendation": recommendation,
        },
    )


@require_POST
@login_required
def idp_agree(request: AuthedRequest, pk: int) -> HttpResponse:
    """The pejabat penilai agrees a direct report's IDP."""
    plan = access.get_plan_for_agreement(request.user, pk)
    scope = get_scope(request.user)
    assert scope.employee is not None
    try:
        services.agree_plan(plan=plan, by=scope.employee, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("IDP agreed."))
    return redirect("development:team")


@require_POST
@login_required
def idp_item_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """The employee (or their penilai) records the progress of an IDP line."""
    item = access.get_item_for_change(request.user, pk)
    form = ItemStatusForm(request.POST)
    if form.is_valid():
        services.set_item_status(item=item, status=form.cleaned_data["status"], by=request.user)
        messages.success(request, _("Progress saved."))
    scope = get_scope(request.user)
    year = item.plan.year
    if scope.employee is not None and scope.employee.pk == item.plan.employee_id:
        return redirect(reverse("development:idp") + f"?year={year}")
    return redirect(reverse("development:employee", args=[item.plan.employee_id]) + f"?year={year}")


# HR: standar kompetensi jabatan ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def standards(request: AuthedRequest) -> HttpResponse:
    """Required competency levels per jabatan: readers see them, HR edits them."""
    scope = access.require_reader(request.user)
    if scope.is_superadmin:
        positions = Position.objects.filter(is_active=True)
    else:
        positions = Position.objects.filter(is_active=True, unit__in=_units_read(scope))
    positions = positions.select_related("unit").order_by("unit__path", "-is_unit_head", "name")
    can_edit = access.can_manage(scope)
    managed = (
        Position.objects.filter(is_active=True, unit__in=_units_managed(scope))
        .select_related("unit")
        .order_by("unit__path", "name")
    )
    form = RequiredCompetencyForm(request.POST or None, positions=managed)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if request.POST.get("action") == "defaults":
            added = services.apply_default_levels(positions=list(managed), by=request.user)
            messages.success(request, _("%(n)d levels added from the defaults.") % {"n": added})
            return redirect("development:standards")
        if form.is_valid():
            try:
                services.set_required_competency(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Required level saved."))
                return redirect("development:standards")
    rows = list(positions[:300])
    levels: dict[int, dict[str, int]] = {}
    extra: dict[int, list[str]] = {}
    for req in RequiredCompetency.objects.filter(position__in=[p.pk for p in rows]):
        levels.setdefault(req.position_id, {})[req.competency] = req.level
        if req.competency not in rules.COMPETENCIES:
            extra.setdefault(req.position_id, []).append(f"{req.competency} {req.level}")
    table = [
        (
            p,
            [(name, levels.get(p.pk, {}).get(name)) for name in rules.COMPETENCIES],
            extra.get(p.pk, []),
        )
        for p in rows
    ]
    return render(
        request,
        "development/standards.html",
        {
            "table": table,
            "competencies": rules.COMPETENCIES,
            "form": form if can_edit else None,
            "defaults": rules.DEFAULT_REQUIRED_LEVEL,
        },
    )
