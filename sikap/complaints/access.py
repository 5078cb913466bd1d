"""Who may see and handle complaints: 404 if unseen, 403 if seen but not theirs to change.

Handlers of a complaint are the unit heads and HR admins of a subtree holding its unit, and
the employee it is assigned to. Auditors read; they never change anything and never see the
reporter's identity.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from sikap.accounts.models import User
from sikap.complaints import rules
from sikap.complaints.models import (
    Attachment,
    Complaint,
    ComplaintQuerySet,
    IdentityAccess,
    IdentityAccessKind,
    ResponseTemplate,
)
from sikap.org.models import Employee, EmployeeQuerySet, Unit, UnitKind, UnitQuerySet, path_within
from sikap.org.scope import Scope, get_scope


def complaints_visible_to(user: User) -> ComplaintQuerySet:
    """Complaints of the units the user leads, manages or audits, plus those assigned to them."""
    scope = get_scope(user)
    if scope.is_superadmin:
        return Complaint.objects.all()
    # The units as ids (Scope.units_in), not as a join on their path: inside this OR,
    # PostgreSQL can then combine three index scans instead of reading every complaint of the
    # city (73 → 4 ms for a kelurahan of the synthetic city).
    query = scope.units_in("unit")
    if scope.employee is not None:
        query |= Q(assignee=scope.employee)
    if scope.user_id is not None:
        query |= Q(created_by_id=scope.user_id)
    return Complaint.objects.filter(query)


def can_manage(scope: Scope, complaint: Complaint) -> bool:
    """Verify, close at verification, assign: unit heads and HR admins of the subtree."""
    return scope.handles(complaint.unit)


def can_work_on(scope: Scope, complaint: Complaint) -> bool:
    """Start, pause, answer: the managers and the assignee."""
    if can_manage(scope, complaint):
        return True
    return scope.employee is not None and complaint.assignee_id == scope.employee.pk


def sees_identity(user: User, complaint: Complaint) -> bool:
    """The reporter's identity is shown only to staff handling the complaint (and who entered it).

    A rahasia report (PermenPAN-RB 5/2025) shows it only to the verifier: the unit heads and HR
    admins who verify the complaints of its unit; an anonim report has none to show.
    """
    scope = get_scope(user)
    if complaint.is_confidential:
        return can_manage(scope, complaint)
    return can_work_on(scope, complaint) or (
        complaint.created_by_id is not None and complaint.created_by_id == user.pk
    )


def has_identity(complaint: Complaint) -> bool:
    """Whether there is any identity of the reporter left to see (name, contact or files)."""
    if complaint.is_anonymous or complaint.identity_purged_on is not None:
        return False
    return bool(complaint.reporter_name or complaint.reporter_phone or complaint.reporter_email)


def log_identity_access(
    user: User, complaint: Complaint, *, attachment: Attachment | None = None
) -> IdentityAccess | None:
    """Record that the user was shown the reporter's identity, or downloaded an attachment.

    Call it wherever the identity (or a file the citizen sent) leaves the server for a member of
    staff; nothing is recorded when there is no identity left to see.
    """
    if attachment is None and not has_identity(complaint):
        return None
    return IdentityAccess.objects.create(
        complaint=complaint,
        user=user,
        kind=IdentityAccessKind.VIEW if attachment is None else IdentityAccessKind.DOWNLOAD,
        attachment_name=attachment.original_name[:200] if attachment is not None else "",
    )


def sees_identity_log(user: User, complaint: Complaint) -> bool:
    """The log of identity accesses: the auditors and the Admin Kepegawaian of the subtree."""
    scope = get_scope(user)
    return scope.is_superadmin or scope.audits(complaint.unit) or scope.manages(complaint.unit)


@dataclass(frozen=True)
class ComplaintRights:
    """What one member of staff may do with one complaint they can see."""

    manages: bool
    works_on: bool
    sees_identity: bool

    def actions(self, complaint: Complaint) -> list[str]:
        """The staff actions of the lifecycle table open to this user now, in page order."""
        return rules.staff_actions(
            complaint.status,
            paused=complaint.is_paused,
            manager=self.manages,
            worker=self.works_on,
        )


def rights(user: User, complaint: Complaint) -> ComplaintRights:
    """The user's relation to a complaint they can see."""
    scope = get_scope(user)
    return ComplaintRights(
        manages=can_manage(scope, complaint),
        works_on=can_work_on(scope, complaint),
        sees_identity=sees_identity(user, complaint),
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
    paths = [p for p in scope.paths("handle") if path_within(complaint.unit.path, [p])]
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
    query = scope.units_q("", reach="handle")
    if scope.employee is not None and scope.employee.unit_id is not None:
        query |= Q(pk=scope.employee.unit_id)
    return Unit.objects.filter(query, is_active=True)


def require_entry(user: User) -> None:
    if not can_enter(user):
        raise PermissionDenied


def can_view_admin(user: User) -> bool:
    """The calendar and the settings are shown to HR admins, auditors and superadmins."""
    scope = get_scope(user)
    return scope.reaches_any("manage") or scope.reaches_any("audit")


def can_change_admin(scope: Scope) -> bool:
    """HR admins (and superadmins) change the calendar and the settings; auditors only read."""
    return scope.reaches_any("manage")


def can_report(user: User) -> bool:
    """Unit heads, HR admins and auditors read the monthly report of their subtrees."""
    return get_scope(user).reaches_any("read")


def inbox_units(user: User) -> list[Unit]:
    """The units offered as a filter in the inbox (a superadmin: every kecamatan and kelurahan)."""
    scope = get_scope(user)
    if scope.is_superadmin:
        return list(
            Unit.objects.filter(is_active=True, kind__in=[UnitKind.KECAMATAN, UnitKind.KELURAHAN])
        )
    return list(Unit.objects.within_any(scope.read_paths).filter(is_active=True))


def report_units(user: User) -> UnitQuerySet:
    """Kecamatan and kelurahan whose metrics the user may read; 404 for who reads none."""
    if not can_report(user):
        raise Http404
    units = Unit.objects.filter(is_active=True, kind__in=[UnitKind.KECAMATAN, UnitKind.KELURAHAN])
    return get_scope(user).filter_units(units, field="")


def require_admin_view(user: User, *, for_change: bool = False) -> Scope:
    """404 for who may not see the calendar or settings; 403 for a change by a read-only user."""
    scope = get_scope(user)
    if not can_view_admin(user):
        raise Http404
    if for_change and not can_change_admin(scope):
        raise PermissionDenied
    return scope


# ------------------------------------------------------------------ who owns which setting
#
# The working-day calendar and the categories belong to the instance: the city-level HR (the
# Admin Kepegawaian of the root unit) or a superadmin change them. Time limits, retention and
# response templates belong to one subtree (an instansi or kecamatan): its Admin Kepegawaian
# changes them there, the instance owner changes the default.


def require_instance_setting(user: User, *, for_change: bool = False) -> Scope:
    """404 for who may not see the instance settings; 403 for a change by anyone but its owner."""
    scope = require_admin_view(user)
    if for_change and not scope.owns_instance:
        raise PermissionDenied
    return scope


def _root_units(paths: list[str]) -> list[Unit]:
    ids = [int(p.strip("/").split("/")[-1]) for p in paths if p.strip("/")]
    return list(Unit.objects.filter(pk__in=ids).order_by("path"))


def settings_targets(user: User) -> list[Unit | None]:
    """The settings rows the user may open: ``None`` is the instance default."""
    scope = require_admin_view(user)
    if scope.owns_instance:
        overridden = Unit.objects.filter(complaint_settings__isnull=False).order_by("path")
        return [None, *overridden]
    return list(_root_units(scope.manage_paths + scope.audit_paths))


def get_settings_target(
    user: User, unit_pk: int | None, *, for_change: bool = False
) -> Unit | None:
    """The unit whose settings are opened (``None``: the default): 404 unseen, 403 read-only."""
    scope = require_admin_view(user)
    if unit_pk is None:
        targets = settings_targets(user)
        target = targets[0] if targets else None
    else:
        target = Unit.objects.filter(pk=unit_pk).first()
        if target is None or not (scope.owns_instance or scope.reads(target)):
            raise Http404
    if for_change and not (scope.owns_instance or scope.manages(target)):
        raise PermissionDenied
    return target


def template_units(user: User) -> UnitQuerySet:
    """Units a user may write response templates for (the subtrees they manage)."""
    scope = get_scope(user)
    if scope.owns_instance:
        # The instance and its instansi/kecamatan: templates are written for whole subtrees.
        return Unit.objects.filter(is_active=True, depth__lte=1)
    return Unit.objects.filter(pk__in=[u.pk for u in _root_units(scope.manage_paths)])


def templates_visible_to(user: User) -> QuerySet[ResponseTemplate]:
    """Instance-wide templates and those of the subtrees the user reads."""
    scope = require_admin_view(user)
    qs = ResponseTemplate.objects.select_related("unit")
    if scope.owns_instance:
        return qs.all()
    query = Q(unit__isnull=True)
    for path in scope.read_paths:
        query |= Q(unit__path__startswith=path)
    return qs.filter(query)


def can_change_template(scope: Scope, template: ResponseTemplate) -> bool:
    if template.unit is None:
        return scope.owns_instance
    return scope.owns_instance or scope.manages(template.unit)


def get_template_for_user(user: User, pk: int, *, for_change: bool = False) -> ResponseTemplate:
    """A response template the user may see (404), with for_change one they own (403)."""
    template = templates_visible_to(user).filter(pk=pk).first()
    if template is None:
        raise Http404
    if for_change and not can_change_template(get_scope(user), template):
        raise PermissionDenied
    return template
