"""Menu entries of the appraisal calendar."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikap.accounts.navigation import NavItem
from sikap.cycle import access


def items(user: Any, scope: Any) -> list[NavItem]:
    if access.can_view_periods(scope):
        return [NavItem(_("Periods"), reverse("cycle:years"), order=86)]
    return []
