"""Changes of state in competency development; views, API, admin and demo all call these.

The reads (targets, totals, gaps, statistics, certificate checks) are in ``selectors``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import secrets
from functools import partial
from typing import IO, Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.models import User
from sikap.development import notices, rules
from sikap.development.models import (
    ActivityStatus,
    AssessmentSource,
    CompetencyAssessment,
    DevelopmentPlan,
    FollowUp,
    ItemStatus,
    OwnActivity,
    Participant,
    ParticipantStatus,
    PlanItem,
    PlanStatus,
    ReactionSurvey,
    RequiredCompetency,
    TrainingEvent,
)
from sikap.development.selectors import follow_up_days
from sikap.development.work import offer_attendance
from sikap.lib.audit import stamp
from sikap.lib.formatting import long_date
from sikap.lib.locking import lock, locked
from sikap.lib.uploads import SPREADSHEET_TYPES, check_upload
from sikap.lib.xlsx import WorkbookRefused, read_rows
from sikap.org.access import employee_of
from sikap.org.models import Employee, Position, Unit
from sikap.planning.services.common import Notice, notify

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
    *,
    employee: Employee,
    competency: str,
    level: int,
    date: dt.date,
    source: str,
    note: str = "",
    by: User | None,
    coaching_evaluation: Any = None,
) -> CompetencyAssessment:
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
        employee=employee,
        competency=competency.strip(),
        level=level,
        date=date,
        source=source,
        note=note,
        recorded_by=by,
        coaching_evaluation=coaching_evaluation,
    )
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
    *,
    name: str,
    jenis_diklat: int,
    organiser: str,
    start_date: dt.date,
    end_date: dt.date,
    unit: Unit,
    by: User | None,
    jp: int | None = None,
    duration_minutes: int | None = None,
    location: str = "",
    registration_open: bool = False,
    capacity: int | None = None,
    check_in_opens: dt.time | None = None,
    check_in_closes: dt.time | None = None,
) -> TrainingEvent:
    """Create a training event; JP is given or computed from the duration (45 minutes a JP)."""
    rules.jenis_diklat_name(jenis_diklat)
    _check_dates(start_date, end_date)
    if check_in_opens and check_in_closes and check_in_closes <= check_in_opens:
        raise ValidationError(
            {
                "check_in_closes": ValidationError(
                    _("The check-in must close after it opens."), code="check_in_order"
                )
            }
        )
    event = TrainingEvent(
        name=name,
        jenis_diklat=jenis_diklat,
        organiser=organiser,
        start_date=start_date,
        end_date=end_date,
        duration_minutes=duration_minutes,
        jp=_resolve_jp(jp, duration_minutes),
        location=location,
        unit=unit,
        created_by=by,
        registration_open=registration_open,
        capacity=capacity or None,
        check_in_opens=check_in_opens,
        check_in_closes=check_in_closes,
    )
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
    *,
    participant: Participant,
    relevance: int,
    usefulness: int,
    would_apply: int,
    comment: str = "",
    today: dt.date,
    by: User | None,
) -> ReactionSurvey:
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
        ("relevance", relevance),
        ("usefulness", usefulness),
        ("would_apply", would_apply),
    ):
        if value not in range(1, 6):
            raise ValidationError(
                {key: ValidationError(_("The score must be 1 to 5."), code="score_out_of_range")}
            )
    return ReactionSurvey.objects.create(
        participant=participant,
        relevance=relevance,
        usefulness=usefulness,
        would_apply=would_apply,
        comment=comment,
    )


@transaction.atomic
def record_follow_up(
    *,
    participant: Participant,
    score: int,
    note: str,
    today: dt.date,
    by: User | None,
) -> FollowUp:
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
    item = FollowUp(participant=participant, score=score, note=note, by=employee_of(by))
    stamp(item, by)
    item.save()
    return item


@transaction.atomic
def report_activity(
    *,
    employee: Employee,
    name: str,
    jenis_diklat: int,
    organiser: str,
    start_date: dt.date,
    end_date: dt.date,
    jp: int | None = None,
    duration_minutes: int | None = None,
    certificate_number: str = "",
    upload: UploadedFile | None = None,
    by: User | None,
) -> OwnActivity:
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
        employee=employee,
        name=name,
        jenis_diklat=jenis_diklat,
        organiser=organiser,
        start_date=start_date,
        end_date=end_date,
        jp=_resolve_jp(jp, duration_minutes),
        certificate_number=certificate_number.strip(),
    )
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
    *,
    plan: DevelopmentPlan,
    competency: str,
    jenis_diklat: int,
    target_jp: int,
    schedule: str = "",
    current_level: int | None = None,
    required_level: int | None = None,
    recommendation: str = "",
    by: User | None,
) -> PlanItem:
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
        plan=plan,
        competency=competency.strip(),
        jenis_diklat=jenis_diklat,
        target_jp=target_jp,
        schedule=schedule,
        current_level=current_level,
        required_level=required_level,
        recommendation=recommendation,
    )
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
def agree_plan(*, plan: DevelopmentPlan, by: User | None) -> DevelopmentPlan:
    """The pejabat penilai agrees the IDP."""
    lock(plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("The IDP has already been approved."), code="idp_approved")
    if not plan.items.exists():
        raise ValidationError(_("The IDP has no development plan yet."), code="idp_empty")
    plan.status = PlanStatus.AGREED
    plan.agreed_by = employee_of(by)
    plan.agreed_at = timezone.now()
    stamp(plan, by)
    plan.save(update_fields=["status", "agreed_by", "agreed_at"])
    return plan


# Invitations, self-registration and the waiting list (daftar tunggu) ---------------------------


def _notify_after_commit(employee: Employee, *, notice: Notice, url: str) -> None:
    user = employee.user
    if user is None:
        return
    transaction.on_commit(lambda: notify(user=user, notice=notice, url=url))


def _event_url(event: TrainingEvent) -> str:
    return reverse("development:event", args=[event.pk])


@transaction.atomic
def invite_to_event(*, event: TrainingEvent, employees: list[Employee], by: User | None) -> int:
    """Invite employees (they register themselves); each new invitee is notified after commit."""
    rows = {p.employee_id: p for p in event.participants.all()}
    invited: list[Employee] = []
    for employee in {e.pk: e for e in employees}.values():
        row = rows.get(employee.pk)
        if row is None:
            row = Participant(event=event, employee=employee, status=ParticipantStatus.INVITED)
        elif row.status == ParticipantStatus.CANCELLED:
            row.status = ParticipantStatus.INVITED
        else:
            continue
        stamp(row, by)
        row.save()
        invited.append(employee)
    for employee in invited:
        _notify_after_commit(
            employee,
            notice=partial(notices.invited, event),
            url=_event_url(event),
        )
    return len(invited)


def _registration_closed(event: TrainingEvent, today: dt.date) -> bool:
    return event.end_date < today


@transaction.atomic
def register_for_event(
    *, event: TrainingEvent, employee: Employee, by: User | None, now: dt.datetime | None = None
) -> Participant:
    """Register an employee (a seat, or the end of the waiting list); one registration each."""
    now = now or timezone.now()
    lock(event)  # registrations of one event queue here: the capacity is never overrun
    row = Participant.objects.filter(event=event, employee=employee).first()
    if row is not None and row.status in (ParticipantStatus.REGISTERED, ParticipantStatus.WAITING):
        raise ValidationError(
            _("You are already registered for this event."), code="already_registered"
        )
    invited = row is not None and row.status == ParticipantStatus.INVITED
    if not (event.registration_open or invited):
        raise ValidationError(_("This event is not open for registration."), code="not_open")
    if _registration_closed(event, timezone.localdate(now)):
        raise ValidationError(_("This event has ended."), code="ended")
    taken = event.participants.filter(status=ParticipantStatus.REGISTERED).count()
    status = (
        ParticipantStatus.REGISTERED
        if rules.seat_free(event.capacity, taken)
        else ParticipantStatus.WAITING
    )
    if row is None:
        row = Participant(event=event, employee=employee)
    row.status, row.registered_at = status, now
    stamp(row, by)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:  # pragma: no cover - a second tab registered in the same instant
        raise ValidationError(
            _("You are already registered for this event."), code="already_registered"
        ) from exc
    return row


@transaction.atomic
def cancel_registration(*, participant: Participant, by: User | None) -> Participant | None:
    """Cancel a registration; a freed seat goes to the first on the waiting list (returned)."""
    lock(participant.event)
    lock(participant)
    if participant.status not in (ParticipantStatus.REGISTERED, ParticipantStatus.WAITING):
        raise ValidationError(_("There is no registration to cancel."), code="not_registered")
    if participant.attended:
        raise ValidationError(
            _("You have already attended; the registration cannot be cancelled."),
            code="already_attended",
        )
    had_seat = participant.status == ParticipantStatus.REGISTERED
    participant.status = ParticipantStatus.CANCELLED
    stamp(participant, by)
    participant.save(update_fields=["status"])
    if not had_seat:
        return None
    event = participant.event
    taken = event.participants.filter(status=ParticipantStatus.REGISTERED).count()
    if not rules.seat_free(event.capacity, taken):
        return None
    first = (
        event.participants.filter(status=ParticipantStatus.WAITING)
        .select_related("employee__user")
        .order_by("registered_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = ParticipantStatus.REGISTERED
    stamp(first, by)
    first.save(update_fields=["status"])
    _notify_after_commit(
        first.employee,
        notice=partial(notices.seat_freed, event),
        url=_event_url(event),
    )
    return first


# Check-in by QR ----------------------------------------------------------------------------------

CHECK_IN_SALT = "sikap.development.check-in"


class _WindowSigner(signing.TimestampSigner):
    """Signs as if at the opening of the check-in: the same QR for the whole window, and
    ``max_age`` = the window's length makes it expire when the check-in closes."""

    def __init__(self, *, at: int) -> None:
        super().__init__(salt=CHECK_IN_SALT)
        self._at = at

    def timestamp(self) -> str:
        return signing.b62_encode(self._at)


