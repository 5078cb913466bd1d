"""Home-page items: a unit head whose last period's lowest unsur has no follow-up plan yet."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.accounts.attention import AttentionItem
from sikap.org.models import Unit
from sikap.surveys.access import SERVICE_KINDS
from sikap.surveys.models import FollowUpPlan, SurveyResponse
from sikap.surveys.periods import periods_of


def items(user: Any, scope: Any) -> list[AttentionItem]:
    if not scope.headed_paths:
        return []
    today = timezone.localdate()
    # The last completed semester: its index needs a follow-up plan.
    year, key = (today.year, "S1") if today.month > 6 else (today.year - 1, "S2")
    period = next(p for p in periods_of(year) if p.key.endswith(key))
    units = list(
        Unit.objects.within_any(scope.paths("head")).filter(kind__in=SERVICE_KINDS, is_active=True)
    )
    with_answers = set(
        SurveyResponse.objects.filter(unit__in=units)
        .between(period.start, period.end)
        .values_list("unit", flat=True)
        .order_by()
        .distinct()
    )
    planned = set(
        FollowUpPlan.objects.filter(
            unit__in=units, period_start=period.start, period_end=period.end
        ).values_list("unit", flat=True)
    )
    result = []
    for unit in units:
        if unit.pk in with_answers and unit.pk not in planned:
            result.append(
                AttentionItem(
                    title=_("Follow-up plan missing for the satisfaction survey"),
                    detail=f"{unit.name} · {period.label}",
                    url=f"{reverse('surveys:report', args=[unit.pk])}?periode={period.key}#follow-up",
                    level="warning",
                    order=45,
                    group_title=_("Follow-up plan missing in %(count)s units"),
                    group_url=reverse("surveys:reports"),
                )
            )
    return result
