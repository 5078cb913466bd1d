"""Training events for HR: participants, attendance, certificates, JP recap and exports."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.development import access, exports, rules, selectors, services
from sikap.development.forms import (
    AddParticipantsForm,
    CertificateForm,
    EventForm,
)
from sikap.development.models import (
    OwnActivity,
    ParticipantStatus,
)
from sikap.development.views import training
from sikap.development.views.common import (
    selected_year,
)
from sikap.lib.csvexport import csv_response
from sikap.lib.forms import apply_errors, errors_message
from sikap.org.models import EmployeeQuerySet, Unit
from sikap.org.scope import Scope, get_scope


@require_GET
@login_required
def events(request: AuthedRequest) -> HttpResponse:
    """Training events of the year with attendance, reactions and the report per jenis diklat."""
    scope = access.require_reader(request.user)
    year = selected_year(request)
    items = list(access.events_visible_to(scope).in_year(year).select_related("unit"))
    stats = selectors.event_stats(items)
    return render(
        request,
        "development/events.html",
        {
            "rows": [(e, stats[e.pk]) for e in items],
            "by_jenis": selectors.jenis_stats(items, stats),
            "year": year,
            "can_manage": access.can_manage(scope),
            "years": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def event_create(request: AuthedRequest) -> HttpResponse:
    """HR creates a training event."""
    scope = access.require_manager(request.user)
    form = EventForm(request.POST or None, units=access.units_managed(scope))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Event created. Now add the participants."))
            return redirect("development:event", pk=event.pk)
    return render(request, "development/event_form.html", {"form": form})


PARTICIPANT_PAGE_SIZE = 50


@require_GET
@login_required
@vary_on_headers("HX-Request")
def event_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """An event: its participants, attendance, certificates and the answers' averages; for an
    employee it may register for (or takes part in), the event and their registration only."""
    try:
        event = access.get_event_for_user(request.user, pk)
    except Http404:
        event = access.get_event_for_staff(request.user, pk, timezone.localdate())
        return render(
            request,
            "development/event.html",
            {
                "event": event,
                "is_reader": False,
                "jenis_name": rules.JENIS_DIKLAT[event.jenis_diklat],
                **training.staff_event_context(request, event),
            },
        )
    scope = get_scope(request.user)
    can_change = access.can_change_event(scope, event)
    if can_change and request.htmx and request.GET.get("tambah") == "1":
        # Opened in place: only the form's section is sent.
        section = {"event": event, "can_change": True, **_add_context(request, scope)}
        return render(request, "development/event.html#add", section)
    # A city-wide sosialisasi has hundreds of participants, each row with its forms: a page at a
    # time keeps the page light on a phone.
    page = Paginator(
        event.participants.exclude(status=ParticipantStatus.CANCELLED)
        .select_related("employee__unit", "reaction", "follow_up")
        .order_by("status", "registered_at", "pk"),
        PARTICIPANT_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    context: dict[str, object] = {
        "event": event,
        "is_reader": True,
        "participants": page.object_list,
        "page": page,
        "stats": selectors.event_stats([event])[event.pk],
        "can_change": can_change,
        "jenis_name": rules.JENIS_DIKLAT[event.jenis_diklat],
        **training.staff_event_context(request, event),
    }
    if can_change:
        if request.GET.get("tambah") == "1":
            # Built when HR opens it, not with every view of the event.
            context.update(_add_context(request, scope))
        context.update(training.organiser_context(request, event))
    return render(request, "development/event.html", context)


# Employees offered at once in the add-participants form, found by name or NIP.
ADD_MATCHES = 30


def _add_context(request: AuthedRequest, scope: Scope) -> dict[str, object]:
    """The add-participants form, offering the employees HR manages whose name or NIP holds
    the search (``?cari=``), the first ``ADD_MATCHES`` of them."""
    wanted = request.GET.get("cari", "").strip()[:100]
    managed = access.employees_managed(scope)
    found = (
        list(
            managed.filter(Q(name__icontains=wanted) | Q(nip__startswith=wanted))
            .select_related("position", "unit")
            .order_by("name", "pk")[: ADD_MATCHES + 1]
        )
        if wanted
        else []
    )
    shown = found[:ADD_MATCHES]
    form = AddParticipantsForm(units=access.units_managed(scope), employees=managed, shown=shown)
    return {
        "add_form": form,
        "search": wanted,
        "matches": len(shown),
        "more_matches": len(found) > ADD_MATCHES,
        "match_limit": ADD_MATCHES,
    }


@require_POST
@login_required
@formonce.guard
def event_participants(request: AuthedRequest, pk: int) -> HttpResponse:
    """HR invites everyone in a unit, or chosen employees, to an event."""
    event = access.get_event_for_user(request.user, pk, for_change=True)
    scope = get_scope(request.user)
    managed = access.employees_managed(scope)
    form = AddParticipantsForm(request.POST, units=access.units_managed(scope), employees=managed)
    if form.is_valid():
        chosen = list(form.cleaned_data["employees"])
        unit = form.cleaned_data["unit"]
        if unit is not None:
            chosen += list(managed.in_subtree(unit))
        added = services.add_participants(
            event=event, employees=chosen, by=request.user, attended=form.cleaned_data["attended"]
        )
        messages.success(request, _("%(n)d participants added.") % {"n": added})
    else:
        formonce.refused(request)
        messages.error(request, errors_message(form))
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


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def certificate(request: AuthedRequest, pk: int) -> HttpResponse:
    """HR records a participant's certificate number and/or file. The form is asked for when HR
    opens it on the event's row (htmx), or as its own page without JavaScript: fifty rows of
    upload forms made the event page 90 KB."""
    participant = access.get_participant_for_change(request.user, pk)
    if request.method == "GET":
        page = "development/certificate.html"
        template = f"{page}#form" if request.htmx else page
        return render(request, template, {"p": participant})
    form = CertificateForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.set_certificate(
                participant=participant,
                number=form.cleaned_data["certificate_number"],
                upload=form.cleaned_data["certificate"],
                by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Certificate saved."))
    return redirect("development:event", pk=participant.event_id)


# HR: JP recap and exports ------------------------------------------------------------------

RECAP_PAGE_SIZE = 50


def _recap_scope(request: AuthedRequest) -> tuple[Scope, Unit | None, int, EmployeeQuerySet]:
    """The employees of the recap, annotated with their JP and target (``selectors.with_jp``)."""
    scope = access.require_reader(request.user)
    year = selected_year(request)
    units = access.units_read(scope)
    raw = request.GET.get("unit", "")
    unit = units.filter(pk=int(raw)).first() if raw.isdigit() else None
    employees = access.employees_read(scope).exclude(jenis_asn="NON_ASN")
    if unit is not None:
        employees = employees.in_subtree(unit)
    people = selectors.with_jp(employees, year)
    if request.GET.get("below") == "1":
        people = people.filter(selectors.BELOW_TARGET)
    return (
        scope,
        unit,
        year,
        people.select_related("unit", "position").order_by("unit__path", "name", "pk"),
    )


@require_GET
@login_required
def recap(request: AuthedRequest) -> HttpResponse:
    """JP per employee and per unit against the yearly target; Excel on ?format=xlsx."""
    scope, unit, year, people = _recap_scope(request)
    if request.GET.get("format") == "xlsx":
        return exports.recap_xlsx([selectors.jp_row(e) for e in people], year=year)
    pending: list[OwnActivity] = []
    if access.can_manage(scope):
        pending = list(access.activities_to_verify(scope).select_related("employee")[:100])
    # One page of people, and the units summed by the database: a city's recap is thousands of
    # rows, and no page of it builds one per employee.
    page = Paginator(people, RECAP_PAGE_SIZE).get_page(request.GET.get("page"))
    totals = selectors.jp_unit_totals(people)
    named = Unit.objects.in_bulk([t.unit_id for t in totals if t.unit_id is not None])
    return render(
        request,
        "development/recap.html",
        {
            "rows": page.paginator.count > 0,
            "page": page,
            "page_rows": [selectors.jp_row(e) for e in page.object_list],
            "units": [
                exports.UnitSummary(
                    named.get(t.unit_id) if t.unit_id else None, t.people, t.below, t.jp
                )
                for t in totals
            ],
            "unit": unit,
            "unit_choices": access.units_read(scope),
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
    _scope, _unit, year, people = _recap_scope(request)
    records = exports.siasn_records(list(people), year)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(records, ensure_ascii=False, indent=1), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="siasn-kursus-{year}.json"'
        return response
    return csv_response(exports.SIASN_FIELDS, records, filename=f"siasn-kursus-{year}")


# IDP -----------------------------------------------------------------------------------------
