"""Who may see and handle complaints: 404 if unseen, 403 if seen but not theirs to change.

Handlers of a complaint are the unit heads and HR admins of a subtree holding its unit, and
the employee it is assigned to. Auditors read; they never change anything and never see the
reporter's identity.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from sikap.accounts.models import User
from sikap.accounts.scope import Scope, get_scope
from sikap.complaints.models import Complaint, ComplaintQuerySet
from sikap.org.models import Employee, EmployeeQuerySet, Unit, UnitQuerySet


def handling_paths(scope: Scope) -> list[str]:
    """Unit subtrees where the user verifies and assigns complaints (unit head or HR admin)."""
    return scope.headed_paths + scope.manage_paths


def complaints_visible_to(user: User) -> ComplaintQuerySet:
    """Complaints of the units the user leads, manages or audits, plus those assigned to them."""
    scope = get_scope(user)
    if scope.is_superadmin:
        return Complaint.objects.all()
    query = Q(pk__in=[])
    for path in scope.read_paths:
        query |= Q(unit__path__startswith=path)
    if scope.employee is not None:
        query |= Q(assignee=scope.employee)
    if scope.user_id is not None:
        query |= Q(created_by_id=scope.user_id)
    return Complaint.objects.filter(query)


def _under(unit: Unit, paths: list[str]) -> bool:
    return any(unit.path.startswith(p) for p in paths)


def can_manage(scope: Scope, complaint: Complaint) -> bool:
    """Verify, close at verification, assign: unit heads and HR admins of the subtree."""
    return scope.is_superadmin or _under(complaint.unit, handling_paths(scope))


def can_work_on(scope: Scope, complaint: Complaint) -> bool:
    """Start, pause, answer: the managers and the assignee."""
    if can_manage(scope, complaint):
        return True
    return scope.employee is not None and complaint.assignee_id == scope.employee.pk


def sees_identity(user: User, complaint: Complaint) -> bool:
    """The reporter's identity is shown only to staff handling the complaint (and who entered it)."""
    scope = get_scope(user)
    return can_work_on(scope, complaint) or (
        complaint.created_by_id is not None and complaint.created_by_id == user.pk
    )


def get_complaint_for_user(user: User, pk: int, *, for_change: bool = False) -> Complaint:
    """A complaint the user may see (404 otherwise); with for_change one they handle (403)."""
    complaint = (
        complaints_visible_to(user)
        .select_related("unit", "category", "assignee", "duplicate_of")
        .filter(pk=pk)
        .first()
    )
    if complaint is None:
        raise Http404
    if for_change and not can_work_on(get_scope(user), complaint):
        raise PermissionDenied
    return complaint


def require_manager_of(user: User, complaint: Complaint) -> None:
    """PermissionDenied unless the user verifies and assigns complaints of this unit."""
    if not can_manage(get_scope(user), complaint):
        raise PermissionDenied


def assignable_employees(user: User, complaint: Complaint) -> EmployeeQuerySet:
    """Active employees the user may assign the complaint to: those in their handling subtrees."""
    scope = get_scope(user)
    qs = Employee.objects.active().filter(user__isnull=False).select_related("unit", "position")
    if scope.is_superadmin:
        return qs
    paths = [p for p in handling_paths(scope) if complaint.unit.path.startswith(p)]
    return qs.in_units(paths)


def can_enter(user: User) -> bool:
    """Staff who may enter complaints received at the desk, by phone, WhatsApp or LAPOR!."""
    scope = get_scope(user)
    return scope.is_superadmin or scope.employee is not None


def entry_units(user: User) -> UnitQuerySet:
    """Units a staff member may file a complaint for: their own and those they lead or manage."""
    scope = get_scope(user)
    if scope.is_superadmin:
        return Unit.objects.filter(is_active=True)
    query = Q(pk__in=[])
    for path in handling_paths(scope):
        query |= Q(path__startswith=path)
    if scope.employee is not None and scope.employee.unit_id is not None:
        query |= Q(pk=scope.employee.unit_id)
    return Unit.objects.filter(query, is_active=True)


def require_entry(user: User) -> None:
    if not can_enter(user):
        raise PermissionDenied


def can_view_admin(user: User) -> bool:
    """The calendar and the settings are shown to HR admins, auditors and superadmins."""
    scope = get_scope(user)
    return scope.is_superadmin or bool(scope.manage_paths or scope.audit_paths)


def require_admin_view(user: User, *, for_change: bool = False) -> Scope:
    """404 for who may not see the calendar or settings; 403 for a change by a read-only user."""
    scope = get_scope(user)
    if not can_view_admin(user):
        raise Http404
    if for_change and not (scope.is_superadmin or scope.manage_paths):
        raise PermissionDenied
    return scope


def report_paths(user: User) -> list[str] | None:
    """Subtrees whose metrics the user may read (None: everything); 404 if none."""
    scope = get_scope(user)
    if scope.is_superadmin:
        return None
    if not scope.read_paths:
        raise Http404
    return scope.read_paths
