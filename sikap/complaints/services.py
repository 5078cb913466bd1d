"""Every change of a complaint's state; each records a ComplaintEvent (who, when, from, to).

Deadlines are counted in working days with ``sikap.lib.workdays`` over the Holiday table: the
start day never counts, and days on which the complaint waits for the citizen do not count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sikap.accounts.language import language_of
from sikap.accounts.models import User
from sikap.accounts.outbox import queue_email, site_link
from sikap.complaints import notices, rules
from sikap.complaints.models import (
    OPEN_STATUSES,
    REJECT_REASONS,
    Attachment,
    Category,
    Channel,
    Classification,
    CloseReason,
    Complaint,
    ComplaintClass,
    ComplaintEvent,
    ComplaintSettings,
    Holiday,
    HolidayKind,
    Pause,
    ResponseTemplate,
    SatisfactionRating,
    Status,
)
from sikap.complaints.work import offer_event
from sikap.lib.audit import stamp
from sikap.lib.formatting import long_date
from sikap.lib.holidays_id import suggest_national_holidays
from sikap.lib.locking import locked
from sikap.lib.uploads import check_upload
from sikap.lib.workdays import add_working_days, due_date_with_pauses, elapsed_working_days
from sikap.org.models import Employee, Unit, UnitKind, UnitQuerySet
from sikap.planning.services.common import notify

MAX_ATTACHMENTS = 3
Kind = ComplaintEvent.Kind


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def _moment(on: dt.date | None) -> dt.datetime:
    """Now, or (for back-dated demo data) nine o'clock on the given day."""
    if on is None or on == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(on, dt.time(9, 0)))


def _record(
    complaint: Complaint,
    kind: str,
    *,
    by: User | None,
    from_status: str = "",
    note: str = "",
    public: bool = False,
    citizen: bool = False,
    on: dt.date | None = None,
) -> ComplaintEvent:
    event = ComplaintEvent.objects.create(
        complaint=complaint,
        kind=kind,
        at=_moment(on),
        by=by,
        by_citizen=citizen,
        from_status=from_status,
        to_status=complaint.status,
        note=note,
        is_public=public,
    )
    offer_event(event)
    return event


def _lock(complaint: Complaint) -> Complaint:
    return locked(Complaint, complaint.pk, queryset=Complaint.objects.select_related("unit"))


def _require(
    complaint: Complaint, action: str, message: str, paused_message: str = "", *, code: str
) -> None:
    """Refuse an action the lifecycle table (``rules.TRANSITIONS``) does not allow now."""
    refused = rules.refusal(action, complaint.status, paused=complaint.is_paused)
    if refused == "status":
        raise ValidationError(message, code=code)
    if refused is not None:
        raise ValidationError(paused_message, code="paused")


def _move(complaint: Complaint, action: str) -> str:
    """Set the status the table gives after the action; return the status before it."""
    previous = complaint.status
    complaint.status = rules.next_status(action, previous)
    return previous


def _pauses(complaint: Complaint) -> list[tuple[dt.date, dt.date | None]]:
    return [(p.started_on, p.ended_on) for p in complaint.pauses.all()]


def _notify_citizen(complaint: Complaint, what: Callable[[], str]) -> None:
    """E-mail the reporter (when they left an address) a link to the status page."""
    if not complaint.reporter_email:
        return
    url = site_link(reverse("complaints:status", args=[complaint.tracking_code]))
    with translation.override(language_of(None)):
        subject, body = notices.citizen_email(complaint, what(), url)
    queue_email(to=complaint.reporter_email, subject=subject, body=body)


def _save(complaint: Complaint, by: User | None) -> None:
    stamp(complaint, by)
    complaint.save()