def check_in_window(event: TrainingEvent) -> tuple[dt.datetime, dt.datetime]:
    """The first and last moment (aware, local time zone) of the event's check-in."""
    first, last = rules.check_in_window(
        start=event.start_date,
        end=event.end_date,
        opens=event.check_in_opens,
        closes=event.check_in_closes,
    )
    zone = timezone.get_current_timezone()
    return timezone.make_aware(first, zone), timezone.make_aware(last, zone)


def check_in_token(event: TrainingEvent) -> str:
    """The signed token of the event's check-in URL (valid during its check-in window)."""
    first, _last = check_in_window(event)
    return _WindowSigner(at=int(first.timestamp())).sign(str(event.pk))


def read_check_in_token(token: str, *, now: dt.datetime | None = None) -> TrainingEvent:
    """The event of a check-in token; ValidationError if forged, expired or rescheduled."""
    invalid = ValidationError(
        _("This check-in code is not valid. Scan the QR code shown by the organiser again."),
        code="bad_token",
    )
    expired = ValidationError(_("The check-in of this event has closed."), code="expired_token")
    try:
        _value, stamp_part, _sig = token.rsplit(":", 2)
        at = signing.b62_decode(stamp_part)
        value = _WindowSigner(at=at).unsign(token)  # the signature first: forged → BadSignature
        event = TrainingEvent.objects.filter(pk=int(value)).select_related("unit").first()
    except (ValueError, signing.BadSignature) as exc:
        raise invalid from exc
    if event is None:
        raise invalid
    first, last = check_in_window(event)
    if at != int(first.timestamp()):
        raise ValidationError(
            _("The schedule of this event changed; scan the new QR code."), code="old_token"
        )
    try:
        # The token was "signed" at the opening: it expires the moment the check-in closes.
        _WindowSigner(at=at).unsign(token, max_age=last - first)
    except signing.SignatureExpired as exc:
        raise expired from exc
    if (now or timezone.now()) > last:
        raise expired
    return event


