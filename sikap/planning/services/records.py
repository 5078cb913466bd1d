"""Realisation and evidence, continuous feedback, coaching and notifications read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.models import User
from sikap.cycle.models import EntryClosure, Period
from sikap.lib.audit import stamp
from sikap.lib.uploads import check_upload
from sikap.planning import notices, rules
from sikap.planning.models import (
    CoachingFeedback,
    CoachingSession,
    CompetencyEvaluation,
    Evidence,
    Feedback,
    Indicator,
    Notification,
    Plan,
    PlanStatus,
    Realisation,
    WorkResult,
)
from sikap.planning.services.common import (
    day_or_today,
    notify,
)
from sikap.planning.work import offer_coaching, offer_feedback

# --- Realisation, evidence --------------------------------------------------------------------


def _check_period(plan: Plan, period: Period, today: dt.date) -> None:
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError(
            _("Realisation can only be entered on an approved SKP."), code="not_approved"
        )
    if period.appraisal_year_id != plan.appraisal_year_id:
        raise ValidationError(
            _("That period is not part of the year of this SKP."), code="period_outside_year"
        )
    if period.end_date < plan.start_date or period.start_date > plan.end_date:
        raise ValidationError(
            _("That period is outside the validity of this SKP."), code="period_outside_plan"
        )
    if today < period.start_date:
        raise ValidationError(
            _("The period %(name)s has not started yet."),
            code="period_not_started",
            params={"name": period.name},
        )
    if not period.is_open_for_entry(today):
        raise ValidationError(
            _(
                "The deadline of the period %(name)s has passed; ask the admin kepegawaian to reopen it."
            ),
            code="period_closed",
            params={"name": period.name},
        )
    closure = EntryClosure.objects.blocking(period=period, employee_id=plan.employee_id, day=today)
    if closure is not None:
        raise ValidationError(
            _(
                "%(period)s is closed for your realisation and evidence: %(reason)s. What is "
                "signed changes only through a keberatan."
            ),
            code="period_signed",
            params={"period": period.name, "reason": closure.get_reason_display()},
        )


def _apply_realisation(
    realisation: Realisation, *, by: User | None, value: Decimal | None, text: str, note: str
) -> Realisation:
    if value is None and not text.strip():
        raise ValidationError(
            {
                "value": ValidationError(
                    _("Enter the realised value or its description."), code="value_required"
                )
            }
        )
    if value is not None and value < 0:
        raise ValidationError(
            {
                "value": ValidationError(
                    _("The realisation cannot be negative."), code="negative_value"
                )
            }
        )
    realisation.value = value
    realisation.text = text.strip()
    realisation.note = note.strip()
    realisation.updated_by = by
    stamp(realisation, by).save()
    return realisation


@transaction.atomic
def record_realisation(
    *,
    indicator: Indicator,
    period: Period,
    by: User | None,
    value: Decimal | None = None,
    text: str = "",
    note: str = "",
    today: dt.date | None = None,
) -> Realisation:
    """Record (or correct) the realisation of an indicator in a period, before the deadline."""
    _check_period(indicator.work_result.plan, period, day_or_today(today))
    realisation = Realisation.objects.filter(indicator=indicator, period=period).first()
    if realisation is None:
        realisation = Realisation(indicator=indicator, period=period)
    return _apply_realisation(realisation, by=by, value=value, text=text, note=note)


def _attach(
    realisation: Realisation,
    *,
    by: User | None,
    upload: IO[bytes] | None,
    filename: str,
    link: str,
    description: str,
) -> Evidence:
    if upload is None and not link.strip():
        raise ValidationError(
            {
                "file": ValidationError(
                    _("Upload a file or enter a link to the bukti dukung."),
                    code="evidence_required",
                )
            }
        )
    evidence = Evidence(
        realisation=realisation,
        link=link.strip(),
        description=description.strip(),
        uploaded_by=by,
    )
    if upload is not None:
        try:
            checked = check_upload(upload, name=filename)
        except ValidationError as error:
            raise ValidationError({"file": error}) from error
        evidence.original_name = filename[:255] or f"bukti.{checked.extension}"
        evidence.content_type = checked.content_type
        evidence.size = checked.size
        evidence.file.save(checked.stored_name, checked.file(upload), save=False)
    stamp(evidence, by).save()
    return evidence


@transaction.atomic
def add_evidence(
    *,
    realisation: Realisation,
    by: User | None,
    upload: IO[bytes] | None = None,
    filename: str = "",
    link: str = "",
    description: str = "",
    today: dt.date | None = None,
) -> Evidence:
    """Attach a bukti dukung: a file checked by its content and size, or a link."""
    _check_period(realisation.indicator.work_result.plan, realisation.period, day_or_today(today))
    return _attach(
        realisation, by=by, upload=upload, filename=filename, link=link, description=description
    )


def _reuse(
    realisation: Realisation, *, source: Evidence, employee_id: int, by: User | None
) -> Evidence:
    """Attach a bukti dukung the employee already gave elsewhere (the same file, no new upload)."""
    if not Evidence.objects.filter(
        pk=source.pk, realisation__indicator__work_result__plan__employee_id=employee_id
    ).exists():
        raise ValidationError(
            {
                "existing": ValidationError(
                    _("Choose one of your own bukti dukung."), code="evidence_not_yours"
                )
            }
        )
    copy = Evidence(
        realisation=realisation,
        file=source.file.name,
        original_name=source.original_name,
        content_type=source.content_type,
        size=source.size,
        link=source.link,
        description=source.description,
        uploaded_by=by,
    )
    stamp(copy, by).save()
    return copy


@dataclass(frozen=True)
class RealisationRow:
    """One line of the realisation table as the employee submitted it."""

    indicator: Indicator
    value: Decimal | None = None
    text: str = ""
    note: str = ""
    upload: IO[bytes] | None = None
    filename: str = ""
    link: str = ""
    reuse: Evidence | None = None


class RowError(ValidationError):
    """A refusal of one row of the table; ``row`` is its index (from 0), the error keeps its codes."""

    def __init__(self, row: int, error: ValidationError) -> None:
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.error_list)
        self.row = row


def _save_row(
    row: RealisationRow,
    *,
    period: Period,
    found: Realisation | None,
    by: User | None,
    stored: list[str],
) -> bool:
    entered = row.value is not None or bool(row.text.strip()) or bool(row.note.strip())
    evidence = row.upload is not None or bool(row.link.strip()) or row.reuse is not None
    if found is None and not entered and not evidence:
        return False
    realisation = found or Realisation(indicator=row.indicator, period=period)
    same = found is not None and (found.value, found.text, found.note) == (
        row.value,
        row.text.strip(),
        row.note.strip(),
    )
    if not same:
        _apply_realisation(realisation, by=by, value=row.value, text=row.text, note=row.note)
    if row.upload is not None or row.link.strip():
        added = _attach(
            realisation,
            by=by,
            upload=row.upload,
            filename=row.filename,
            link=row.link,
            description="",
        )
        if added.file:
            stored.append(added.file.name or "")
    if row.reuse is not None:
        _reuse(
            realisation,
            source=row.reuse,
            employee_id=row.indicator.work_result.plan.employee_id,
            by=by,
        )
    return not same or evidence


@transaction.atomic
def save_realisations(
    *,
    plan: Plan,
    period: Period,
    by: User | None,
    rows: list[RealisationRow],
    today: dt.date | None = None,
) -> int:
    """Save the realisation table of a period in one go: every row or none; returns rows changed.

    A row submitted as it is stored writes nothing (no history row); a refused row raises
    ``RowError`` naming it, and nothing of the table is kept (uploaded files are removed too).
    """
    _check_period(plan, period, day_or_today(today))
    if any(row.indicator.work_result.plan_id != plan.pk for row in rows):
        raise ValidationError(_("That indicator is not part of this SKP."), code="not_in_plan")
    found = {
        r.indicator_id: r
        for r in Realisation.objects.filter(
            period=period, indicator__in=[r.indicator for r in rows]
        )
    }
    stored: list[str] = []
    changed = 0
    try:
        for index, row in enumerate(rows):
            try:
                changed += _save_row(
                    row, period=period, found=found.get(row.indicator.pk), by=by, stored=stored
                )
            except ValidationError as error:
                raise RowError(index, error) from error
    except ValidationError:
        for name in stored:
            default_storage.delete(name)
        raise
    return changed


@transaction.atomic
def remove_evidence(*, evidence: Evidence, by: User | None, today: dt.date | None = None) -> None:
    """Remove a bukti dukung while the period is still open."""
    realisation = evidence.realisation
    _check_period(realisation.indicator.work_result.plan, realisation.period, day_or_today(today))
    # A bukti dukung chosen again for another row shares the file: the last one removes it.
    name = evidence.file.name
    shared = Evidence.objects.filter(file=name).exclude(pk=evidence.pk).exists()
    stamp(evidence, by).delete()
    if name and not shared:  # the file goes once the removal is committed
        transaction.on_commit(lambda: default_storage.delete(name))


# --- Feedback and coaching --------------------------------------------------------------------


@transaction.atomic
def give_feedback(
    *,
    plan: Plan,
    period: Period,
    by: User | None,
    text: str,
    work_result: WorkResult | None = None,
    behaviour_value: str = "",
) -> Feedback:
    """Umpan balik berkelanjutan by the penilai on one RHK or one value; the employee is told."""
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError(_("Feedback is given on an approved SKP."), code="not_approved")
    if period.appraisal_year_id != plan.appraisal_year_id:
        raise ValidationError(
            _("That period is not part of the year of this SKP."), code="period_outside_year"
        )
    if (work_result is None) == (not behaviour_value):
        raise ValidationError(
            _("Choose one RHK or one work behaviour value."), code="target_choice"
        )
    if work_result is not None and work_result.plan_id != plan.pk:
        raise ValidationError(_("That RHK is not part of this SKP."), code="rhk_not_in_plan")
    if behaviour_value and behaviour_value not in rules.BEHAVIOUR_KEYS:
        raise ValidationError(_("Unknown work behaviour value."), code="unknown_behaviour")
    if not text.strip():
        raise ValidationError(
            {"text": ValidationError(_("The feedback is required."), code="text_required")}
        )
    feedback = Feedback(
        plan=plan,
        period=period,
        work_result=work_result,
        behaviour_value=behaviour_value,
        text=text.strip(),
        given_by=by,
    )
    stamp(feedback, by).save()
    offer_feedback(feedback)
    subject = work_result.text if work_result else rules.BEHAVIOUR_NAMES[behaviour_value]
    notify(
        user=plan.employee.user,
        notice=lambda: notices.feedback_given(str(subject), feedback.text),
        url=reverse("planning:feedback", args=[plan.pk]),
    )
    return feedback


@transaction.atomic
def reply_feedback(*, feedback: Feedback, by: User | None, text: str) -> Feedback:
    """The employee's reply to a piece of feedback."""
    if not text.strip():
        raise ValidationError(
            {"text": ValidationError(_("A reply is required."), code="reply_required")}
        )
    feedback.reply = text.strip()
    feedback.replied_at = timezone.now()
    stamp(feedback, by).save()
    penilai_user = feedback.given_by
    notify(
        user=penilai_user,
        notice=lambda: notices.feedback_replied(feedback.plan, feedback.reply),
        url=reverse("planning:feedback", args=[feedback.plan_id]),
        email=False,
    )
    return feedback


