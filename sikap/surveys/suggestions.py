"""Citizens' saran of a unit and period for staff, always masked; complaint themes beside them.

Staff never receive a comment's raw text: every row passes through
``sikap.lib.masking.mask_personal_data`` here, and the search matches the masked text (the
database narrows with ``icontains``, which works on SQLite and PostgreSQL, then the masked text
decides), so searching a name or a phone number finds nothing. Pages cost a fixed number of
queries however many saran a period has.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Min

from sikap.lib.hooks import CITIZEN_THEMES, CitizenTheme, ThemeQuery
from sikap.lib.masking import mask_personal_data
from sikap.org.models import Unit
from sikap.surveys.access import service_paths_below
from sikap.surveys.models import (
    ServiceType,
    SuggestionFollowUp,
    SurveyResponse,
    SurveyResponseQuerySet,
)
from sikap.surveys.periods import SurveyPeriod, parse_period, periods_of

PAGE_SIZE = 20
MAX_TERMS = 5
PUBLIC_LIMIT = 10


def current_quarter(today: dt.date) -> SurveyPeriod:
    """The triwulan that contains ``today``."""
    return periods_of(today.year)[3 + (today.month - 1) // 3]


def period_from(key: str | None, *, today: dt.date) -> SurveyPeriod:
    """The period named by ``key``; the current quarter when there is none."""
    return parse_period(key, today=today) if key else current_quarter(today)


def period_choices(today: dt.date) -> list[SurveyPeriod]:
    """This year's and last year's periods, for the selector."""
    return periods_of(today.year) + periods_of(today.year - 1)


def search_terms(raw: str) -> list[str]:
    """The words of a search, at most ``MAX_TERMS`` of them, each at most 50 characters."""
    return [word[:50] for word in raw.split()][:MAX_TERMS]


@dataclass(frozen=True)
class Suggestion:
    """One saran as staff see it: masked, with its day, its service and its follow-up."""

    pk: int
    text: str
    submitted_at: dt.datetime
    service: str
    follow_up: SuggestionFollowUp | None


def _saran(unit: Unit, period: SurveyPeriod, service: ServiceType | None) -> SurveyResponseQuerySet:
    rows = SurveyResponse.objects.filter(unit=unit).between(period.start, period.end)
    rows = rows.exclude(comment="")
    return rows.filter(service_type=service) if service is not None else rows


def _matching(rows: SurveyResponseQuerySet, terms: list[str]) -> list[int]:
    """The pks (newest first) whose masked comment contains every term."""
    for term in terms:
        rows = rows.filter(comment__icontains=term)
    wanted = [term.casefold() for term in terms]
    found = []
    for pk, comment in rows.values_list("pk", "comment"):
        masked = mask_personal_data(comment).casefold()
        if all(term in masked for term in wanted):
            found.append(pk)
    return found


@dataclass
class SuggestionList:
    """A page of masked saran with the period's totals (n, first and last day)."""

    page: Page[Any]
    rows: list[Suggestion]
    total: int
    matching: int
    first: dt.datetime | None
    last: dt.datetime | None


def suggestion_list(
    unit: Unit,
    period: SurveyPeriod,
    *,
    service: ServiceType | None = None,
    search: str = "",
    page: str | int | None = 1,
) -> SuggestionList:
    """The masked saran of a unit's period (optionally one service), searched, one page of them."""
    rows = _saran(unit, period, service)
    totals = rows.aggregate(n=Count("pk"), first=Min("submitted_at"), last=Max("submitted_at"))
    terms = search_terms(search)
    ordered = rows.order_by("-submitted_at", "-pk")
    source: Any = _matching(ordered, terms) if terms else ordered.values_list("pk", flat=True)
    paged = Paginator(source, PAGE_SIZE).get_page(page)
    by_pk = {
        response.pk: response
        for response in SurveyResponse.objects.filter(pk__in=list(paged.object_list))
        .select_related("service_type", "suggestion_follow_up__plan")
        .only("pk", "comment", "submitted_at", "service_type__name", *_FOLLOW_UP_FIELDS)
    }
    shown = [
        Suggestion(
            pk=response.pk,
            text=mask_personal_data(response.comment),
            submitted_at=response.submitted_at,
            service=response.service_type.name if response.service_type else "",
            follow_up=getattr(response, "suggestion_follow_up", None),
        )
        for response in (by_pk[pk] for pk in paged.object_list if pk in by_pk)
    ]
    return SuggestionList(
        page=paged,
        rows=shown,
        total=totals["n"],
        matching=paged.paginator.count,
        first=totals["first"],
        last=totals["last"],
    )


_FOLLOW_UP_FIELDS = (
    "suggestion_follow_up__note",
    "suggestion_follow_up__marked_at",
    "suggestion_follow_up__plan__period_start",
    "suggestion_follow_up__plan__period_end",
    "suggestion_follow_up__plan__unsur",
)


def themes(
    unit: Unit, period: SurveyPeriod, *, service: ServiceType | None = None
) -> list[CitizenTheme]:
    """The complaint themes of the unit's own reports in the period, from every provider."""
    query = ThemeQuery(
        path=unit.path,
        excluded=tuple(service_paths_below(unit)),
        start=period.start,
        end=period.end,
        service=service.name if service is not None else "",
    )
    return [theme for provider in CITIZEN_THEMES for theme in provider(query)]


@dataclass(frozen=True)
class PublicFollowUp:
    """What the public page shows of a followed-up saran: masked words and the action taken."""

    text: str
    service: str
    note: str
    marked_at: dt.datetime


def public_follow_ups(unit: Unit, *, limit: int = PUBLIC_LIMIT) -> list[PublicFollowUp]:
    """The latest followed-up saran of a unit whose comment still exists, masked: one query."""
    rows = (
        SuggestionFollowUp.objects.public()
        .filter(response__unit=unit)
        .select_related("response__service_type")
        .only("note", "marked_at", "response__comment", "response__service_type__name")[:limit]
    )
    return [
        PublicFollowUp(
            text=mask_personal_data(row.response.comment),
            service=row.response.service_type.name if row.response.service_type else "",
            note=mask_personal_data(row.note),
            marked_at=row.marked_at,
        )
        for row in rows
    ]
