from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikap.accounts.navigation import NavItem


def items(user: Any, scope: Any) -> list[NavItem]:
    if scope.is_superadmin or scope.read_paths:
        return [NavItem(_("Engagement"), reverse("dashboards:engagement"), order=75)]
    return []


def unit_links(user: Any, scope: Any, unit: Any) -> list[NavItem]:
    return [
        NavItem(_("Engagement"), f"{reverse('dashboards:engagement')}?unit={unit.pk}", order=75)
    ]
