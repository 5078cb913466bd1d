"""Menu entries of the SKP app."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikap.accounts.navigation import NavItem


def items(user: Any, scope: Any) -> list[NavItem]:
    result = []
    if scope.employee is not None:
        result.append(NavItem(_("My SKP"), reverse("planning:mine"), order=10))
    if scope.direct_report_ids:
        result.append(NavItem(_("My team"), reverse("planning:team"), order=15))
    if scope.read_paths:
        # The SKP of the highest unit the user leads, manages or audits.
        from sikap.org.models import Unit

        unit = Unit.objects.filter(path=scope.read_paths[0]).only("pk").first()
        if unit is not None:
            result.append(
                NavItem(_("Unit SKP"), reverse("planning:unit_plans", args=[unit.pk]), order=20)
            )
    if user.is_authenticated:
        result.append(NavItem(_("Notifications"), reverse("planning:notifications"), order=90))
    return result


def unit_links(user: Any, scope: Any, unit: Any) -> list[NavItem]:
    """On a unit page: its SKP and the cascade of its leader's results."""
    return [
        NavItem(_("Unit SKP"), reverse("planning:unit_plans", args=[unit.pk]), order=20),
        NavItem(_("RHK cascade"), reverse("planning:cascade", args=[unit.pk]), order=21),
    ]


def employee_links(user: Any, scope: Any, employee: Any) -> list[NavItem]:
    """On an employee page: their current SKP, when the user may see it."""
    from sikap.planning.access import plans_visible_to

    plan = (
        plans_visible_to(user)
        .filter(employee=employee, is_current=True)
        .order_by("-appraisal_year__year", "-start_date")
        .only("pk", "appraisal_year__year")
        .select_related("appraisal_year")
        .first()
    )
    if plan is None:
        return []
    label = _("SKP %(year)s") % {"year": plan.appraisal_year.year}
    return [NavItem(label, reverse("planning:plan", args=[plan.pk]), order=20)]