def compute_deadlines(
    complaint: Complaint,
    *,
    config: ComplaintSettings,
    holidays: Collection[dt.date],
    pauses: Sequence[tuple[dt.date, dt.date | None]],
) -> None:
    """Set the due dates of every step and the current deadline (``due_on``) on the instance."""
    c = complaint
    c.verification_due = due_date_with_pauses(
        c.registered_on, config.verification_days, pauses, holidays
    )
    if c.clock_start is not None:
        c.follow_up_due = due_date_with_pauses(
            c.clock_start, config.follow_up_days, pauses, holidays
        )
        c.resolution_due = due_date_with_pauses(
            c.clock_start,
            config.resolution_days(c.complaint_class) + c.extension_days,
            pauses,
            holidays,
        )
    else:
        c.follow_up_due = c.resolution_due = None
    if c.status == Status.ANSWERED and c.answered_on is not None:
        c.confirmation_due = add_working_days(
            c.answered_on, config.confirmation_timeout_days, holidays
        )
    else:
        c.confirmation_due = None
    if c.status == Status.REGISTERED:
        c.due_on = c.verification_due
    elif c.status in (Status.VERIFIED, Status.ASSIGNED):
        dues = [c.follow_up_due, c.resolution_due]
        c.due_on = None if None in dues else min(d for d in dues if d is not None)
    elif c.status == Status.IN_PROGRESS:
        c.due_on = c.resolution_due
    else:
        c.due_on = None


def _refresh(complaint: Complaint) -> None:
    compute_deadlines(
        complaint,
        config=ComplaintSettings.for_unit(complaint.unit),
        holidays=Holiday.dates(),
        pauses=_pauses(complaint),
    )


def _elapsed(complaint: Complaint, until: dt.date) -> int:
    return elapsed_working_days(complaint.registered_on, until, _pauses(complaint), Holiday.dates())


@transaction.atomic
def register_complaint(
    *,
    unit: Unit,
    subject: str,
    text: str,
    channel: str = Channel.WEB,
    classification: str = Classification.PENGADUAN,
    category: Category | None = None,
    service_name: str = "",
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    is_anonymous: bool = False,
    is_confidential: bool = False,
    lapor_reference: str = "",
    files: Iterable[UploadedFile] = (),
    by: User | None = None,
    on: dt.date | None = None,
) -> Complaint:
    """Register a report from any channel; an anonim report keeps no identity at all, a rahasia
    one shows it only to the verifier."""
    files = list(files)
    if channel == Channel.LAPOR and not lapor_reference.strip():
        raise ValidationError(
            {
                "lapor_reference": ValidationError(
                    _("The LAPOR! tracking number is required."), code="lapor_reference_required"
                )
            }
        )
    if channel != Channel.WEB and by is None:
        raise ValidationError(
            _(
                "Complaints from the counter, telephone, WhatsApp and LAPOR! are recorded by an officer."
            ),
            code="channel_needs_officer",
        )
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {
                "files": ValidationError(
                    _("At most %(n)s attachments."),
                    code="too_many_files",
                    params={"n": MAX_ATTACHMENTS},
                )
            }
        )
    checked = []
    for upload in files:
        try:
            checked.append((upload, check_upload(upload, name=upload.name or "")))
        except ValidationError as error:
            raise ValidationError({"files": error}) from error
    if is_anonymous:
        reporter_name = reporter_phone = reporter_email = ""
    complaint = Complaint(
        unit=unit,
        subject=subject.strip(),
        text=text.strip(),
        channel=channel,
        classification=classification,
        category=category,
        service_name=service_name.strip(),
        reporter_name=reporter_name.strip(),
        reporter_phone=reporter_phone.strip(),
        reporter_email=reporter_email.strip(),
        is_anonymous=is_anonymous,
        is_confidential=is_confidential and not is_anonymous,
        lapor_reference=lapor_reference.strip(),
        created_by=by,
        registered_on=_today(on),
    )
    compute_deadlines(
        complaint, config=ComplaintSettings.for_unit(unit), holidays=Holiday.dates(), pauses=[]
    )
    for _attempt in range(5):
        complaint.tracking_code = rules.new_tracking_code()
        try:
            with transaction.atomic():
                _save(complaint, by)
            break
        except IntegrityError:  # pragma: no cover - a random code taken already (1 in 32**10)
            continue
    else:  # pragma: no cover - 32**10 codes make five collisions in a row impossible in practice
        raise ValidationError(
            _("No tracking code could be made; try again."), code="tracking_code_exhausted"
        )
    for upload, info in checked:
        attachment = Attachment(
            complaint=complaint,
            original_name=(upload.name or "lampiran")[:200],
            content_type=info.content_type,
            size=info.size,
            by_citizen=by is None,
        )
        attachment.file.save(info.stored_name, info.file(upload), save=False)
        attachment.save()
    _record(complaint, Kind.REGISTERED, by=by, public=True, citizen=by is None, on=on)
    return complaint


