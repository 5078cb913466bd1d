"""What needs the user's attention about SKP (a fixed number of queries)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.accounts.attention import AttentionItem
from sikap.org.models import Assignment, AssignmentKind
from sikap.planning.models import Notification, Plan, PlanStatus


def items(user: Any, scope: Any) -> list[AttentionItem]:
    result: list[AttentionItem] = []
    if not user.is_authenticated:
        return result
    year = timezone.localdate().year
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    if unread:
        result.append(
            AttentionItem(
                _("Unread notifications"),
                url=reverse("planning:notifications"),
                count=unread,
                level="info",
                order=40,
            )
        )
    if scope.employee is not None:
        mine = list(
            Plan.objects.current()
            .filter(employee=scope.employee, appraisal_year__year=year)
            .values_list("pk", "status", "start_date")
        )
        post_start = (
            Assignment.objects.filter(
                employee=scope.employee, kind=AssignmentKind.DEFINITIF, end_date__isnull=True
            )
            .order_by("-start_date")
            .values_list("start_date", flat=True)
            .first()
        )
        if (
            mine
            and post_start is not None
            and post_start.year == year
            and all(start < post_start for _pk, _status, start in mine)
        ):
            # A mutasi during the year: the new post needs its own SKP from its start date.
            result.append(
                AttentionItem(
                    _("Create an SKP for your new position"),
                    url=reverse("planning:create"),
                    level="warning",
                    order=6,
                )
            )
        if not mine:
            result.append(
                AttentionItem(
                    _("You have no SKP for this year yet"),
                    url=reverse("planning:create"),
                    level="warning",
                    order=10,
                )
            )
        for pk, status, _start in mine:
            if status == PlanStatus.RETURNED:
                result.append(
                    AttentionItem(
                        _("Your SKP was returned: please fix it"),
                        url=reverse("planning:plan", args=[pk]),
                        level="danger",
                        order=5,
                    )
                )
            elif status == PlanStatus.DRAFT:
                result.append(
                    AttentionItem(
                        _("Your SKP is still a draft: submit it"),
                        url=reverse("planning:plan", args=[pk]),
                        level="warning",
                        order=10,
                    )
                )
    if scope.direct_report_ids and scope.employee is not None:
        counts = Plan.objects.filter(
            employee_id__in=scope.direct_report_ids, penilai=scope.employee
        ).aggregate(waiting=Count("pk", filter=Q(status=PlanStatus.SUBMITTED)))
        if counts["waiting"]:
            result.append(
                AttentionItem(
                    _("SKP waiting for your approval"),
                    url=reverse("planning:team"),
                    count=counts["waiting"],
                    level="warning",
                    order=8,
                )
            )
    return result
