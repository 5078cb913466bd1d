from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikap.accounts.navigation import NavItem


def items(user: Any, scope: Any) -> list[NavItem]:
    return [NavItem(_("Home"), reverse("accounts:home"), order=0)]


def employee_links(user: Any, scope: Any, employee: Any) -> list[NavItem]:
    """On an employee page: HR of their unit gives or resets the login and two-step verification."""
    if employee.user_id == user.pk or not scope.manages(employee.unit):
        return []
    login = NavItem(
        _("Reset password") if employee.user_id else _("Give a login"),
        reverse("accounts:give_login", args=[employee.pk]),
        order=89,
    )
    if not employee.user_id:
        return [login]
    return [
        login,
        NavItem(
            _("Reset two-step verification"),
            reverse("accounts:two_factor_reset", args=[employee.user_id]),
            order=90,
        ),
    ]


def unit_links(user: Any, scope: Any, unit: Any) -> list[NavItem]:
    """On a unit page: its HR gives logins to its people in bulk."""
    if not scope.manages(unit):
        return []
    return [NavItem(_("Give logins"), reverse("accounts:give_logins", args=[unit.pk]), order=89)]
