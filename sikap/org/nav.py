from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikap.accounts.navigation import NavItem


def items(user: Any, scope: Any) -> list[NavItem]:
    result = []
    if scope.employee is not None:
        result.append(
            NavItem(_("My profile"), reverse("org:employee", args=[scope.employee.pk]), order=5)
        )
    if scope.reaches_any("read"):
        result.append(NavItem(_("Organisation"), reverse("org:tree"), order=80))
    if scope.reaches_any("manage"):
        result.append(NavItem(_("Import employees"), reverse("org:import"), order=85))
    return result


def employee_links(user: Any, scope: Any, employee: Any) -> list[NavItem]:
    """On an employee page: HR of their unit gives or resets the login and two-step verification."""
    if employee.user_id == user.pk or not scope.manages(employee.unit):
        return []
    login = NavItem(
        _("Reset password") if employee.user_id else _("Give a login"),
        reverse("org:give_login", args=[employee.pk]),
        order=89,
    )
    if not employee.user_id:
        return [login]
    return [
        login,
        NavItem(
            _("Reset two-step verification"),
            reverse("org:two_factor_reset", args=[employee.user_id]),
            order=90,
        ),
    ]


def unit_links(user: Any, scope: Any, unit: Any) -> list[NavItem]:
    """On a unit page: its HR gives logins to its people in bulk."""
    if not scope.manages(unit):
        return []
    return [NavItem(_("Give logins"), reverse("org:give_logins", args=[unit.pk]), order=89)]


def me_links(user: Any, scope: Any, employee: Any) -> list[NavItem]:
    """On the home page's "My position" card: the signed-in employee's own profile."""
    return [NavItem(_("See my profile"), reverse("org:employee", args=[employee.pk]))]