@transaction.atomic
def verify(
    *,
    complaint: Complaint,
    by: User | None,
    complaint_class: str,
    category: Category | None = None,
    note: str = "",
    on: dt.date | None = None,
) -> Complaint:
    """Verify a registered report and start the follow-up and resolution clocks."""
    c = _lock(complaint)
    _require(
        c,
        "verify",
        _("Only a newly registered report can be verified."),
        _("The report is waiting for the reporter's answer."),
        code="not_registered",
    )
    day = _today(on)
    c.complaint_class = ComplaintClass(complaint_class)
    if category is not None:
        c.category = category
    _move(c, "verify")
    c.verified_on = c.clock_start = day
    c.days_to_verify = _elapsed(c, day)
    _refresh(c)
    _save(c, by)
    _record(c, Kind.VERIFIED, by=by, from_status=Status.REGISTERED, note=note, public=True, on=on)
    return c


@transaction.atomic
def reject(
    *,
    complaint: Complaint,
    by: User | None,
    reason: str,
    note: str,
    duplicate_of: Complaint | None = None,
    on: dt.date | None = None,
) -> Complaint:
    """Close at verification: not our authority, a duplicate or archived, always with a reason."""
    c = _lock(complaint)
    _require(
        c,
        "reject",
        _("This report cannot be closed at verification."),
        code="not_closable_at_verification",
    )
    if reason not in REJECT_REASONS:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Unknown reason for closing."), code="unknown_close_reason"
                )
            }
        )
    if not note.strip():
        raise ValidationError(
            {
                "note": ValidationError(
                    _("Explain the reason for closing to the reporter."), code="close_note_required"
                )
            }
        )
    if reason == CloseReason.DUPLICATE:
        if duplicate_of is None or duplicate_of.pk == c.pk:
            raise ValidationError(
                {
                    "duplicate_of": ValidationError(
                        _("Name the original report of a duplicate."), code="duplicate_of_required"
                    )
                }
            )
        c.duplicate_of = duplicate_of
    day = _today(on)
    previous = _move(c, "reject")
    c.close_reason = reason
    c.closed_on = c.resolved_on = day
    due = c.verification_due if previous == Status.REGISTERED else c.resolution_due
    c.resolved_on_time = due is None or day <= due
    c.days_to_close = _elapsed(c, day)
    if c.days_to_verify is None:
        c.days_to_verify = c.days_to_close
    c.is_paused = False
    c.pauses.filter(ended_on__isnull=True).update(ended_on=day)
    _refresh(c)
    _save(c, by)
    _record(c, Kind.REJECTED, by=by, from_status=previous, note=note.strip(), public=True, on=on)
    return c


