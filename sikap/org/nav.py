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