@transaction.atomic
def record_coaching(
    *, plan: Plan, by: User | None, kind: str, date: dt.date, topic: str, notes: str = ""
) -> CoachingSession:
    """Record a bimbingan kinerja session; the employee is asked for Format B.1.8."""
    if not topic.strip():
        raise ValidationError(
            {"topic": ValidationError(_("The coaching topic is required."), code="topic_required")}
        )
    session = CoachingSession(
        plan=plan, kind=kind, date=date, topic=topic.strip(), notes=notes.strip(), recorded_by=by
    )
    stamp(session, by).save()
    offer_coaching(session)
    notify(
        user=plan.employee.user,
        notice=lambda: notices.coaching_recorded(session.topic),
        url=reverse("planning:coaching", args=[plan.pk]),
        email=False,
    )
    return session


@transaction.atomic
def answer_coaching_feedback(
    *, session: CoachingSession, by: User | None, answers: list[int], comment: str = ""
) -> CoachingFeedback:
    """The employee's Format B.1.8 answers (1-5 for each of the 9 statements)."""
    if len(answers) != len(rules.COACHING_STATEMENTS) or not all(
        rules.valid_scale(a) for a in answers
    ):
        raise ValidationError(
            _("Answer all nine statements with a score of 1 to 5."), code="answers_incomplete"
        )
    if CoachingFeedback.objects.filter(session=session).exists():
        raise ValidationError(
            _("The feedback on this coaching has already been given."), code="feedback_given"
        )
    feedback = CoachingFeedback(session=session, answers=answers, comment=comment.strip())
    stamp(feedback, by).save()
    return feedback


@transaction.atomic
def add_competency_evaluation(
    *, session: CoachingSession, by: User | None, competency: str, score: int, reason: str
) -> CompetencyEvaluation:
    """Format B.1.9: a competency rated 1-5 with the reason."""
    if not competency.strip() or not reason.strip():
        raise ValidationError(
            _("The competency and the reason are required."), code="competency_required"
        )
    if not rules.valid_scale(score):
        raise ValidationError(
            {"score": ValidationError(_("The score must be 1 to 5."), code="score_out_of_range")}
        )
    evaluation = CompetencyEvaluation(
        session=session, competency=competency.strip(), score=score, reason=reason.strip()
    )
    stamp(evaluation, by).save()
    return evaluation


def mark_notifications_read(*, user: User) -> int:
    """Mark all of a user's notifications as read."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
