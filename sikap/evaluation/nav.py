"""Menu entries of the evaluation app."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikap.accounts.navigation import NavItem
from sikap.evaluation import access


def items(user: Any, scope: Any) -> list[NavItem]:
    result: list[NavItem] = []
    if scope.employee is not None or scope.is_superadmin or scope.read_paths:
        result.append(NavItem(_("Evaluasi Kinerja"), reverse("evaluation:index"), order=30))
    result.append(NavItem(_("Distribution calculator"), reverse("evaluation:calculator"), order=65))
    if access.can_view_periods(scope):
        result.append(NavItem(_("Periods"), reverse("evaluation:years"), order=86))
    return result
