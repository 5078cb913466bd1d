"""The only way to fetch development records for a user: 404 if unseen, 403 if read-only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from sikap.accounts.models import User
from sikap.development.models import (
    ActivityStatus,
    AssessmentSource,
    DevelopmentPlan,
    OwnActivity,
    Participant,
    ParticipantStatus,
    PlanItem,
    TrainingEvent,
    TrainingEventQuerySet,
)
from sikap.org.access import employees_visible_to
from sikap.org.models import Employee, EmployeeQuerySet, Position, Unit, UnitQuerySet
from sikap.org.scope import Scope, get_scope


def can_read_reports(scope: Scope) -> bool:
    """Unit heads, HR admins and auditors (of some subtree) read events and JP recaps."""
    return scope.reaches_any("read")


def can_manage(scope: Scope) -> bool:
    """HR admins (Admin Kepegawaian) organise events and verify activities."""
    return scope.reaches_any("manage")


def require_reader(user: User) -> Scope:
    """The scope of a unit head, HR admin or auditor; 404 for anyone else."""
    scope = get_scope(user)
    if not can_read_reports(scope):
        raise Http404
    return scope


def require_manager(user: User) -> Scope:
    """The scope of an HR admin; 403 for readers (auditors, unit heads), 404 for others."""
    scope = require_reader(user)
    if not can_manage(scope):
        raise PermissionDenied
    return scope


def employees_read(scope: Scope) -> EmployeeQuerySet:
    """Active employees within the subtrees the user reads (not their own reports)."""
    return scope.filter_units(Employee.objects.active())


def employees_managed(scope: Scope) -> EmployeeQuerySet:
    """Active employees within the subtrees the user manages as HR."""
    return scope.filter_units(Employee.objects.active(), reach="manage")


def units_read(scope: Scope) -> UnitQuerySet:
    """Active units within the subtrees the user reads."""
    return scope.filter_units(Unit.objects.filter(is_active=True), field="")


def units_managed(scope: Scope) -> UnitQuerySet:
    """Active units within the subtrees the user manages as HR."""
    return scope.filter_units(Unit.objects.filter(is_active=True), field="", reach="manage")


def events_visible_to(scope: Scope) -> TrainingEventQuerySet:
    """Training events organised for units within the subtrees the user reads."""
    return scope.filter_units(TrainingEvent.objects.all())


def positions_read(scope: Scope) -> QuerySet[Position]:
    """Active positions within the subtrees the user reads."""
    return scope.filter_units(Position.objects.filter(is_active=True))


def positions_managed(scope: Scope) -> QuerySet[Position]:
    """Active positions within the subtrees the user manages as HR."""
    return scope.filter_units(Position.objects.filter(is_active=True), reach="manage")


def activities_to_verify(scope: Scope) -> QuerySet[OwnActivity]:
    """Self-reported activities waiting for the HR admin of the employee's subtree."""
    pending = OwnActivity.objects.filter(status=ActivityStatus.PENDING, employee__is_active=True)
    return scope.filter_units(pending, field="employee__unit", reach="manage")


def can_change_event(scope: Scope, event: TrainingEvent) -> bool:
    """HR admins of the event's unit manage its participants and results."""
    return scope.manages(event.unit)


@dataclass(frozen=True)
class PersonRights:
    """The user's relation to an employee whose development record they see."""

    is_self: bool
    is_penilai: bool  # pejabat penilai of a direct report

    @property
    def assessment_source(self) -> str | None:
        """Whose competency assessment the user records: their own, or as penilai; else none."""
        if self.is_self:
            return AssessmentSource.SELF
        return AssessmentSource.SUPERVISOR if self.is_penilai else None


def person_rights(user: User, employee: Employee) -> PersonRights:
    """The user's relation to an employee they can see."""
    scope = get_scope(user)
    return PersonRights(
        is_self=scope.is_self(employee.pk), is_penilai=scope.supervises(employee, directly=True)
    )


def get_event_for_user(user: User, pk: int, *, for_change: bool = False) -> TrainingEvent:
    """An event the user may see (404 otherwise); with for_change, one they manage (403)."""
    scope = get_scope(user)
    event = events_visible_to(scope).select_related("unit").filter(pk=pk).first()
    if event is None:
        raise Http404
    if for_change and not scope.manages(event.unit):
        raise PermissionDenied
    return event


def get_participant_for_change(user: User, pk: int) -> Participant:
    """A participant row of an event the user manages (404 unseen, 403 read-only)."""
    participant = (
        Participant.objects.select_related("event__unit", "employee").filter(pk=pk).first()
    )
    if participant is None:
        raise Http404
    get_event_for_user(user, participant.event_id, for_change=True)
    return participant


def get_own_participation(user: User, pk: int) -> Participant:
    """The user's own participation (for the reaction survey); 404 for anyone else's."""
    scope = get_scope(user)
    if scope.employee is None:
        raise Http404
    participant = (
        Participant.objects.select_related("event", "employee")
        .filter(pk=pk, employee=scope.employee)
        .first()
    )
    if participant is None:
        raise Http404
    return participant


def get_participation_for_follow_up(user: User, pk: int) -> Participant:
    """A participation of one of the user's reports; readers who are not their penilai get 403."""
    scope = get_scope(user)
    participant = (
        Participant.objects.select_related("event", "employee__unit").filter(pk=pk).first()
    )
    if participant is None:
        raise Http404
    if scope.supervises(participant.employee, directly=True):
        return participant
    if scope.sees_employee(participant.employee):
        raise PermissionDenied
    raise Http404


