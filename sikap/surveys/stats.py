"""The index of a unit for a period, from stored responses: overall, per service, per officer.

Sums and counts per unsur are aggregated in the database (one query per grouping); the formula
itself is ``rules.ikm_from_totals``, written once.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Case, Count, Q, QuerySet, Sum, Value, When
from django.utils.translation import gettext as _

from sikap.lib import snapshots
from sikap.lib.dayrange import on_days
from sikap.org.models import Employee, Unit
from sikap.surveys import rules
from sikap.surveys.models import (
    UNSUR_FIELDS,
    FollowUpPlan,
    ServiceRecord,
    ServiceType,
    SurveyQuestion,
    SurveyResponse,
    SurveyResponseQuerySet,
    SurveySettings,
)
from sikap.surveys.periods import SurveyPeriod, periods_of


def _half_up(value: Fraction, places: int = 2) -> Decimal:
    return Decimal(math.floor(value * 10**places + Fraction(1, 2))).scaleb(-places)


def totals_aggregates() -> dict[str, Any]:
    """Aggregates giving the sum and count of answers per unsur, and the number of responses."""
    aggregates: dict[str, Any] = {"n": Count("pk")}
    for name in UNSUR_FIELDS:
        aggregates[f"s_{name}"] = Sum(name)
        aggregates[f"c_{name}"] = Count(name)
    return aggregates


def totals_from_row(row: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {
        code: (row[f"s_{code.lower()}"] or 0, row[f"c_{code.lower()}"] or 0)
        for code in rules.UNSUR_CODES
    }


def result_from_row(row: dict[str, Any], weight: rules.Weight) -> rules.IkmResult | None:
    """The index of an aggregated row, or None when nobody answered."""
    totals = totals_from_row(row)
    if not any(count for _, count in totals.values()):
        return None
    return rules.ikm_from_totals(totals, weight=weight, respondents=row["n"])


@dataclass
class GroupIndex:
    label: str
    respondents: int
    result: rules.IkmResult | None
    pk: int | None = None
    hidden: bool = False
    services: int | None = None
    on_time: int | None = None

    @property
    def on_time_share(self) -> float | None:
        if not self.services:
            return None
        return round(100 * (self.on_time or 0) / self.services, 1)


@dataclass
class UnitIndex:
    unit: Unit
    period: SurveyPeriod
    settings: SurveySettings
    respondents: int
    result: rules.IkmResult | None
    questions: list[SurveyQuestion]
    population: int
    population_from_register: bool
    required_sample: int | None
    sample_sufficient: bool | None
    lowest: list[str]
    services: list[GroupIndex] = field(default_factory=list)
    officers: list[GroupIndex] = field(default_factory=list)
    hidden_officers: int = 0
    profile: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    follow_up: FollowUpPlan | None = None

    @property
    def nrr_rows(self) -> list[dict[str, Any]]:
        rows = []
        weighted = self.result.weighted_nrr if self.result else {}
        exact = self.result.nrr_exact if self.result else {}
        for q in self.questions:
            value = self.result.nrr.get(q.code) if self.result else None
            rows.append(
                {
                    "code": q.code,
                    "name": q.name,
                    "nrr": value,
                    "weighted": weighted.get(q.code),
                    "converted": None if value is None else _half_up(exact[q.code] * 25),
                    "lowest": q.code in self.lowest,
                }
            )
        return rows

    @property
    def lowest_names(self) -> str:
        names = {q.code: q.name for q in self.questions}
        return ", ".join(f"{c} {names.get(c, '')}".strip() for c in self.lowest)


def settings_for(unit: Unit) -> SurveySettings:
    """The unit's survey settings, created with the defaults on first use."""
    settings, _ = SurveySettings.objects.get_or_create(unit=unit)
    return settings


def questions() -> list[SurveyQuestion]:
    """The questionnaire in its configured order (the regulation's defaults if none stored)."""
    stored = list(SurveyQuestion.objects.all())
    if stored:
        return stored
    return [
        SurveyQuestion(
            code=u.code,
            position=i,
            name=u.name,
            question=u.question,
            answer_1=u.answers[0],
            answer_2=u.answers[1],
            answer_3=u.answers[2],
            answer_4=u.answers[3],
        )
        for i, u in enumerate(UNSUR_DEFAULTS, start=1)
    ]


