from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikap.accounts.navigation import NavItem
from sikap.development.access import can_read_reports


def items(user: Any, scope: Any) -> list[NavItem]:
    result = []
    if scope.employee is not None:
        result.append(NavItem(_("My development"), reverse("development:mine"), order=60))
    if can_read_reports(scope):
        result.append(NavItem(_("Training & JP"), reverse("development:recap"), order=61))
    return result


def unit_links(user: Any, scope: Any, unit: Any) -> list[NavItem]:
    """On a unit page: its JP recap, for those who read the unit."""
    if not scope.reads(unit):
        return []
    url = reverse("development:recap") + f"?unit={unit.pk}"
    return [NavItem(_("JP recap"), url, order=40)]


def employee_links(user: Any, scope: Any, employee: Any) -> list[NavItem]:
    """On an employee page: their competency development record."""
    if not scope.sees_employee(employee):
        return []
    url = reverse("development:employee", args=[employee.pk])
    return [NavItem(_("Competency development"), url, order=40)]
