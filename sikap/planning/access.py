"""The only way to fetch SKP data for a user: 404 if unseen, 403 if seen but not theirs to change.

Who sees an SKP: the employee; the pejabat penilai of the plan and every supervisor above the
employee; unit heads, HR admins and auditors of the employee's unit subtree. Who changes it:
the employee (content, while it is a draft or returned) and the pejabat penilai (review,
expectations, feedback, coaching). Auditors and others who only read get 403 on changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from sikap.accounts.models import User
from sikap.org.models import Employee, Unit
from sikap.org.scope import Scope, get_scope
from sikap.planning.models import Evidence, Plan, PlanQuerySet, PlanStatus


def _visible_filter(scope: Scope) -> Q:
    query = Q(employee_id__in=scope.subordinate_ids)
    if scope.employee is not None:
        query |= Q(employee_id=scope.employee.pk) | Q(penilai_id=scope.employee.pk)
    return query | scope.units_q("employee__unit")


def plans_visible_to(user: User) -> PlanQuerySet:
    """SKP the user may see."""
    scope = get_scope(user)
    if scope.is_superadmin:
        return Plan.objects.all()
    return Plan.objects.filter(_visible_filter(scope))


@dataclass(frozen=True)
class PlanRights:
    """What one user may do with one SKP."""

    is_owner: bool
    is_penilai: bool

    def owner_can_edit(self, plan: Plan) -> bool:
        return self.is_owner and plan.is_editable


def rights(user: User, plan: Plan) -> PlanRights:
    """The user's relation to a plan they can see."""
    scope = get_scope(user)
    me = scope.employee.pk if scope.employee is not None else None
    is_owner = me is not None and plan.employee_id == me
    is_penilai = me is not None and not is_owner and plan.penilai_id == me
    return PlanRights(is_owner=is_owner, is_penilai=is_penilai)


def get_plan_for_user(user: User, pk: int, *, for_change: bool = False) -> Plan:
    """An SKP the user may see (404 otherwise); with for_change, the owner's or penilai's (403)."""
    plan = (
        plans_visible_to(user)
        .select_related("employee__unit", "employee__user", "appraisal_year", "penilai__user")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    if for_change:
        r = rights(user, plan)
        if not (r.is_owner or r.is_penilai):
            raise PermissionDenied
    return plan


def team_ids(user: User) -> list[int]:
    """The direct reports of a pejabat penilai, for the team page (403 for who has none)."""
    ids = sorted(get_scope(user).direct_report_ids)
    if not ids:
        raise PermissionDenied
    return ids


def awaiting_approval(user: User) -> list[Plan]:
    """The submitted SKP of the user's team that wait for their approval (403 without a team)."""
    ids = team_ids(user)
    me = get_scope(user).employee
    assert me is not None  # only an employee has direct reports
    return list(
        Plan.objects.filter(employee_id__in=ids, penilai_id=me.pk, status=PlanStatus.SUBMITTED)
        .select_related("appraisal_year")
        .order_by("employee_name", "pk")
    )


def require_owner(user: User, plan: Plan) -> None:
    """Only the employee of the SKP (403 otherwise)."""
    if not rights(user, plan).is_owner:
        raise PermissionDenied


def require_penilai(user: User, plan: Plan) -> None:
    """Only the pejabat penilai of the SKP (403 otherwise)."""
    if not rights(user, plan).is_penilai:
        raise PermissionDenied


def get_evidence_for_user(user: User, pk: int) -> Evidence:
    """A bukti dukung whose SKP the user may see (404 otherwise)."""
    evidence = (
        Evidence.objects.select_related("realisation__indicator__work_result__plan")
        .filter(pk=pk)
        .first()
    )
    if evidence is None:
        raise Http404
    plan_id = evidence.realisation.indicator.work_result.plan_id
    if not plans_visible_to(user).filter(pk=plan_id).exists():
        raise Http404
    return evidence


def can_manage_targets(user: User, unit: Unit) -> bool:
    """HR admins and the unit's head may edit its organisation targets."""
    return get_scope(user).handles(unit)


def can_read_unit(user: User, unit: Unit) -> bool:
    """Unit heads, HR admins and auditors of the subtree (and superadmins)."""
    return get_scope(user).reads(unit)


def get_unit_for_user(user: User, pk: int) -> Unit:
    """A unit whose SKP the user may read (404 otherwise)."""
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None or not can_read_unit(user, unit):
        raise Http404
    return unit


def may_nudge(user: User, employee: Employee) -> bool:
    """A leader over the employee: their penilai or above, or the head of a unit they are in."""
    scope = get_scope(user)
    if scope.is_self(employee.pk):
        return False
    return scope.supervises(employee) or scope.heads(employee.unit)


def get_nudge_targets(user: User, employee_ids: list[int]) -> list[Employee]:
    """The people to remind, in the order asked: 404 if one is not visible, 403 if not led."""
    found = {
        e.pk: e
        for e in Employee.objects.filter(pk__in=employee_ids, is_active=True).select_related(
            "unit", "user"
        )
    }
    scope = get_scope(user)
    people = []
    for pk in employee_ids:
        employee = found.get(pk)
        if employee is None or not scope.sees_employee(employee):
            raise Http404
        if not may_nudge(user, employee):
            raise PermissionDenied
        people.append(employee)
    return people


# Reminder templates belong to the instance (the city HR changes them) or to one subtree (an
# instansi or kecamatan: its Admin Kepegawaian). HR admins and auditors read them; nobody else.


def reads_nudge_templates(user: User) -> bool:
    """HR admins, auditors and superadmins read the reminder templates."""
    scope = get_scope(user)
    return scope.is_superadmin or bool(scope.manage_paths or scope.audit_paths)


def _reads_settings(user: User) -> Scope:
    if not reads_nudge_templates(user):
        raise Http404
    return get_scope(user)


def nudge_template_targets(user: User) -> list[Unit | None]:
    """The template sets the user may open: ``None`` is the instance's, then their subtrees."""
    scope = _reads_settings(user)
    if scope.owns_instance:
        return [None, *Unit.objects.filter(is_active=True, depth=1).order_by("name")]
    ids = [int(p.strip("/").split("/")[-1]) for p in scope.manage_paths + scope.audit_paths]
    return [None, *Unit.objects.filter(pk__in=ids).order_by("path")]


def get_nudge_template_target(
    user: User, unit_pk: int | None, *, for_change: bool = False
) -> Unit | None:
    """Whose templates are opened (``None``: the instance's): 404 unseen, 403 read-only."""
    scope = _reads_settings(user)
    target = None
    if unit_pk is not None:
        target = Unit.objects.filter(pk=unit_pk).first()
        if target is None or not (scope.owns_instance or scope.reads(target)):
            raise Http404
    if for_change and not can_change_nudge_templates(user, target):
        raise PermissionDenied
    return target


def can_change_nudge_templates(user: User, unit: Unit | None) -> bool:
    """The instance's by its owner; a subtree's by its Admin Kepegawaian (or the instance owner)."""
    scope = get_scope(user)
    return scope.owns_instance or (unit is not None and scope.manages(unit))
