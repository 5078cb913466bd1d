"""What needs the user's attention about SKP (a fixed number of queries)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sikap.accounts.attention import AttentionItem
from sikap.cycle.models import Period
from sikap.org.models import Assignment, AssignmentKind
from sikap.planning.models import Indicator, Notification, Plan, PlanStatus, Realisation


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
        result += _realisation_due(scope.employee, timezone.localdate())
        # The SKP in force and a revision of it that came back from the penilai.
        rows = list(
            Plan.objects.filter(employee=scope.employee, appraisal_year__year=year)
            .filter(Q(is_current=True) | Q(pk__in=Plan.objects.waiting_revisions()))
            .values_list("pk", "status", "start_date", "is_current", "return_note")
        )
        mine = [(pk, status, start) for pk, status, start, current, _note in rows if current]
        notes = {pk: note for pk, _status, _start, _current, note in rows}
        returned = [pk for pk, status, *_rest in rows if status == PlanStatus.RETURNED]
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
        for pk in returned:
            result.append(
                AttentionItem(
                    _("Your SKP was returned: please fix it"),
                    detail=Truncator(notes[pk]).chars(160),
                    url=reverse("planning:plan", args=[pk]),
                    level="danger",
                    order=5,
                )
            )
        for pk, status, _start in mine:
            if status == PlanStatus.DRAFT:
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


def _realisation_due(employee: Any, today: dt.date) -> list[AttentionItem]:
    """ "Realisasi Triwulan IV: 3 dari 11 terisi, batas 10 Januari" for each period open today.

    Open periods are found by their dates (the final one is due in January of the next year),
    and both counts come from SQL: three queries whatever the size of the SKP.
    """
    approved = Plan.objects.current().filter(employee=employee, status=PlanStatus.APPROVED)
    periods = list(
        Period.objects.filter(
            appraisal_year__in=approved.values("appraisal_year"), start_date__lte=today
        )
        .filter(Q(deadline__gte=today) | Q(reopened_until__gte=today))
        .exclude(closures__employee=employee)  # signed: nothing left to enter
        .order_by("start_date")
    )
    if not periods:
        return []
    plans = {
        row["work_result__plan"]: row
        for row in Indicator.objects.filter(work_result__plan__in=approved)
        .values(
            "work_result__plan",
            "work_result__plan__appraisal_year",
            "work_result__plan__start_date",
            "work_result__plan__end_date",
        )
        .annotate(total=Count("pk"))
    }
    filled = {
        (row["indicator__work_result__plan"], row["period"]): row["n"]
        for row in Realisation.objects.filter(
            period__in=periods, indicator__work_result__plan__in=approved
        )
        .values("indicator__work_result__plan", "period")
        .annotate(n=Count("pk"))
    }
    items = []
    for period in periods:
        for plan_id, row in plans.items():
            covers = (
                row["work_result__plan__appraisal_year"] == period.appraisal_year_id
                and row["work_result__plan__start_date"] <= period.end_date
                and row["work_result__plan__end_date"] >= period.start_date
            )
            done = filled.get((plan_id, period.pk), 0)
            if not covers or done >= row["total"]:
                continue
            limit = max(period.deadline, period.reopened_until or period.deadline)
            items.append(
                AttentionItem(
                    gettext(
                        "Realisation %(period)s: %(done)s of %(total)s filled in, deadline %(day)s"
                    )
                    % {
                        "period": period.name,
                        "done": done,
                        "total": row["total"],
                        "day": dateformat.format(limit, "j F"),
                    },
                    url=f"{reverse('planning:realisation', args=[plan_id])}?periode={period.pk}",
                    level="warning" if limit - today <= dt.timedelta(days=7) else "info",
                    order=7,
                )
            )
    return items
