from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikap.accounts.navigation import NavItem
from sikap.surveys import access


def items(user: Any, scope: Any) -> list[NavItem]:
    result = []
    if access.can_use_counter(user):
        result.append(NavItem(_("Service counter"), reverse("surveys:counter"), order=40))
    if access.can_read_reports(user):
        result.append(NavItem(_("Satisfaction index"), reverse("surveys:reports"), order=60))
    return result


def landing_links(user: Any, scope: Any, _obj: None) -> list[NavItem]:
    """The citizens' doors on the public home page."""
    return [
        NavItem(
            _("Satisfaction survey"),
            reverse("surveys:start"),
            order=10,
            detail=_(
                "Rate the service you received at the kecamatan or kelurahan office "
                "(9 short questions)."
            ),
        ),
        NavItem(
            _("Published results"),
            reverse("surveys:public_units"),
            order=40,
            detail=_("The satisfaction index (IKM) of each office."),
        ),
    ]
