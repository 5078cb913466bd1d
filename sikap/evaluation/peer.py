"""Umpan balik rekan kerja/bawahan (360°) on the 7 BerAKHLAK values: request, answer, remind.

Changes of state of the 360° feedback, kept out of ``services.py`` so that module stays small.
Only counts per value and level are stored (``rules.add_peer_answer``); an invitation records
that its respondent answered, never what. The aggregate is shown only from
``EvaluationSettings.peer_feedback_minimum`` answers on (``rules.peer_aggregate``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.models import User
from sikap.cycle.models import Period
from sikap.evaluation import notices, rules
from sikap.evaluation.models import (
    Evaluation,
    EvaluationSettings,
    PeerFeedbackInvitation,
    PeerFeedbackRequest,
    PeerRelation,
)
from sikap.lib.audit import stamp
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee
from sikap.planning.models import Plan, PlanStatus
from sikap.planning.rules import BEHAVIOUR_KEYS
from sikap.planning.services.common import notify

# Respondents are reminded once, this many days before the deadline (and on the day).
REMIND_DAYS_BEFORE = 2


@dataclass(frozen=True)
class Candidate:
    employee: Employee
    relation: str


def candidates(*, employee: Employee, day: dt.date) -> list[Candidate]:
    """Who may be asked: rekan kerja (the same penilai) and bawahan langsung, by the chart of the day."""
    chart = OrgChart(day)
    holder = chart.penilai_of(employee)
    found: dict[int, str] = {}
    if holder is not None:
        for pk in chart.direct_report_ids(holder.employee.pk):
            found[pk] = PeerRelation.REKAN
    for pk in chart.direct_report_ids(employee.pk):
        found[pk] = PeerRelation.BAWAHAN
    found.pop(employee.pk, None)
    if holder is not None:
        found.pop(holder.employee.pk, None)
    people = Employee.objects.filter(pk__in=found, is_active=True).select_related(
        "position", "unit"
    )
    return sorted(
        (Candidate(e, found[e.pk]) for e in people),
        key=lambda c: (c.relation != PeerRelation.BAWAHAN, c.employee.name, c.employee.pk),
    )


def _url(request: PeerFeedbackRequest) -> str:
    return reverse("evaluation:peer_request", args=[request.plan_id, request.period_id])


@transaction.atomic
def request_feedback(
    *,
    plan: Plan,
    period: Period,
    deadline: dt.date,
    respondents: list[Employee],
    by: User | None,
    today: dt.date | None = None,
) -> PeerFeedbackRequest:
    """Ask peers and direct reports of the SKP's employee for feedback on the core values."""
    day = today or timezone.localdate()
    settings = EvaluationSettings.load()
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError(_("Only an approved SKP can collect feedback."), code="not_approved")
    if period.appraisal_year_id != plan.appraisal_year_id:
        raise ValidationError(_("The period is not in the SKP's year."), code="wrong_period")
    if Evaluation.objects.filter(employee=plan.employee_id, period=period, status="final").exists():
        raise ValidationError(
            _("The evaluation of this period is final; feedback can no longer be asked."),
            code="period_closed",
        )
    if deadline < day:
        raise ValidationError(_("The answer deadline cannot be in the past."), code="deadline_past")
    if PeerFeedbackRequest.objects.filter(employee=plan.employee_id, period=period).exists():
        raise ValidationError(
            _("Feedback has already been requested for this period."), code="exists"
        )
    allowed = {c.employee.pk: c.relation for c in candidates(employee=plan.employee, day=day)}
    chosen = {e.pk: e for e in respondents}
    if not set(chosen) <= set(allowed):
        raise ValidationError(
            _("Only rekan kerja and bawahan langsung can be asked."), code="not_a_peer"
        )
    if len(chosen) < settings.peer_feedback_minimum:
        raise ValidationError(
            _("Ask at least %(n)s people: the answers are shown only from %(n)s answers on.")
            % {"n": settings.peer_feedback_minimum},
            code="too_few",
        )
    request = PeerFeedbackRequest(
        plan=plan, employee=plan.employee, period=period, deadline=deadline, requested_by=by
    )
    stamp(request, by)
    request.save()
    PeerFeedbackInvitation.objects.bulk_create(
        PeerFeedbackInvitation(request=request, respondent=e, relation=allowed[pk])
        for pk, e in chosen.items()
    )
    for invitation in request.invitations.select_related("respondent__user"):
        _notify_respondent(invitation, request, reminder=False)
    return request


def _notify_respondent(
    invitation: PeerFeedbackInvitation, request: PeerFeedbackRequest, *, reminder: bool
) -> None:
    url = reverse("evaluation:peer_answer", args=[invitation.pk])
    user = invitation.respondent.user
    # In the same transaction: the notification goes with the request; e-mail is sent after commit.
    notice = partial(notices.peer_feedback_asked, request, reminder=reminder)
    notify(user=user, notice=notice, url=url)


@transaction.atomic
def answer_feedback(
    *,
    invitation: PeerFeedbackInvitation,
    answer: dict[str, str],
    by: User | None,
    today: dt.date | None = None,
) -> None:
    """Add one respondent's levels to the counts; the answer itself is not kept."""
    day = today or timezone.localdate()
    locked = PeerFeedbackInvitation.objects.select_for_update().get(pk=invitation.pk)
    request = PeerFeedbackRequest.objects.select_for_update().get(pk=locked.request_id)
    if locked.answered:
        raise ValidationError(_("You have already answered."), code="answered")
    if day > request.deadline:
        raise ValidationError(_("The answer deadline has passed."), code="deadline_passed")
    try:
        counts = rules.add_peer_answer(request.counts, answer, BEHAVIOUR_KEYS)
    except ValueError as exc:
        raise ValidationError(_("Choose a level for every core value."), code="incomplete") from exc
    # update(), not save(): no history row and no timestamp that could tie an answer to a person.
    PeerFeedbackRequest.objects.filter(pk=request.pk).update(
        counts=counts, answered=request.answered + 1
    )
    PeerFeedbackInvitation.objects.filter(pk=locked.pk).update(answered=True)
    invitation.answered = True


def aggregate(request: PeerFeedbackRequest | None) -> tuple[rules.PeerValueCounts, ...] | None:
    """The counts to show, or None below the minimum number of answers."""
    if request is None:
        return None
    minimum = EvaluationSettings.load().peer_feedback_minimum
    return rules.peer_aggregate(request.counts, request.answered, minimum, BEHAVIOUR_KEYS)


@transaction.atomic
def send_reminders(*, today: dt.date | None = None) -> int:
    """Remind once whoever has not answered, from REMIND_DAYS_BEFORE days before the deadline."""
    day = today or timezone.localdate()
    due = list(
        PeerFeedbackInvitation.objects.select_for_update(of=("self",))
        .filter(
            answered=False,
            reminded=False,
            request__deadline__gte=day,
            request__deadline__lte=day + dt.timedelta(days=REMIND_DAYS_BEFORE),
        )
        .select_related("request__plan", "request__period", "respondent__user")
    )
    for invitation in due:
        _notify_respondent(invitation, invitation.request, reminder=True)
    PeerFeedbackInvitation.objects.filter(pk__in=[i.pk for i in due]).update(reminded=True)
    return len(due)