UNSUR_DEFAULTS = rules.UNSUR


def _responses(unit: Unit, period: SurveyPeriod) -> SurveyResponseQuerySet:
    return SurveyResponse.objects.filter(unit=unit).between(period.start, period.end)


_AGE_BANDS = ["< 20", "20–29", "30–39", "40–49", "≥ 50", "Tidak diisi"]


def _profile(responses: QuerySet[SurveyResponse]) -> dict[str, list[tuple[str, int]]]:
    """The respondents' profile, counted by the database (one row per combination, not per answer)."""
    band = Case(
        When(age__isnull=True, then=Value(5)),
        When(age__lt=20, then=Value(0)),
        When(age__lt=30, then=Value(1)),
        When(age__lt=40, then=Value(2)),
        When(age__lt=50, then=Value(3)),
        default=Value(4),
    )
    rows = (
        responses.annotate(band=band)
        .values_list("band", "gender", "education", "occupation")
        .annotate(n=Count("pk"))
        .order_by()
    )
    ages: Counter[str] = Counter()
    genders: Counter[str] = Counter()
    education: Counter[str] = Counter()
    occupation: Counter[str] = Counter()
    blank = _("Not filled in")
    bands = [*_AGE_BANDS[:-1], blank]
    for age_band, gender, edu, occ, n in rows:
        ages[bands[age_band]] += n
        genders[{"L": _("Male"), "P": _("Female")}.get(gender, blank)] += n
        education[edu or blank] += n
        occupation[occ or blank] += n
    return {
        _("Age"): [(k, ages[k]) for k in bands if ages[k]],
        _("Gender"): sorted(genders.items()),
        _("Education"): sorted(education.items(), key=lambda kv: (-kv[1], kv[0])),
        _("Occupation"): sorted(occupation.items(), key=lambda kv: (-kv[1], kv[0])),
    }


def unit_index(unit: Unit, period: SurveyPeriod, *, population: int | None = None) -> UnitIndex:
    """Everything the report of a unit and period shows, in a fixed number of queries."""
    settings = settings_for(unit)
    weight = settings.rules_weight
    responses = _responses(unit, period)
    overall = responses.aggregate(**totals_aggregates())
    result = result_from_row(overall, weight)
    records = ServiceRecord.objects.filter(unit=unit).between(period.start, period.end)
    register_count = records.count()
    from_register = population is None
    population_value = register_count if population is None else population
    required = rules.required_sample(population_value) if population_value else None
    sufficient = (
        rules.sample_sufficient(overall["n"], population_value) if population_value else None
    )
    index = UnitIndex(
        unit=unit,
        period=period,
        settings=settings,
        respondents=overall["n"],
        result=result,
        questions=questions(),
        population=population_value,
        population_from_register=from_register,
        required_sample=required,
        sample_sufficient=sufficient,
        lowest=rules.lowest_unsur(result) if result else [],
    )
    record_counts: dict[int, Any] = {
        row["service_type"]: row
        for row in records.values("service_type").annotate(
            total=Count("pk"), on_time=Count("pk", filter=Q(on_time=True))
        )
    }
    names = dict(ServiceType.objects.filter(unit=unit).values_list("pk", "name"))
    service_rows: dict[int, Any] = {
        row["service_type"]: row
        for row in responses.values("service_type").annotate(**totals_aggregates())
    }
    for pk in sorted(set(service_rows) | set(record_counts), key=lambda k: names.get(k, "~")):
        row = service_rows.get(pk)
        counts = record_counts.get(pk, {})
        index.services.append(
            GroupIndex(
                label=names.get(pk, "Tidak disebut"),
                pk=pk,
                respondents=row["n"] if row else 0,
                result=result_from_row(row, weight) if row else None,
                services=counts.get("total", 0),
                on_time=counts.get("on_time", 0),
            )
        )
    officer_rows: list[Any] = list(
        responses.credited().values("credited_officer").annotate(**totals_aggregates())  # type: ignore[misc]
    )
    through = ServiceRecord.officers.through
    officer_services: dict[int, Any] = {
        row["employee"]: row
        for row in through.objects.filter(
            servicerecord__unit=unit,
            **on_days("servicerecord__received_at", period.start, period.end),
        )
        .values("employee")
        .annotate(total=Count("pk"), on_time=Count("pk", filter=Q(servicerecord__on_time=True)))
    }
    officer_ids = {row["credited_officer"] for row in officer_rows} | set(officer_services)
    officer_names = {
        e.pk: e.display_name
        for e in Employee.objects.filter(pk__in=officer_ids).only(
            "name", "front_title", "back_title"
        )
    }
    minimum = settings.min_officer_responses
    by_officer: dict[int, Any] = {row["credited_officer"]: row for row in officer_rows}
    for pk in sorted(officer_ids, key=lambda k: officer_names.get(k, "")):
        row = by_officer.get(pk)
        n = row["n"] if row else 0
        hidden = n < minimum
        counts = officer_services.get(pk, {})
        index.officers.append(
            GroupIndex(
                label=officer_names.get(pk, "-"),
                pk=pk,
                respondents=n,
                hidden=hidden,
                result=None if hidden or row is None else result_from_row(row, weight),
                services=counts.get("total", 0),
                on_time=counts.get("on_time", 0),
            )
        )
        index.hidden_officers += hidden
    index.profile = _profile(responses)
    index.follow_up = FollowUpPlan.objects.filter(
        unit=unit, period_start=period.start, period_end=period.end
    ).first()
    return index


