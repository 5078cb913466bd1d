"""Changes of state in competency development; views, API, admin and demo all call these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.models import User
from sikap.development import rules
from sikap.development.models import (
    ActivityStatus,
    AssessmentSource,
    CompetencyAssessment,
    DevelopmentPlan,
    FollowUp,
    ItemStatus,
    OwnActivity,
    Participant,
    PlanItem,
    PlanStatus,
    ReactionSurvey,
    RequiredCompetency,
    TrainingEvent,
)
from sikap.development.work import offer_attendance
from sikap.evaluation.models import Evaluation
from sikap.lib.audit import stamp
from sikap.lib.formatting import long_date
from sikap.lib.locking import lock, locked
from sikap.lib.uploads import check_upload
from sikap.org.models import Employee, Position, Unit
from sikap.planning.models import CompetencyEvaluation


def pppk_target() -> int:
    """The configured yearly JP target for PPPK (UNCONFIRMED; default 20, capped at 24)."""
    return int(getattr(settings, "DEVELOPMENT_PPPK_TARGET_JP", rules.PPPK_DEFAULT_TARGET_JP))


def follow_up_days() -> int:
    """Days after an event before the supervisor's follow-up evaluation is due."""
    return int(getattr(settings, "DEVELOPMENT_FOLLOW_UP_DAYS", rules.DEFAULT_FOLLOW_UP_DAYS))


def target_for(employee: Employee) -> int | None:
    """The yearly JP target of an employee."""
    return rules.yearly_target(employee.jenis_asn, pppk_target=pppk_target())