@transaction.atomic
def check_in(
    *, event: TrainingEvent, employee: Employee, by: User | None, now: dt.datetime | None = None
) -> Participant:
    """Mark a registered participant present, once: a second check-in changes nothing."""
    now = now or timezone.now()
    participant = (
        Participant.objects.select_for_update(of=("self",))
        .select_related("event", "employee")
        .filter(event=event, employee=employee)
        .first()
    )
    if participant is None or participant.status != ParticipantStatus.REGISTERED:
        raise ValidationError(
            _("You are not registered for this event, so you cannot check in."),
            code="not_registered",
        )
    if participant.checked_in_at is not None:
        return participant
    state = rules.check_in_state(
        timezone.localtime(now).replace(tzinfo=None),
        start=event.start_date,
        end=event.end_date,
        opens=event.check_in_opens,
        closes=event.check_in_closes,
    )
    if state == rules.CHECK_IN_NOT_YET:
        raise ValidationError(_("The check-in has not opened yet."), code="check_in_not_yet")
    if state == rules.CHECK_IN_CLOSED:
        raise ValidationError(_("The check-in is closed now."), code="check_in_closed")
    participant.attended = True
    participant.checked_in_at = now
    stamp(participant, by)
    participant.save(update_fields=["attended", "checked_in_at"])
    offer_attendance([participant])
    return participant


# Pre- and post-test scores --------------------------------------------------------------------


