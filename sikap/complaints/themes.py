"""Complaint themes (categories) of a service unit's period, for the survey's suggestions page.

Only category names and counts leave this module: never a complaint's subject, text or reporter.
"""

from __future__ import annotations

from django.db.models import Count, F, Max, Min
from django.utils.translation import gettext as _

from sikap.complaints.models import Complaint
from sikap.lib.hooks import CitizenTheme, ThemeQuery
from sikap.org.models import within_q


def complaint_themes(query: ThemeQuery) -> list[CitizenTheme]:
    """The categories of the unit's own complaints registered in the period, most frequent first."""
    complaints = Complaint.objects.filter(
        within_q([query.path]),
        registered_on__gte=query.start,
        registered_on__lte=query.end,
        duplicate_of__isnull=True,
    ).exclude(within_q(query.excluded))
    if query.service:
        complaints = complaints.filter(service_name__iexact=query.service)
    rows = (
        complaints.values("category__name")
        .annotate(n=Count("pk"), first=Min("registered_on"), last=Max("registered_on"))
        .order_by("-n", F("category__name").asc(nulls_last=True))
    )
    return [
        CitizenTheme(
            source="complaints",
            name=row["category__name"] or _("No category"),
            count=row["n"],
            first=row["first"],
            last=row["last"],
        )
        for row in rows
    ]
