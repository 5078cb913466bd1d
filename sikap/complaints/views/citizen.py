"""The citizen's pages (no login): the form, tracking and the status page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts import formonce
from sikap.complaints import forms, rules, services
from sikap.complaints.models import (
    Complaint,
    Status,
)
from sikap.complaints.views.common import (
    rate_limited,
    with_public_headers,
)
from sikap.lib.forms import apply_errors

# ---------------------------------------------------------------- citizen pages (no login)


@require_http_methods(["GET", "POST"])
@formonce.guard
def public_form(request: HttpRequest) -> HttpResponse:
    """The public complaint form: no login, name and contact optional, anonymity honoured."""
    # ?unit= comes from the survey's thank-you page: the office the citizen just rated.
    wanted = request.GET.get("unit", "")
    initial = {"unit": int(wanted)} if wanted.isdigit() else {}
    form = forms.PublicComplaintForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        limit = getattr(settings, "COMPLAINTS_PUBLIC_LIMIT", 5)
        if form.data.get("website"):
            # A bot filled in the hidden field: act as if it worked, keep nothing.
            return redirect("complaints:track")
        if rate_limited(request, "submit", limit, 3600):
            form.add_error(None, _("Too many reports from this connection. Try again later."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                complaint = services.register_complaint(
                    unit=data["unit"],
                    subject=data["subject"],
                    text=data["text"],
                    classification=data["classification"],
                    category=data["category"],
                    service_name=data["service_name"],
                    reporter_name=data["reporter_name"],
                    reporter_phone=data["reporter_phone"],
                    reporter_email=data["reporter_email"],
                    is_anonymous=data["is_anonymous"],
                    is_confidential=data["is_confidential"],
                    files=data["files"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your report is registered. Keep your tracking code: %(code)s")
                    % {"code": complaint.tracking_code},
                )
                return redirect("complaints:status", code=complaint.tracking_code)
        if status == 200 and form.errors:
            status = 400
    response = render(request, "complaints/public_form.html", {"form": form}, status=status)
    return with_public_headers(response)


@require_GET
def track(request: HttpRequest) -> HttpResponse:
    """Enter a tracking code to open the status page."""
    form = forms.TrackForm(request.GET or None)
    if form.is_valid():
        code = rules.normalise_code(form.cleaned_data["code"])
        if Complaint.objects.filter(tracking_code=code).exists():
            return redirect("complaints:status", code=code)
        form.add_error("code", _("No report has this tracking code."))
    return with_public_headers(render(request, "complaints/track.html", {"form": form}))


def _public_complaint(code: str) -> Complaint:
    return get_object_or_404(
        Complaint.objects.select_related("unit", "category"),
        tracking_code=rules.normalise_code(code),
    )


def _status_page(request: HttpRequest, complaint: Complaint, **forms_: Any) -> HttpResponse:
    events = [
        {
            "at": e.at,
            "label": e.get_kind_display(),
            "note": e.note,
            "who": _("You") if e.by_citizen else (_("Officer") if e.by_id else _("System")),
        }
        for e in complaint.events.filter(is_public=True).order_by("at", "pk")
    ]
    rating = getattr(complaint, "rating", None) if hasattr(complaint, "rating") else None
    can_reply = complaint.status != Status.CLOSED and (
        complaint.is_paused or complaint.status == Status.ANSWERED
    )
    context = {
        "complaint": complaint,
        "events": events,
        "rating": rating,
        "can_reply": can_reply,
        "reply_form": forms_.get("reply_form") or forms.CitizenReplyForm(),
        "rating_form": forms_.get("rating_form") or forms.RatingForm(),
        "can_rate": complaint.can_rate and rating is None,
        # Reopening is open until the confirmation window ends (PermenPAN-RB 5/2025).
        "can_reopen": complaint.can_reopen
        and rules.may_reopen(complaint.confirmation_due, timezone.localdate()),
    }
    status = 400 if forms_ else 200
    return with_public_headers(render(request, "complaints/status.html", context, status=status))


@require_GET
def status(request: HttpRequest, code: str) -> HttpResponse:
    """The citizen's status page: no login, no personal data, public steps and the tanggapan."""
    return _status_page(request, _public_complaint(code))


@require_POST
@formonce.guard
def citizen_reply(request: HttpRequest, code: str) -> HttpResponse:
    complaint = _public_complaint(code)
    form = forms.CitizenReplyForm(request.POST)
    if form.is_valid():
        try:
            services.citizen_reply(
                complaint=complaint,
                text=form.cleaned_data["text"],
                reopen=form.cleaned_data["reopen"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your reply was sent."))
            return redirect("complaints:status", code=complaint.tracking_code)
    return _status_page(request, complaint, reply_form=form)


@require_POST
def citizen_confirm(request: HttpRequest, code: str) -> HttpResponse:
    complaint = _public_complaint(code)
    try:
        services.confirm(complaint=complaint)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you. Your report is closed."))
    return redirect("complaints:status", code=complaint.tracking_code)


@require_POST
def citizen_rate(request: HttpRequest, code: str) -> HttpResponse:
    complaint = _public_complaint(code)
    form = forms.RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rate(
                complaint=complaint,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("complaints:status", code=complaint.tracking_code)
    return _status_page(request, complaint, rating_form=form)
