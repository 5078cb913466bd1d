"""The engagement dashboard: who uses SIKAP, and who needs help to."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from sikap.accounts.http import AuthedRequest
from sikap.dashboards import engagement, leader
from sikap.dashboards.access import get_dashboard_unit, parent_unit_id
from sikap.dashboards.svg import bars_svg
from sikap.lib.pdf import pdf_response
from sikap.planning import nudges
from sikap.planning.access import reads_nudge_templates
from sikap.planning.models import NudgeTopic

SHOWN = engagement.KEPT

FLAG_LABELS = {
    engagement.FLAG_NEVER: _("has never signed in"),
    engagement.FLAG_IDLE: _("no sign-in for 30 days"),
    engagement.FLAG_NO_PLAN: _("no SKP this year"),
    engagement.FLAG_NOT_SUBMITTED: _("SKP not submitted"),
    engagement.FLAG_WAITING: _("SKP waiting for approval for more than 7 days"),
    engagement.FLAG_NO_REALISATION: _("no realisation for the last period"),
    engagement.FLAG_NO_FEEDBACK: _("gave no feedback to their team last period"),
}

# The reminder that answers each flag (a late approval is the penilai's, not the person's).
TOPIC_OF_FLAG = {
    engagement.FLAG_NEVER: NudgeTopic.NOT_SIGNED_IN,
    engagement.FLAG_IDLE: NudgeTopic.NOT_SIGNED_IN,
    engagement.FLAG_NO_PLAN: NudgeTopic.NO_PLAN,
    engagement.FLAG_NOT_SUBMITTED: NudgeTopic.NOT_SUBMITTED,
    engagement.FLAG_NO_REALISATION: NudgeTopic.NO_REALISATION,
    engagement.FLAG_NO_FEEDBACK: NudgeTopic.NO_FEEDBACK,
}


@dataclass
class Row:
    """One person of "who needs help", with the reminder the viewer may send them."""

    person: engagement.Person
    labels: list[str]
    offer: nudges.Offer | None


def _rows(request: AuthedRequest, people: list[engagement.Person]) -> list[Row]:
    topics = [(p, [TOPIC_OF_FLAG[f] for f in p.flags if f in TOPIC_OF_FLAG]) for p in people]
    offers = nudges.offers(request.user, [(p.employee, t[0] if t else None) for p, t in topics])
    return [
        Row(p, [str(FLAG_LABELS[f]) for f in p.flags], offers.get(p.employee.pk)) for p in people
    ]


@require_GET
@login_required
def engagement_page(request: AuthedRequest) -> HttpResponse:
    """Per unit: who signs in, has an approved SKP, records realisation, gives feedback."""
    raw = request.GET.get("unit", "")
    unit = get_dashboard_unit(request.user, int(raw) if raw.isdigit() else None)
    data = engagement.snapshot(unit, refresh=request.GET.get("perbarui") == "1")
    needs_help = _rows(request, data.needs_help[:SHOWN])
    up = parent_unit_id(request.user, unit)
    return render(
        request,
        "dashboards/engagement.html",
        {
            "data": data,
            "needs_help": needs_help,
            "more": max(0, data.needs_help_count - SHOWN),
            "snapshot_minutes": settings.SNAPSHOT_SECONDS // 60,
            "up": up,
            "can_nudge": any(row.offer for row in needs_help),
            "templates_link": reads_nudge_templates(request.user),
        },
    )


@require_GET
@login_required
def monthly_pdf(request: AuthedRequest) -> HttpResponse:
    """The leader's figures on one A4 page, for the camat's monthly meeting.

    ``?month=YYYY-MM`` gives the figures as of the last day of that month (the current month as
    of today); without it, the current month.
    """
    raw = request.GET.get("unit", "")
    unit = get_dashboard_unit(request.user, int(raw) if raw.isdigit() else None)
    today = timezone.localdate()
    try:
        as_of = leader.month_as_of(request.GET.get("month", ""), today)
    except ValueError as error:
        return render(
            request,
            "dashboards/bad_month.html",
            {"message": str(error), "back": reverse("accounts:home")},
            status=400,
        )
    with translation.override("id"):
        glance = leader.build(unit, today=as_of)
        figures = [(f, bars_svg(f)) for f in glance.figures]
    return pdf_response(
        request,
        "dashboards/monthly.html",
        {"glance": glance, "figures": figures},
        filename=f"ringkasan-{as_of:%Y-%m}-{unit.pk}",
    )
