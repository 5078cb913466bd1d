"""Home-page items: surveys to answer, JP short of the target late in the year, work for HR."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.accounts.attention import AttentionItem
from sikap.development import services
from sikap.development.access import can_manage, employees_managed
from sikap.development.models import ActivityStatus, OwnActivity, Participant

# From this month on, an employee short of the yearly target is reminded on the home page.
LATE_MONTH = 9


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
            row = services.jp_rows([employee], today.year)[0]
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