@transaction.atomic
def assign(
    *,
    complaint: Complaint,
    by: User | None,
    assignee: Employee,
    note: str = "",
    on: dt.date | None = None,
) -> Complaint:
    """Assign (or reassign) a verified complaint to an employee of the handling subtree."""
    from sikap.complaints.access import assignable_employees

    c = _lock(complaint)
    _require(
        c, "assign", _("A report must be verified before it is assigned."), code="not_verified"
    )
    if by is None or not assignable_employees(by, c).filter(pk=assignee.pk).exists():
        raise ValidationError(
            {
                "assignee": ValidationError(
                    _("This employee cannot be assigned to this report."),
                    code="assignee_not_allowed",
                )
            }
        )
    c.assignee = assignee
    previous = _move(c, "assign")
    _refresh(c)
    _save(c, by)
    _record(c, Kind.ASSIGNED, by=by, from_status=previous, note=note, on=on)
    # At once, in-app and by e-mail (the outbox sends after commit; a failure never undoes this).
    notify(
        user=assignee.user,
        notice=partial(notices.assigned, c),
        url=reverse("complaints:detail", args=[c.pk]),
    )
    return c


@transaction.atomic
def start(
    *, complaint: Complaint, by: User | None, note: str, on: dt.date | None = None
) -> Complaint:
    """Record the first follow-up (tindak lanjut); the note is shown to the citizen."""
    c = _lock(complaint)
    _require(c, "start", _("Only an assigned report can be followed up."), code="not_assigned")
    if not note.strip():
        raise ValidationError(
            {
                "note": ValidationError(
                    _("Explain the follow-up to the reporter."), code="follow_up_note_required"
                )
            }
        )
    _move(c, "start")
    c.started_on = c.started_on or _today(on)
    _refresh(c)
    _save(c, by)
    _record(
        c, Kind.STARTED, by=by, from_status=Status.ASSIGNED, note=note.strip(), public=True, on=on
    )
    return c


@transaction.atomic
def answer(
    *, complaint: Complaint, by: User | None, text: str, on: dt.date | None = None
) -> Complaint:
    """Send the tanggapan to the citizen; the office's part ends here (on time or late)."""
    c = _lock(complaint)
    _require(
        c,
        "answer",
        _("The report cannot be answered yet."),
        _("Resume handling before answering."),
        code="not_answerable",
    )
    if not text.strip():
        raise ValidationError(
            {"text": ValidationError(_("A reply is required."), code="reply_required")}
        )
    day = _today(on)
    previous = _move(c, "answer")
    c.answer = text.strip()
    c.started_on = c.started_on or day
    c.answered_on = c.resolved_on = day
    c.resolved_on_time = c.resolution_due is None or day <= c.resolution_due
    c.days_to_answer = _elapsed(c, day)
    _refresh(c)
    _save(c, by)
    _record(c, Kind.ANSWERED, by=by, from_status=previous, note=c.answer, public=True, on=on)
    _notify_citizen(c, notices.answered)
    return c


@transaction.atomic
def citizen_reply(
    *, complaint: Complaint, text: str, reopen: bool = False, on: dt.date | None = None
) -> Complaint:
    """The citizen answers a question (the clock resumes) or, once, reopens after the answer."""
    c = _lock(complaint)
    text = text.strip()
    if not text:
        raise ValidationError(
            {"text": ValidationError(_("Write your reply."), code="reply_required")}
        )
    _require(c, "reply", _("The report is already closed."), code="closed")
    day = _today(on)
    previous = c.status
    if c.is_paused:
        c.pauses.filter(ended_on__isnull=True).update(ended_on=day)
        c.is_paused = False
    if reopen:
        if not c.can_reopen:
            raise ValidationError(
                _("A report can be reopened only once after it was answered."),
                code="reopened_already",
            )
        if not rules.may_reopen(c.confirmation_due, day):
            raise ValidationError(
                _("The time to reopen this report has passed."), code="reopen_window_passed"
            )
        _move(c, "reopen" if c.assignee_id else "reopen_unassigned")
        c.reopened = True
        c.clock_start = day
        c.resolved_on = c.resolved_on_time = None
        c.answered_on = None
    _refresh(c)
    _save(c, None)
    kind = Kind.REOPENED if reopen else Kind.CITIZEN_REPLY
    _record(c, kind, by=None, from_status=previous, note=text, public=True, citizen=True, on=on)
    return c