def running_indexes(units: list[Unit], period: SurveyPeriod) -> dict[int, rules.IkmResult]:
    """The index of each unit over a period, from stored responses, in two queries."""
    weights = {
        s.unit_id: s.rules_weight
        for s in SurveySettings.objects.filter(unit__in=units).only("unit_id", "weight")
    }
    result: dict[int, rules.IkmResult] = {}
    rows: Any = (
        SurveyResponse.objects.filter(unit__in=units)
        .between(period.start, period.end)
        .values("unit")
        .annotate(**totals_aggregates())
    )
    for row in rows:
        computed = result_from_row(row, weights.get(row["unit"], rules.Weight.EXACT))
        if computed is not None:
            result[row["unit"]] = computed
    return result


# Bump when the kept year figures change shape: older snapshots are then ignored.
YEAR_FIGURES_VERSION = 1


def year_figures(units: list[Unit], period: SurveyPeriod) -> dict[int, tuple[Any, int]]:
    """Per unit, its running index over the period (None without answers) and its services.

    The IKM list shows these for every unit a reader reads; counting them sums the period's
    answers and services of all those units (a kecamatan's year: 34 ms of SQL at city scale).
    They are kept per unit and period for ``SNAPSHOT_SECONDS`` (``sikap.lib.snapshots``), as
    the officers' service evidence is: an answer of the last minutes may show minutes later.
    The published index (``IkmSnapshot``) and the report of a unit are always counted.
    """
    by_pk = {u.pk: u for u in units}
    keys = {
        pk: f"ikm-year:{YEAR_FIGURES_VERSION}:{pk}:{period.start:%Y%m%d}:{period.end:%Y%m%d}"
        for pk in by_pk
    }

    def count(missing: list[int]) -> dict[int, tuple[Any, int]]:
        running = running_indexes([by_pk[pk] for pk in missing], period)
        services = dict(
            ServiceRecord.objects.filter(
                unit__in=missing, **on_days("received_at", period.start, period.end)
            )
            .values_list("unit")
            .annotate(n=Count("pk"))
            .values_list("unit", "n")
        )
        return {pk: (running.get(pk), services.get(pk, 0)) for pk in missing}

    return snapshots.kept_many(keys, count)


def quarter_trend(unit: Unit, year: int, weight: rules.Weight) -> list[tuple[SurveyPeriod, Any]]:
    """The index of each quarter of a year (None for a quarter without answers): four queries."""
    trend: list[tuple[SurveyPeriod, Any]] = []
    for period in periods_of(year)[3:]:
        row = _responses(unit, period).aggregate(**totals_aggregates())
        trend.append((period, result_from_row(row, weight)))
    return trend


def lowest_unsur_of(unit: Unit, period: SurveyPeriod) -> list[str]:
    """The lowest unsur of a unit's period (empty without answers)."""
    row = _responses(unit, period).aggregate(**totals_aggregates())
    result = result_from_row(row, settings_for(unit).rules_weight)
    return rules.lowest_unsur(result) if result else []
