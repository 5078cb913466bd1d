"""Changes of state in the evaluation domain; every function is atomic and names its actor."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.accounts.models import User
from sikap.evaluation import rules
from sikap.evaluation.models import (
    AppraisalYear,
    Determination,
    Evaluation,
    EvaluationSettings,
    EvaluationStatus,
    Objection,
    ObjectionStatus,
    OrganisationAssessment,
    Period,
)
from sikap.evaluation.rules import PeriodKind, periodic_periods
from sikap.org.models import Employee, Unit

DEFAULT_DEADLINE_DAYS = 10


@transaction.atomic
def setup_appraisal_year(
    *, year: int, period_kind: str, by: User | None, plan_deadline: dt.date | None = None
) -> AppraisalYear:
    """Create an appraisal year with its periods; each deadline defaults to 10 days after its end."""
    if AppraisalYear.objects.filter(year=year).exists():
        raise ValidationError(
            {
                "year": ValidationError(
                    _("The appraisal year %(year)s already exists."),
                    code="year_exists",
                    params={"year": year},
                )
            }
        )
    appraisal_year = AppraisalYear(
        year=year, period_kind=period_kind, plan_deadline=plan_deadline or dt.date(year, 1, 31)
    )
    appraisal_year._history_user = by  # type: ignore[attr-defined]
    appraisal_year.save()
    specs = periodic_periods(year, PeriodKind(period_kind))
    for number, spec in enumerate(specs, start=1):
        end = dt.date(year, spec.end_month, calendar.monthrange(year, spec.end_month)[1])
        period = Period(
            appraisal_year=appraisal_year, number=number, name=spec.label,
            start_date=dt.date(year, spec.start_month, 1), end_date=end,
            deadline=end + dt.timedelta(days=DEFAULT_DEADLINE_DAYS), is_final=number == len(specs),
        )  # fmt: skip
        period._history_user = by  # type: ignore[attr-defined]
        period.save()
    return appraisal_year


@transaction.atomic
def update_period(
    *,
    period: Period,
    by: User | None,
    name: str,
    start_date: dt.date,
    end_date: dt.date,
    deadline: dt.date,
    is_final: bool,
) -> Period:
    """Change a period's dates and deadline; making it final moves the flag (one final a year)."""
    errors: dict[str, ValidationError] = {}
    if end_date < start_date:
        errors["end_date"] = ValidationError(
            _("The end date cannot be before the start date."), code="end_before_start"
        )
    year = period.appraisal_year.year
    if start_date.year != year or end_date.year != year:
        errors["start_date"] = ValidationError(
            _("The period must be within the appraisal year %(year)s."),
            code="outside_year",
            params={"year": year},
        )
    if deadline < end_date:
        errors["deadline"] = ValidationError(
            _("The deadline cannot be before the end of the period."), code="deadline_before_end"
        )
    if period.is_final and not is_final:
        errors["is_final"] = ValidationError(
            _("Every year needs exactly one final period; make another period the final one."),
            code="one_final_period",
        )
    if errors:
        raise ValidationError(errors)
    if is_final and not period.is_final:
        for other in Period.objects.filter(appraisal_year=period.appraisal_year_id, is_final=True):
            other.is_final = False
            other._history_user = by  # type: ignore[attr-defined]
            other.save(update_fields=["is_final"])
    period.name = name
    period.start_date = start_date
    period.end_date = end_date
    period.deadline = deadline
    period.is_final = is_final
    period._history_user = by  # type: ignore[attr-defined]
    period.save()
    return period


@transaction.atomic
def reopen_period(*, period: Period, until: dt.date | None, by: User | None) -> Period:
    """HR reopens entry after the deadline until a date (None closes it again)."""
    if until is not None and until <= period.deadline:
        raise ValidationError(
            {
                "reopened_until": ValidationError(
                    _("The reopening date must be after the deadline."),
                    code="reopen_before_deadline",
                )
            }
        )
    period.reopened_until = until
    period._history_user = by  # type: ignore[attr-defined]
    period.save(update_fields=["reopened_until"])
    return period


# --------------------------------------------------------------------------- settings


