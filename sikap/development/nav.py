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
