"""What a signed-in user may see and manage: the roles and their reach, worked out once per request.

Every app's ``access.py`` builds on this; nothing else decides visibility.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from sikap.accounts.models import Role, RoleAssignment, User
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee, Unit


@dataclass
class Scope:
    user_id: int | None
    employee: Employee | None = None
    roles: set[Role] = field(default_factory=set)
    # Unit subtrees (paths) the user may read because they lead, manage or audit them.
    read_paths: list[str] = field(default_factory=list)
    # Unit subtrees the user may change as Admin Kepegawaian.
    manage_paths: list[str] = field(default_factory=list)
    headed_paths: list[str] = field(default_factory=list)
    audit_paths: list[str] = field(default_factory=list)
    subordinate_ids: set[int] = field(default_factory=set)
    direct_report_ids: set[int] = field(default_factory=set)
    day: dt.date = field(default_factory=timezone.localdate)
    _chart: OrgChart | None = field(default=None, repr=False)

    @property
    def chart(self) -> OrgChart:
        """Who is whose penilai on the scope's day, loaded once per request and shared."""
        if self._chart is None:
            self._chart = OrgChart(self.day)
        return self._chart

    @property
    def is_superadmin(self) -> bool:
        return Role.SUPERADMIN in self.roles

    def has(self, role: Role) -> bool:
        return role in self.roles

    def reads_unit(self, unit: Unit | None) -> bool:
        if self.is_superadmin:
            return True
        return unit is not None and any(unit.path.startswith(p) for p in self.read_paths)

    def manages_unit(self, unit: Unit | None) -> bool:
        if self.is_superadmin:
            return True
        return unit is not None and any(unit.path.startswith(p) for p in self.manage_paths)

    def sees_employee(self, employee: Employee) -> bool:
        if self.is_superadmin:
            return True
        if self.employee is not None and employee.pk == self.employee.pk:
            return True
        return employee.pk in self.subordinate_ids or self.reads_unit(employee.unit)


def _minimal_paths(paths: list[str]) -> list[str]:
    """Drop paths already inside another path of the list."""
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return result


def build_scope(user: User | AnonymousUser, day: dt.date | None = None) -> Scope:
    """Compute the scope of a user on a day (today by default)."""
    if not user.is_authenticated:
        return Scope(user_id=None)
    assert isinstance(user, User)
    day = day or timezone.localdate()
    scope = Scope(user_id=user.pk, day=day)
    if user.is_superuser:
        scope.roles.add(Role.SUPERADMIN)
    employee = Employee.objects.filter(user=user, is_active=True).select_related("unit").first()
    if employee is not None:
        scope.employee = employee
        scope.roles.add(Role.PEGAWAI)
        chart = scope.chart
        direct = chart.direct_report_ids(employee.pk)
        if direct:
            scope.roles.add(Role.PENILAI)
            scope.direct_report_ids = direct
            scope.subordinate_ids = chart.all_report_ids(employee.pk)
        headed = chart.headed_units(employee)
        if headed:
            scope.roles.add(Role.PIMPINAN)
            scope.headed_paths = list(
                Unit.objects.filter(pk__in=headed).values_list("path", flat=True)
            )
    for assignment in RoleAssignment.objects.filter(user=user).select_related("unit"):
        if assignment.role == Role.ADMIN_KEPEGAWAIAN:
            scope.roles.add(Role.ADMIN_KEPEGAWAIAN)
            scope.manage_paths.append(assignment.unit.path)
        elif assignment.role == Role.AUDITOR:
            scope.roles.add(Role.AUDITOR)
            scope.audit_paths.append(assignment.unit.path)
    scope.manage_paths = _minimal_paths(scope.manage_paths)
    scope.headed_paths = _minimal_paths(scope.headed_paths)
    scope.audit_paths = _minimal_paths(scope.audit_paths)
    scope.read_paths = _minimal_paths(scope.manage_paths + scope.headed_paths + scope.audit_paths)
    return scope


def get_scope(user: User | AnonymousUser) -> Scope:
    """The scope of a user, computed once and kept on the user object for the request."""
    cached: Scope | None = getattr(user, "_sikap_scope", None)
    if cached is None:
        cached = build_scope(user)
        user._sikap_scope = cached  # type: ignore[union-attr]
    return cached
