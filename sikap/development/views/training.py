"""Training as people expect it: invitations, self-registration with a waiting list, check-in by
QR, pre- and post-test scores, and the certificate SIKAP issues with its public verification."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.development import access, rules, selectors, services
from sikap.development.forms import InviteForm, ScoreFormSet, ScoreImportForm
from sikap.development.models import Participant, ParticipantStatus, TrainingEvent
from sikap.lib.forms import errors_message
from sikap.lib.pdf import render_pdf_bytes
from sikap.org.scope import get_scope


def qr_svg(url: str) -> SafeString:
    """An inline SVG QR code of ``url`` that scales with its box (as on the survey receipt)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", border=2, omitsize=True
    )
    return mark_safe(svg)  # segno writes the SVG itself; the URL is only encoded in it


def check_in_url(request: HttpRequest, event: TrainingEvent) -> str:
    token = services.check_in_token(event)
    return request.build_absolute_uri(reverse("development:check_in", args=[token]))


def _back(request: AuthedRequest, event: TrainingEvent) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("development:event", pk=event.pk)


def staff_event_context(request: AuthedRequest, event: TrainingEvent) -> dict[str, object]:
    """The employee's own side of an event page: their registration and the Daftar button."""
    employee = get_scope(request.user).employee
    if employee is None:
        return {}
    today = timezone.localdate()
    mine = Participant.objects.filter(event=event, employee=employee).first()
    registered = mine is not None and mine.status in (
        ParticipantStatus.REGISTERED,
        ParticipantStatus.WAITING,
    )
    seats = event.participants.filter(status=ParticipantStatus.REGISTERED).count()
    return {
        "mine": mine,
        "mine_registered": registered,
        "waiting_position": selectors.waiting_position(mine) if mine else None,
        "may_register": not registered and access.can_register(employee, event, today),
        "seats_taken": seats,
        "seats_free": None if event.capacity is None else max(event.capacity - seats, 0),
    }


def organiser_context(request: AuthedRequest, event: TrainingEvent) -> dict[str, object]:
    """What HR sees to run the event: the check-in QR and the invitation form."""
    scope = get_scope(request.user)
    url = check_in_url(request, event)
    first, last = services.check_in_window(event)
    return {
        "check_in_url": url,
        "check_in_qr": qr_svg(url),
        "check_in_first": first,
        "check_in_last": last,
        "invite_form": InviteForm(units=access.units_managed(scope)),
        "competency_names": rules.COMPETENCIES,
    }


@require_POST
@login_required
@formonce.guard
def event_invite(request: AuthedRequest, pk: int) -> HttpResponse:
    """HR invites a unit (with subunits), a jenis jabatan or an improvement area to an event."""
    event = access.get_event_for_user(request.user, pk, for_change=True)
    scope = get_scope(request.user)
    form = InviteForm(request.POST, units=access.units_managed(scope))
    if not form.is_valid():
        formonce.refused(request)
        messages.error(request, errors_message(form))
        return redirect("development:event", pk=event.pk)
    employees = access.employees_managed(scope)
    if form.cleaned_data["unit"] is not None:
        employees = employees.in_subtree(form.cleaned_data["unit"])
    if form.cleaned_data["jenis"]:
        employees = employees.filter(position__jenis=form.cleaned_data["jenis"])
    chosen = list(employees)
    if form.cleaned_data["competency"]:
        today = timezone.localdate()
        chosen = selectors.audience_by_competency(
            employees, competency=form.cleaned_data["competency"], year=today.year, today=today
        )
    invited = services.invite_to_event(event=event, employees=chosen, by=request.user)
    messages.success(request, _("%(n)d employees invited.") % {"n": invited})
    return redirect("development:event", pk=event.pk)


@require_POST
@login_required
@formonce.guard
def event_register(request: AuthedRequest, pk: int) -> HttpResponse:
    """An employee registers for an open event (Daftar): a seat or the waiting list."""
    today = timezone.localdate()
    event = access.get_event_for_staff(request.user, pk, today)
    employee = access.require_employee(request.user)
    try:
        row = services.register_for_event(event=event, employee=employee, by=request.user)
    except ValidationError as exc:
        formonce.refused(request)
        messages.error(request, " ".join(exc.messages))
    else:
        if row.status == ParticipantStatus.WAITING:
            messages.info(
                request,
                _("The event is full: you are number %(n)d on the waiting list.")
                % {"n": selectors.waiting_position(row)},
            )
        else:
            messages.success(request, _("You are registered."))
    return _back(request, event)


