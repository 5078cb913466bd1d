"""JSON API of the surveys app: a unit's IKM for a period (staff) and the published index (public)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from sikap.accounts.http import AuthedRequest
from sikap.lib.apitypes import ObjectId, TextQuery
from sikap.org.models import Unit
from sikap.surveys import access
from sikap.surveys.models import IkmSnapshot
from sikap.surveys.periods import parse_period
from sikap.surveys.stats import unit_index

router = Router(tags=["surveys"])


class IkmOut(Schema):
    unit_id: ObjectId
    unit: str
    period: str
    start: str
    end: str
    respondents: int
    ikm: float | None
    quality: str | None
    performance: str | None
    nrr: dict[str, float]
    lowest: list[str]
    population: int
    required_sample: int | None
    sample_sufficient: bool | None


class PublishedOut(Schema):
    unit_id: ObjectId
    unit: str
    period: str
    respondents: int
    ikm: float
    quality: str
    performance: str
    nrr: dict[str, float]
    published_at: str


@router.get("/units/{unit_id}/ikm", response=IkmOut)
def unit_ikm(request: AuthedRequest, unit_id: ObjectId, periode: TextQuery = "") -> IkmOut:
    """The IKM of a unit for a period key (``2026``, ``2026-S1``, ``2026-T3``)."""
    unit = access.get_report_unit(request.user, unit_id)
    index = unit_index(unit, parse_period(periode or None, today=timezone.localdate()))
    r = index.result
    return IkmOut(
        unit_id=unit.pk,
        unit=unit.name,
        period=index.period.key,
        start=index.period.start.isoformat(),
        end=index.period.end.isoformat(),
        respondents=index.respondents,
        ikm=float(r.ikm) if r else None,
        quality=r.quality if r else None,
        performance=r.performance if r else None,
        nrr={k: float(v) for k, v in r.nrr.items()} if r else {},
        lowest=index.lowest,
        population=index.population,
        required_sample=index.required_sample,
        sample_sufficient=index.sample_sufficient,
    )


@router.get("/public/{unit_id}", response=PublishedOut, auth=None)
def published(request: HttpRequest, unit_id: ObjectId) -> PublishedOut:
    """The latest published index of a service unit (no login)."""
    unit = get_object_or_404(Unit, pk=unit_id, kind__in=access.SERVICE_KINDS, is_active=True)
    snap = get_object_or_404(IkmSnapshot.objects.filter(unit=unit)[:1])
    return PublishedOut(
        unit_id=unit.pk,
        unit=unit.name,
        period=snap.period_label,
        respondents=snap.respondents,
        ikm=float(snap.ikm),
        quality=snap.quality,
        performance=snap.performance,
        nrr={k: float(v) for k, v in snap.detail.get("nrr", {}).items()},
        published_at=snap.published_at.isoformat(),
    )