def _close(
    c: Complaint, reason: str, kind: str, day: dt.date, on: dt.date | None, note: str = ""
) -> Complaint:
    previous = _move(c, "confirm" if kind == Kind.CONFIRMED else "timeout")
    c.close_reason = reason
    c.closed_on = day
    c.days_to_close = _elapsed(c, day)
    _refresh(c)
    _save(c, None)
    _record(
        c,
        kind,
        by=None,
        from_status=previous,
        note=note,
        public=True,
        citizen=kind == Kind.CONFIRMED,
        on=on,
    )
    return c


@transaction.atomic
def confirm(*, complaint: Complaint, on: dt.date | None = None) -> Complaint:
    """The citizen confirms the answer settled the matter: the complaint closes."""
    c = _lock(complaint)
    _require(
        c,
        "confirm",
        _("This report has not been answered yet or is already closed."),
        code="not_answered",
    )
    return _close(c, CloseReason.CONFIRMED, Kind.CONFIRMED, _today(on), on)


@transaction.atomic
def close_timed_out(*, today: dt.date | None = None) -> int:
    """Close answered complaints whose citizen did not respond within the configured time."""
    day = _today(today)
    count = 0
    for c in Complaint.objects.select_for_update().filter(
        status__in=rules.sources("timeout"), confirmation_due__lt=day
    ):
        # The report closed when its window ended, whenever the daily job got to it.
        ended = rules.timeout_closing_day(c.confirmation_due or day, day)
        note = _("The time to respond ended on %(day)s.") % {"day": long_date(ended)}
        _close(c, CloseReason.TIMEOUT, Kind.TIMEOUT, ended, today, note)
        count += 1
    return count


@transaction.atomic
def pause(
    *, complaint: Complaint, by: User | None, reason: str, on: dt.date | None = None
) -> Complaint:
    """Ask the citizen for information; the clock stops until they answer or staff resume."""
    c = _lock(complaint)
    _require(
        c,
        "pause",
        _("Only an open report can be paused."),
        _("The report is already waiting for the reporter's answer."),
        code="not_open",
    )
    if not reason.strip():
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Write what you are asking the reporter."), code="question_required"
                )
            }
        )
    Pause.objects.create(complaint=c, started_on=_today(on), reason=reason.strip())
    c.is_paused = True
    _refresh(c)
    _save(c, by)
    _record(c, Kind.PAUSED, by=by, from_status=c.status, note=reason.strip(), public=True, on=on)
    _notify_citizen(c, notices.needs_reply)
    return c


@transaction.atomic
def resume(
    *, complaint: Complaint, by: User | None, note: str = "", on: dt.date | None = None
) -> Complaint:
    """Restart the clock (for example when the citizen answered by phone)."""
    c = _lock(complaint)
    _require(
        c,
        "resume",
        _("The report is not paused."),
        _("The report is not paused."),
        code="not_paused",
    )
    c.pauses.filter(ended_on__isnull=True).update(ended_on=_today(on))
    c.is_paused = False
    _refresh(c)
    _save(c, by)
    _record(c, Kind.RESUMED, by=by, from_status=c.status, note=note, on=on)
    return c


@transaction.atomic
def add_note(*, complaint: Complaint, by: User | None, note: str) -> ComplaintEvent:
    """An internal note, never shown to the citizen."""
    if not note.strip():
        raise ValidationError(
            {"note": ValidationError(_("The note is empty."), code="note_required")}
        )
    return _record(complaint, Kind.NOTE, by=by, from_status=complaint.status, note=note.strip())


@transaction.atomic
def rate(
    *, complaint: Complaint, score: int, comment: str = "", on: dt.date | None = None
) -> SatisfactionRating:
    """The citizen's satisfaction (1-5) with the handling, once, after the answer."""
    c = _lock(complaint)
    if not c.can_rate:
        raise ValidationError(
            _("A rating can be given once the report has been answered."), code="not_answered"
        )
    if not 1 <= score <= 5:
        raise ValidationError(
            {"score": ValidationError(_("The score must be 1 to 5."), code="score_out_of_range")}
        )
    if SatisfactionRating.objects.filter(complaint=c).exists():
        raise ValidationError(_("This report has already been rated."), code="rated_already")
    rating = SatisfactionRating.objects.create(complaint=c, score=score, comment=comment.strip())
    _record(c, Kind.RATED, by=None, from_status=c.status, note=f"{score}/5", citizen=True, on=on)
    return rating


