"""Who may use the counter, read a unit's survey reports, import paper surveys or lead follow-up.

404 when the user may not see the unit; PermissionDenied when they see it but may not do this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from sikap.accounts.models import Role, User
from sikap.org.models import Employee, Unit, UnitKind, UnitQuerySet, within_q
from sikap.org.scope import Scope, get_scope
from sikap.surveys.models import ServiceRecord, SurveyResponse

SERVICE_KINDS = (UnitKind.KECAMATAN, UnitKind.KELURAHAN)
Action = Literal["read", "import", "lead", "manage"]


def service_unit_of(employee: Employee | None) -> Unit | None:
    """The nearest kecamatan or kelurahan at or above the employee's unit: where they serve."""
    if employee is None or employee.unit is None:
        return None
    candidates = Unit.objects.filter(pk__in=employee.unit.ancestor_ids, kind__in=SERVICE_KINDS)
    return max(candidates, key=lambda u: u.depth, default=None)


def _own_service_unit(scope: Scope) -> Unit | None:
    if not hasattr(scope, "_service_unit"):
        scope._service_unit = service_unit_of(scope.employee)  # type: ignore[attr-defined]
    unit: Unit | None = scope._service_unit  # type: ignore[attr-defined]
    return unit


def service_units_visible_to(user: User) -> UnitQuerySet:
    """Service units whose survey reports the user may read."""
    scope = get_scope(user)
    units = Unit.objects.filter(kind__in=SERVICE_KINDS, is_active=True)
    if scope.is_superadmin:
        return units
    query = scope.units_q("")
    own = _own_service_unit(scope)
    if own is not None:
        query |= Q(pk=own.pk)
    return units.filter(query)


def can_read_reports(user: User) -> bool:
    scope = get_scope(user)
    return scope.reaches_any("read") or _own_service_unit(scope) is not None


@dataclass(frozen=True)
class ReportRights:
    """What one user may do with the survey report of one service unit they can see."""

    leads: bool  # the unit's head (or above): signs the promise, leads the follow-up
    manages: bool  # the head or its HR admin: settings and follow-up
    imports: bool  # the head, HR or an officer of the unit: paper surveys

    def allows(self, action: Action) -> bool:
        return {
            "read": True,
            "lead": self.leads,
            "manage": self.manages,
            "import": self.imports,
        }[action]


def report_rights(user: User, unit: Unit) -> ReportRights:
    """The user's rights on a service unit's survey report (the unit must be visible)."""
    scope = get_scope(user)
    leads = scope.heads(unit)
    manages = leads or scope.manages(unit)
    return ReportRights(
        leads=leads, manages=manages, imports=manages or _own_service_unit(scope) == unit
    )


def get_report_unit(user: User, pk: int, *, action: Action = "read") -> Unit:
    """A service unit the user may see (404 otherwise) and act on as asked (403 otherwise)."""
    unit = service_units_visible_to(user).filter(pk=pk).first()
    if unit is None:
        raise Http404
    if not report_rights(user, unit).allows(action):
        raise PermissionDenied
    return unit


def get_counter_unit(user: User) -> tuple[Employee, Unit]:
    """The employee at the counter and the unit they serve; 403 for anyone without one."""
    scope = get_scope(user)
    unit = _own_service_unit(scope)
    if scope.employee is None or unit is None:
        raise PermissionDenied
    return scope.employee, unit


def can_use_counter(user: User) -> bool:
    return _own_service_unit(get_scope(user)) is not None


def service_paths_below(unit: Unit) -> QuerySet[Unit, str]:
    """The subtrees of the service units below this one: their work is not this unit's own."""
    return (
        Unit.objects.subtree(unit)
        .filter(kind__in=SERVICE_KINDS)
        .exclude(pk=unit.pk)
        .values_list("path", flat=True)
    )


def officers_of(unit: Unit) -> QuerySet[Employee]:
    """Active employees who serve at this unit's counter (not those of a kelurahan below it)."""
    below = service_paths_below(unit)
    return Employee.objects.active().in_subtree(unit).exclude(within_q(below))


def sees_all_officers(user: User, unit: Unit) -> bool:
    """Unit heads, HR and auditors see every officer's figures; an officer sees only their own."""
    scope = get_scope(user)
    return scope.reads(unit)


def get_record_for_user(user: User, pk: int) -> ServiceRecord:
    """A service record of the user's counter unit or of a unit they read; 404 otherwise."""
    record = (
        ServiceRecord.objects.select_related("service_type", "unit")
        .filter(pk=pk, unit__in=service_units_visible_to(user))
        .first()
    )
    if record is None:
        raise Http404
    return record


SuggestionAction = Literal["read", "follow_up"]


def reads_suggestions(user: User, unit: Unit) -> bool:
    """Leaders, HR and auditors of the unit's subtree, and the penilai serving at it, read its saran."""
    scope = get_scope(user)
    if scope.reads(unit):
        return True
    return scope.has(Role.PENILAI) and _own_service_unit(scope) == unit


def get_suggestions_unit(user: User, pk: int, *, action: SuggestionAction = "read") -> Unit:
    """A service unit whose saran the user may read (404 if not visible, 403 if not allowed);
    with ``follow_up``, only its head or a head above it (camat, lurah) passes."""
    unit = service_units_visible_to(user).filter(pk=pk).first()
    if unit is None:
        raise Http404
    if not reads_suggestions(user, unit):
        raise PermissionDenied
    if action == "follow_up" and not get_scope(user).heads(unit):
        raise PermissionDenied
    return unit


def get_suggestion_for_leader(user: User, unit_pk: int, pk: int) -> tuple[Unit, SurveyResponse]:
    """A unit the user heads and one of its responses with a saran; 404 for any other response."""
    unit = get_suggestions_unit(user, unit_pk, action="follow_up")
    response = SurveyResponse.objects.filter(unit=unit, pk=pk).exclude(comment="").first()
    if response is None:
        raise Http404
    return unit, response
