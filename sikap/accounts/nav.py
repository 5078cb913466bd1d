from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikap.accounts.navigation import NavItem


def items(user: Any, scope: Any) -> list[NavItem]:
    return [NavItem(_("Home"), reverse("accounts:home"), order=0)]


def employee_links(user: Any, scope: Any, employee: Any) -> list[NavItem]:
    """On an employee page: HR of their unit may reset their two-step verification."""
    if not employee.user_id or employee.user_id == user.pk or not scope.manages(employee.unit):
        return []
    return [
        NavItem(
            _("Reset two-step verification"),
            reverse("accounts:two_factor_reset", args=[employee.user_id]),
            order=90,
        )
    ]
