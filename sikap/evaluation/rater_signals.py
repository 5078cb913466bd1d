"""The objective signals of a curve's people, per penilai, for the calibration page.

Surveys and complaints sit above evaluation, so their figures come through
``planning.objective.SOURCES`` (filled in their ``AppConfig.ready``), read by duck typing; evidence
coverage comes from planning. A fixed number of queries per curve, whatever its size. The test
itself is in ``raters.py`` (pure).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from sikap.evaluation import raters
from sikap.evaluation.curve import UnitCurve
from sikap.planning.models import Indicator
from sikap.planning.objective import SOURCES

logger = logging.getLogger(__name__)


@dataclass
class TeamSignals:
    """One penilai's row: their team's ratings beside the team's objective signals."""

    penilai_name: str
    result: raters.RaterResult
    mean_ikm: float | None
    complaints_on_time: float | None  # percent
    services_on_time: float | None  # percent
    coverage: float | None  # percent of indicators with a bukti dukung in the period

    @property
    def above_share(self) -> float:
        return 100 * self.result.above / self.result.rated if self.result.rated else 0.0

    @property
    def below_share(self) -> float:
        return 100 * self.result.below / self.result.rated if self.result.rated else 0.0

    @property
    def above_ci(self) -> tuple[float, float] | None:
        ci = self.result.above_ci
        return (100 * ci[0], 100 * ci[1]) if ci else None

    @property
    def below_ci(self) -> tuple[float, float] | None:
        ci = self.result.below_ci
        return (100 * ci[0], 100 * ci[1]) if ci else None


@dataclass
class _Person:
    ikm: float | None = None
    services_completed: int = 0
    services_on_time: int = 0
    complaints_closed_on_time: int = 0
    complaints_rated: int = 0
    coverage: float | None = None

    def signals(self) -> dict[str, float | None]:
        return {
            "ikm": self.ikm,
            "services": self.services_on_time / self.services_completed
            if self.services_completed
            else None,
            "complaints": self.complaints_closed_on_time / self.complaints_rated
            if self.complaints_rated
            else None,
            "coverage": self.coverage,
        }


def _read_sources(people: dict[int, _Person], curve: UnitCurve) -> None:
    start, end = curve.period.start_date, curve.period.end_date
    for key, function in SOURCES:
        try:
            found = function(list(people), start, end)
        except Exception:  # another app's bug must not break the calibration page
            logger.exception("objective evidence %r failed", key)
            continue
        for pk, item in (found or {}).items():
            person = people.get(pk)
            if person is None:
                continue
            ikm = getattr(item, "ikm", None)
            if ikm is not None:
                person.ikm = float(ikm)
            if hasattr(item, "completed") and hasattr(item, "on_time"):
                person.services_completed += int(item.completed)
                person.services_on_time += int(item.on_time)
            if all(hasattr(item, a) for a in ("closed", "closed_on_time", "overdue")):
                person.complaints_closed_on_time += int(item.closed_on_time)
                person.complaints_rated += int(item.closed) + int(item.overdue)


def _read_coverage(people: dict[int, _Person], curve: UnitCurve) -> None:
    plan_of = {ev.plan_id: ev.employee_id for ev in curve.evaluations.values()}
    rows: Any = (
        Indicator.objects.filter(work_result__plan_id__in=plan_of)
        .values("work_result__plan_id")
        .annotate(
            total=Count("pk", distinct=True),
            covered=Count(
                "pk",
                filter=Q(
                    realisations__period_id=curve.period.pk,
                    realisations__evidence__isnull=False,
                ),
                distinct=True,
            ),
        )
    )
    for row in rows:
        person = people.get(plan_of[row["work_result__plan_id"]])
        if person is not None and row["total"]:
            person.coverage = row["covered"] / row["total"]


def _share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def team_signals(curve: UnitCurve) -> list[TeamSignals]:
    """Per penilai of the curve, the ratings beside the signals and the flag, largest team first."""
    rated = [ev for ev in curve.evaluations.values() if ev.result_rating]
    if not rated:
        return []
    people = {ev.employee_id: _Person() for ev in rated}
    _read_sources(people, curve)
    _read_coverage(people, curve)
    composite = raters.composite({pk: p.signals() for pk, p in people.items()})
    results = raters.rater_results(
        [
            raters.Rated(ev.employee_id, ev.penilai_id, ev.result_rating, composite[ev.employee_id])
            for ev in rated
        ]
    )
    names = {ev.penilai_id: ev.penilai_name for ev in rated}
    rows = []
    for result in results:
        team = [people[ev.employee_id] for ev in rated if ev.penilai_id == result.penilai_id]
        ikms = [p.ikm for p in team if p.ikm is not None]
        coverages = [p.coverage for p in team if p.coverage is not None]
        rows.append(
            TeamSignals(
                penilai_name=names.get(result.penilai_id) or "-",
                result=result,
                mean_ikm=sum(ikms) / len(ikms) if ikms else None,
                complaints_on_time=_share(
                    sum(p.complaints_closed_on_time for p in team),
                    sum(p.complaints_rated for p in team),
                ),
                services_on_time=_share(
                    sum(p.services_on_time for p in team), sum(p.services_completed for p in team)
                ),
                coverage=100 * sum(coverages) / len(coverages) if coverages else None,
            )
        )
    return sorted(rows, key=lambda r: (-r.result.rated, r.penilai_name))
