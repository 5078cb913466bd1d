from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikap.accounts.navigation import NavItem


def items(user: Any, scope: Any) -> list[NavItem]:
    if scope.is_superadmin or scope.employee is not None or scope.read_paths:
        return [NavItem(_("Complaints"), reverse("complaints:inbox"), order=60)]
    return []


def landing_links(user: Any, scope: Any, _obj: None) -> list[NavItem]:
    """The citizens' doors on the public home page."""
    return [
        NavItem(
            _("Submit a complaint"),
            reverse("complaints:public_form"),
            order=20,
            detail=_(
                "Complaints, aspirations and requests for information; your name is optional."
            ),
        ),
        NavItem(
            _("Track a complaint"),
            reverse("complaints:track"),
            order=30,
            detail=_("Use the tracking code you received to read the answer."),
        ),
    ]


def after_survey_links(user: Any, scope: Any, unit: Any) -> list[NavItem]:
    """On the survey's thank-you page of an unhappy citizen: the complaint form, for that unit."""
    url = reverse("complaints:public_form")
    if unit is not None:
        url += f"?unit={unit.pk}"
    return [NavItem(_("Submit a complaint"), url, order=10)]
