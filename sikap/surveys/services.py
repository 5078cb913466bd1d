"""State changes of the service register and the survey: each one written once, used everywhere."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.models import User
from sikap.lib.audit import stamp
from sikap.lib.locking import locked
from sikap.org.access import employee_of
from sikap.org.models import Employee, Unit
from sikap.surveys import rules
from sikap.surveys.models import (
    Channel,
    FollowUpPlan,
    IkmSnapshot,
    PaperImport,
    ServicePromise,
    ServiceRecord,
    ServiceType,
    SuggestionFollowUp,
    SurveyResponse,
    SurveySettings,
)
from sikap.surveys.paper import ParsedTable
from sikap.surveys.periods import SurveyPeriod
from sikap.surveys.stats import UnitIndex
from sikap.surveys.work import offer_service_record


def _timing(record: ServiceRecord) -> None:
    if record.completed_at is None:
        record.duration_minutes = None
        record.on_time = None
        return
    minutes = math.ceil((record.completed_at - record.received_at).total_seconds() / 60)
    record.duration_minutes = max(minutes, 0)
    record.on_time = record.duration_minutes <= record.service_type.standard_minutes


@transaction.atomic
def record_service(
    *,
    unit: Unit,
    service_type: ServiceType,
    officers: list[Employee],
    received_at: dt.datetime,
    completed_at: dt.datetime | None = None,
    citizen_initial: str = "",
    by: User | None,
) -> ServiceRecord:
    """Write one line of the buku register layanan."""
    if service_type.unit_id != unit.pk or not service_type.is_active:
        raise ValidationError(
            {
                "service_type": ValidationError(
                    _("The service type is not offered at this unit."),
                    code="service_type_other_unit",
                )
            }
        )
    if not officers:
        raise ValidationError(
            {
                "officers": ValidationError(
                    _("Choose at least one officer."), code="officers_required"
                )
            }
        )
    if completed_at is not None and completed_at < received_at:
        raise ValidationError(
            {
                "completed_at": ValidationError(
                    _("The time completed cannot be before the time received."),
                    code="completed_before_received",
                )
            }
        )
    if received_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError(
            {
                "received_at": ValidationError(
                    _("The time received cannot be in the future."), code="received_in_future"
                )
            }
        )
    record = ServiceRecord(
        unit=unit,
        service_type=service_type,
        received_at=received_at,
        completed_at=completed_at,
        citizen_initial=citizen_initial.strip().upper()[:3],
        recorded_by=employee_of(by),
    )
    _timing(record)
    stamp(record, by)
    record.save()
    record.officers.set(officers)
    offer_service_record(record, officers)
    return record


@transaction.atomic
def complete_service(*, record: ServiceRecord, completed_at: dt.datetime, by: User | None) -> None:
    """Mark a service as completed and compare its duration with the standard."""
    if record.completed_at is not None:
        raise ValidationError(
            {
                "completed_at": ValidationError(
                    _("This service has already been completed."), code="completed_already"
                )
            }
        )
    if completed_at < record.received_at:
        raise ValidationError(
            {
                "completed_at": ValidationError(
                    _("The time completed cannot be before the time received."),
                    code="completed_before_received",
                )
            }
        )
    record.completed_at = completed_at
    _timing(record)
    stamp(record, by)
    record.save(update_fields=["completed_at", "duration_minutes", "on_time"])
    offer_service_record(record, list(record.officers.all()))


def _check_answers(answers: dict[str, int | None]) -> dict[str, int | None]:
    clean: dict[str, int | None] = {}
    for code in rules.UNSUR_CODES:
        value = answers.get(code)
        if value is not None and (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not rules.MIN_ANSWER <= value <= rules.MAX_ANSWER
        ):
            raise ValidationError(
                {
                    code.lower(): ValidationError(
                        _("Answer %(unsur)s must be 1–4."),
                        code="answer_out_of_range",
                        params={"unsur": code},
                    )
                }
            )
        clean[code] = value
    if all(v is None for v in clean.values()):
        raise ValidationError(
            {"__all__": ValidationError(_("Answer at least one question."), code="no_answers")}
        )
    return clean


def _response(
    *,
    unit: Unit,
    answers: dict[str, int | None],
    channel: str,
    submitted_at: dt.datetime,
    service_type: ServiceType | None = None,
    service_record: ServiceRecord | None = None,
    officer: Employee | None = None,
    profile: dict[str, Any] | None = None,
    comment: str = "",
    idempotency_key: uuid.UUID | None = None,
    paper_import: PaperImport | None = None,
) -> SurveyResponse:
    clean = _check_answers(answers)
    profile = profile or {}
    return SurveyResponse(
        unit=unit,
        service_type=service_type,
        service_record=service_record,
        officer=officer,
        **{code.lower(): value for code, value in clean.items()},
        age=profile.get("age"),
        gender=profile.get("gender") or "",
        education=(profile.get("education") or "")[:40],
        occupation=(profile.get("occupation") or "")[:40],
        comment=comment.strip()[:2000],
        channel=channel,
        idempotency_key=idempotency_key,
        paper_import=paper_import,
        submitted_at=submitted_at,
    )


def submit_response(
    *,
    unit: Unit,
    answers: dict[str, int | None],
    channel: str,
    service_type: ServiceType | None = None,
    service_record: ServiceRecord | None = None,
    officer: Employee | None = None,
    profile: dict[str, Any] | None = None,
    comment: str = "",
    idempotency_key: uuid.UUID | None = None,
    submitted_at: dt.datetime | None = None,
) -> tuple[SurveyResponse, bool]:
    """Store a citizen's answers; a repeated idempotency key returns the first one, not a copy.

    Returns (response, created). A receipt already answered raises ValidationError.
    """
    if service_record is not None:
        if service_record.unit_id != unit.pk:
            raise ValidationError(
                {
                    "__all__": ValidationError(
                        _("The receipt is not from this unit."), code="receipt_other_unit"
                    )
                }
            )
        service_type = service_record.service_type
    if service_type is not None and service_type.unit_id != unit.pk:
        raise ValidationError(
            {
                "service_type": ValidationError(
                    _("The service type is not offered at this unit."),
                    code="service_type_other_unit",
                )
            }
        )
    response = _response(
        unit=unit,
        answers=answers,
        channel=channel,
        submitted_at=submitted_at or timezone.now(),
        service_type=service_type,
        service_record=service_record,
        officer=officer,
        profile=profile,
        comment=comment,
        idempotency_key=idempotency_key,
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        # A key delivered again, or a receipt answered again: the unique constraints decide,
        # so two deliveries racing each other cannot both be stored. The first one stands.
        if idempotency_key is not None:
            existing = SurveyResponse.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing, False
        raise ValidationError(
            {
                "__all__": ValidationError(
                    _("The survey for this service has already been filled in. Thank you."),
                    code="receipt_used",
                )
            }
        ) from None
    return response, True


@transaction.atomic
def import_paper(
    *,
    unit: Unit,
    table: ParsedTable,
    filename: str,
    submitted_on: dt.date,
    by: User | None,
    fingerprint: str = "",
) -> PaperImport:
    """Store every row of a valid table of paper questionnaires, or nothing at all.

    ``fingerprint`` (the SHA-256 of the file) refuses the same file twice for one unit and
    survey semester.
    """
    if table.errors or not table.rows:
        raise ValidationError(
            {
                "file": ValidationError(
                    _("The file has errors; nothing was saved."), code="file_has_errors"
                )
            }
        )
    period_key = f"{submitted_on.year}-S{1 if submitted_on.month <= 6 else 2}"
    duplicate = ValidationError(
        {
            "file": ValidationError(
                _("This file was already imported for this unit and survey period."),
                code="duplicate_file",
            )
        }
    )
    if (
        fingerprint
        and PaperImport.objects.filter(
            unit=unit, period_key=period_key, fingerprint=fingerprint
        ).exists()
    ):
        raise duplicate
    employee = getattr(by, "employee", None)
    try:
        with transaction.atomic():
            batch = PaperImport.objects.create(
                unit=unit,
                filename=filename[:255],
                rows=len(table.rows),
                imported_by=employee if isinstance(employee, Employee) else None,
                imported_by_user=by.username if by is not None else "",
                fingerprint=fingerprint,
                period_key=period_key,
            )
    except IntegrityError:  # pragma: no cover - the same file sent twice at once (a race)
        raise duplicate from None
    services = {s.name.lower(): s for s in ServiceType.objects.filter(unit=unit)}
    moment = timezone.make_aware(dt.datetime.combine(submitted_on, dt.time(12, 0)))
    SurveyResponse.objects.bulk_create(
        [
            _response(
                unit=unit,
                answers=row.answers,
                channel=Channel.PAPER,
                submitted_at=moment,
                service_type=services.get(str(row.profile.get("service", "")).lower()),
                profile=row.profile,
                comment=row.profile.get("comment", ""),
                paper_import=batch,
            )
            for row in table.rows
        ]
    )
    return batch


@transaction.atomic
def save_follow_up(
    *,
    unit: Unit,
    period: SurveyPeriod,
    unsur: list[str],
    action: str,
    responsible: str = "",
    target_date: dt.date | None = None,
    by: User | None,
) -> FollowUpPlan:
    """Record (or revise) the rencana tindak lanjut of a unit's period; the unit row is the lock."""
    locked(Unit, unit.pk)
    if not action.strip():
        raise ValidationError(
            {"action": ValidationError(_("Write the follow-up plan."), code="action_required")}
        )
    unknown = [c for c in unsur if c not in rules.UNSUR_CODES]
    if not unsur or unknown:
        raise ValidationError({"unsur": ValidationError(_("Unknown unsur."), code="unknown_unsur")})
    plan = FollowUpPlan.objects.filter(
        unit=unit, period_start=period.start, period_end=period.end
    ).first() or FollowUpPlan(unit=unit, period_start=period.start, period_end=period.end)
    plan.unsur = ",".join(unsur)
    plan.action = action.strip()
    plan.responsible = responsible.strip()
    plan.target_date = target_date
    plan.recorded_by = employee_of(by)
    stamp(plan, by)
    plan.save()
    return plan


