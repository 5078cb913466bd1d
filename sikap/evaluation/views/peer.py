"""Umpan balik rekan kerja/bawahan (360°): ask for it, answer it, read its aggregate."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.cycle.models import Period
from sikap.evaluation import access, peer
from sikap.evaluation.forms import PeerAnswerForm, PeerRequestForm
from sikap.evaluation.models import (
    EvaluationSettings,
    PeerFeedbackInvitation,
    PeerFeedbackRequest,
)
from sikap.lib.forms import apply_errors
from sikap.org.scope import get_scope
from sikap.planning.models import Plan
from sikap.planning.rules import BEHAVIOUR_NAMES, BERAKHLAK


def _default_deadline(period: Period, today: dt.date) -> dt.date:
    return max(today + dt.timedelta(days=7), min(period.end_date, today + dt.timedelta(days=14)))


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def peer_request(request: AuthedRequest, plan_pk: int, period_pk: int) -> HttpResponse:
    """The 360° feedback of one SKP and period: who was asked, how many answered, the counts."""
    plan = access.get_plan_for_peer_feedback(
        request.user, plan_pk, for_change=request.method == "POST"
    )
    period = Period.objects.filter(pk=period_pk, appraisal_year=plan.appraisal_year_id).first()
    if period is None:
        raise Http404
    today = timezone.localdate()
    existing = PeerFeedbackRequest.objects.filter(employee=plan.employee_id, period=period).first()
    may_request = existing is None and access.may_request_peer_feedback(
        get_scope(request.user), plan
    )
    if request.method == "POST" and not may_request:
        formonce.refused(request)
        messages.error(request, _("Feedback has already been requested for this period."))
        return redirect("evaluation:peer_request", plan_pk=plan.pk, period_pk=period.pk)
    form = None
    if may_request:
        form = PeerRequestForm(
            request.POST or None,
            candidates=peer.candidates(employee=plan.employee, day=today),
            initial={"deadline": _default_deadline(period, today)},
        )
        if request.method == "POST" and form.is_valid():
            try:
                peer.request_feedback(
                    plan=plan,
                    period=period,
                    deadline=form.cleaned_data["deadline"],
                    respondents=form.chosen(),
                    by=request.user,
                    today=today,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Feedback requested."))
                return redirect("evaluation:peer_request", plan_pk=plan.pk, period_pk=period.pk)
    invitations = (
        list(existing.invitations.select_related("respondent__position", "respondent__unit"))
        if existing
        else []
    )
    return render(
        request,
        "evaluation/peer_request.html",
        {
            "plan": plan,
            "period": period,
            "peer": existing,
            "invitations": invitations,
            "aggregate": named_aggregate(peer.aggregate(existing)),
            "minimum": EvaluationSettings.load().peer_feedback_minimum,
            "form": form,
        },
    )


def named_aggregate(
    aggregate: tuple[peer.rules.PeerValueCounts, ...] | None,
) -> list[object] | None:
    """The aggregate rows with the values' official names, for the templates."""
    if aggregate is None:
        return None
    return [(BEHAVIOUR_NAMES[row.value], row.counts) for row in aggregate]


@require_GET
@login_required
def peer_inbox(request: AuthedRequest) -> HttpResponse:
    """The requests for umpan balik the user was asked to answer, and their own SKP's requests."""
    scope = get_scope(request.user)
    invitations: list[PeerFeedbackInvitation] = []
    own: list[PeerFeedbackRequest] = []
    periods: list[Period] = []
    plan = None
    if scope.employee is not None:
        invitations = list(
            PeerFeedbackInvitation.objects.filter(respondent=scope.employee)
            .select_related("request__plan", "request__period")
            .order_by("answered", "-request__deadline")[:50]
        )
        today = timezone.localdate()
        plan = (
            Plan.objects.current()
            .filter(employee=scope.employee, appraisal_year__year=today.year, status="approved")
            .select_related("appraisal_year")
            .first()
        )
        if plan is not None:
            periods = list(plan.appraisal_year.periods.filter(start_date__lte=today))
            own = list(
                PeerFeedbackRequest.objects.filter(employee=scope.employee, period__in=periods)
            )
    requested = {r.period_id: r for r in own}
    return render(
        request,
        "evaluation/peer_inbox.html",
        {
            "invitations": invitations,
            "plan": plan,
            "periods": [(p, requested.get(p.pk)) for p in periods],
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def peer_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    """The respondent gives one level per core value, once, until the deadline."""
    invitation = access.get_invitation_for_user(request.user, pk)
    today = timezone.localdate()
    closed = invitation.answered or today > invitation.request.deadline
    form = PeerAnswerForm(request.POST or None, values=BERAKHLAK)
    if request.method == "POST":
        if closed:
            formonce.refused(request)
            messages.error(request, _("This request can no longer be answered."))
            return redirect("evaluation:peer_answer", pk=invitation.pk)
        if form.is_valid():
            try:
                peer.answer_feedback(
                    invitation=invitation, answer=form.answer(), by=request.user, today=today
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Thank you: your answer was added anonymously."))
                return redirect("evaluation:peer_inbox")
    return render(
        request,
        "evaluation/peer_answer.html",
        {"invitation": invitation, "form": form, "closed": closed},
    )
