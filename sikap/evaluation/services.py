"""Changes of state in the evaluation domain; every function is atomic and names its actor."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.accounts.models import User
from sikap.cycle.models import ClosureReason, Period
from sikap.cycle.services import close_entry
from sikap.evaluation import access, notices, rules
from sikap.evaluation.models import (
    Determination,
    Evaluation,
    EvaluationSettings,
    EvaluationStatus,
    Objection,
    ObjectionStatus,
    OrganisationAssessment,
    RenewalDecision,
    RenewalRecommendation,
)
from sikap.lib.audit import stamp
from sikap.lib.formatting import long_date, tanggal
from sikap.lib.locking import lock, locked
from sikap.org.models import Employee, JenisAsn, Unit
from sikap.org.scope import get_scope
from sikap.planning.models import Plan, PlanStatus
from sikap.planning.services.common import Notice, notify

# --------------------------------------------------------------------------- settings


@transaction.atomic
def update_settings(
    *,
    by: User | None,
    organisation_predicate_setter: str,
    rounding: str,
    pooling_threshold: int,
    objection_days: int,
    peer_feedback_minimum: int | None = None,
) -> EvaluationSettings:
    """Change the evaluation settings (recorded in the audit trail)."""
    settings = EvaluationSettings.load()
    settings.organisation_predicate_setter = organisation_predicate_setter
    settings.rounding = rules.Rounding(rounding).value
    settings.pooling_threshold = pooling_threshold
    settings.objection_days = objection_days
    if peer_feedback_minimum is not None:
        settings.peer_feedback_minimum = peer_feedback_minimum
    stamp(settings, by)
    settings.save()
    return settings


# --------------------------------------------------------------------------- organisation


def _notify(*, user: User | None, notice: Notice, url: str, email: bool = True) -> None:
    """In-app notification (and e-mail) through the SKP app, after the transaction commits."""
    transaction.on_commit(lambda: notify(user=user, notice=notice, url=url, email=email))


OWN_RESULT_MESSAGE = gettext_lazy(
    "Nobody calibrates their own result: a unit head's ratings are set by their penilai."
)
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
    stamp(assessment, by)
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
    by: User | None,
    work_result_notes: dict[str, dict[str, str]] | None = None,
    notes: str = "",
) -> Evaluation:
    """The pejabat penilai of the SKP sets the two ratings; the predikat follows from the matrix."""
    if by is None or not access.is_penilai(get_scope(by), plan):
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
    if not period.applies_to(plan.employee.jenis_asn):
        raise ValidationError(
            {
                "period": ValidationError(
                    _("This employee is not evaluated in this period."),
                    code="period_not_for_employee",
                )
            }
        )
    # One evaluation per employee and period, whatever SKP version is in force: a period rated
    # (or signed) on v1 is the same evaluation on v2, never a second one. The employee's row
    # is the lock: two penilai saving at once create one evaluation, not an IntegrityError.
    locked(Employee, plan.employee_id)
    evaluation = (
        Evaluation.objects.select_for_update()
        .filter(employee_id=plan.employee_id, period=period)
        .first()
    )
    if evaluation is not None and not evaluation.is_final:
        evaluation.plan = plan
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
    stamp(evaluation, by)
    evaluation.save()
    return evaluation


@transaction.atomic
def calibrate_rating(
    *,
    evaluation: Evaluation,
    result_rating: str,
    behaviour_rating: str,
    reason: str,
    by: User | None,
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
    evaluation = locked(Evaluation, evaluation.pk)
    if evaluation.is_final:
        raise ValidationError(LOCKED_MESSAGE, code="locked")
    own = getattr(by, "employee", None)
    if own is not None and evaluation.employee_id == own.pk:
        raise ValidationError(OWN_RESULT_MESSAGE, code="own_result")
    result = _rating(result_rating, "result_rating")
    behaviour = _rating(behaviour_rating, "behaviour_rating")
    evaluation.result_rating = result.value
    evaluation.behaviour_rating = behaviour.value
    evaluation.predicate = rules.employee_predicate(result, behaviour).value
    stamp(evaluation, by, reason=f"Kalibrasi: {reason}")
    evaluation.save()
    return evaluation


def awaiting_evaluation(curve: Any) -> list[Employee]:
    """Members of the curve a penilai in SIKAP should rate for the period and has not yet.

    Those are the members with an approved SKP that has a penilai and covers the period; a
    member rated outside SIKAP (a camat whose penilai is the Wali Kota) does not hold it up.
    """
    period = curve.period
    unrated = [
        e
        for e in curve.employees
        if e.pk not in curve.evaluations or not curve.evaluations[e.pk].predicate
    ]
    if not unrated:
        return []
    expected = set(
        Plan.objects.filter(
            employee__in=[e.pk for e in unrated],
            appraisal_year_id=period.appraisal_year_id,
            status=PlanStatus.APPROVED,
            penilai__isnull=False,
            start_date__lte=period.end_date,
            end_date__gte=period.start_date,
        ).values_list("employee_id", flat=True)
    )
    return [e for e in unrated if e.pk in expected]


def _check_complete(curve: Any) -> list[Evaluation]:
    if curve.assessment is None:
        raise ValidationError(
            _("Set the Predikat Kinerja Organisasi of this unit first."), code="no_assessment"
        )
    evaluations = list(curve.evaluations.values())
    if not evaluations:
        raise ValidationError(_("There are no evaluations to sign yet."), code="no_evaluations")
    missing = awaiting_evaluation(curve)
    if missing:
        raise ValidationError(
            _("Not everyone in this curve is evaluated yet: %(names)s."),
            code="incomplete",
            params={"names": ", ".join(e.display_name for e in missing)},
        )
    return evaluations


def _sign(
    determination: Determination,
    curve: Any,
    *,
    by: User | None,
    signer: Employee | None,
    now: dt.datetime,
    evaluations: list[Evaluation],
) -> None:
    determination.organisation_predicate = curve.assessment.predicate
    determination.headcount = len(evaluations)
    determination.distribution = {
        p.short_code: curve.counts.get(p, 0) for p in rules.EmployeePredicate
    }
    determination.violations = [v.message for v in curve.violations]
    determination.signed_by = signer
    determination.signed_by_name = (
        signer.display_name if signer else (by.get_username() if by else "")
    )
    determination.signed_by_nip = signer.nip if signer else ""
    determination.signed_by_position = signer.position.name if signer and signer.position else ""
    determination.signed_by_user = by
    determination.signed_at = now


def _close_entry(curve: Any, evaluations: list[Evaluation], now: dt.datetime) -> None:
    """Final means final: realisation and evidence of the period close for everyone in the
    curve (the evaluated ones and those still without an evaluation)."""
    members = {e.pk for e in curve.employees} | {e.employee_id for e in evaluations}
    close_entry(period=curve.period, employee_ids=members, reason=ClosureReason.PENETAPAN, at=now)


def _store_document_after_commit(determination: Determination) -> None:
    from sikap.evaluation.tasks import store_determination_document

    pk, version = determination.pk, determination.version
    transaction.on_commit(
        lambda: store_determination_document.enqueue(determination_id=pk, version=version)
    )


@transaction.atomic
def determine_predicates(
    *,
    curve: Any,
    by: User | None,
    signer: Employee | None,
    now: dt.datetime | None = None,
    notify_employees: bool = True,
    early_close_reason: str = "",
) -> Determination:
    """The signed penetapan predikat kinerja of a unit for a period; locks its evaluations.

    Only once the period has ended (or with an explicit, recorded reason to close it early)
    and when everyone in the curve has both ratings. The unit's row is the lock: two signers
    at once make one penetapan, the other is told it is signed.
    """
    locked(Unit, curve.unit.pk)
    if (
        curve.determination is not None
        or Determination.objects.filter(unit=curve.unit, period=curve.period).exists()
    ):
        raise ValidationError(_("This period's predikat is already signed."), code="signed")
    now = now or timezone.now()
    early_close_reason = (early_close_reason or "").strip()
    if timezone.localdate(now) <= curve.period.end_date and not early_close_reason:
        raise ValidationError(
            _(
                "The period runs until %(date)s: sign after it ends, or give a reason to close "
                "it early."
            ),
            code="period_not_ended",
            params={"date": tanggal(curve.period.end_date)},
        )
    evaluations = _check_complete(curve)
    determination = Determination(unit=curve.unit, period=curve.period, reason=early_close_reason)
    _sign(determination, curve, by=by, signer=signer, now=now, evaluations=evaluations)
    stamp(
        determination,
        by,
        reason=f"Penutupan awal: {early_close_reason}" if early_close_reason else None,
    )
    determination.save()
    _finalise(evaluations, by=by, now=now, reason="Penetapan predikat kinerja")
    if notify_employees:
        for evaluation in evaluations:
            _notify_final(evaluation, curve)
    _close_entry(curve, evaluations, now)
    _store_document_after_commit(determination)
    return determination


@transaction.atomic
def correct_determination(
    *,
    curve: Any,
    by: User | None,
    signer: Employee | None,
    reason: str,
    now: dt.datetime | None = None,
) -> Determination:
    """A new, audited version of a signed penetapan (after a keberatan or a late evaluation).

    The documents of the earlier versions are kept as they were signed.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Give the reason for the correction."), code="reason_required"
                )
            }
        )
    determination = (
        Determination.objects.select_for_update()
        .filter(unit=curve.unit, period=curve.period)
        .first()
    )
    if determination is None:
        raise ValidationError(_("There is no signed penetapan to correct."), code="not_signed")
    evaluations = _check_complete(curve)
    now = now or timezone.now()
    determination.version += 1
    determination.reason = reason
    _sign(determination, curve, by=by, signer=signer, now=now, evaluations=evaluations)
    stamp(determination, by, reason=f"Koreksi penetapan versi {determination.version}: {reason}")
    determination.save()
    late = [e for e in evaluations if not e.is_final]
    _finalise(late, by=by, now=now, reason=f"Koreksi penetapan versi {determination.version}")
    for evaluation in late:
        _notify_final(evaluation, curve)
    _close_entry(curve, evaluations, now)
    _store_document_after_commit(determination)
    return determination


