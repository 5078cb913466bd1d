"""The only way to fetch evaluation data for a user: 404 if unseen, 403 if seen but read-only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from sikap.accounts.models import User
from sikap.evaluation.models import (
    Evaluation,
    Objection,
    PeerFeedbackInvitation,
    PredicateSetter,
    RenewalRecommendation,
)
from sikap.org.models import JenisAsn, Position, Unit
from sikap.org.scope import Scope, get_scope
from sikap.planning.access import plans_visible_to

if TYPE_CHECKING:
    from sikap.planning.models import Plan, PlanQuerySet


def units_read(scope: Scope) -> list[Unit]:
    """Units (kecamatan/kelurahan) the user leads, manages or audits, in tree order."""
    return list(scope.filter_units(Unit.objects.filter(is_active=True), field=""))


# --------------------------------------------------------------------------- evaluations


def _plans_visible(user: User) -> PlanQuerySet:
    return plans_visible_to(user)


def get_plan_for_evaluation(user: User, pk: int, *, for_change: bool = False) -> Plan:
    """An SKP the user may see (404); with for_change, only its pejabat penilai (403)."""
    plan = (
        _plans_visible(user)
        .select_related("employee__unit", "employee__position", "appraisal_year", "penilai")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    if for_change and not is_penilai(get_scope(user), plan):
        raise PermissionDenied
    return plan


def is_penilai(scope: Scope, plan: Plan) -> bool:
    """Whether the user is the pejabat penilai recorded on the SKP (who rates it)."""
    return scope.employee is not None and plan.penilai_id == scope.employee.pk


def get_evaluation_for_user(user: User, pk: int) -> Evaluation:
    """An evaluation whose SKP the user may see; the employee sees their own only once final."""
    evaluation = (
        Evaluation.objects.with_details()
        .filter(plan__in=_plans_visible(user), pk=pk)
        .select_related("plan__atasan", "plan__penilai")
        .first()
    )
    if evaluation is None:
        raise Http404
    scope = get_scope(user)
    is_owner = scope.employee is not None and evaluation.employee_id == scope.employee.pk
    if is_owner and not evaluation.is_final:
        raise Http404
    return evaluation


def takes_renewal(evaluation: Evaluation) -> bool:
    """Whether the evaluation carries a renewal recommendation: a PPPK Paruh Waktu's annual one."""
    return evaluation.employee.jenis_asn == JenisAsn.PPPK_PW and evaluation.period.is_final


def get_evaluation_for_renewal(user: User, pk: int, *, for_change: bool = False) -> Evaluation:
    """A PPPK Paruh Waktu's annual evaluation the user may see (404); with for_change, its penilai."""
    evaluation = get_evaluation_for_user(user, pk)
    if not takes_renewal(evaluation):
        raise Http404
    if for_change and not is_penilai(get_scope(user), evaluation.plan):
        raise PermissionDenied
    return evaluation


def renewals_visible_to(user: User) -> QuerySet[RenewalRecommendation]:
    """The renewal recommendations of the subtrees the user manages, leads or audits (404 if none)."""
    scope = get_scope(user)
    if not scope.reaches_any("read"):
        raise Http404
    return scope.filter_units(
        RenewalRecommendation.objects.all(), field="evaluation__employee__unit"
    )


def is_owner(user: User, evaluation: Evaluation) -> bool:
    """Whether the user is the evaluated employee (who may file a keberatan)."""
    return get_scope(user).is_self(evaluation.employee_id)


def require_owner(user: User, evaluation: Evaluation) -> None:
    """Only the evaluated employee (403 otherwise)."""
    if not is_owner(user, evaluation):
        raise PermissionDenied


def leads_unit(scope: Scope, unit: Unit) -> bool:
    """The head of the unit or of a unit above it (or a superadmin)."""
    return scope.heads(unit)


def calibrates_own_result(scope: Scope, evaluation: Evaluation) -> bool:
    """Whether this is the user's own evaluation: a unit head's row is set by their penilai."""
    return scope.employee is not None and evaluation.employee_id == scope.employee.pk


def get_calibration_unit(user: User, pk: int, *, for_change: bool = False) -> Unit:
    """A unit whose curve the user may read (404); with for_change, only its head (403)."""
    scope = get_scope(user)
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None or not scope.reads(unit):
        raise Http404
    if for_change and not leads_unit(scope, unit):
        raise PermissionDenied
    return unit


def can_set_organisation_predicate(scope: Scope, unit: Unit, setter: str) -> bool:
    """Who records a unit's Predikat Kinerja Organisasi (EvaluationSettings decides, §1.8).

    "parent_head": the head of a unit above it; when nobody above it is a SIKAP user (e.g. the
    Walikota for a kecamatan), the Admin Kepegawaian records the decision. "hr": the Admin
    Kepegawaian of the unit.
    """
    if scope.is_superadmin:
        return True
    if setter == PredicateSetter.HR:
        return scope.manages(unit)
    if scope.heads(unit, above=True):
        return True
    if scope.manages(unit):
        return not Position.objects.filter(
            is_unit_head=True,
            unit_id__in=unit.ancestor_ids[:-1],
            holders__is_active=True,
            holders__user__isnull=False,
        ).exists()
    return False


def get_objection_for_user(user: User, pk: int, *, for_change: bool = False) -> Objection:
    """A keberatan whose evaluation the user may see; with for_change only its decider (403)."""
    objection = (
        Objection.objects.select_related("evaluation__employee", "evaluation__period", "decider")
        .filter(pk=pk, evaluation__plan__in=_plans_visible(user))
        .first()
    )
    if objection is None:
        raise Http404
    if for_change:
        scope = get_scope(user)
        if scope.employee is None or objection.decider_id != scope.employee.pk:
            raise PermissionDenied
    return objection


# --------------------------------------------------------------------------- 360° feedback


def may_request_peer_feedback(scope: Scope, plan: Plan) -> bool:
    """The SKP's pejabat penilai or the employee asks for umpan balik rekan kerja/bawahan."""
    return is_penilai(scope, plan) or scope.is_self(plan.employee_id)


def get_plan_for_peer_feedback(user: User, pk: int, *, for_change: bool = False) -> Plan:
    """An SKP the user may see (404); with for_change, only its penilai or its employee (403)."""
    plan = get_plan_for_evaluation(user, pk)
    if for_change and not may_request_peer_feedback(get_scope(user), plan):
        raise PermissionDenied
    return plan


def get_invitation_for_user(user: User, pk: int) -> PeerFeedbackInvitation:
    """An invitation to answer, only for its respondent (404 for everyone else)."""
    scope = get_scope(user)
    invitation = (
        PeerFeedbackInvitation.objects.select_related(
            "request__plan", "request__period", "request__employee"
        )
        .filter(pk=pk)
        .first()
    )
    if (
        invitation is None
        or scope.employee is None
        or invitation.respondent_id != scope.employee.pk
    ):
        raise Http404
    return invitation
