"""Menu entries of the evaluation app."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikap.accounts.navigation import NavItem


def items(user: Any, scope: Any) -> list[NavItem]:
    result: list[NavItem] = []
    if scope.employee is not None or scope.is_superadmin or scope.read_paths:
        result.append(NavItem(_("Evaluasi Kinerja"), reverse("evaluation:index"), order=30))
    result.append(NavItem(_("Distribution calculator"), reverse("evaluation:calculator"), order=65))
    return result


def calendar_links(user: Any, scope: Any, _obj: None) -> list[NavItem]:
    """On the appraisal calendar page: the evaluation settings."""
    return [NavItem(_("Evaluation settings"), reverse("evaluation:settings"))]


def year_links(user: Any, scope: Any, year: Any) -> list[NavItem]:
    """On each appraisal year: its SIASN export (skp22)."""
    return [
        NavItem(
            f"{_('SIASN export (skp22)')} {fmt.upper()}",
            reverse("evaluation:siasn_year", args=[year.pk, fmt]),
        )
        for fmt in ("json", "csv")
    ]


def period_links(user: Any, scope: Any, period: Any) -> list[NavItem]:
    """On each period: its SIASN export."""
    return [
        NavItem(f"SIASN {fmt.upper()}", reverse("evaluation:siasn_period", args=[period.pk, fmt]))
        for fmt in ("json", "csv")
    ]