def _finalise(
    evaluations: list[Evaluation], *, by: User | None, now: dt.datetime, reason: str
) -> None:
    for evaluation in evaluations:
        evaluation.status = EvaluationStatus.FINAL
        evaluation.finalised_at = now
        stamp(evaluation, by, reason=reason)
        evaluation.save(update_fields=["status", "finalised_at", "updated_at"])


def _notify_final(evaluation: Evaluation, curve: Any) -> None:
    _notify(
        user=evaluation.employee.user,
        notice=partial(
            notices.predicate_final, evaluation, curve, EvaluationSettings.load().objection_days
        ),
        url=reverse("evaluation:detail", args=[evaluation.pk]),
        email=False,
    )


# --------------------------------------------------------------------------- keberatan


def objection_deadline(evaluation: Evaluation, settings: EvaluationSettings) -> dt.date | None:
    """The last day the employee may object to a final predikat."""
    if not evaluation.is_final or evaluation.finalised_at is None:
        return None
    finalised = timezone.localdate(evaluation.finalised_at)
    return finalised + dt.timedelta(days=settings.objection_days)


@transaction.atomic
def file_objection(
    *, evaluation: Evaluation, reason: str, by: User | None, today: dt.date | None = None
) -> Objection:
    """The employee objects to a final predikat within the window; a double submit files one."""
    lock(evaluation)
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
            params={"deadline": long_date(deadline)},
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
    stamp(objection, by)
    objection.save()
    assert objection.decider is not None  # decider_id is set above
    _notify(
        user=objection.decider.user,
        notice=partial(notices.objection_filed, evaluation, objection),
        url=reverse("evaluation:objection_decide", args=[objection.pk]),
    )
    return objection


