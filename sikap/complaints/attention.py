"""Home-page items: complaints due soon or overdue for the assignee; unverified and overdue for heads."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.accounts.attention import AttentionItem
from sikap.complaints import rules
from sikap.complaints.models import OPEN_STATUSES, Complaint, Holiday, Status
from sikap.lib.workdays import add_working_days


def items(user: Any, scope: Any) -> list[AttentionItem]:
    result: list[AttentionItem] = []
    today = timezone.localdate()
    inbox = reverse("complaints:inbox")
    soon = add_working_days(today, 2, frozenset())  # weekends only: a cheap, generous horizon
    if scope.employee is not None:
        mine = Complaint.objects.filter(
            assignee=scope.employee, status__in=OPEN_STATUSES, due_on__isnull=False
        ).aggregate(
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon)),
        )
        if mine["overdue"]:
            result.append(
                AttentionItem(
                    title=_("Complaints assigned to you are overdue"),
                    url=f"{inbox}?mine=1&overdue=1",
                    level="danger",
                    count=mine["overdue"],
                    order=10,
                )
            )
        if mine["soon"]:
            result.append(
                AttentionItem(
                    title=_("Complaints assigned to you are due soon"),
                    url=f"{inbox}?mine=1&status=open",
                    level="warning",
                    count=mine["soon"],
                    order=15,
                )
            )
    if scope.reaches_any("handle"):
        # Only open complaints count; the partial index "complaint_open_unit" serves this.
        qs = scope.filter_units(Complaint.objects.filter(status__in=OPEN_STATUSES), reach="handle")
        counts = qs.aggregate(
            unverified=Count("pk", filter=Q(status=Status.REGISTERED)),
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=today)),
        )
        if counts["unverified"]:
            result.append(
                AttentionItem(
                    title=_("Complaints waiting for verification"),
                    detail=_("Verify within 3 working days."),
                    url=f"{inbox}?status=registered",
                    level="warning",
                    count=counts["unverified"],
                    order=12,
                )
            )
        if counts["overdue"]:
            result.append(
                AttentionItem(
                    title=_("Overdue complaints in your units"),
                    url=f"{inbox}?overdue=1",
                    level="danger",
                    count=counts["overdue"],
                    order=11,
                )
            )
    result.extend(calendar_items(scope, today))
    return result


def calendar_items(scope: Any, today: Any) -> list[AttentionItem]:
    """From 1 October, the owner of the calendar is told when next year has no holidays yet.

    Without them, deadlines that cross 1 January count next year's holidays as working days.
    """
    if not scope.owns_instance or (today.month, today.day) < rules.HOLIDAY_WARNING_FROM:
        return []
    entered = [today.year + 1] if Holiday.objects.filter(date__year=today.year + 1).exists() else []
    following = rules.missing_calendar_year(today, entered)
    if following is None:
        return []
    return [
        AttentionItem(
            title=_("Enter the holidays of %(year)s") % {"year": following},
            detail=_(
                "Libur nasional and cuti bersama of next year are not in the calendar: "
                "deadlines after 1 January would count them as working days."
            ),
            url=reverse("complaints:holidays"),
            level="warning",
            order=20,
        )
    ]