def forwarding_units() -> UnitQuerySet:
    """Units a report may be forwarded to inside SIKAP: every active kecamatan and kelurahan."""
    return Unit.objects.filter(
        is_active=True, kind__in=[UnitKind.KECAMATAN, UnitKind.KELURAHAN]
    ).order_by("path")


@transaction.atomic
def forward(
    *, complaint: Complaint, by: User | None, unit: Unit, note: str, on: dt.date | None = None
) -> Complaint:
    """Forward a report to the competent unit inside SIKAP ("no wrong door").

    The clock keeps running from the registration (or verification): the new unit has what is
    left of the time, and the trail records where the report came from.
    """
    c = _lock(complaint)
    _require(c, "forward", _("This report can no longer be forwarded."), code="not_forwardable")
    if unit.pk == c.unit_id or not forwarding_units().filter(pk=unit.pk).exists():
        raise ValidationError(
            {"unit": ValidationError(_("Choose another unit."), code="same_unit")}
        )
    if not note.strip():
        raise ValidationError(
            {
                "note": ValidationError(
                    _("Explain to the reporter why the report is forwarded."),
                    code="forward_note_required",
                )
            }
        )
    previous_unit = c.unit
    previous = _move(c, "forward")
    c.unit = unit
    c.assignee = None
    _refresh(c)
    _save(c, by)
    text = _("Forwarded from %(from)s to %(to)s.") % {"from": previous_unit.name, "to": unit.name}
    event = _record(
        c,
        Kind.FORWARDED,
        by=by,
        from_status=previous,
        note=f"{text}\n{note.strip()}",
        public=True,
        on=on,
    )
    event.from_unit = previous_unit
    event.save(update_fields=["from_unit"])
    return c


@transaction.atomic
def forward_out(
    *,
    complaint: Complaint,
    by: User | None,
    instansi: str,
    reference: str,
    note: str = "",
    on: dt.date | None = None,
) -> Complaint:
    """Forward a report to an instansi outside SIKAP, with the reference it gave.

    The office's part ends here; the citizen keeps following the report on the status page,
    which shows the instansi and its reference.
    """
    c = _lock(complaint)
    _require(c, "forward_out", _("This report can no longer be forwarded."), code="not_forwardable")
    errors = {}
    if not instansi.strip():
        errors["instansi"] = ValidationError(
            _("Name the instansi that took over the report."), code="instansi_required"
        )
    if not reference.strip():
        errors["reference"] = ValidationError(
            _("Record the reference the instansi gave."), code="reference_required"
        )
    if errors:
        raise ValidationError(errors)
    day = _today(on)
    previous = _move(c, "forward_out")
    c.close_reason = CloseReason.FORWARDED
    c.forwarded_to_name = instansi.strip()
    c.forwarded_reference = reference.strip()
    c.closed_on = c.resolved_on = day
    due = c.verification_due if previous == Status.REGISTERED else c.due_on
    c.resolved_on_time = due is None or day <= due
    c.days_to_close = _elapsed(c, day)
    if c.days_to_verify is None:
        c.days_to_verify = c.days_to_close
    c.is_paused = False
    c.pauses.filter(ended_on__isnull=True).update(ended_on=day)
    c.assignee = None
    _refresh(c)
    _save(c, by)
    text = _("Forwarded to %(instansi)s, reference %(ref)s.") % {
        "instansi": c.forwarded_to_name,
        "ref": c.forwarded_reference,
    }
    full = f"{text}\n{note.strip()}" if note.strip() else text
    _record(c, Kind.FORWARDED_OUT, by=by, from_status=previous, note=full, public=True, on=on)
    return c


