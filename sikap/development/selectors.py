"""Reads of competency development: targets, JP totals, gaps, statistics and certificate checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from sikap.development import rules
from sikap.development.models import (
    ActivityStatus,
    AssessmentSource,
    CompetencyAssessment,
    OwnActivity,
    Participant,
    ParticipantStatus,
    PlanItem,
    RequiredCompetency,
    TrainingEvent,
)
from sikap.evaluation.models import Evaluation
from sikap.lib.formatting import long_date
from sikap.org.models import Employee, EmployeeQuerySet, JenisAsn
from sikap.planning.models import CompetencyEvaluation

IMPROVE_SCAN = 100


def event_days(event: TrainingEvent) -> str:
    """The event's day or span of days, as printed on invitations and certificates."""
    if event.start_date == event.end_date:
        return long_date(event.start_date)
    return f"{long_date(event.start_date)} – {long_date(event.end_date)}"


def pppk_target() -> int:
    """The configured yearly JP target for PPPK (UNCONFIRMED; default 20, capped at 24)."""
    return int(getattr(settings, "DEVELOPMENT_PPPK_TARGET_JP", rules.PPPK_DEFAULT_TARGET_JP))


def follow_up_days() -> int:
    """Days after an event before the supervisor's follow-up evaluation is due."""
    return int(getattr(settings, "DEVELOPMENT_FOLLOW_UP_DAYS", rules.DEFAULT_FOLLOW_UP_DAYS))


def target_for(employee: Employee) -> int | None:
    """The yearly JP target of an employee."""
    return rules.yearly_target(employee.jenis_asn, pppk_target=pppk_target())


def jp_totals(employee_ids: list[int], year: int) -> dict[int, int]:
    """JP per employee in a calendar year: attended events plus verified own activities.

    Two queries whatever the number of employees.
    """
    totals = dict.fromkeys(employee_ids, 0)
    attended = (
        Participant.objects.filter(
            employee_id__in=employee_ids, attended=True, event__end_date__year=year
        )
        .values("employee_id")
        .annotate(total=Sum("event__jp"))
    )
    for row in attended:
        totals[row["employee_id"]] += row["total"] or 0
    own = (
        OwnActivity.objects.filter(
            employee_id__in=employee_ids, status=ActivityStatus.VERIFIED, end_date__year=year
        )
        .values("employee_id")
        .annotate(total=Sum("jp"))
    )
    for row in own:
        totals[row["employee_id"]] += row["total"] or 0
    return totals


@dataclass
class JpRow:
    employee: Employee
    jp: int
    target: int | None

    @property
    def below(self) -> bool:
        return rules.below_target(self.jp, self.target)

    @property
    def percent(self) -> int:
        return rules.progress_percent(self.jp, self.target)

    @property
    def missing(self) -> int:
        return max(0, (self.target or 0) - self.jp)


def jp_rows(employees: list[Employee], year: int) -> list[JpRow]:
    """JP against target for each employee (constant queries)."""
    totals = jp_totals([e.pk for e in employees], year)
    return [JpRow(e, totals.get(e.pk, 0), target_for(e)) for e in employees]


# An employee annotated by ``with_jp`` is short of their target (``rules.below_target``).
BELOW_TARGET = Q(jp_target__isnull=False, jp__lt=F("jp_target"))


def with_jp(employees: EmployeeQuerySet, year: int) -> EmployeeQuerySet:
    """The employees annotated with ``jp`` (as ``jp_totals``) and ``jp_target`` (as
    ``target_for``), counted by the database: a city's recap needs no row per employee here.

    The target is built from ``rules.yearly_target`` for every jenis ASN, so the two cannot
    disagree; ``tests`` compare them row by row.
    """
    attended = (
        Participant.objects.filter(
            employee=OuterRef("pk"), attended=True, event__end_date__year=year
        )
        .order_by()
        .values("employee")
        .annotate(total=Sum("event__jp"))
        .values("total")
    )
    own = (
        OwnActivity.objects.filter(
            employee=OuterRef("pk"), status=ActivityStatus.VERIFIED, end_date__year=year
        )
        .order_by()
        .values("employee")
        .annotate(total=Sum("jp"))
        .values("total")
    )
    targets = [
        When(jenis_asn=value, then=Value(target))
        for value in JenisAsn.values
        if (target := rules.yearly_target(value, pppk_target=pppk_target())) is not None
    ]
    return employees.annotate(
        jp=Coalesce(Subquery(attended), 0) + Coalesce(Subquery(own), 0),
        jp_target=Case(*targets, default=Value(None), output_field=IntegerField()),
    )


def jp_row(employee: Employee) -> JpRow:
    """The row of an employee annotated by ``with_jp``."""
    return JpRow(employee, employee.jp, employee.jp_target)  # type: ignore[attr-defined]


@dataclass
class JpUnitTotal:
    """Per unit (the employees' own unit): people, how many below target, JP in total."""

    unit_id: int | None
    people: int
    below: int
    jp: int