def _check_score(value: int | None, field_name: str) -> None:
    if not rules.score_valid(value):
        raise ValidationError(
            {field_name: ValidationError(_("A score is 0 to 100."), code="score_out_of_range")}
        )


@transaction.atomic
def record_scores(
    *, event: TrainingEvent, scores: dict[int, tuple[int | None, int | None]], by: User | None
) -> int:
    """Save the pre- and post-test scores of participants (by participant id); all or nothing."""
    rows = {p.pk: p for p in event.participants.select_for_update(of=("self",))}
    changed = 0
    for pk, (pre, post) in scores.items():
        participant = rows.get(pk)
        if participant is None:
            raise ValidationError(_("Unknown participant."), code="unknown_participant")
        _check_score(pre, "pre_test")
        _check_score(post, "post_test")
        if (participant.pre_test, participant.post_test) == (pre, post):
            continue
        participant.pre_test, participant.post_test = pre, post
        stamp(participant, by)
        participant.save(update_fields=["pre_test", "post_test"])
        changed += 1
    return changed


def _score_cell(raw: Any) -> int | None:
    if raw is None or str(raw).strip() == "":
        return None
    text = str(raw).strip().replace(",", ".")
    number = float(text)  # ValueError on text that is not a number
    if not number.is_integer():
        raise ValueError(text)
    return int(number)


def _table_rows(upload: UploadedFile | IO[bytes], name: str) -> list[list[Any]]:
    checked = check_upload(upload, allowed=SPREADSHEET_TYPES, name=name)
    upload.seek(0)
    data = upload.read()
    if checked.extension == "xlsx":
        try:
            return read_rows(data)
        except WorkbookRefused as exc:
            raise ValidationError(str(exc), code=exc.code) from exc
    text = data.decode("utf-8-sig", errors="replace")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


@transaction.atomic
def import_scores(
    *, event: TrainingEvent, upload: UploadedFile | IO[bytes], by: User | None, name: str = ""
) -> int:
    """Scores from a CSV or XLSX (NIP, pre, post; a header row first); every row is checked and
    nothing is saved if one is wrong: the error names the row and the column."""
    rows = _table_rows(upload, name or getattr(upload, "name", "") or "")
    by_nip = {
        p.employee.nip: p for p in event.participants.select_related("employee") if p.employee.nip
    }
    errors: list[ValidationError] = []
    scores: dict[int, tuple[int | None, int | None]] = {}

    def error(line: int, column: str, message: str, code: str) -> None:
        errors.append(
            ValidationError(
                _("Row %(row)d, column %(column)s: %(message)s")
                % {"row": line, "column": column, "message": message},
                code=code,
            )
        )

    for line, raw in enumerate(rows[1:], start=2):
        cells = [*(raw or []), None, None, None][:3]
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        nip = str(cells[0] or "").strip().replace(" ", "")
        participant = by_nip.get(nip)
        if not nip:
            error(line, "NIP", _("empty."), "nip_empty")
        elif participant is None:
            error(
                line,
                "NIP",
                _("%(nip)s is not a participant of this event.") % {"nip": nip},
                "nip_unknown",
            )
        values: list[int | None] = []
        for column, cell in (("pre", cells[1]), ("post", cells[2])):
            try:
                value = _score_cell(cell)
            except ValueError:
                error(
                    line,
                    column,
                    _("%(value)s is not a whole number.") % {"value": cell},
                    "score_not_number",
                )
                value = None
            else:
                if not rules.score_valid(value):
                    error(
                        line,
                        column,
                        _("%(value)s is not from 0 to 100.") % {"value": value},
                        "score_out_of_range",
                    )
            values.append(value)
        if participant is not None:
            if participant.pk in scores:
                error(line, "NIP", _("%(nip)s appears twice.") % {"nip": nip}, "nip_twice")
            scores[participant.pk] = (values[0], values[1])
    if errors:
        raise ValidationError(errors)
    if not scores:
        raise ValidationError(_("The file has no rows of scores."), code="no_rows")
    return record_scores(event=event, scores=scores, by=by)


# Certificates issued by SIKAP ----------------------------------------------------------------


@transaction.atomic
def issue_certificate(*, participant: Participant, by: User | None) -> Participant:
    """Give an attendee's certificate its unguessable verification code (once)."""
    lock(participant)
    if not participant.attended:
        raise ValidationError(
            _("A certificate is only issued to participants who attended."), code="not_attended"
        )
    if not participant.certificate_code:
        participant.certificate_code = secrets.token_urlsafe(16)
        stamp(participant, by)
        participant.save(update_fields=["certificate_code"])
    return participant