@transaction.atomic
def extend(
    *, complaint: Complaint, by: User | None, days: int, reason: str, on: dt.date | None = None
) -> Complaint:
    """Extend the resolution deadline by working days; the reason is shown to the citizen."""
    c = _lock(complaint)
    _require(
        c,
        "extend",
        _("Only a report being handled can get more time."),
        _("Resume handling before extending."),
        code="not_extendable",
    )
    if days < 1:
        raise ValidationError(
            {"days": ValidationError(_("At least one working day."), code="days_out_of_range")}
        )
    if not reason.strip():
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Explain the extension to the reporter."), code="extension_reason_required"
                )
            }
        )
    c.extension_days += days
    c.extension_reason = reason.strip()
    _refresh(c)
    _save(c, by)
    text = _("%(n)d working days more, due %(day)s.") % {
        "n": days,
        "day": long_date(c.resolution_due) or "-",
    }
    _record(
        c,
        Kind.EXTENDED,
        by=by,
        from_status=c.status,
        note=f"{text}\n{reason.strip()}",
        public=True,
        on=on,
    )
    return c


def refresh_open_deadlines(*, within: Unit | None = None) -> int:
    """Recompute the deadlines of open or answered complaints (all, or of one subtree)."""
    book = ComplaintSettings.book()
    holidays = Holiday.dates()
    open_ones = Complaint.objects.filter(status__in=[*OPEN_STATUSES, Status.ANSWERED])
    if within is not None:
        open_ones = open_ones.filter(unit__path__startswith=within.path)
    complaints = list(open_ones.select_related("unit").prefetch_related("pauses"))
    fields = ["verification_due", "follow_up_due", "resolution_due", "confirmation_due", "due_on"]
    for c in complaints:
        compute_deadlines(c, config=book.for_unit(c.unit), holidays=holidays, pauses=_pauses(c))
    Complaint.objects.bulk_update(complaints, fields, batch_size=500)
    return len(complaints)


@transaction.atomic
def update_settings(
    *, by: User | None, unit: Unit | None, values: dict[str, Any]
) -> ComplaintSettings:
    """Change the instance default (no unit) or one subtree's settings; its open deadlines follow.

    A subtree's first change copies the settings that applied to it until then.
    """
    if unit is not None and not unit.path.startswith("/"):
        raise ValidationError(
            _("This unit has no place in the unit tree."), code="unit_without_path"
        )
    config = ComplaintSettings.objects.select_for_update().filter(unit=unit).first()
    if config is None:
        inherited = ComplaintSettings.for_unit(unit)
        config = ComplaintSettings(unit=unit)
        for field in ComplaintSettings._meta.concrete_fields:
            if field.name not in ("id", "unit"):
                setattr(config, field.attname, getattr(inherited, field.attname))
    for name, value in values.items():
        setattr(config, name, value)
    stamp(config, by)
    config.full_clean()
    config.save()
    refresh_open_deadlines(within=unit)
    return config


@transaction.atomic
def add_holiday(*, by: User | None, date: dt.date, name: str, kind: str) -> Holiday:
    """Add a libur nasional or cuti bersama (from a new SKB); open deadlines are recomputed."""
    if Holiday.objects.filter(date=date).exists():
        raise ValidationError(
            {
                "date": ValidationError(
                    _("This date is already in the calendar."), code="date_exists"
                )
            }
        )
    holiday = Holiday(date=date, name=name.strip(), kind=HolidayKind(kind))
    stamp(holiday, by)
    holiday.save()
    refresh_open_deadlines()
    return holiday