@transaction.atomic
def update_settings(
    *, by: User | None, organisation_predicate_setter: str, rounding: str,
    pooling_threshold: int, objection_days: int,
) -> EvaluationSettings:  # fmt: skip
    """Change the evaluation settings (recorded in the audit trail)."""
    settings = EvaluationSettings.load()
    settings.organisation_predicate_setter = organisation_predicate_setter
    settings.rounding = rules.Rounding(rounding).value
    settings.pooling_threshold = pooling_threshold
    settings.objection_days = objection_days
    settings._history_user = by  # type: ignore[attr-defined]
    settings.save()
    return settings


# --------------------------------------------------------------------------- organisation


def _notify(*, user: User | None, title: str, body: str, url: str, email: bool = True) -> None:
    """In-app notification (and e-mail) through the SKP app, after the transaction commits."""
    from sikap.planning.services import notify

    transaction.on_commit(lambda: notify(user=user, title=title, body=body, url=url, email=email))


LOCKED_MESSAGE = gettext_lazy(
    "The predikat of this period has been finalised and locked; it can only change through a keberatan."
)


@transaction.atomic
def set_organisation_predicate(
    *, unit: Unit, period: Period, predicate: str, note: str = "", by: User | None
) -> OrganisationAssessment:
    """Record (or change) the Predikat Kinerja Organisasi of a unit for a period."""
    organisation_predicate = rules.OrganisationPredicate(predicate)
    if Determination.objects.filter(unit=unit, period=period).exists():
        raise ValidationError({"predicate": ValidationError(LOCKED_MESSAGE, code="locked")})
    assessment = OrganisationAssessment.objects.filter(unit=unit, period=period).first()
    if assessment is None:
        assessment = OrganisationAssessment(unit=unit, period=period)
    assessment.predicate = organisation_predicate.value
    assessment.note = note
    assessment.set_by = by
    assessment._history_user = by  # type: ignore[attr-defined]
    assessment.save()
    return assessment


# --------------------------------------------------------------------------- evaluations


def _rating(value: str, field: str) -> rules.Rating:
    try:
        return rules.Rating(value)
    except ValueError:
        raise ValidationError(
            {field: ValidationError(_("Choose one of the ratings."), code="invalid_rating")}
        ) from None


def _snapshot_penilai(evaluation: Evaluation) -> None:
    plan = evaluation.plan
    evaluation.penilai_id = plan.penilai_id
    evaluation.penilai_name = plan.penilai_name
    evaluation.penilai_nip = plan.penilai_nip
    penilai = plan.penilai
    evaluation.penilai_golongan = penilai.golongan if penilai is not None else ""
    evaluation.penilai_position = plan.penilai_position
    evaluation.penilai_unit = plan.penilai_unit


def _clean_notes(notes: dict[str, dict[str, str]] | None) -> dict[str, dict[str, str]]:
    cleaned: dict[str, dict[str, str]] = {}
    for key, entry in (notes or {}).items():
        label = entry.get("label", "") or ""
        if label and label not in rules.Rating.__members__:
            raise ValidationError(
                {"work_result_notes": ValidationError(_("Unknown RHK label."), code="unknown_rhk")}
            )
        feedback = (entry.get("feedback", "") or "").strip()
        if label or feedback:
            cleaned[str(key)] = {"label": label, "feedback": feedback}
    return cleaned


@transaction.atomic
def set_ratings(
    *,
    plan: Any,
    period: Period,
    result_rating: str,
    behaviour_rating: str,
    by: User,
    work_result_notes: dict[str, dict[str, str]] | None = None,
    notes: str = "",
) -> Evaluation:
    """The pejabat penilai of the SKP sets the two ratings; the predikat follows from the matrix."""
    penilai = getattr(by, "employee", None)
    if penilai is None or plan.penilai_id != penilai.pk:
        raise ValidationError(
            _("Only the Pejabat Penilai Kinerja of this SKP can evaluate."), code="not_penilai"
        )
    if period.appraisal_year_id != plan.appraisal_year_id:
        raise ValidationError(
            {
                "period": ValidationError(
                    _("The period is not in the year of this SKP."), code="period_outside_year"
                )
            }
        )
    evaluation = Evaluation.objects.select_for_update().filter(plan=plan, period=period).first()
    if evaluation is None:
        evaluation = Evaluation(plan=plan, employee_id=plan.employee_id, period=period)
    if evaluation.is_final:
        raise ValidationError(LOCKED_MESSAGE, code="locked")
    result = _rating(result_rating, "result_rating")
    behaviour = _rating(behaviour_rating, "behaviour_rating")
    evaluation.result_rating = result.value
    evaluation.behaviour_rating = behaviour.value
    evaluation.predicate = rules.employee_predicate(result, behaviour).value
    evaluation.work_result_notes = _clean_notes(work_result_notes)
    evaluation.notes = notes
    evaluation.evaluated_by = by
    _snapshot_penilai(evaluation)
    evaluation._history_user = by  # type: ignore[attr-defined]
    evaluation.save()
    return evaluation


