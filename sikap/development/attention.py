"""Home-page items: surveys to answer, JP short of the target late in the year, work for HR."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.accounts.attention import AttentionItem
from sikap.development import selectors
from sikap.development.access import can_manage, employees_managed
from sikap.development.models import ActivityStatus, OwnActivity, Participant

# From this month on, an employee short of the yearly target is reminded on the home page.
LATE_MONTH = 9
# A follow-up not given within this many days after it fell due stops being asked for.
FOLLOW_UP_WINDOW = 365


def items(user: Any, scope: Any) -> list[AttentionItem]:
    today = timezone.localdate()
    result: list[AttentionItem] = []
    employee = scope.employee
    if employee is not None:
        surveys = Participant.objects.filter(
            employee=employee,
            attended=True,
            event__start_date__lte=today,
            event__end_date__gte=today - dt.timedelta(days=60),
            reaction__isnull=True,
        ).count()
        if surveys:
            result.append(
                AttentionItem(
                    title=_("Tell us whether your training helped"),
                    detail=_("A three-question survey per training."),
                    url=reverse("development:mine"),
                    count=surveys,
                    order=40,
                )
            )
        if today.month >= LATE_MONTH:
            row = selectors.jp_rows([employee], today.year)[0]
            if row.below:
                result.append(
                    AttentionItem(
                        title=_("Learning hours below the yearly target"),
                        detail=_("%(jp)d of %(target)d JP so far this year.")
                        % {"jp": row.jp, "target": row.target},
                        url=reverse("development:mine"),
                        level="warning",
                        count=row.missing,
                        order=45,
                    )
                )
    if scope.direct_report_ids:
        due_before = today - dt.timedelta(days=selectors.follow_up_days())
        follow_ups = Participant.objects.filter(
            employee_id__in=scope.direct_report_ids,
            attended=True,
            event__end_date__lte=due_before,
            event__end_date__gt=due_before - dt.timedelta(days=FOLLOW_UP_WINDOW),
            follow_up__isnull=True,
        ).count()
        if follow_ups:
            result.append(
                AttentionItem(
                    title=_("Did the training help your team? Follow-ups due"),
                    url=reverse("development:team"),
                    count=follow_ups,
                    order=47,
                )
            )
    if can_manage(scope):
        pending = OwnActivity.objects.filter(
            status=ActivityStatus.PENDING, employee__in=employees_managed(scope)
        ).count()
        if pending:
            result.append(
                AttentionItem(
                    title=_("Self-reported trainings to verify"),
                    url=reverse("development:recap") + "#verify",
                    count=pending,
                    order=46,
                )
            )
    return result