# Reads -------------------------------------------------------------------------------------


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
        predicate=str(latest.get_predicate_display()), notes=latest.notes,
        period=latest.period.name,
    )  # fmt: skip


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
                competency=req.competency, kind=req.kind, required=req.level,
                current=known.level if known else None,
                assessed_on=known.date if known else None,
            )  # fmt: skip
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
    rows = Participant.objects.filter(event_id__in=list(stats)).values(
        "event_id",
        "attended",
        "reaction__relevance",
        "reaction__usefulness",
        "reaction__would_apply",
        "follow_up__score",
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
    scores: dict[str, list[float]] = field(default_factory=dict)

    def avg(self, key: str) -> float | None:
        return rules.average(self.scores.get(key, []))  # type: ignore[arg-type]

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


# Reference data ----------------------------------------------------------------------------


@transaction.atomic
def set_required_competency(
    *, position: Position, competency: str, level: int, by: User | None
) -> RequiredCompetency:
    """Set (or change) the level a jabatan requires for a competency."""
    competency = competency.strip()
    if not competency:
        raise ValidationError(
            {
                "competency": ValidationError(
                    _("The competency name is required."), code="competency_required"
                )
            }
        )
    if level not in rules.LEVELS:
        raise ValidationError(
            {"level": ValidationError(_("The level must be 1 to 5."), code="level_out_of_range")}
        )
    item = RequiredCompetency.objects.filter(position=position, competency=competency).first()
    if item is None:
        item = RequiredCompetency(position=position, competency=competency)
    item.level = level
    stamp(item, by)
    item.save()
    return item


@transaction.atomic
def apply_default_levels(*, positions: list[Position], by: User | None) -> int:
    """Fill the missing manajerial and sosial kultural levels from the defaults per jenis jabatan.

    The defaults are demo data (UNCONFIRMED); existing levels are never changed. Returns how many
    levels were added.
    """
    existing = set(
        RequiredCompetency.objects.filter(position__in=positions).values_list(
            "position_id", "competency"
        )
    )
    new = [
        RequiredCompetency(position=pos, competency=name, level=level)
        for pos in positions
        if (level := rules.DEFAULT_REQUIRED_LEVEL.get(pos.jenis, 1))
        for name in rules.COMPETENCIES
        if (pos.pk, name) not in existing
    ]
    RequiredCompetency.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def record_assessment(
    *, employee: Employee, competency: str, level: int, date: dt.date, source: str,
    note: str = "", by: User | None, coaching_evaluation: Any = None,
) -> CompetencyAssessment:  # fmt: skip
    """Record the current level of an employee in a competency."""
    if level not in rules.LEVELS:
        raise ValidationError(
            {"level": ValidationError(_("The level must be 1 to 5."), code="level_out_of_range")}
        )
    if not competency.strip():
        raise ValidationError(
            {
                "competency": ValidationError(
                    _("The competency name is required."), code="competency_required"
                )
            }
        )
    if source not in AssessmentSource.values:
        raise ValidationError(
            {"source": ValidationError(_("Unknown assessment source."), code="unknown_source")}
        )
    item = CompetencyAssessment(
        employee=employee, competency=competency.strip(), level=level, date=date,
        source=source, note=note, recorded_by=by, coaching_evaluation=coaching_evaluation,
    )  # fmt: skip
    stamp(item, by)
    item.save()
    return item


# Training events ---------------------------------------------------------------------------


def _check_dates(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(
            {
                "end_date": ValidationError(
                    _("The end date cannot be before the start date."), code="end_before_start"
                )
            }
        )


def _resolve_jp(jp: int | None, minutes: int | None) -> int:
    if jp is None and minutes is None:
        raise ValidationError(
            {
                "jp": ValidationError(
                    _("Enter the JP or the duration in minutes."), code="jp_required"
                )
            }
        )
    if jp is None:
        assert minutes is not None
        jp = rules.jp_from_minutes(minutes)
    if jp <= 0:
        raise ValidationError(
            {
                "jp": ValidationError(
                    _("JP must be more than zero (1 JP = 45 minutes)."), code="jp_not_positive"
                )
            }
        )
    return jp


@transaction.atomic
def create_event(
    *, name: str, jenis_diklat: int, organiser: str, start_date: dt.date, end_date: dt.date,
    unit: Unit, by: User | None, jp: int | None = None, duration_minutes: int | None = None,
    location: str = "",
) -> TrainingEvent:  # fmt: skip
    """Create a training event; JP is given or computed from the duration (45 minutes a JP)."""
    rules.jenis_diklat_name(jenis_diklat)
    _check_dates(start_date, end_date)
    event = TrainingEvent(
        name=name, jenis_diklat=jenis_diklat, organiser=organiser, start_date=start_date,
        end_date=end_date, duration_minutes=duration_minutes,
        jp=_resolve_jp(jp, duration_minutes), location=location, unit=unit, created_by=by,
    )  # fmt: skip
    stamp(event, by)
    event.save()
    return event


@transaction.atomic
def add_participants(
    *, event: TrainingEvent, employees: list[Employee], by: User | None, attended: bool = False
) -> int:
    """Invite employees to an event; those already invited are skipped. Returns how many new."""
    existing = set(event.participants.values_list("employee_id", flat=True))
    new = [
        Participant(event=event, employee=e, attended=attended)
        for e in employees
        if e.pk not in existing
    ]
    Participant.objects.bulk_create(new)
    if attended and new:
        offer_attendance(
            event.participants.select_related("event", "employee").filter(
                employee__in=[p.employee for p in new]
            )
        )
    return len(new)


@transaction.atomic
def set_attendance(*, participant: Participant, attended: bool, by: User | None) -> Participant:
    """Mark whether the participant attended."""
    lock(participant)
    if participant.attended != attended and not attended and hasattr(participant, "reaction"):
        raise ValidationError(
            {
                "attended": ValidationError(
                    _("The participant has already filled in the reaction survey."),
                    code="reaction_done",
                )
            }
        )
    participant.attended = attended
    stamp(participant, by)
    participant.save(update_fields=["attended"])
    offer_attendance([participant])
    return participant


def _store_certificate(target: Any, upload: UploadedFile | IO[bytes] | None) -> None:
    if upload is None:
        return
    checked = check_upload(upload, name=getattr(upload, "name", "") or "")
    target.certificate.save(checked.stored_name, checked.file(upload), save=False)


@transaction.atomic
def set_certificate(
    *, participant: Participant, number: str, upload: UploadedFile | None, by: User | None
) -> Participant:
    """Record a participant's certificate number and/or file."""
    participant.certificate_number = number.strip()
    _store_certificate(participant, upload)
    stamp(participant, by)
    participant.save()
    return participant


@transaction.atomic
def submit_reaction(
    *, participant: Participant, relevance: int, usefulness: int, would_apply: int,
    comment: str = "", today: dt.date, by: User | None,
) -> ReactionSurvey:  # fmt: skip
    """The participant's reaction survey, once, after attending an event that has started."""
    lock(participant)
    if not participant.attended:
        raise ValidationError(
            _("The survey is only for participants who attended."), code="not_attended"
        )
    if participant.event.start_date > today:
        raise ValidationError(_("The activity has not started yet."), code="not_started")
    if ReactionSurvey.objects.filter(participant=participant).exists():
        raise ValidationError(
            _("The reaction survey has already been filled in."), code="reaction_done"
        )
    for key, value in (
        ("relevance", relevance), ("usefulness", usefulness), ("would_apply", would_apply),
    ):  # fmt: skip
        if value not in range(1, 6):
            raise ValidationError(
                {key: ValidationError(_("The score must be 1 to 5."), code="score_out_of_range")}
            )
    return ReactionSurvey.objects.create(
        participant=participant, relevance=relevance, usefulness=usefulness,
        would_apply=would_apply, comment=comment,
    )  # fmt: skip


@transaction.atomic
def record_follow_up(
    *, participant: Participant, score: int, note: str, today: dt.date, by: Employee,
    user: User | None = None,
) -> FollowUp:  # fmt: skip
    """The supervisor's judgement of whether behaviour or results improved after the event."""
    lock(participant)
    due = rules.follow_up_due_on(participant.event.end_date, days=follow_up_days())
    if today < due:
        raise ValidationError(
            _("The follow-up evaluation can be filled in from %(date)s."),
            code="follow_up_too_early",
            params={"date": long_date(due)},
        )
    if not participant.attended:
        raise ValidationError(
            _("The participant did not attend this activity."), code="not_attended"
        )
    if FollowUp.objects.filter(participant=participant).exists():
        raise ValidationError(
            _("The follow-up evaluation has already been filled in."), code="follow_up_done"
        )
    if score not in range(1, 6):
        raise ValidationError(
            {"score": ValidationError(_("The score must be 1 to 5."), code="score_out_of_range")}
        )
    item = FollowUp(participant=participant, score=score, note=note, by=by)
    stamp(item, user)
    item.save()
    return item


@transaction.atomic
def report_activity(
    *, employee: Employee, name: str, jenis_diklat: int, organiser: str, start_date: dt.date,
    end_date: dt.date, jp: int | None = None, duration_minutes: int | None = None,
    certificate_number: str = "", upload: UploadedFile | None = None, by: User | None,
) -> OwnActivity:  # fmt: skip
    """An activity reported by the employee with its evidence; it counts once verified."""
    rules.jenis_diklat_name(jenis_diklat)
    _check_dates(start_date, end_date)
    if upload is None and not certificate_number.strip():
        raise ValidationError(
            {
                "certificate": ValidationError(
                    _("Attach the certificate or enter its number."), code="certificate_required"
                )
            }
        )
    activity = OwnActivity(
        employee=employee, name=name, jenis_diklat=jenis_diklat, organiser=organiser,
        start_date=start_date, end_date=end_date, jp=_resolve_jp(jp, duration_minutes),
        certificate_number=certificate_number.strip(),
    )  # fmt: skip
    _store_certificate(activity, upload)
    stamp(activity, by)
    activity.save()
    return activity


@transaction.atomic
def verify_activity(*, activity: OwnActivity, approve: bool, by: User | None) -> OwnActivity:
    """HR verifies (or rejects) a self-reported activity."""
    lock(activity)
    if activity.status != ActivityStatus.PENDING:
        raise ValidationError(
            _("This activity has already been verified."), code="verified_already"
        )
    activity.status = ActivityStatus.VERIFIED if approve else ActivityStatus.REJECTED
    activity.verified_by = by
    stamp(activity, by)
    activity.save(update_fields=["status", "verified_by"])
    return activity


# IDP -----------------------------------------------------------------------------------------


@transaction.atomic
def get_or_create_plan(*, employee: Employee, year: int, by: User | None) -> DevelopmentPlan:
    """The employee's IDP of the year, created empty as a draft when missing."""
    locked(Employee, employee.pk)
    plan = DevelopmentPlan.objects.filter(employee=employee, year=year).first()
    if plan is None:
        plan = DevelopmentPlan(employee=employee, year=year)
        stamp(plan, by)
        plan.save()
    return plan


@transaction.atomic
def add_plan_item(
    *, plan: DevelopmentPlan, competency: str, jenis_diklat: int, target_jp: int,
    schedule: str = "", current_level: int | None = None, required_level: int | None = None,
    recommendation: str = "", by: User | None,
) -> PlanItem:  # fmt: skip
    """Add a line to a draft IDP."""
    lock(plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("An approved IDP cannot be changed."), code="idp_approved")
    rules.jenis_diklat_name(jenis_diklat)
    if not competency.strip():
        raise ValidationError(
            {
                "competency": ValidationError(
                    _("The competency name is required."), code="competency_required"
                )
            }
        )
    item = PlanItem(
        plan=plan, competency=competency.strip(), jenis_diklat=jenis_diklat,
        target_jp=target_jp, schedule=schedule, current_level=current_level,
        required_level=required_level, recommendation=recommendation,
    )  # fmt: skip
    stamp(item, by)
    item.save()
    return item


@transaction.atomic
def set_item_status(*, item: PlanItem, status: str, by: User | None) -> PlanItem:
    """Record progress of an IDP line (planned, in progress, done)."""
    lock(item)
    if status not in ItemStatus.values:
        raise ValidationError(
            {"status": ValidationError(_("Unknown status."), code="unknown_status")}
        )
    item.status = status
    stamp(item, by)
    item.save(update_fields=["status"])
    return item


@transaction.atomic
def agree_plan(*, plan: DevelopmentPlan, by: Employee, user: User | None = None) -> DevelopmentPlan:
    """The pejabat penilai agrees the IDP."""
    lock(plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("The IDP has already been approved."), code="idp_approved")
    if not plan.items.exists():
        raise ValidationError(_("The IDP has no development plan yet."), code="idp_empty")
    plan.status = PlanStatus.AGREED
    plan.agreed_by = by
    plan.agreed_at = timezone.now()
    stamp(plan, user)
    plan.save(update_fields=["status", "agreed_by", "agreed_at"])
    return plan
