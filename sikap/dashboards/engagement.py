"""Who is engaging with SIKAP and where help is needed: the leaders' view of adoption.

Everything is computed from what people already do in SIKAP (signing in, their SKP, realisation,
feedback given as penilai), for one unit subtree, in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from sikap.accounts.models import RoleAssignment
from sikap.cycle.models import AppraisalYear, Period
from sikap.lib import snapshots
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee, JenisAsn, Position, Unit
from sikap.planning.models import Feedback, Plan, PlanStatus, Realisation

ACTIVE_DAYS = 30
WAITING_DAYS = 7


@dataclass
class Person:
    employee: Employee
    last_login: dt.datetime | None = None
    plan: Plan | None = None
    indicators: int = 0
    realised: int = 0
    reports: int = 0
    reports_with_feedback: int = 0
    flags: list[str] = field(default_factory=list)


@dataclass
class UnitRow:
    unit: Unit
    people: int = 0
    active: int = 0
    approved: int = 0
    realised: int = 0
    penilai: int = 0
    penilai_giving_feedback: int = 0

    def share(self, part: int, whole: int | None = None) -> float | None:
        base = self.people if whole is None else whole
        return part / base if base else None


@dataclass
class Engagement:
    unit: Unit
    year: AppraisalYear | None
    last_period: Period | None
    rows: list[UnitRow]
    total: UnitRow
    needs_help: list[Person]
    # How many people need help in all (a snapshot keeps only the first of them).
    needs_help_count: int = 0
    computed_at: dt.datetime | None = None


FLAG_NEVER = "never_signed_in"
FLAG_IDLE = "idle"
FLAG_NO_PLAN = "no_plan"
FLAG_NOT_SUBMITTED = "not_submitted"
FLAG_WAITING = "waiting_approval"
FLAG_NO_REALISATION = "no_realisation"
FLAG_NO_FEEDBACK = "no_feedback_given"


def build(unit: Unit, *, today: dt.date | None = None) -> Engagement:
    """The engagement figures of a unit subtree, per unit directly below it and per person."""
    today = today or timezone.localdate()
    now = timezone.now()
    year = AppraisalYear.objects.filter(year=today.year).first()
    last_period = (
        Period.objects.filter(appraisal_year=year, end_date__lt=today)
        .for_everyone()
        .order_by("-end_date")
        .first()
        if year
        else None
    )
    # The subtree's people go into the other queries as a subquery, not as a list of ids: for a
    # kecamatan of 800 staff, compiling the lists cost more than running the queries.
    members = (
        Employee.objects.in_subtree(unit).filter(is_active=True).exclude(jenis_asn=JenisAsn.NON_ASN)
    )
    # The sign-in time without the user row: a snapshot in the shared cache holds no password
    # hashes.
    employees = list(
        members.select_related("unit", "position")
        .annotate(signed_in_at=F("user__last_login"))
        .order_by("name")
    )
    people = {e.pk: Person(e, e.signed_in_at) for e in employees}
    current_plans = Plan.objects.filter(
        employee__in=members.values("pk"), appraisal_year=year, is_current=True
    )
    plans = current_plans.annotate(
        n_indicators=Count("work_results__indicators", distinct=True)
    ).order_by("start_date")
    for plan in plans:
        person = people[plan.employee_id]
        person.plan = plan
        person.indicators = plan.n_indicators
    if last_period is not None:
        realised = (
            Realisation.objects.filter(
                period=last_period,
                indicator__work_result__plan__in=current_plans.values("pk"),
            )
            .filter(Q(value__isnull=False) | ~Q(text=""))
            .values("indicator__work_result__plan__employee_id")
            .annotate(n=Count("pk"))
        )
        for counted in realised:
            people[counted["indicator__work_result__plan__employee_id"]].realised = counted["n"]
    # Who gave feedback to whom in the last ended period (or the current one early in the year).
    feedback_period = last_period or (
        Period.objects.filter(appraisal_year=year).for_everyone().order_by("start_date").first()
        if year
        else None
    )
    given = set(
        Feedback.objects.filter(period=feedback_period, plan__employee__in=members.values("pk"))
        .values_list("given_by_id", "plan__employee_id")
        .order_by()
        .distinct()
    )
    chart = OrgChart(today)
    chart.prefetch(p.employee for p in people.values())
    for person in people.values():
        holder = chart.penilai_of(person.employee)
        if holder is None or holder.employee.pk not in people:
            continue
        boss = people[holder.employee.pk]
        boss.reports += 1
        if boss.employee.user_id and (boss.employee.user_id, person.employee.pk) in given:
            boss.reports_with_feedback += 1
    for person in people.values():
        _flag(person, now=now, has_period=last_period is not None)
    rows = _rows(unit, list(people.values()))
    total = UnitRow(unit)
    for row in rows:
        for name in (
            "people",
            "active",
            "approved",
            "realised",
            "penilai",
            "penilai_giving_feedback",
        ):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    needs_help = sorted(
        (p for p in people.values() if p.flags),
        key=lambda p: (
            -len(p.flags),
            p.employee.unit.path if p.employee.unit else "",
            p.employee.name,
        ),
    )
    return Engagement(
        unit,
        year,
        last_period,
        rows,
        total,
        needs_help,
        needs_help_count=len(needs_help),
        computed_at=now,
    )


# Bump when Engagement or what it holds changes shape: older snapshots are then ignored.
SNAPSHOT_VERSION = 1


def _snapshot_key(unit_id: int, day: dt.date) -> str:
    return f"engagement:{SNAPSHOT_VERSION}:{unit_id}:{day.isoformat()}"


# People who need help kept in a snapshot: the page shows at most this many.
KEPT = 40


def snapshot(unit: Unit, *, refresh: bool = False) -> Engagement:
    """The figures of ``build`` for today, kept in the shared cache for a few minutes.

    A kecamatan of 800 staff costs a fifth of a second to count, and its leaders open the page
    many times a day: the figures are kept ``SNAPSHOT_SECONDS`` (10 minutes by default) with
    the time they were computed, which the page shows. Only the first ``KEPT`` people who need
    help are kept; ``needs_help_count`` says how many there are in all. ``refresh`` computes
    them now. ``manage.py refresh_figures`` computes them ahead.
    """
    today = timezone.localdate()

    def count() -> Engagement:
        data = build(unit, today=today)
        data.needs_help = data.needs_help[:KEPT]
        return data

    return snapshots.kept(_snapshot_key(unit.pk, today), count, refresh=refresh)


def leader_units() -> list[Unit]:
    """The units whose figures someone opens: those with a head position, HR or an auditor."""
    headed = Position.objects.filter(is_active=True, is_unit_head=True).values("unit_id")
    assigned = RoleAssignment.objects.values("unit_id")
    return list(
        Unit.objects.filter(is_active=True)
        .filter(Q(pk__in=headed) | Q(pk__in=assigned))
        .order_by("depth", "pk")
    )


def _flag(person: Person, *, now: dt.datetime, has_period: bool) -> None:
    if person.last_login is None:
        person.flags.append(FLAG_NEVER)
    elif now - person.last_login > dt.timedelta(days=ACTIVE_DAYS):
        person.flags.append(FLAG_IDLE)
    plan = person.plan
    if plan is None:
        person.flags.append(FLAG_NO_PLAN)
    elif plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED):
        person.flags.append(FLAG_NOT_SUBMITTED)
    elif (
        plan.status == PlanStatus.SUBMITTED
        and plan.submitted_at
        and (now - plan.submitted_at > dt.timedelta(days=WAITING_DAYS))
    ):
        person.flags.append(FLAG_WAITING)
    if has_period and person.indicators and person.realised == 0:
        person.flags.append(FLAG_NO_REALISATION)
    if person.reports and person.reports_with_feedback == 0 and has_period:
        person.flags.append(FLAG_NO_FEEDBACK)


def _rows(unit: Unit, people: list[Person]) -> list[UnitRow]:
    children = list(Unit.objects.filter(parent=unit, is_active=True).order_by("name"))
    rows = {u.pk: UnitRow(u) for u in [unit, *children]}
    # The child a person belongs to is the id right after the unit's own in their unit's path.
    depth = len(unit.ancestor_ids)
    for person in people:
        ids = person.employee.unit.ancestor_ids if person.employee.unit else []
        row = rows.get(ids[depth] if len(ids) > depth else unit.pk, rows[unit.pk])
        row.people += 1
        row.active += FLAG_NEVER not in person.flags and FLAG_IDLE not in person.flags
        row.approved += bool(person.plan and person.plan.status == PlanStatus.APPROVED)
        row.realised += bool(person.indicators and person.realised)
        if person.reports:
            row.penilai += 1
            row.penilai_giving_feedback += person.reports_with_feedback > 0
    return [row for row in rows.values() if row.people]


__all__ = [
    "Engagement",
    "Person",
    "UnitRow",
    "build",
    "leader_units",
    "snapshot",
]
