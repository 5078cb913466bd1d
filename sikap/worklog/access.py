"""The only way to fetch Progres Harian data for a user: 404 if unseen, 403 if not theirs to change.

Who sees an employee's log: the employee, every supervisor above them, and unit heads, HR admins
and auditors of the employee's unit subtree (``Scope.sees_employee``). Who writes entries: the
employee only. Who approves or returns a week: the direct pejabat penilai only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sikap.accounts.models import User
from sikap.org.models import Employee
from sikap.org.scope import get_scope
from sikap.planning.models import ActionPlan
from sikap.worklog.models import Entry


def get_employee_for_user(user: User, pk: int, *, for_change: bool = False) -> Employee:
    """An employee whose log the user may see (404); with for_change, only their own (403)."""
    employee = Employee.objects.select_related("unit", "user").filter(pk=pk).first()
    scope = get_scope(user)
    if employee is None or not scope.sees_employee(employee):
        raise Http404
    if for_change and not scope.is_self(employee.pk):
        raise PermissionDenied
    return employee


def may_decide(user: User, employee: Employee) -> bool:
    """Whether the user is the employee's direct pejabat penilai."""
    scope = get_scope(user)
    return not scope.is_self(employee.pk) and scope.supervises(employee, directly=True)


def require_decider(user: User, employee: Employee) -> None:
    """Only the direct pejabat penilai approves or returns a week (403 otherwise)."""
    if not may_decide(user, employee):
        raise PermissionDenied


def get_entry_for_user(user: User, pk: int) -> Entry:
    """The user's own entry (404 for any other: an entry is changed only by its employee)."""
    scope = get_scope(user)
    entry = Entry.objects.filter(pk=pk, discarded=False).first()
    if entry is None or not scope.is_self(entry.employee_id):
        raise Http404
    return entry


def get_action_plan_for(employee_id: int, pk: int | None) -> ActionPlan | None:
    """A rencana aksi of the given employee (404 for anyone else's); None when not given."""
    if pk is None:
        return None
    plan = (
        ActionPlan.objects.select_related("work_result__plan", "period")
        .filter(pk=pk, work_result__plan__employee_id=employee_id)
        .first()
    )
    if plan is None:
        raise Http404
    return plan