def jp_unit_totals(annotated: EmployeeQuerySet) -> list[JpUnitTotal]:
    """Sum the rows of ``with_jp`` per unit in one query, in the order of the units' paths."""
    rows = (
        annotated.order_by()
        .values("unit", "unit__path")
        .annotate(
            people=Count("pk"),
            below=Count("pk", filter=BELOW_TARGET),
            total=Sum("jp"),
        )
        .order_by("unit__path")
    )
    return [JpUnitTotal(r["unit"], r["people"], r["below"], r["total"] or 0) for r in rows]


@dataclass
class GapRow:
    competency: str
    kind: str
    required: int
    current: int | None
    assessed_on: dt.date | None
    source: str = ""

    @property
    def gap(self) -> int:
        return rules.gap(self.required, self.current)


@dataclass
class LevelSeen:
    level: int
    date: dt.date
    source: str


def current_levels(employee: Employee) -> dict[str, LevelSeen]:
    """The latest known level per competency: own assessments and planning's Format B.1.9."""
    seen: dict[str, LevelSeen] = {}
    for a in CompetencyAssessment.objects.filter(employee=employee).order_by("date", "pk"):
        seen[a.competency] = LevelSeen(a.level, a.date, a.get_source_display())
    evaluations = CompetencyEvaluation.objects.filter(
        session__plan__employee=employee
    ).select_related("session")
    linked = set(
        CompetencyAssessment.objects.filter(
            employee=employee, coaching_evaluation__isnull=False
        ).values_list("coaching_evaluation_id", flat=True)
    )
    for ev in evaluations.order_by("session__date", "pk"):
        if ev.pk in linked:
            continue
        known = seen.get(ev.competency)
        if known is None or known.date <= ev.session.date:
            seen[ev.competency] = LevelSeen(
                ev.score, ev.session.date, str(AssessmentSource.COACHING.label)
            )
    return seen


def gap_rows(employee: Employee) -> list[GapRow]:
    """Required vs current level for the employee's jabatan, biggest gaps first."""
    if employee.position_id is None:
        return []
    levels = current_levels(employee)
    rows = []
    for req in RequiredCompetency.objects.filter(position_id=employee.position_id):
        known = levels.get(req.competency)
        rows.append(
            GapRow(
                competency=req.competency,
                kind=req.kind,
                required=req.level,
                current=known.level if known else None,
                assessed_on=known.date if known else None,
                source=known.source if known else "",
            )
        )
    return sorted(rows, key=lambda r: (-r.gap, r.competency))


@dataclass
class Recommendation:
    predicate: str
    notes: str
    period: str

    @property
    def text(self) -> str:
        joined = f"{self.predicate} ({self.period}): {self.notes}" if self.notes else ""
        return joined[:255]


def latest_recommendation(employee: Employee) -> Recommendation | None:
    """The predikat and Catatan/Rekomendasi of the employee's latest final evaluation, if any."""
    latest = (
        Evaluation.objects.filter(employee=employee, status="final")
        .select_related("period")
        .order_by("-period__end_date", "-pk")
        .first()
    )
    if latest is None:
        return None
    return Recommendation(
        predicate=str(latest.get_predicate_display()),
        notes=latest.notes,
        period=latest.period.name,
    )


def biggest_gaps(employees: list[Employee]) -> dict[int, list[GapRow]]:
    """Positive gaps per employee, biggest first, from their own and their penilai's assessments.

    Two queries whatever the number of employees (Format B.1.9 is shown on the person's page).
    """
    by_position: dict[int, list[RequiredCompetency]] = {}
    for req in RequiredCompetency.objects.filter(
        position_id__in={e.position_id for e in employees if e.position_id}
    ):
        by_position.setdefault(req.position_id, []).append(req)
    levels: dict[int, dict[str, CompetencyAssessment]] = {}
    for a in CompetencyAssessment.objects.filter(
        employee_id__in=[e.pk for e in employees]
    ).order_by("date", "pk"):
        levels.setdefault(a.employee_id, {})[a.competency] = a
    result: dict[int, list[GapRow]] = {}
    for e in employees:
        rows = []
        for req in by_position.get(e.position_id or 0, []):
            known = levels.get(e.pk, {}).get(req.competency)
            row = GapRow(
                competency=req.competency,
                kind=req.kind,
                required=req.level,
                current=known.level if known else None,
                assessed_on=known.date if known else None,
            )
            if row.gap > 0:
                rows.append(row)
        result[e.pk] = sorted(rows, key=lambda r: (-r.gap, r.competency))
    return result


@dataclass
class EventStats:
    invited: int = 0
    attended: int = 0
    reactions: int = 0
    relevance: float | None = None
    usefulness: float | None = None
    would_apply: float | None = None
    follow_ups: int = 0
    improvement: float | None = None
    scores: dict[str, list[int]] = field(default_factory=dict)


