"""Home-page items: evaluations to do, calibration pending, keberatan to decide, a final predikat."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.accounts.attention import AttentionItem
from sikap.accounts.models import Role
from sikap.cycle.models import Period
from sikap.evaluation.models import (
    Determination,
    Evaluation,
    EvaluationSettings,
    EvaluationStatus,
    Objection,
    ObjectionStatus,
    PeerFeedbackInvitation,
)
from sikap.lib.formatting import tanggal
from sikap.org.models import Unit, UnitKind
from sikap.planning.models import Plan


def items(user: Any, scope: Any) -> list[AttentionItem]:
    """A fixed number of queries whatever the size of the team or the unit."""
    result: list[AttentionItem] = []
    if scope.employee is None:
        return result
    today = timezone.localdate()
    index = reverse("evaluation:index")
    ended = list(
        Period.objects.filter(appraisal_year__year=today.year, end_date__lt=today).for_everyone()
    )
    if scope.has(Role.PENILAI) and ended:
        plan_ids = list(
            Plan.objects.current()
            .filter(appraisal_year__year=today.year, penilai=scope.employee, status="approved")
            .values_list("employee_id", flat=True)
        )
        done = (
            Evaluation.objects.filter(employee_id__in=plan_ids, period__in=ended)
            .exclude(predicate="")
            .count()
        )
        todo = len(plan_ids) * len(ended) - done
        if todo > 0:
            result.append(
                AttentionItem(
                    title=_("Evaluations to do for ended periods"),
                    url=index,
                    level="warning",
                    count=todo,
                    order=20,
                )
            )
    if scope.headed_paths and ended:
        units = list(
            Unit.objects.filter(
                path__in=scope.headed_paths, kind__in=[UnitKind.KECAMATAN, UnitKind.KELURAHAN]
            )
        )
        determined = Determination.objects.filter(unit__in=units, period__in=ended).count()
        pending = len(units) * len(ended) - determined
        if pending > 0:
            result.append(
                AttentionItem(
                    title=_("Calibration and penetapan predikat pending"),
                    url=index,
                    level="warning",
                    count=pending,
                    order=25,
                )
            )
    decisions = Objection.objects.filter(
        decider=scope.employee, status=ObjectionStatus.PENDING
    ).count()
    if decisions:
        result.append(
            AttentionItem(
                title=_("Keberatan waiting for your decision"),
                url=index,
                level="danger",
                count=decisions,
                order=15,
            )
        )
    asked = PeerFeedbackInvitation.objects.filter(
        respondent=scope.employee, answered=False, request__deadline__gte=today
    ).count()
    if asked:
        result.append(
            AttentionItem(
                title=_("Umpan balik rekan kerja/bawahan asked of you"),
                url=reverse("evaluation:peer_inbox"),
                level="warning",
                count=asked,
                order=22,
            )
        )
    days = EvaluationSettings.load().objection_days
    since = timezone.now() - dt.timedelta(days=days)
    recent = (
        Evaluation.objects.filter(
            employee=scope.employee, status=EvaluationStatus.FINAL, finalised_at__gte=since
        )
        .select_related("period")
        .order_by("-finalised_at")
        .first()
    )
    if recent is not None:
        deadline = timezone.localdate(recent.finalised_at) + dt.timedelta(days=days)
        result.append(
            AttentionItem(
                title=_("Your predikat for %(period)s: %(predicate)s")
                % {"period": recent.period.name, "predicate": recent.get_predicate_display()},
                detail=_("You may file a keberatan until %(date)s.") % {"date": tanggal(deadline)},
                url=reverse("evaluation:detail", args=[recent.pk]),
                level="info",
                order=40,
            )
        )
    return result