@transaction.atomic
def decide_objection(
    *,
    objection: Objection,
    accept: bool,
    reason: str,
    by: User | None,
    result_rating: str = "",
    behaviour_rating: str = "",
) -> Objection:
    """The atasan pejabat penilai accepts (with new ratings) or rejects a keberatan."""
    employee = getattr(by, "employee", None)
    if employee is None or objection.decider_id != employee.pk:
        raise ValidationError(
            _("Only the Atasan Pejabat Penilai Kinerja can decide."), code="not_atasan_penilai"
        )
    lock(objection)
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
        evaluation = locked(Evaluation, objection.evaluation_id)
        evaluation.result_rating = result.value
        evaluation.behaviour_rating = behaviour.value
        evaluation.predicate = rules.employee_predicate(result, behaviour).value
        stamp(evaluation, by, reason=f"Keberatan diterima: {objection.decision_reason}")
        evaluation.save()
    else:
        objection.status = ObjectionStatus.REJECTED
    stamp(objection, by)
    objection.save()
    evaluation = objection.evaluation
    _notify(
        user=evaluation.employee.user,
        notice=partial(notices.objection_decided, objection),
        url=reverse("evaluation:detail", args=[evaluation.pk]),
    )
    return objection


@transaction.atomic
def recommend_renewal(
    *, evaluation: Evaluation, decision: str, reasons: str, by: User | None
) -> RenewalRecommendation:
    """The penilai recommends on a PPPK Paruh Waktu's annual evaluation; audited, reasons required."""
    if by is None or not access.is_penilai(get_scope(by), evaluation.plan):
        raise ValidationError(
            _("Only the pejabat penilai of this SKP gives the renewal recommendation."),
            code="not_penilai",
        )
    if evaluation.employee.jenis_asn != JenisAsn.PPPK_PW or not evaluation.period.is_final:
        raise ValidationError(
            _("A renewal recommendation belongs to the annual evaluation of a PPPK Paruh Waktu."),
            code="not_pppk_pw_annual",
        )
    if decision not in RenewalDecision.values:
        raise ValidationError(
            {"decision": ValidationError(_("Choose a recommendation."), code="decision")}
        )
    if not reasons.strip():
        raise ValidationError(
            {
                "reasons": ValidationError(
                    _("Give the reasons for the recommendation."), code="reasons"
                )
            }
        )
    recommendation = RenewalRecommendation.objects.filter(evaluation=evaluation).first()
    if recommendation is None:
        recommendation = RenewalRecommendation(evaluation=evaluation)
    recommendation.decision = decision
    recommendation.reasons = reasons.strip()
    recommendation.recommended_by = by
    stamp(recommendation, by)
    recommendation.full_clean()
    recommendation.save()
    return recommendation
