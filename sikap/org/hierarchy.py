"""Who is whose pejabat penilai on a given day, resolved in a fixed number of queries.

The default comes from the position tree (``Position.reports_to``): the penilai is whoever holds
the position above, definitively or as Plt./Plh.; a vacant position passes the question further
up. A ``SupervisorOverride`` for the employee and the day wins over the default.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sikap.org.models import (
    Assignment,
    AssignmentKind,
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


class OrgChart:
    """An in-memory view of positions, holders and overrides on one day."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        self.positions: dict[int, Position] = {
            p.pk: p for p in Position.objects.filter(is_active=True).select_related("unit")
        }
        self.employees: dict[int, Employee] = {}
        self._holders: dict[int, list[Holder]] = defaultdict(list)
        for employee in Employee.objects.filter(is_active=True).select_related("position", "unit"):
            self.employees[employee.pk] = employee
            if employee.position_id is not None:
                self._holders[employee.position_id].append(Holder(employee, ""))
        acting = (
            Assignment.objects.active_on(day)
            .exclude(kind=AssignmentKind.DEFINITIF)
            .filter(employee__is_active=True)
            .select_related("employee__position", "employee__unit")
        )
        for assignment in acting:
            employee = self.employees.setdefault(assignment.employee_id, assignment.employee)
            label = "Plt." if assignment.kind == AssignmentKind.PLT else "Plh."
            self._holders[assignment.position_id].append(Holder(employee, label))
        for holders in self._holders.values():
            holders.sort(key=lambda h: (h.acting != "", h.employee.name, h.employee.pk))
        self._overrides: dict[int, SupervisorOverride] = {
            o.employee_id: o
            for o in SupervisorOverride.objects.active_on(day).select_related(
                "penilai__position", "penilai__unit", "atasan__position", "atasan__unit"
            )
        }

    def holders_of(self, position_id: int) -> list[Holder]:
        return self._holders.get(position_id, [])

    def holder_of(self, position_id: int) -> Holder | None:
        holders = self.holders_of(position_id)
        return holders[0] if holders else None

    def _default_penilai(self, employee: Employee) -> Holder | None:
        position = self.positions.get(employee.position_id or 0)
        seen: set[int] = set()
        while position is not None and position.reports_to_id is not None:
            if position.pk in seen:
                return None
            seen.add(position.pk)
            above = self.positions.get(position.reports_to_id)
            if above is None:
                return None
            for holder in self.holders_of(above.pk):
                if holder.employee.pk != employee.pk:
                    return holder
            position = above
        return None

    def penilai_of(self, employee: Employee) -> Holder | None:
        override = self._overrides.get(employee.pk)
        if override is not None:
            return Holder(override.penilai, "")
        return self._default_penilai(employee)

    def chain_of(self, employee: Employee) -> Chain:
        override = self._overrides.get(employee.pk)
        penilai = self.penilai_of(employee)
        if override is not None and override.atasan is not None:
            return Chain(penilai, Holder(override.atasan, ""), overridden=True)
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
        return [
            e
            for e in self.employees.values()
            if e.pk != supervisor.pk
            and (h := self.penilai_of(e)) is not None
            and h.employee.pk == supervisor.pk
        ]

    def all_reports(self, supervisor: Employee) -> list[Employee]:
        """Direct reports and their reports, down the whole line."""
        children: dict[int, list[Employee]] = defaultdict(list)
        for employee in self.employees.values():
            holder = self.penilai_of(employee)
            if holder is not None and holder.employee.pk != employee.pk:
                children[holder.employee.pk].append(employee)
        found: dict[int, Employee] = {}
        stack = [supervisor.pk]
        while stack:
            for child in children.get(stack.pop(), []):
                if child.pk not in found and child.pk != supervisor.pk:
                    found[child.pk] = child
                    stack.append(child.pk)
        return sorted(found.values(), key=lambda e: e.name)

    def headed_units(self, employee: Employee) -> list[int]:
        """Units whose head position this employee holds, definitively or acting."""
        return [
            position.unit_id
            for position in self.positions.values()
            if position.is_unit_head
            and any(h.employee.pk == employee.pk for h in self.holders_of(position.pk))
        ]
