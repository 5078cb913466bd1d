"""Home-page items for leaders: people who have never signed in to SIKAP."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikap.accounts.attention import AttentionItem
from sikap.org.models import Employee, JenisAsn, within_q


def items(user: Any, scope: Any) -> list[AttentionItem]:
    paths = scope.headed_paths + scope.manage_paths
    if not paths:
        return []
    never = (
        Employee.objects.filter(within_q(paths), is_active=True, user__last_login__isnull=True)
        .exclude(jenis_asn=JenisAsn.NON_ASN)
        .count()
    )
    if not never:
        return []
    return [
        AttentionItem(
            title=_("Employees who have never signed in to SIKAP"),
            detail=_("Help them start: see who needs help on the engagement page."),
            url=reverse("dashboards:engagement"),
            level="warning",
            count=never,
            order=30,
        )
    ]
