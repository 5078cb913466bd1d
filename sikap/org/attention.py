"""Home-page items of the organisation: vacancies and acting posts, data gaps for HR."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sikap.accounts.attention import AttentionItem
from sikap.accounts.models import Role
from sikap.accounts.outbox import failure_count
from sikap.org.models import Assignment, AssignmentKind, Employee, Position, within_q


def items(user: Any, scope: Any) -> list[AttentionItem]:
    result: list[AttentionItem] = []
    today = timezone.localdate()
    if scope.direct_report_ids:
        result.append(
            AttentionItem(
                title=ngettext(
                    "You are the pejabat penilai of %(n)d employee",
                    "You are the pejabat penilai of %(n)d employees",
                    len(scope.direct_report_ids),
                )
                % {"n": len(scope.direct_report_ids)},
                url=reverse("org:employee", args=[scope.employee.pk]),
                level="info",
                order=90,
            )
        )
    if scope.is_superadmin or scope.has(Role.ADMIN_KEPEGAWAIAN):
        failed = failure_count()
        if failed:
            result.append(
                AttentionItem(
                    title=_("E-mails that could not be sent"),
                    detail=_("Check the mail server settings, then send them again."),
                    url=reverse("accounts:outbox"),
                    level="danger",
                    count=failed,
                    order=10,
                )
            )
    paths = scope.headed_paths + scope.manage_paths
    if not paths:
        return result
    units = within_q(paths)
    vacant = (
        Position.objects.filter(units, is_active=True, holders__isnull=True)
        .exclude(jenis="PEJABAT_NEGARA")
        .exclude(pk__in=Assignment.objects.active_on(today).values("position"))
        .distinct()
        .count()
    )
    if vacant:
        result.append(
            AttentionItem(
                title=_("Vacant positions without an acting official"),
                detail=_("Their staff have no pejabat penilai from the position tree."),
                url=reverse("org:tree"),
                level="warning",
                count=vacant,
                order=20,
            )
        )
    ending = (
        Assignment.objects.filter(within_q(paths))
        .exclude(kind=AssignmentKind.DEFINITIF)
        .filter(end_date__gte=today, end_date__lte=today + dt.timedelta(days=30))
        .count()
    )
    if ending:
        result.append(
            AttentionItem(
                title=_("Plt./Plh. assignments ending within 30 days"),
                level="warning",
                count=ending,
                url=reverse("org:tree"),
                order=25,
            )
        )
    if scope.manage_paths:
        no_email = Employee.objects.filter(
            within_q(scope.manage_paths), is_active=True, email=""
        ).count()
        if no_email:
            result.append(
                AttentionItem(
                    title=_("Employees without an e-mail address"),
                    detail=_("They receive no reminders and cannot reset their password."),
                    level="info",
                    count=no_email,
                    url=reverse("org:tree"),
                    order=40,
                )
            )
    return result