@transaction.atomic
def mark_suggestion(
    *,
    response: SurveyResponse,
    note: str,
    by: User | None,
    plan: FollowUpPlan | None = None,
    period: SurveyPeriod | None = None,
    lowest: list[str] | None = None,
    plan_action: str = "",
) -> SuggestionFollowUp:
    """Mark a saran as followed up under a plan of its unit: an existing one, or the rencana
    tindak lanjut of ``period`` (its ``lowest`` unsur) recorded with ``plan_action``.

    The response row is the lock; marking again revises the note (the history keeps each one).
    """
    response = locked(SurveyResponse, response.pk)
    note = note.strip()
    if not response.comment:
        raise ValidationError(_("This suggestion no longer exists."), code="suggestion_purged")
    if not note:
        raise ValidationError(
            {"note": ValidationError(_("Write the action taken."), code="note_required")}
        )
    day = timezone.localdate(response.submitted_at)
    if plan is None:
        if period is None or not period.start <= day <= period.end:
            raise ValidationError(
                {"plan": ValidationError(_("Choose a follow-up plan."), code="plan_required")}
            )
        try:
            plan = save_follow_up(
                unit=response.unit, period=period, unsur=lowest or [], action=plan_action, by=by
            )
        except ValidationError as error:
            # The plan's text is this service's ``plan_action``: name the error after it.
            errors = getattr(error, "error_dict", {})
            named = {"plan_action": errors["action"]} if "action" in errors else error
            raise ValidationError(named) from error
    elif plan.unit_id != response.unit_id or not plan.period_start <= day <= plan.period_end:
        raise ValidationError(
            {
                "plan": ValidationError(
                    _("Choose a plan of this unit for the day of the suggestion."),
                    code="plan_not_covering",
                )
            }
        )
    follow_up = SuggestionFollowUp.objects.filter(response=response).first()
    if follow_up is None:
        follow_up = SuggestionFollowUp(response=response)
    elif follow_up.plan_id == plan.pk and follow_up.note == note:
        return follow_up
    follow_up.plan = plan
    follow_up.note = note
    follow_up.marked_by = employee_of(by)
    follow_up.marked_at = timezone.now()
    stamp(follow_up, by)
    follow_up.save()
    return follow_up


