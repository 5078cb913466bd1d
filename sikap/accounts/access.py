"""The only way to fetch an account for a change by someone else."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sikap.accounts.models import User
from sikap.accounts.scope import get_scope
from sikap.org.models import Employee


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
    from sikap.org.access import get_employee_for_user

    employee = get_employee_for_user(viewer, employee_id, for_change=True)
    if employee.user_id is not None and employee.user_id == viewer.pk:
        raise PermissionDenied
    return employee


def employees_for_logins(viewer: User, unit_id: int) -> tuple[Any, Any]:
    """The unit (managed by ``viewer``: 404 unseen, 403 read-only) and its active employees."""
    from sikap.org.access import get_unit_for_user

    unit = get_unit_for_user(viewer, unit_id, for_change=True)
    people = (
        Employee.objects.in_subtree(unit)
        .filter(is_active=True)
        .exclude(user=viewer)
        .select_related("user", "unit")
    )
    return unit, people