@require_POST
@login_required
def registration_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    """An employee cancels their registration; the first on the waiting list moves up."""
    participant = access.get_own_participation(request.user, pk)
    try:
        services.cancel_registration(participant=participant, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return _back(request, participant.event)


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def check_in(request: AuthedRequest, token: str) -> HttpResponse:
    """The page the check-in QR opens: one button, then "you are marked present"."""
    employee = access.require_employee(request.user)
    context: dict[str, object] = {"token": token}
    try:
        event = services.read_check_in_token(token)
    except ValidationError as exc:
        context["problem"] = " ".join(exc.messages)
        return render(request, "development/check_in.html", context, status=400)
    context["event"] = event
    participant = Participant.objects.filter(event=event, employee=employee).first()
    context["participant"] = participant
    if request.method == "POST":
        try:
            participant = services.check_in(event=event, employee=employee, by=request.user)
        except ValidationError as exc:
            formonce.refused(request)
            context["problem"] = " ".join(exc.messages)
        else:
            messages.success(request, _("You are marked present. Thank you."))
            return redirect("development:check_in", token=token)
    elif participant is None or participant.status != ParticipantStatus.REGISTERED:
        context["problem"] = _("You are not registered for this event, so you cannot check in.")
    return render(request, "development/check_in.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def event_scores(request: AuthedRequest, pk: int) -> HttpResponse:
    """HR enters the pre- and post-test scores of the participants (a table, or an import)."""
    event = access.get_event_for_user(request.user, pk, for_change=True)
    rows = list(
        event.participants.filter(status=ParticipantStatus.REGISTERED).select_related(
            "employee__unit"
        )
    )
    initial = [
        {"participant": p.pk, "pre_test": p.pre_test, "post_test": p.post_test} for p in rows
    ]
    formset = ScoreFormSet(request.POST or None, initial=initial, prefix="s")
    if request.method == "POST" and formset.is_valid():
        scores = {
            f.cleaned_data["participant"]: (
                f.cleaned_data.get("pre_test"),
                f.cleaned_data.get("post_test"),
            )
            for f in formset.forms
            if f.cleaned_data
        }
        try:
            changed = services.record_scores(event=event, scores=scores, by=request.user)
        except ValidationError as exc:
            formonce.refused(request)
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(n)d scores saved.") % {"n": changed})
            return redirect("development:event_scores", pk=event.pk)
    return render(
        request,
        "development/scores.html",
        {
            "event": event,
            "rows": list(zip(rows, formset.forms, strict=True)),
            "formset": formset,
            "import_form": ScoreImportForm(),
        },
    )


@require_POST
@login_required
@formonce.guard
def event_scores_import(request: AuthedRequest, pk: int) -> HttpResponse:
    """HR imports the scores from a CSV or XLSX; all rows or none."""
    event = access.get_event_for_user(request.user, pk, for_change=True)
    form = ScoreImportForm(request.POST, request.FILES)
    if not form.is_valid():
        formonce.refused(request)
        messages.error(request, _("Choose a file."))
        return redirect("development:event_scores", pk=event.pk)
    upload = form.cleaned_data["file"]
    try:
        changed = services.import_scores(
            event=event, upload=upload, by=request.user, name=upload.name
        )
    except ValidationError as exc:
        formonce.refused(request)
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(n)d scores saved.") % {"n": changed})
    return redirect("development:event_scores", pk=event.pk)


def verification_url(request: HttpRequest, participant: Participant) -> str:
    path = reverse("development:verify_certificate", args=[participant.certificate_code])
    return request.build_absolute_uri(path)


@require_GET
@login_required
def certificate_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The certificate SIKAP issues to an attendee, with a verification QR."""
    try:
        participant = access.get_certificate_for_user(request.user, pk)
    except PermissionDenied:
        messages.error(request, _("A certificate is only issued to participants who attended."))
        return redirect("development:mine")
    participant = services.issue_certificate(participant=participant, by=request.user)
    url = verification_url(request, participant)
    data = render_pdf_bytes(
        "development/pdf/certificate.html",
        {
            "p": participant,
            "event": participant.event,
            "jenis_name": rules.JENIS_DIKLAT[participant.event.jenis_diklat],
            "verify_url": url,
            "qr_svg": qr_svg(url),
        },
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-{participant.pk}.pdf"'
    return response


@require_GET
def verify_certificate(request: HttpRequest, code: str) -> HttpResponse:
    """Public: is this a certificate SIKAP issued? Name, event, days and JP only."""
    check = selectors.verify_certificate(code)
    response = render(
        request, "development/verify.html", {"check": check}, status=200 if check else 404
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