@transaction.atomic
def calibrate_rating(
    *, evaluation: Evaluation, result_rating: str, behaviour_rating: str, reason: str, by: User
) -> Evaluation:
    """The unit head changes a rating in calibration; the reason is mandatory and recorded."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("The reason for the change is required."), code="reason_required"
                )
            }
        )
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.is_final:
        raise ValidationError(LOCKED_MESSAGE, code="locked")
    result = _rating(result_rating, "result_rating")
    behaviour = _rating(behaviour_rating, "behaviour_rating")
    evaluation.result_rating = result.value
    evaluation.behaviour_rating = behaviour.value
    evaluation.predicate = rules.employee_predicate(result, behaviour).value
    evaluation._history_user = by  # type: ignore[attr-defined]
    evaluation._change_reason = f"Kalibrasi: {reason}"  # type: ignore[attr-defined]
    evaluation.save()
    return evaluation


@transaction.atomic
def determine_predicates(
    *, curve: Any, by: User, signer: Employee | None, now: dt.datetime | None = None,
    notify_employees: bool = True,
) -> Determination:  # fmt: skip
    """The signed penetapan predikat kinerja of a unit for a period; locks its evaluations."""
    if curve.determination is not None:
        raise ValidationError(
            _("The predikat of this period has already been finalised."), code="finalised_already"
        )
    if curve.assessment is None:
        raise ValidationError(
            _("Set the Predikat Kinerja Organisasi of this unit first."),
            code="organisation_predicate_missing",
        )
    evaluations = list(curve.evaluations.values())
    if not evaluations:
        raise ValidationError(
            _("There is no evaluation to finalise yet."), code="nothing_to_finalise"
        )
    missing = [e for e in evaluations if not e.predicate]
    if missing:
        names = ", ".join(e.employee.display_name for e in missing)
        raise ValidationError(
            _("Ratings are incomplete for: %(names)s."),
            code="ratings_incomplete",
            params={"names": names},
        )
    now = now or timezone.now()
    determination = Determination(
        unit=curve.unit,
        period=curve.period,
        organisation_predicate=curve.assessment.predicate,
        headcount=len(evaluations),
        distribution={p.short_code: curve.counts.get(p, 0) for p in rules.EmployeePredicate},
        violations=[v.message for v in curve.violations],
        signed_by=signer,
        signed_by_name=signer.display_name if signer else by.get_username(),
        signed_by_nip=signer.nip if signer else "",
        signed_by_position=signer.position.name if signer and signer.position else "",
        signed_by_user=by,
        signed_at=now,
    )
    determination._history_user = by  # type: ignore[attr-defined]
    determination.save()
    for evaluation in evaluations:
        evaluation.status = EvaluationStatus.FINAL
        evaluation.finalised_at = now
        evaluation._history_user = by  # type: ignore[attr-defined]
        evaluation._change_reason = "Penetapan predikat kinerja"  # type: ignore[attr-defined]
        evaluation.save(update_fields=["status", "finalised_at", "updated_at"])
        if notify_employees:
            _notify(
                user=evaluation.employee.user,
                title=f"Predikat kinerja {curve.period}: {evaluation.get_predicate_display()}",
                body="Predikat kinerja Anda sudah ditetapkan. Anda dapat mengajukan keberatan "
                f"dalam {EvaluationSettings.load().objection_days} hari.",
                url=reverse("evaluation:detail", args=[evaluation.pk]),
                email=False,
            )
    return determination


# --------------------------------------------------------------------------- keberatan


def objection_deadline(evaluation: Evaluation, settings: EvaluationSettings) -> dt.date | None:
    """The last day the employee may object to a final predikat."""
    if not evaluation.is_final or evaluation.finalised_at is None:
        return None
    finalised = timezone.localdate(evaluation.finalised_at)
    return finalised + dt.timedelta(days=settings.objection_days)


@transaction.atomic
def file_objection(
    *, evaluation: Evaluation, reason: str, by: User, today: dt.date | None = None
) -> Objection:
    """The employee objects to a final predikat within the window."""
    today = today or timezone.localdate()
    employee = getattr(by, "employee", None)
    if employee is None or employee.pk != evaluation.employee_id:
        raise ValidationError(
            _("Only the employee evaluated can file a keberatan."), code="not_the_employee"
        )
    deadline = objection_deadline(evaluation, EvaluationSettings.load())
    if deadline is None:
        raise ValidationError(
            _("A keberatan can only be filed against a final predikat."), code="not_final"
        )
    if today > deadline:
        raise ValidationError(
            _("The deadline for a keberatan has passed (%(deadline)s)."),
            code="objection_deadline_passed",
            params={"deadline": f"{deadline:%d-%m-%Y}"},
        )
    if not (reason or "").strip():
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("The reason for the keberatan is required."), code="reason_required"
                )
            }
        )
    if evaluation.objections.filter(status=ObjectionStatus.PENDING).exists():
        raise ValidationError(
            _("A keberatan is still waiting for a decision."), code="objection_pending"
        )
    decider_id = evaluation.plan.atasan_id
    if decider_id is None:
        # The SKP has no atasan snapshot: ask today's atasan of the employee.
        from sikap.org.hierarchy import OrgChart

        atasan = OrgChart(today).chain_of(evaluation.employee).atasan
        decider_id = atasan.employee.pk if atasan is not None else None
    if decider_id is None:
        raise ValidationError(
            _("No Atasan Pejabat Penilai Kinerja was found; contact the Admin Kepegawaian."),
            code="no_atasan_penilai",
        )
    objection = Objection(
        evaluation=evaluation,
        reason=reason.strip(),
        filed_by=by,
        filed_at=timezone.now(),
        decider_id=decider_id,
        previous_result_rating=evaluation.result_rating,
        previous_behaviour_rating=evaluation.behaviour_rating,
        previous_predicate=evaluation.predicate,
    )
    objection._history_user = by  # type: ignore[attr-defined]
    objection.save()
    if objection.decider is not None:
        _notify(
            user=objection.decider.user,
            title=f"Keberatan dari {evaluation.employee.display_name}",
            body=f"{evaluation.period}: {objection.reason}",
            url=reverse("evaluation:objection_decide", args=[objection.pk]),
        )
    return objection


@transaction.atomic
def decide_objection(
    *,
    objection: Objection,
    accept: bool,
    reason: str,
    by: User,
    result_rating: str = "",
    behaviour_rating: str = "",
) -> Objection:
    """The atasan pejabat penilai accepts (with new ratings) or rejects a keberatan."""
    employee = getattr(by, "employee", None)
    if employee is None or objection.decider_id != employee.pk:
        raise ValidationError(
            _("Only the Atasan Pejabat Penilai Kinerja can decide."), code="not_atasan_penilai"
        )
    if objection.status != ObjectionStatus.PENDING:
        raise ValidationError(_("This keberatan has already been decided."), code="decided_already")
    if not (reason or "").strip():
        raise ValidationError(
            {
                "decision_reason": ValidationError(
                    _("The reason for the decision is required."), code="decision_reason_required"
                )
            }
        )
    objection.decided_by = by
    objection.decided_at = timezone.now()
    objection.decision_reason = reason.strip()
    if accept:
        result = _rating(result_rating, "result_rating")
        behaviour = _rating(behaviour_rating, "behaviour_rating")
        objection.status = ObjectionStatus.ACCEPTED
        objection.new_result_rating = result.value
        objection.new_behaviour_rating = behaviour.value
        evaluation = Evaluation.objects.select_for_update().get(pk=objection.evaluation_id)
        evaluation.result_rating = result.value
        evaluation.behaviour_rating = behaviour.value
        evaluation.predicate = rules.employee_predicate(result, behaviour).value
        evaluation._history_user = by  # type: ignore[attr-defined]
        evaluation._change_reason = f"Keberatan diterima: {objection.decision_reason}"  # type: ignore[attr-defined]
        evaluation.save()
    else:
        objection.status = ObjectionStatus.REJECTED
    objection._history_user = by  # type: ignore[attr-defined]
    objection.save()
    evaluation = objection.evaluation
    _notify(
        user=evaluation.employee.user,
        title=f"Keberatan Anda {objection.get_status_display().lower()}",
        body=objection.decision_reason,
        url=reverse("evaluation:detail", args=[evaluation.pk]),
    )
    return objection