def event_stats(events: list[TrainingEvent]) -> dict[int, EventStats]:
    """Attendance, reaction averages and follow-up averages per event (two queries)."""
    stats = {e.pk: EventStats() for e in events}
    rows = (
        Participant.objects.filter(event_id__in=list(stats))
        .exclude(status__in=[ParticipantStatus.CANCELLED, ParticipantStatus.WAITING])
        .values(
            "event_id",
            "attended",
            "reaction__relevance",
            "reaction__usefulness",
            "reaction__would_apply",
            "follow_up__score",
        )
    )
    for row in rows:
        s = stats[row["event_id"]]
        s.invited += 1
        s.attended += int(row["attended"])
        answers = {
            "relevance": row["reaction__relevance"],
            "usefulness": row["reaction__usefulness"],
            "would_apply": row["reaction__would_apply"],
        }
        for key, value in answers.items():
            if value is not None:
                s.scores.setdefault(key, []).append(value)
        if row["follow_up__score"] is not None:
            s.scores.setdefault("improvement", []).append(row["follow_up__score"])
    for s in stats.values():
        s.reactions = len(s.scores.get("relevance", []))
        s.follow_ups = len(s.scores.get("improvement", []))
        s.relevance = rules.average(s.scores.get("relevance", []))
        s.usefulness = rules.average(s.scores.get("usefulness", []))
        s.would_apply = rules.average(s.scores.get("would_apply", []))
        s.improvement = rules.average(s.scores.get("improvement", []))
    return stats


@dataclass
class JenisStats:
    jenis_diklat: int
    name: str
    events: int = 0
    jp_delivered: int = 0
    scores: dict[str, list[int]] = field(default_factory=dict)

    def avg(self, key: str) -> float | None:
        return rules.average(self.scores.get(key, []))

    @property
    def relevance(self) -> float | None:
        return self.avg("relevance")

    @property
    def usefulness(self) -> float | None:
        return self.avg("usefulness")

    @property
    def would_apply(self) -> float | None:
        return self.avg("would_apply")

    @property
    def improvement(self) -> float | None:
        return self.avg("improvement")


def jenis_stats(events: list[TrainingEvent], stats: dict[int, EventStats]) -> list[JenisStats]:
    """Per jenis diklat: events, JP delivered (JP × attendees) and the averages of answers."""
    result: dict[int, JenisStats] = {}
    for event in events:
        row = result.setdefault(
            event.jenis_diklat,
            JenisStats(event.jenis_diklat, rules.JENIS_DIKLAT[event.jenis_diklat]),
        )
        s = stats[event.pk]
        row.events += 1
        row.jp_delivered += event.jp * s.attended
        for key, values in s.scores.items():
            row.scores.setdefault(key, []).extend(values)
    return sorted(result.values(), key=lambda r: r.jenis_diklat)


def audience_by_competency(
    employees: EmployeeQuerySet, *, competency: str, year: int, today: dt.date
) -> list[Employee]:
    """Employees whose IDP of the year has a line on ``competency``, or whose improvement
    areas (improve.py) name it; the latter are read for at most IMPROVE_SCAN employees."""
    from sikap.development.improve import improvement_signals

    wanted = competency.strip().casefold()
    from_idp = set(
        PlanItem.objects.filter(
            plan__year=year, plan__employee__in=employees, competency__iexact=competency.strip()
        ).values_list("plan__employee_id", flat=True)
    )
    chosen = list(employees.filter(pk__in=from_idp))
    # The service signals cost eight queries an employee: bounded, as every page is.
    for employee in employees.exclude(pk__in=from_idp).select_related("unit")[:IMPROVE_SCAN]:
        areas = improvement_signals(employee, year, today).areas
        if any(a.competency.casefold() == wanted for a in areas):
            chosen.append(employee)
    return chosen


def waiting_position(participant: Participant) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if participant.status != ParticipantStatus.WAITING:
        return None
    ahead = participant.event.participants.filter(status=ParticipantStatus.WAITING).filter(
        Q(registered_at__lt=participant.registered_at)
        | Q(registered_at=participant.registered_at, pk__lt=participant.pk)
    )
    return ahead.count() + 1


@dataclass(frozen=True)
class CertificateCheck:
    """What the public verification page shows: no NIP, no unit, no scores."""

    name: str
    event: str
    days: str
    jp: int
    valid: bool


def verify_certificate(code: str) -> CertificateCheck | None:
    """The public facts of the certificate with this code; None when no certificate has it."""
    if not code:
        return None
    participant = (
        Participant.objects.select_related("employee", "event")
        .filter(certificate_code=code)
        .first()
    )
    if participant is None:
        return None
    return CertificateCheck(
        name=participant.employee.display_name,
        event=participant.event.name,
        days=event_days(participant.event),
        jp=participant.event.jp,
        valid=participant.attended and participant.status != ParticipantStatus.CANCELLED,
    )
