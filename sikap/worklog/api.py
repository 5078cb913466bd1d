"""JSON API of the Progres Harian: the week, adding, confirming or discarding, submitting, deciding.

The same services and access checks as the weekly page. A refusal of a service is a 400 with
its ``code``; a user who sees the log but may not change it gets 403; one who may not see it 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from sikap.accounts.http import AuthedRequest
from sikap.lib.apitypes import MAX_ID, ObjectId
from sikap.lib.textlimits import LIMITS
from sikap.org.models import Employee
from sikap.org.scope import get_scope
from sikap.worklog import access, rules, services
from sikap.worklog.models import Entry, WorkLocation

router = Router(tags=["worklog"])
T = TypeVar("T")
PlanId = Annotated[int | None, Field(default=None, ge=1, le=MAX_ID)]


class ErrorOut(Schema):
    code: str
    detail: str


class EntryOut(Schema):
    id: int
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    activity: str
    realisation: int
    satuan: str
    evidence_url: str
    location: str
    status: str
    confirmed: bool
    source: str
    origin: str
    action_plan_id: int | None
    return_note: str
    warnings: list[str]


class WeekOut(Schema):
    employee_id: int
    monday: dt.date
    sunday: dt.date
    may_change: bool
    may_decide: bool
    entries: list[EntryOut]


class EntryIn(Schema):
    date: dt.date
    activity: str = Field(min_length=1, max_length=LIMITS.TEXT)
    action_plan_id: PlanId = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    realisation: int = Field(default=1, ge=0, le=1_000_000)
    satuan: str = Field(default="", max_length=40)
    evidence_url: str = Field(default="", max_length=500)
    location: WorkLocation = WorkLocation.KANTOR


class ConfirmIn(Schema):
    action_plan_id: PlanId = None


class WeekIn(Schema):
    minggu: dt.date  # any day of the week


class DecideIn(WeekIn):
    approve: bool
    note: str = Field(default="", max_length=LIMITS.NOTE)


class CountOut(Schema):
    count: int


Refusal = tuple[int, dict[str, str]]


def _refused(call: Callable[[], T]) -> T | Refusal:
    """Run a service call; its refusal becomes 400 with the code, PermissionDenied 403."""
    try:
        return call()
    except PermissionDenied:
        return 403, {"code": "forbidden", "detail": _("You may not change this log.")}
    except ValidationError as error:
        return 400, {"code": error.code or "invalid", "detail": " ".join(error.messages)}


def _out(entry: Entry, warnings: list[str]) -> dict[str, object]:
    return {
        "id": entry.pk,
        "date": entry.date,
        "start_time": entry.start_time,
        "end_time": entry.end_time,
        "activity": entry.activity,
        "realisation": entry.realisation,
        "satuan": entry.satuan,
        "evidence_url": entry.evidence_url,
        "location": entry.location,
        "status": entry.status,
        "confirmed": entry.confirmed,
        "source": entry.source,
        "origin": entry.origin,
        "action_plan_id": entry.action_plan_id,
        "return_note": entry.return_note,
        "warnings": warnings,
    }


def _owner(request: AuthedRequest, pk: int) -> Employee:
    return access.get_employee_for_user(request.user, pk, for_change=True)


@router.get("/employees/{pk}/week", response=WeekOut)
def week(
    request: AuthedRequest, pk: ObjectId, minggu: Annotated[dt.date | None, Query()] = None
) -> dict[str, object]:
    """The week's entries (Monday to Sunday) of an employee whose log the user sees."""
    employee = access.get_employee_for_user(request.user, pk)
    monday, sunday = rules.week_of(minggu or timezone.localdate())
    entries = Entry.objects.filter(
        employee=employee, date__range=(monday, sunday), discarded=False
    ).order_by("date", "start_time", "pk")
    warned = services.warnings_for_week(employee=employee, monday=monday)
    return {
        "employee_id": employee.pk,
        "monday": monday,
        "sunday": sunday,
        "may_change": get_scope(request.user).is_self(employee.pk),
        "may_decide": access.may_decide(request.user, employee),
        "entries": [_out(e, warned.get(e.pk, [])) for e in entries],
    }


@router.post("/employees/{pk}/entries", response={201: EntryOut, 400: ErrorOut, 403: ErrorOut})
def create(request: AuthedRequest, pk: ObjectId, data: EntryIn) -> Refusal | tuple[int, object]:
    """Add an entry by hand to one's own log."""
    return _refused(lambda: _create(request, pk, data))


def _create(request: AuthedRequest, pk: int, data: EntryIn) -> tuple[int, object]:
    employee = _owner(request, pk)
    values = data.model_dump(exclude={"action_plan_id"})
    plan = access.get_action_plan_for(employee.pk, data.action_plan_id)
    entry = services.add_entry(employee=employee, by=request.user, action_plan=plan, **values)
    return 201, _out(entry, [])


def _own_entry(request: AuthedRequest, pk: int) -> tuple[Entry, Employee]:
    entry = access.get_entry_for_user(request.user, pk)
    return entry, _owner(request, entry.employee_id)


@router.post("/entries/{pk}/confirm", response={200: EntryOut, 400: ErrorOut, 403: ErrorOut})
def confirm(request: AuthedRequest, pk: ObjectId, data: ConfirmIn) -> object:
    """Keep a draft the work wrote (one tap), optionally against a rencana aksi."""
    entry, employee = _own_entry(request, pk)
    plan = access.get_action_plan_for(employee.pk, data.action_plan_id)
    return _refused(
        lambda: _out(
            services.confirm_draft(
                entry=entry, employee=employee, by=request.user, action_plan=plan
            ),
            [],
        )
    )


@router.post("/entries/{pk}/discard", response={204: None, 400: ErrorOut, 403: ErrorOut})
def discard(request: AuthedRequest, pk: ObjectId) -> object:
    """Throw a draft away (a draft the work wrote does not come back) or delete an entry."""
    entry, employee = _own_entry(request, pk)

    def call() -> tuple[int, None]:
        services.discard_draft(entry=entry, employee=employee, by=request.user)
        return 204, None

    return _refused(call)


@router.post("/employees/{pk}/submit", response={200: CountOut, 403: ErrorOut})
def submit(request: AuthedRequest, pk: ObjectId, data: WeekIn) -> object:
    """Submit one's own week (the confirmed entries) to the pejabat penilai."""

    def call() -> dict[str, int]:
        employee = _owner(request, pk)
        return {"count": services.submit_week(employee=employee, day=data.minggu, by=request.user)}

    return _refused(call)


@router.post("/employees/{pk}/decide", response={200: CountOut, 400: ErrorOut, 403: ErrorOut})
def decide(request: AuthedRequest, pk: ObjectId, data: DecideIn) -> object:
    """The direct pejabat penilai approves or returns (with a note) the submitted week."""
    employee = access.get_employee_for_user(request.user, pk)

    def call() -> dict[str, int]:
        access.require_decider(request.user, employee)
        count = services.decide_week(
            employee=employee,
            day=data.minggu,
            approve=data.approve,
            by=request.user,
            note=data.note,
        )
        return {"count": count}

    return _refused(call)
