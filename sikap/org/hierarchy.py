"""Who is whose pejabat penilai on a given day, resolved in a fixed number of queries.

The default comes from the position tree (``Position.reports_to``): the penilai is whoever holds
the position above, definitively or as Plt./Plh.; a vacant position passes the question further
up. A ``SupervisorOverride`` for the employee and the day wins over the default.

The chart is lazy: it loads only the part of the tree a question needs (the positions above the
people asked about, or the positions below a supervisor), as plain tuples, and turns employees
into model instances only when an answer hands them out. A request therefore costs what its user
sees, never what the instance holds. ``load_all()`` loads everything at once for batch jobs that
walk the whole instance.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models.expressions import RawSQL

from sikap.org.models import (
    Assignment,
    AssignmentKind,
    AssignmentQuerySet,
    Employee,
    Position,
    SupervisorOverride,
)


@dataclass(frozen=True)
class Holder:
    employee: Employee
    acting: str  # "" for the definitive holder, "Plt." or "Plh." for an acting one

    @property
    def label(self) -> str:
        return f"{self.acting} {self.employee.display_name}".strip()


@dataclass(frozen=True)
class Chain:
    penilai: Holder | None
    atasan: Holder | None
    overridden: bool = False


class _Pos(NamedTuple):
    reports_to_id: int | None
    unit_id: int
    is_unit_head: bool


class _Hold(NamedTuple):
    employee_id: int
    acting: str
    name: str


_ACTING_LABEL: dict[str, str] = {AssignmentKind.PLT: "Plt.", AssignmentKind.PLH: "Plh."}
# Every position above the given ones (and the given ones), following reports_to to the root.
_UP = (
    "WITH RECURSIVE up(id) AS (SELECT id FROM org_position WHERE id IN ({ids}) "
    "UNION SELECT p.reports_to_id FROM org_position p JOIN up ON p.id = up.id "
    "WHERE p.reports_to_id IS NOT NULL) SELECT id FROM up"
)
# Every position below the given ones (and the given ones).
_DOWN = (
    "WITH RECURSIVE down(id) AS (SELECT id FROM org_position WHERE id IN ({ids}) "
    "UNION SELECT p.id FROM org_position p JOIN down ON p.reports_to_id = down.id) "
    "SELECT id FROM down"
)


class OrgChart:
    """A lazily loaded view of positions, holders and overrides on one day."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        # Model instances handed out so far (employees) or loaded by load_all (positions).
        self.positions: dict[int, Position] = {}
        self.employees: dict[int, Employee] = {}
        self._pos: dict[int, _Pos] = {}  # active positions loaded, with holders
        self._up_done: set[int] = set()  # positions whose whole line upwards is loaded
        self._down_done: set[int] = set()  # positions whose whole subtree is loaded
        self._holders: dict[int, list[_Hold]] = defaultdict(list)
        self._emp_pos: dict[int, int | None] = {}  # active employee -> definitive position
        self._emp_name: dict[int, str] = {}
        self._held: dict[int, set[int]] = defaultdict(set)  # employee -> positions they hold
        self._holds_seen: set[tuple[int, _Hold]] = set()
        self._holdings_known: set[int] = set()
        self._overrides: dict[int, tuple[int, int | None]] = {}  # employee -> (penilai, atasan)
        self._override_known: set[int] = set()
        self._complete = False

    # Loading -------------------------------------------------------------------------------

    def load_all(self) -> OrgChart:
        """Load the whole instance (for batch jobs that walk every employee)."""
        positions = list(Position.objects.filter(is_active=True).select_related("unit"))
        self._add_positions([(p.pk, p.reports_to_id, p.unit_id, p.is_unit_head) for p in positions])
        self.positions = {p.pk: p for p in positions}
        employees = list(Employee.objects.filter(is_active=True).select_related("position", "unit"))
        self._add_definitive([(e.pk, e.position_id, e.name) for e in employees])
        self.employees.update({e.pk: e for e in employees})
        acting = list(self._acting().select_related("employee__position", "employee__unit"))
        for assignment in acting:
            self.employees.setdefault(assignment.employee_id, assignment.employee)
        self._add_acting(
            [
                (a.employee_id, a.position_id, a.kind, a.employee.name, a.employee.position_id)
                for a in acting
            ]
        )
        self._sort_holders(self._pos)
        self._add_overrides(SupervisorOverride.objects.active_on(self.day))
        self._complete = True
        return self

    def _acting(self) -> AssignmentQuerySet:
        return (
            Assignment.objects.active_on(self.day)
            .exclude(kind=AssignmentKind.DEFINITIF)
            .filter(employee__is_active=True)
        )

    def _add_positions(self, rows: Iterable[tuple[int, int | None, int, bool]]) -> list[int]:
        new = []
        for pk, reports_to_id, unit_id, head in rows:
            if pk not in self._pos:
                self._pos[pk] = _Pos(reports_to_id, unit_id, head)
                new.append(pk)
        return new

    def _add_definitive(self, rows: Iterable[tuple[int, int | None, str]]) -> None:
        for pk, position_id, name in rows:
            self._emp_pos[pk] = position_id
            self._emp_name[pk] = name
            if position_id is not None:
                self._add_hold(position_id, _Hold(pk, "", name))

    def _add_hold(self, position_id: int, hold: _Hold) -> None:
        if (position_id, hold) not in self._holds_seen:
            self._holds_seen.add((position_id, hold))
            self._holders[position_id].append(hold)
            self._held[hold.employee_id].add(position_id)

    def _add_acting(self, rows: Iterable[tuple[int, int, str, str, int | None]]) -> None:
        for employee_id, position_id, kind, name, definitive in rows:
            self._emp_pos.setdefault(employee_id, definitive)
            self._emp_name[employee_id] = name
            self._add_hold(position_id, _Hold(employee_id, _ACTING_LABEL.get(kind, "Plh."), name))

    def _sort_holders(self, position_ids: Iterable[int]) -> None:
        for pk in position_ids:
            self._holders[pk].sort(key=lambda h: (h.acting != "", h.name, h.employee_id))

    def _add_overrides(self, overrides: Iterable[SupervisorOverride]) -> None:
        for o in overrides:
            self._overrides[o.employee_id] = (o.penilai_id, o.atasan_id)
            self._override_known.add(o.employee_id)

    def _load_positions(self, sql: str, ids: set[int]) -> list[int]:
        """Load the active positions the recursive query finds, with their holders; all found."""
        if not ids:
            return []
        params = sorted(ids)
        # Only placeholders are formatted into the fixed text; the ids are bound parameters.
        tree = RawSQL(sql.format(ids=",".join(["%s"] * len(params))), params)  # noqa: S611
        rows = list(
            Position.objects.filter(is_active=True, pk__in=tree)
            .values_list("pk", "reports_to_id", "unit_id", "is_unit_head")
            .order_by()
        )
        new = self._add_positions(rows)
        if new:
            self._add_definitive(
                Employee.objects.filter(is_active=True, position_id__in=new)
                .values_list("pk", "position_id", "name")
                .order_by()
            )
            self._add_acting(
                self._acting()
                .filter(position_id__in=new)
                .values_list(
                    "employee_id", "position_id", "kind", "employee__name", "employee__position_id"
                )
                .order_by()
            )
            self._sort_holders(new)
        return [row[0] for row in rows]

    def _ensure_up(self, position_ids: Iterable[int | None]) -> None:
        if self._complete:
            return
        missing = {p for p in position_ids if p is not None and p not in self._up_done}
        if not missing:
            return
        self._load_positions(_UP, missing)
        for pk in missing:
            # The whole line above each missing position is loaded now, so is that of its parents.
            current: int | None = pk
            while current is not None and current not in self._up_done:
                self._up_done.add(current)
                pos = self._pos.get(current)
                current = pos.reports_to_id if pos else None

    def _ensure_overrides(self, employee_ids: Iterable[int]) -> None:
        if self._complete:
            return
        missing = {e for e in employee_ids if e not in self._override_known}
        if not missing:
            return
        self._add_overrides(
            SupervisorOverride.objects.active_on(self.day).filter(employee_id__in=missing)
        )
        self._override_known |= missing

    def _ensure_holdings(self, employee_ids: Iterable[int]) -> None:
        """Which positions each employee holds today, definitively or acting."""
        if self._complete:
            return
        missing = {e for e in employee_ids if e not in self._holdings_known}
        if not missing:
            return
        self._add_definitive(
            Employee.objects.filter(is_active=True, pk__in=missing)
            .values_list("pk", "position_id", "name")
            .order_by()
        )
        acting = list(
            self._acting()
            .filter(employee_id__in=missing)
            .values_list(
                "employee_id", "position_id", "kind", "employee__name", "employee__position_id"
            )
            .order_by()
        )
        self._holdings_known |= missing
        held = {p for e in missing for p in self._held.get(e, ())}
        self._ensure_up(held | {p for _, p, *_ in acting})
        # Loading the positions brought their holders; add the acting posts of positions that were
        # already loaded before.
        self._add_acting(acting)
        self._sort_holders({p for _, p, *_ in acting})

    def _ensure_people(self, employee_ids: Iterable[int]) -> None:
        """Everything penilai_of needs for these employees."""
        ids = set(employee_ids)
        self._ensure_overrides(ids)
        unknown = [e for e in ids if e not in self._emp_pos]
        if unknown and not self._complete:
            self._add_definitive(
                Employee.objects.filter(is_active=True, pk__in=unknown)
                .values_list("pk", "position_id", "name")
                .order_by()
            )
        self._ensure_up(self._emp_pos.get(e) for e in ids)

    def _ensure_subtree(self, employee_ids: set[int]) -> None:
        """Load everyone who may report, directly or further down, to these employees."""
        if self._complete:
            return
        frontier = set(employee_ids)
        done: set[int] = set()
        while frontier:
            done |= frontier
            self._ensure_holdings(frontier)
            roots = {p for e in frontier for p in self._held.get(e, ())} - self._down_done
            below = set(self._load_positions(_DOWN, roots))
            self._down_done |= below
            people = {h.employee_id for p in below for h in self._holders.get(p, ())}
            self._ensure_people(people)
            # People set by hand under someone of the subtree join it, with their own subtree.
            redirected = set(
                SupervisorOverride.objects.active_on(self.day)
                .filter(penilai_id__in=people | frontier, employee__is_active=True)
                .values_list("employee_id", flat=True)
            )
            self._ensure_people(redirected)
            candidates = (people | redirected) - done
            self._ensure_holdings(candidates)
            # Whoever also holds a post outside the loaded subtree brings that post's people.
            frontier = {e for e in candidates if self._held.get(e, set()) - self._down_done}
            done |= candidates

    def _materialise(self, employee_ids: Iterable[int]) -> None:
        missing = {e for e in employee_ids if e not in self.employees}
        if missing:
            for employee in Employee.objects.filter(pk__in=missing).select_related(
                "position", "unit"
            ):
                self.employees[employee.pk] = employee

    def _holder(self, hold: tuple[int, str] | None) -> Holder | None:
        if hold is None:
            return None
        self._materialise([hold[0]])
        return Holder(self.employees[hold[0]], hold[1])

    # Questions on ids ----------------------------------------------------------------------

    def _penilai_id(self, employee_id: int) -> tuple[int, str] | None:
        override = self._overrides.get(employee_id)
        if override is not None:
            return (override[0], "")
        position = self._emp_pos.get(employee_id)
        seen: set[int] = set()
        while position is not None:
            pos = self._pos.get(position)
            if pos is None or pos.reports_to_id is None or position in seen:
                return None
            seen.add(position)
            above = pos.reports_to_id
            if above not in self._pos:
                return None
            for hold in self._holders.get(above, ()):
                if hold.employee_id != employee_id:
                    return (hold.employee_id, hold.acting)
            position = above
        return None

    def direct_report_ids(self, supervisor_id: int) -> set[int]:
        """The ids of the employees whose penilai this employee is."""
        self._ensure_subtree({supervisor_id})
        return {
            e
            for e in self._emp_pos
            if e != supervisor_id
            and (h := self._penilai_id(e)) is not None
            and h[0] == supervisor_id
        }

    def all_report_ids(self, supervisor_id: int) -> set[int]:
        """The ids of the direct reports and their reports, down the whole line."""
        self._ensure_subtree({supervisor_id})
        children: dict[int, list[int]] = defaultdict(list)
        for employee_id in self._emp_pos:
            hold = self._penilai_id(employee_id)
            if hold is not None and hold[0] != employee_id:
                children[hold[0]].append(employee_id)
        found: set[int] = set()
        stack = [supervisor_id]
        while stack:
            for child in children.get(stack.pop(), []):
                if child not in found and child != supervisor_id:
                    found.add(child)
                    stack.append(child)
        return found

    def with_reports(self, employee_ids: Iterable[int]) -> set[int]:
        """Which of these employees are the penilai of at least one employee."""
        ids = set(employee_ids)
        self._ensure_subtree(ids)
        return {h[0] for e in self._emp_pos if (h := self._penilai_id(e)) is not None} & ids

    # Public questions ----------------------------------------------------------------------

    def prefetch(self, employees: Iterable[Employee]) -> None:
        """Load in a few queries what penilai_of/chain_of need for many employees at once."""
        people = list(employees)
        for e in people:
            if e.is_active and e.pk not in self._emp_pos:
                self._emp_pos[e.pk] = e.position_id
                self._emp_name[e.pk] = e.name
        self._ensure_people(e.pk for e in people)
        penilai = {h[0] for e in people if (h := self._penilai_id(e.pk)) is not None}
        self._ensure_people(penilai)
        self._materialise(penilai | {h[0] for p in penilai if (h := self._penilai_id(p))})

    def holders_of(self, position_id: int) -> list[Holder]:
        self._ensure_up([position_id])
        holds = self._holders.get(position_id, [])
        self._materialise(h.employee_id for h in holds)
        return [Holder(self.employees[h.employee_id], h.acting) for h in holds]

    def holder_of(self, position_id: int) -> Holder | None:
        holders = self.holders_of(position_id)
        return holders[0] if holders else None

    def positions_of_unit(self, unit_id: int) -> list[Position]:
        """The active positions of one unit, head first, with their holders loaded."""
        positions = list(
            Position.objects.filter(unit_id=unit_id, is_active=True).select_related("unit")
        )
        self._ensure_up(p.pk for p in positions)
        self._materialise(h.employee_id for p in positions for h in self._holders.get(p.pk, ()))
        positions.sort(key=lambda p: (not p.is_unit_head, p.eselon, p.name))
        return positions

    def penilai_of(self, employee: Employee) -> Holder | None:
        if employee.pk not in self._emp_pos and employee.is_active and not self._complete:
            self._emp_pos[employee.pk] = employee.position_id
        self._ensure_people([employee.pk])
        return self._holder(self._penilai_id(employee.pk))

    def chain_of(self, employee: Employee) -> Chain:
        self._ensure_people([employee.pk])
        override = self._overrides.get(employee.pk)
        penilai = self.penilai_of(employee)
        if override is not None and override[1] is not None:
            return Chain(penilai, self._holder((override[1], "")), overridden=True)
        atasan = self.penilai_of(penilai.employee) if penilai else None
        return Chain(penilai, atasan, overridden=override is not None)

    def supervisor_chain(self, employee: Employee, limit: int = 10) -> list[Holder]:
        """The line of supervisors from the direct one up to the top."""
        chain: list[Holder] = []
        current: Employee | None = employee
        seen = {employee.pk}
        while current is not None and len(chain) < limit:
            holder = self.penilai_of(current)
            if holder is None or holder.employee.pk in seen:
                break
            chain.append(holder)
            seen.add(holder.employee.pk)
            current = holder.employee
        return chain

    def direct_reports(self, supervisor: Employee) -> list[Employee]:
        ids = self.direct_report_ids(supervisor.pk)
        self._materialise(ids)
        return [self.employees[e] for e in ids]

    def all_reports(self, supervisor: Employee) -> list[Employee]:
        """Direct reports and their reports, down the whole line."""
        ids = self.all_report_ids(supervisor.pk)
        self._materialise(ids)
        return sorted((self.employees[e] for e in ids), key=lambda e: e.name)

    def headed_units(self, employee: Employee) -> list[int]:
        """Units whose head position this employee holds, definitively or acting."""
        self._ensure_holdings([employee.pk])
        return [
            pos.unit_id
            for pk in sorted(self._held.get(employee.pk, ()))
            if (pos := self._pos.get(pk)) is not None and pos.is_unit_head
        ]