@transaction.atomic
def publish_index(*, index: UnitIndex, by: User | None) -> IkmSnapshot:
    """Publish (or refresh) a unit's index for a period; per-officer figures below the minimum stay out."""
    result = index.result
    if result is None:
        raise ValidationError(
            {
                "__all__": ValidationError(
                    _("There are no survey answers in this period yet."), code="no_responses"
                )
            }
        )
    detail = {
        "nrr": {code: str(value) for code, value in result.nrr.items()},
        "questions": {q.code: q.name for q in index.questions},
        "lowest": index.lowest,
        "services": [
            {
                "name": g.label,
                "respondents": g.respondents,
                "ikm": str(g.result.ikm),
                "quality": g.result.quality,
            }
            for g in index.services
            if g.result is not None
        ],
        "officers": [
            {
                "name": g.label,
                "respondents": g.respondents,
                "ikm": str(g.result.ikm),
                "quality": g.result.quality,
            }
            for g in index.officers
            if not g.hidden and g.result is not None
        ],
        "follow_up": index.follow_up.action if index.follow_up else "",
        "profile": {k: [[label, n] for label, n in v] for k, v in index.profile.items()},
    }
    snapshot = IkmSnapshot.objects.filter(
        unit=index.unit, period_start=index.period.start, period_end=index.period.end
    ).first() or IkmSnapshot(
        unit=index.unit, period_start=index.period.start, period_end=index.period.end
    )
    snapshot.period_label = index.period.label
    snapshot.respondents = index.respondents
    snapshot.ikm = result.ikm
    snapshot.quality = result.quality
    snapshot.performance = result.performance
    snapshot.weight = result.weight.value
    snapshot.population = index.population or None
    snapshot.required_sample = index.required_sample
    snapshot.sample_sufficient = index.sample_sufficient
    snapshot.detail = detail
    snapshot.published_at = timezone.now()
    snapshot.published_by = employee_of(by)
    stamp(snapshot, by)
    snapshot.save()
    return snapshot


