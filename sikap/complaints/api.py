"""JSON API: a public status by tracking code (no personal data) and the staff list of a unit."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from sikap.accounts.http import AuthedRequest
from sikap.complaints import access, rules
from sikap.complaints.models import Complaint
from sikap.lib.apitypes import DEFAULT_LIMIT, LimitQuery, ObjectId, OffsetQuery, TextQuery
from sikap.org.access import get_unit_for_user

router = Router(tags=["complaints"])


class PublicEventOut(Schema):
    at: dt.datetime
    kind: str
    label: str
    note: str


class PublicStatusOut(Schema):
    tracking_code: str
    subject: str
    unit: str
    status: str
    status_label: str
    registered_on: dt.date
    due_on: dt.date | None
    waiting_for_citizen: bool
    answer: str
    closed_on: dt.date | None
    events: list[PublicEventOut]


class ComplaintOut(Schema):
    id: int
    tracking_code: str
    subject: str
    unit: str
    channel: str
    classification: str
    complaint_class: str
    status: str
    registered_on: dt.date
    due_on: dt.date | None
    overdue: bool
    assignee_id: int | None


@router.get("/status/{code}", response=PublicStatusOut, auth=None)
def public_status(request: HttpRequest, code: str) -> PublicStatusOut:
    """The public status of a report; never any identity of the reporter."""
    c = get_object_or_404(
        Complaint.objects.select_related("unit"), tracking_code=rules.normalise_code(code)
    )
    events = [
        PublicEventOut(at=e.at, kind=e.kind, label=str(e.get_kind_display()), note=e.note)
        for e in c.events.filter(is_public=True).order_by("at", "pk")
    ]
    return PublicStatusOut(
        tracking_code=c.tracking_code,
        subject=c.subject,
        unit=c.unit.name,
        status=c.status,
        status_label=str(c.get_status_display()),
        registered_on=c.registered_on,
        due_on=c.due_on if c.is_open else None,
        waiting_for_citizen=c.is_paused,
        answer=c.answer,
        closed_on=c.closed_on,
        events=events,
    )


@router.get("/units/{unit_id}", response=list[ComplaintOut])
def unit_complaints(
    request: AuthedRequest,
    unit_id: ObjectId,
    status: TextQuery = "",
    limit: LimitQuery = DEFAULT_LIMIT,
    offset: OffsetQuery = 0,
) -> list[ComplaintOut]:
    """Complaints of a unit subtree visible to the signed-in user (no reporter identity), the
    newest first, ``limit`` (at most 500) from ``offset``."""
    try:
        unit = get_unit_for_user(request.user, unit_id)
    except (Http404, PermissionDenied) as error:
        raise Http404 from error
    today = timezone.localdate()
    qs = access.complaints_visible_to(request.user).in_subtree(unit)
    if status:
        qs = qs.filter(status=status)
    return [
        ComplaintOut(
            id=c.pk,
            tracking_code=c.tracking_code,
            subject=c.subject,
            unit=c.unit.name,
            channel=c.channel,
            classification=c.classification,
            complaint_class=c.complaint_class,
            status=c.status,
            registered_on=c.registered_on,
            due_on=c.due_on,
            overdue=c.is_overdue(today),
            assignee_id=c.assignee_id,
        )
        for c in qs.select_related("unit").order_by("-registered_on", "-pk")[
            offset : offset + limit
        ]
    ]