def get_employee_for_development(user: User, pk: int) -> Employee:
    """An employee whose development record the user may see (404 otherwise)."""
    employee = employees_visible_to(user).select_related("position", "unit").filter(pk=pk).first()
    if employee is None:
        raise Http404
    return employee


def get_activity_for_verification(user: User, pk: int) -> OwnActivity:
    """A self-reported activity in a subtree the user manages (404 unseen, 403 read-only)."""
    scope = get_scope(user)
    activity = OwnActivity.objects.select_related("employee__unit").filter(pk=pk).first()
    if activity is None or not (
        scope.reads(activity.employee.unit) or scope.manages(activity.employee.unit)
    ):
        raise Http404
    if not scope.manages(activity.employee.unit):
        raise PermissionDenied
    return activity


def get_activity_file(user: User, pk: int) -> OwnActivity:
    """A self-reported activity whose certificate the user may download."""
    activity = OwnActivity.objects.select_related("employee__unit").filter(pk=pk).first()
    if activity is None or not get_scope(user).sees_employee(activity.employee):
        raise Http404
    return activity


def get_participant_file(user: User, pk: int) -> Participant:
    """A participant row whose certificate the user may download (self, penilai, readers)."""
    participant = Participant.objects.select_related("employee__unit").filter(pk=pk).first()
    if participant is None or not get_scope(user).sees_employee(participant.employee):
        raise Http404
    return participant


def get_plan_for_agreement(user: User, pk: int) -> DevelopmentPlan:
    """An IDP the user agrees as pejabat penilai of its owner (403 for other viewers)."""
    scope = get_scope(user)
    plan = DevelopmentPlan.objects.select_related("employee__unit").filter(pk=pk).first()
    if plan is None or not scope.sees_employee(plan.employee):
        raise Http404
    if scope.employee is None:
        raise PermissionDenied
    chain = scope.chart.chain_of(plan.employee)
    if chain.penilai is None or chain.penilai.employee.pk != scope.employee.pk:
        raise PermissionDenied
    return plan


def get_item_for_change(user: User, pk: int) -> PlanItem:
    """An IDP line the user may update: their own (or a direct report's); 403 for other viewers."""
    scope = get_scope(user)
    item = PlanItem.objects.select_related("plan__employee__unit").filter(pk=pk).first()
    if item is None or not scope.sees_employee(item.plan.employee):
        raise Http404
    owner = item.plan.employee
    is_owner = scope.employee is not None and scope.employee.pk == owner.pk
    if not (is_owner or scope.supervises(owner, directly=True)):
        raise PermissionDenied
    return item


def get_idp_owner(user: User, pk: int | None) -> Employee:
    """Whose IDP the user drafts: their own (no pk), or a direct report's as their penilai."""
    scope = get_scope(user)
    if pk is None or (scope.employee is not None and pk == scope.employee.pk):
        if scope.employee is None:
            raise Http404
        return scope.employee
    employee = get_employee_for_development(user, pk)
    if not scope.supervises(employee, directly=True):
        raise PermissionDenied
    return employee


# Self-registration, check-in, certificates -------------------------------------------------------


def require_employee(user: User) -> Employee:
    """The user's own employee record; 404 for a login without one."""
    employee = get_scope(user).employee
    if employee is None:
        raise Http404
    return employee


def open_events_for(employee: Employee, today: dt.date) -> TrainingEventQuerySet:
    """Events the employee may register for: open ones of a unit above or at theirs, not yet
    ended, and those they are invited to."""
    units = employee.unit.ancestor_ids if employee.unit is not None else []
    return (
        TrainingEvent.objects.filter(end_date__gte=today)
        .filter(
            Q(registration_open=True, unit_id__in=units)
            | Q(participants__employee=employee, participants__status=ParticipantStatus.INVITED)
        )
        .distinct()
    )


def get_event_for_staff(user: User, pk: int, today: dt.date) -> TrainingEvent:
    """An event the user sees as an employee: open to them, or one they are a participant of."""
    employee = require_employee(user)
    event = (
        TrainingEvent.objects.filter(pk=pk)
        .filter(
            Q(pk__in=open_events_for(employee, today).values("pk"))
            | Q(participants__employee=employee)
        )
        .select_related("unit")
        .first()
    )
    if event is None:
        raise Http404
    return event


def can_register(employee: Employee, event: TrainingEvent, today: dt.date) -> bool:
    """Whether the Daftar button is offered (the service checks again)."""
    return open_events_for(employee, today).filter(pk=event.pk).exists()


def get_participation_for_reaction(user: User, pk: int) -> Participant:
    """The user's own participation for the reaction survey: only attendees (403 otherwise)."""
    participant = get_own_participation(user, pk)
    if not participant.attended:
        raise PermissionDenied
    return participant


def get_certificate_for_user(user: User, pk: int) -> Participant:
    """A participation whose SIKAP certificate the user may download: the participant's own,
    or one they see (penilai, readers); 403 when the participant did not attend."""
    participant = (
        Participant.objects.select_related("event__unit", "employee__unit").filter(pk=pk).first()
    )
    if participant is None or not get_scope(user).sees_employee(participant.employee):
        raise Http404
    if not participant.attended:
        raise PermissionDenied
    return participant