@transaction.atomic
def add_holidays(*, by: User | None, rows: Sequence[tuple[dt.date, str, str]]) -> list[Holiday]:
    """Add the days of a new SKB at once (all or none); open deadlines are recomputed."""
    dates = [day for day, _name, _kind in rows]
    taken = sorted(set(Holiday.objects.filter(date__in=dates).values_list("date", flat=True)))
    if taken or len(set(dates)) != len(dates):
        shown = ", ".join(long_date(d) for d in taken) or "tanggal ganda"
        raise ValidationError(
            {
                "text": ValidationError(
                    _("Already in the calendar: %(dates)s."),
                    code="dates_exist",
                    params={"dates": shown},
                )
            }
        )
    created = []
    for day, name, kind in rows:
        holiday = Holiday(date=day, name=name.strip(), kind=HolidayKind(kind))
        stamp(holiday, by)
        holiday.save()
        created.append(holiday)
    refresh_open_deadlines()
    return created


@transaction.atomic
def delete_holiday(*, by: User | None, holiday: Holiday) -> None:
    stamp(holiday, by)
    holiday.delete()
    refresh_open_deadlines()


@transaction.atomic
def propose_national_holidays(*, by: User | None, year: int) -> list[Holiday]:
    """Add the libur nasional of a year proposed by the ``holidays`` package (never cuti bersama)."""
    existing = set(Holiday.objects.filter(date__year=year).values_list("date", flat=True))
    created = []
    for seed in suggest_national_holidays(year):
        if seed.date in existing:
            continue
        holiday = Holiday(date=seed.date, name=seed.name, kind=seed.kind)
        stamp(holiday, by)
        holiday.save()
        created.append(holiday)
    if created:
        refresh_open_deadlines()
    return created


@transaction.atomic
def purge_personal_data(*, today: dt.date | None = None) -> int:
    """Remove the reporter's identity and files of complaints past their retention period.

    A closed complaint keeps them ``retention_days`` after closing; one never closed (open,
    paused, forgotten) ``open_retention_days`` after it was filed. The attachment rows go in the
    transaction; their files are deleted by a background task after the commit.
    """
    day = _today(today)
    book = ComplaintSettings.book()
    every = [book.default, *book.by_unit.values()]
    closed_before = day - dt.timedelta(days=min(s.retention_days for s in every))
    filed_before = day - dt.timedelta(days=min(s.open_retention_days for s in every))
    candidates = (
        Complaint.objects.filter(identity_purged_on__isnull=True)
        .filter(
            Q(status=Status.CLOSED, closed_on__lt=closed_before)
            | (~Q(status=Status.CLOSED) & Q(registered_on__lt=filed_before))
        )
        .select_related("unit")
        .only("pk", "status", "closed_on", "registered_on", "unit__path")
    )
    # Each complaint keeps its identity as long as the settings of its own unit say.
    stale = [c.pk for c in candidates if _past_retention(c, book.for_unit(c.unit), day)]
    attachments = Attachment.objects.filter(complaint_id__in=stale)
    names = [name for name in attachments.values_list("file", flat=True) if name]
    attachments.delete()
    if names:
        from sikap.complaints.tasks import delete_stored_files

        transaction.on_commit(lambda: delete_stored_files.enqueue(names=names))
    return Complaint.objects.filter(pk__in=stale).update(
        reporter_name="", reporter_phone="", reporter_email="", identity_purged_on=day
    )


def _past_retention(complaint: Complaint, config: ComplaintSettings, day: dt.date) -> bool:
    if complaint.status == Status.CLOSED:
        return complaint.closed_on is not None and complaint.closed_on < day - dt.timedelta(
            days=config.retention_days
        )
    return complaint.registered_on < day - dt.timedelta(days=config.open_retention_days)


@transaction.atomic
def save_category(*, by: User | None, category: Category) -> Category:
    """Create or change a kategori (topic) of reports (the instance's list)."""
    stamp(category, by)
    category.save()
    return category


@transaction.atomic
def save_response_template(*, by: User | None, template: ResponseTemplate) -> ResponseTemplate:
    """Create or change a response template (canned text) for a step, of a subtree or everywhere."""
    stamp(template, by)
    template.save()
    return template
