"""The only way to fetch organisation data for a user: 404 if unseen, 403 if seen but not theirs to change."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from sikap.accounts.models import User
from sikap.org.models import (
    Employee,
    EmployeeQuerySet,
    Position,
    Unit,
    UnitQuerySet,
    within_q,
)
from sikap.org.scope import Scope, get_scope


def employees_visible_to(user: User) -> EmployeeQuerySet:
    """Employees the user may see: self, their reports, and their led/managed/audited subtrees."""
    scope = get_scope(user)
    if scope.is_superadmin:
        return Employee.objects.all()
    query = Q(pk__in=scope.subordinate_ids) | scope.units_q()
    if scope.employee is not None:
        query |= Q(pk=scope.employee.pk)
    return Employee.objects.filter(query)


def units_visible_to(user: User) -> UnitQuerySet:
    """Units whose structure the user may browse."""
    return get_scope(user).filter_units(Unit.objects.all(), field="")


def can_browse_organisation(user: User) -> bool:
    """Whether the user leads, manages or audits some part of the organisation."""
    return get_scope(user).reaches_any("read")


def can_see_history(scope: Scope, unit: Unit | None) -> bool:
    """HR admins and auditors of the unit see the audit trail of its records."""
    return scope.manages(unit) or scope.audits(unit)


def get_employee_for_user(user: User, pk: int, *, for_change: bool = False) -> Employee:
    """An employee the user may see (404 otherwise); with for_change, one they may edit (403)."""
    employee = (
        employees_visible_to(user)
        .select_related("position__unit", "unit", "user")
        .filter(pk=pk)
        .first()
    )
    if employee is None:
        raise Http404
    if for_change and not get_scope(user).manages(employee.unit):
        raise PermissionDenied
    return employee


def get_unit_for_user(user: User, pk: int, *, for_change: bool = False) -> Unit:
    """A unit the user may browse (404 otherwise); with for_change, one they manage (403)."""
    unit = units_visible_to(user).select_related("parent").filter(pk=pk).first()
    if unit is None:
        raise Http404
    if for_change and not get_scope(user).manages(unit):
        raise PermissionDenied
    return unit


def can_change(user: User, unit: Unit | None) -> bool:
    """Admin Kepegawaian of the unit's subtree (and superadmins) change its records."""
    return get_scope(user).manages(unit)


def require_manager(user: User) -> Scope:
    """The scope of an Admin Kepegawaian; PermissionDenied for anyone else."""
    scope = get_scope(user)
    if not scope.reaches_any("manage"):
        raise PermissionDenied
    return scope


def positions_managed(user: User, unit: Unit | None = None) -> QuerySet[Position]:
    """Active positions the user manages as HR (only those in the unit's subtree, if given)."""
    qs = Position.objects.filter(is_active=True).select_related("unit")
    if unit is not None:
        qs = qs.filter(within_q([unit.path]))
    return get_scope(user).filter_units(qs, reach="manage")


def employee_of(user: User | None) -> Employee | None:
    """The active employee signed in as ``user``: who a service records as having acted."""
    if user is None:
        return None
    # A view has built the scope already; a command or a test has not, and needs no whole scope.
    built: Scope | None = getattr(user, "_sikap_scope", None)
    if built is not None:
        return built.employee
    return Employee.objects.filter(user=user, is_active=True).select_related("unit").first()


def get_user_for_two_factor_reset(viewer: User, user_id: int) -> User:
    """The account whose two-step verification ``viewer`` may reset: 404 unseen, 403 read-only.

    HR resets the accounts of the employees of their subtree; accounts without an employee
    (auditors, HR staff without a position) only the superadmin.
    """
    scope = get_scope(viewer)
    target = User.objects.filter(pk=user_id).first()
    if target is None:
        raise Http404
    if scope.is_superadmin:
        return target
    employee = Employee.objects.filter(user=target).select_related("unit").first()
    if employee is None or not scope.reads(employee.unit):
        raise Http404
    if target.pk == viewer.pk or not scope.manages(employee.unit):
        raise PermissionDenied
    return target


def get_employee_for_login(viewer: User, employee_id: int) -> Employee:
    """The employee whose login ``viewer`` may give or reset: HR of their subtree, not oneself.

    404 when the employee is not visible (HR of another kecamatan), 403 when visible but not
    managed (the pegawai, penilai, unit heads, auditors) or when it is the viewer's own account.
    """
    employee = get_employee_for_user(viewer, employee_id, for_change=True)
    if employee.user_id is not None and employee.user_id == viewer.pk:
        raise PermissionDenied
    return employee


def employees_for_logins(viewer: User, unit_id: int) -> tuple[Any, Any]:
    """The unit (managed by ``viewer``: 404 unseen, 403 read-only) and its active employees."""
    unit = get_unit_for_user(viewer, unit_id, for_change=True)
    people = (
        Employee.objects.in_subtree(unit)
        .filter(is_active=True)
        .exclude(user=viewer)
        .select_related("user", "unit")
    )
    return unit, people
