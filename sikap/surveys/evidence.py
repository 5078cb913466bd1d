"""Objective service evidence for SKP pages: what an officer delivered and what citizens said.

Shown next to Berorientasi Pelayanan and service indicators as evidence, never as a rating.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q

from sikap.lib import snapshots
from sikap.lib.dayrange import on_days
from sikap.surveys import rules
from sikap.surveys.models import UNSUR_FIELDS, ServiceRecord, SurveyResponse, SurveySettings
from sikap.surveys.stats import totals_aggregates

DEFAULT_MINIMUM = 10


@dataclass(frozen=True)
class ServiceEvidence:
    services: int
    completed: int
    on_time: int
    responses: int
    ikm: Decimal | None
    quality: str | None
    performance: str | None
    minimum_responses: int

    @property
    def on_time_share(self) -> float | None:
        """Share (0-100) of completed services done within the standard time."""
        if not self.completed:
            return None
        return round(100 * self.on_time / self.completed, 1)


def credited_rows(ids: list[int], start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Answer totals per (officer, unit) of the responses of [start, end] credited to ``ids``.

    The same figures as ``SurveyResponse.objects.credited()`` filtered on the officers, found
    from the officers' side so that the indexes answer: responses to a receipt the officers
    served, plus responses naming one of them on a receipt that names no officer (or on no
    receipt). A filter on the ``Coalesce`` itself would read every response of the period in
    the city.
    """
    served = (
        SurveyResponse.objects.between(start, end)
        .filter(service_record__officers__in=ids)
        .values("unit", credited_officer=F("service_record__officers"))
        .annotate(**totals_aggregates())
    )
    named = (
        SurveyResponse.objects.between(start, end)
        .filter(officer__in=ids)
        .filter(Q(service_record__isnull=True) | Q(service_record__officers__isnull=True))
        .values("unit", credited_officer=F("officer"))
        .annotate(**totals_aggregates())
    )
    merged: dict[tuple[int, int], dict[str, Any]] = {}
    rows: list[dict[str, Any]] = [dict(row) for row in (*served, *named)]
    for row in rows:
        key = (row["credited_officer"], row["unit"])
        if key not in merged:
            merged[key] = dict(row)
            continue
        total = merged[key]
        for name, value in row.items():
            if name not in ("credited_officer", "unit"):
                total[name] = (total[name] or 0) + (value or 0)
    return list(merged.values())


# Bump when ServiceEvidence changes shape: older snapshots are then ignored.
SNAPSHOT_VERSION = 1


def service_evidence(
    employee_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, ServiceEvidence]:
    """Evidence per employee for services received in [start, end].

    Each employee's evidence is kept for ``SNAPSHOT_SECONDS`` (``sikap.lib.snapshots``), so
    that the team page, the evaluation form and the calibration of the same people do not
    each count the period's history again; the employees without one are counted together,
    in four queries.
    """
    keys = {
        pk: f"evidence:{SNAPSHOT_VERSION}:{pk}:{start:%Y%m%d}:{end:%Y%m%d}"
        for pk in set(employee_ids)
    }
    return snapshots.kept_many(keys, lambda missing: _counted(missing, start, end))


def _counted(ids: list[int], start: dt.date, end: dt.date) -> dict[int, ServiceEvidence]:
    """``service_evidence`` counted from the history, four queries in all."""
    if not ids:
        return {}
    through = ServiceRecord.officers.through
    delivered: dict[int, Any] = {
        row["employee"]: row
        for row in through.objects.filter(
            employee_id__in=ids,
            **on_days("servicerecord__received_at", start, end),
        )
        .values("employee")
        .annotate(
            total=Count("pk"),
            completed=Count("pk", filter=Q(servicerecord__on_time__isnull=False)),
            on_time=Count("pk", filter=Q(servicerecord__on_time=True)),
        )
    }
    rows = credited_rows(ids, start, end)
    settings = {
        s.unit_id: s
        for s in SurveySettings.objects.filter(unit_id__in={r["unit"] for r in rows}).only(
            "unit_id", "weight", "min_officer_responses"
        )
    }
    per_officer: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        per_officer[row["credited_officer"]].append(row)
    result: dict[int, ServiceEvidence] = {}
    for pk in ids:
        d = delivered.get(pk, {})
        answered = per_officer.get(pk, [])
        n = sum(r["n"] for r in answered)
        # The settings of the unit where the officer got most responses decide weight and minimum.
        main = max(answered, key=lambda r: r["n"], default=None)
        unit_settings = settings.get(main["unit"]) if main else None
        minimum = unit_settings.min_officer_responses if unit_settings else DEFAULT_MINIMUM
        weight = unit_settings.rules_weight if unit_settings else rules.Weight.EXACT
        ikm = quality = performance = None
        if n and n >= minimum:
            totals = {
                code: (
                    sum(r[f"s_{f}"] or 0 for r in answered),
                    sum(r[f"c_{f}"] or 0 for r in answered),
                )
                for code, f in zip(rules.UNSUR_CODES, UNSUR_FIELDS, strict=True)
            }
            computed = rules.ikm_from_totals(totals, weight=weight, respondents=n)
            ikm, quality, performance = computed.ikm, computed.quality, computed.performance
        result[pk] = ServiceEvidence(
            services=d.get("total", 0),
            completed=d.get("completed", 0),
            on_time=d.get("on_time", 0),
            responses=n,
            ikm=ikm,
            quality=quality,
            performance=performance,
            minimum_responses=minimum,
        )
    return result
