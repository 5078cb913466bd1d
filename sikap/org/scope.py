"""What a signed-in user may see and manage: the roles and their reach, worked out once per request.

Every app's ``access.py`` builds on this; nothing else decides visibility.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone

from sikap.accounts.models import Role, RoleAssignment, User
from sikap.org import chart as chart_version
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee, Unit, path_within, within_q

# read: leads, manages or audits; handle: leads or manages.
Reach = Literal["read", "manage", "head", "audit", "handle"]
_QS = TypeVar("_QS", bound=QuerySet[Any])


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
    _unit_ids: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        # Kept in the cache without the request's loaded chart (see get_scope).
        return {**self.__dict__, "_chart": None}

    @property
    def chart(self) -> OrgChart:
        """Who is whose penilai on the scope's day, loaded once per request and shared."""
        if self._chart is None:
            self._chart = OrgChart(self.day)
        return self._chart

    @property
    def is_superadmin(self) -> bool:
        return Role.SUPERADMIN in self.roles

    @property
    def owns_instance(self) -> bool:
        """Owner of the instance's settings: a superadmin or the Admin Kepegawaian of a root unit."""
        return self.is_superadmin or any(p.count("/") == 2 for p in self.manage_paths)

    def has(self, role: Role) -> bool:
        return role in self.roles

    def paths(self, reach: Reach = "read") -> list[str]:
        """The unit subtrees (paths) of one reach (a superadmin reaches every unit anyway)."""
        if reach == "read":
            return self.read_paths
        if reach == "manage":
            return self.manage_paths
        if reach == "head":
            return self.headed_paths
        if reach == "audit":
            return self.audit_paths
        return _minimal_paths(self.headed_paths + self.manage_paths)

    def _reaches(self, unit: Unit | None, reach: Reach) -> bool:
        if self.is_superadmin:
            return True
        return unit is not None and path_within(unit.path, self.paths(reach))

    def reads(self, unit: Unit | None) -> bool:
        """The unit lies in a subtree the user leads, manages or audits."""
        return self._reaches(unit, "read")

    def manages(self, unit: Unit | None) -> bool:
        """The unit lies in a subtree where the user is Admin Kepegawaian."""
        return self._reaches(unit, "manage")

    def heads(self, unit: Unit | None, *, above: bool = False) -> bool:
        """The unit lies in a subtree the user leads as its head; with above, not its own."""
        if above and unit is not None and not self.is_superadmin:
            return path_within(unit.path, [p for p in self.headed_paths if p != unit.path])
        return self._reaches(unit, "head")

    def audits(self, unit: Unit | None) -> bool:
        """The unit lies in a subtree the user audits."""
        return self._reaches(unit, "audit")

    def handles(self, unit: Unit | None) -> bool:
        """The unit lies in a subtree the user leads or manages (who acts on its work)."""
        return self._reaches(unit, "handle")

    def reaches_any(self, reach: Reach = "read") -> bool:
        """Whether the user has that reach over some unit at all."""
        return self.is_superadmin or bool(self.paths(reach))

    def is_self(self, employee_id: int | None) -> bool:
        """Whether the employee (by id) is the user themself."""
        return self.employee is not None and employee_id == self.employee.pk

    def supervises(self, employee: Employee, *, directly: bool = False) -> bool:
        """The user is the employee's pejabat penilai, or above them in the chain."""
        reports = self.direct_report_ids if directly else self.subordinate_ids
        return employee.pk in reports

    def sees_employee(self, employee: Employee) -> bool:
        """The employee is the user, one they supervise, or in a subtree they read."""
        if self.is_superadmin:
            return True
        if self.employee is not None and employee.pk == self.employee.pk:
            return True
        return self.supervises(employee) or self.reads(employee.unit)

    def units_q(self, field: str = "unit", *, reach: Reach = "read") -> Q:
        """A filter for rows whose unit (through ``field``; "" for units) is within the reach."""
        if self.is_superadmin:
            return ~Q(pk__in=[])
        return within_q(self.paths(reach), field)

    def unit_ids(self, reach: Reach = "read") -> list[int]:
        """The ids of the units within the reach (not for a superadmin, who reaches all).

        Loaded once per scope and reach: a kecamatan has about 60 units, a city 1,000.
        """
        assert not self.is_superadmin, "a superadmin reaches every unit: use units_q"
        if reach not in self._unit_ids:
            paths = self.paths(reach)
            self._unit_ids[reach] = (
                list(Unit.objects.filter(within_q(paths, "")).values_list("pk", flat=True))
                if paths
                else []
            )
        return self._unit_ids[reach]

    def units_in(self, field: str = "unit", *, reach: Reach = "read") -> Q:
        """``units_q`` by unit ids instead of a join on the unit path.

        Inside an OR with other conditions (a complaint's unit, or its assignee, or who filed
        it) PostgreSQL can then combine index scans, where the join made it read every row.
        """
        if self.is_superadmin:
            return ~Q(pk__in=[])
        return Q(**{f"{field or 'pk'}__in": self.unit_ids(reach)})

    def filter_units(self, qs: _QS, *, field: str = "unit", reach: Reach = "read") -> _QS:
        """The rows of ``qs`` whose unit is within the reach (all of them for a superadmin)."""
        if self.is_superadmin:
            return qs
        return qs.filter(within_q(self.paths(reach), field))


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
        if not assignment.unit.path.startswith("/"):
            # A unit without its materialised path would match every path: grant nothing.
            continue
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


logger = logging.getLogger(__name__)

# Bump when Scope changes shape: scopes kept by the previous release are then ignored.
SCOPE_FORMAT = 1


def _kept_scope(user: User | AnonymousUser) -> Scope:
    """Today's scope of a signed-in user, from the shared cache while the chart is unchanged.

    The key holds everything a scope follows from: the user, whether they are a superuser (read
    from the request's own user row), the day (acting assignments and overrides have dates)
    and the chart version, which every write to the tables behind a scope changes
    (``org/chart.py``). ``SCOPE_CACHE_SECONDS`` bounds how long any scope is kept at all.
    """
    if not user.is_authenticated or settings.SCOPE_CACHE_SECONDS <= 0:
        return build_scope(user)
    day = timezone.localdate()
    try:
        key = (
            f"scope:{SCOPE_FORMAT}:{user.pk}:{int(user.is_superuser)}:{day.isoformat()}:"
            f"{chart_version.version()}"
        )
        kept: Scope | None = cache.get(key)
    except Exception:
        logger.exception("the cache is unreachable: working the scope out for this request")
        return build_scope(user, day)
    if kept is None:
        kept = build_scope(user, day)
        try:
            cache.set(key, kept, settings.SCOPE_CACHE_SECONDS)
        except Exception:
            logger.exception("could not keep the scope in the cache")
    return kept


def get_scope(user: User | AnonymousUser) -> Scope:
    """The scope of a user, worked out once and kept on the user object for the request."""
    cached: Scope | None = getattr(user, "_sikap_scope", None)
    if cached is None:
        cached = _kept_scope(user)
        user._sikap_scope = cached  # type: ignore[union-attr]
    return cached