@transaction.atomic
def save_settings(*, settings: SurveySettings, by: User | None) -> SurveySettings:
    """Store a unit's survey settings (weight, minimum per officer, profile options)."""
    if not settings.education_list or not settings.occupation_list:
        raise ValidationError(
            {
                "education_options": ValidationError(
                    _("Enter at least one option."), code="options_required"
                )
            }
        )
    stamp(settings, by)
    settings.save()
    return settings


@transaction.atomic
def save_promise(
    *, promise: ServicePromise, signer: Employee | None, by: User | None
) -> ServicePromise:
    """Store the maklumat pelayanan; signed (dated today) when the unit head saves it."""
    if not promise.text.strip():
        raise ValidationError(
            {
                "text": ValidationError(
                    _("The text of the maklumat cannot be empty."), code="text_required"
                )
            }
        )
    if signer is not None:
        promise.signed_by = signer
        promise.signed_on = timezone.localdate()
    stamp(promise, by)
    promise.save()
    return promise


@transaction.atomic
def save_service_type(*, service_type: ServiceType, unit: Unit, by: User | None) -> ServiceType:
    """Create or change a jenis layanan of the unit's catalogue."""
    if service_type.pk is not None and service_type.unit_id != unit.pk:
        raise ValidationError(
            {
                "__all__": ValidationError(
                    _("The service type does not belong to this unit."),
                    code="service_type_other_unit",
                )
            }
        )
    service_type.unit = unit
    duplicate = ServiceType.objects.filter(unit=unit, name__iexact=service_type.name.strip())
    if duplicate.exclude(pk=service_type.pk).exists():
        raise ValidationError(
            {
                "name": ValidationError(
                    _("A service type with this name already exists."), code="service_type_exists"
                )
            }
        )
    stamp(service_type, by)
    service_type.save()
    return service_type


def _retention_by_unit() -> tuple[int, dict[int, int]]:
    default = int(django_settings.SURVEY_RETENTION_DAYS)
    found = SurveySettings.objects.filter(retention_days__isnull=False)
    rows = {
        unit: int(days or default) for unit, days in found.values_list("unit_id", "retention_days")
    }
    return default, rows


def _retention_for(path: str, default: int, rows: dict[int, int]) -> int:
    # The nearest unit at or above this one that sets a retention; else the instance default.
    for unit_id in reversed([int(p) for p in path.strip("/").split("/") if p]):
        if unit_id in rows:
            return rows[unit_id]
    return default


_PROFILE = (
    ~Q(comment="") | Q(age__isnull=False) | ~Q(gender="") | ~Q(education="") | ~Q(occupation="")
)


@transaction.atomic
def purge_respondent_data(*, today: dt.date | None = None) -> int:
    """Blank the comments and profiles of survey responses older than their retention period.

    The answers (U1..U9) stay: the IKM of past periods must not change. The citizen's initial
    on a service record goes with the same retention.
    """
    day = today or timezone.localdate()
    default, rows = _retention_by_unit()
    oldest = day - dt.timedelta(days=min([default, *rows.values()]))
    start = timezone.make_aware(dt.datetime.combine(oldest, dt.time.min))
    stale = [
        pk
        for pk, at, path in SurveyResponse.objects.filter(_PROFILE, submitted_at__lt=start)
        .values_list("pk", "submitted_at", "unit__path")
        .iterator()
        if timezone.localdate(at) < day - dt.timedelta(days=_retention_for(path, default, rows))
    ]
    count = SurveyResponse.objects.filter(pk__in=stale).update(
        comment="", age=None, gender="", education="", occupation=""
    )
    initials = [
        pk
        for pk, at, path in ServiceRecord.objects.exclude(citizen_initial="")
        .filter(received_at__lt=start)
        .values_list("pk", "received_at", "unit__path")
        .iterator()
        if timezone.localdate(at) < day - dt.timedelta(days=_retention_for(path, default, rows))
    ]
    ServiceRecord.objects.filter(pk__in=initials).update(citizen_initial="")
    return count
