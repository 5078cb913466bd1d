"""Read models for the evaluation pages and documents: the SKP rows of a period, signals, history."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sikap.cycle.models import Period
from sikap.evaluation import rules
from sikap.evaluation.models import Evaluation, OrganisationAssessment
from sikap.evaluation.suggestion import IndicatorOutcome, Suggestion, suggest_result_rating
from sikap.org.models import Unit
from sikap.planning import objective
from sikap.planning.models import Feedback, Indicator, Plan, Realisation, WorkResult

logger = logging.getLogger(__name__)


@dataclass
class RhkRow:
    work_result: Any
    indicators: list[tuple[Any, Any]]  # (indicator, realisation or None)
    feedback: list[Any] = field(default_factory=list)
    label: str = ""
    note: str = ""
    number: int = 0  # numbered within its category: A. UTAMA 1, 2 …, B. TAMBAHAN 1, 2 …


@dataclass
class BehaviourRow:
    """One of the seven BerAKHLAK values as the PERILAKU KERJA table of the form prints it."""

    number: int
    name: str
    indicators: tuple[str, ...]
    expectation: str
    feedback: list[Any]


def _versions(plan: Any) -> Any:
    """The SKP versions of the employee's year (a revision and the SKP it replaced)."""
    return Plan.objects.filter(
        employee_id=plan.employee_id, appraisal_year_id=plan.appraisal_year_id
    ).values("pk")


def _roots(pairs: Any) -> dict[int, int]:
    """Each row's first version: a revision's copies lead back, through copied_from, to it."""
    parent = dict(pairs)
    roots = {}
    for pk in parent:
        root, seen = pk, {pk}
        while parent.get(root) is not None and parent[root] not in seen:
            root = parent[root]
            seen.add(root)
        roots[pk] = root
    return roots


def plan_rows(plan: Any, period: Period, evaluation: Evaluation | None = None) -> list[RhkRow]:
    """Every RHK of the SKP with its indicators, the period's realisation, evidence and feedback.

    A revision carries the realisation and feedback of the year into its copies, while a
    signed evaluation stays on the version it was made on: both are found through the copies,
    so neither the evaluation of a signed triwulan nor the revised SKP loses them.
    """
    # A. UTAMA before B. TAMBAHAN, as the form lays them out (not the alphabetical order).
    work_results = sorted(
        WorkResult.objects.filter(plan=plan)
        .select_related("intervenes")
        .prefetch_related("indicators"),
        key=lambda r: (r.category != "UTAMA", r.order, r.pk),
    )
    versions = _versions(plan)
    indicator_roots = _roots(
        Indicator.objects.filter(work_result__plan__in=versions).values_list("pk", "copied_from")
    )
    result_roots = _roots(
        WorkResult.objects.filter(plan__in=versions).values_list("pk", "copied_from")
    )
    own = {i.pk for r in work_results for i in r.indicators.all()}
    realisations: dict[int, Any] = {}
    for real in Realisation.objects.filter(
        indicator__work_result__plan__in=versions, period=period
    ).prefetch_related("evidence"):
        root = indicator_roots.get(real.indicator_id, real.indicator_id)
        if root not in realisations or real.indicator_id in own:
            realisations[root] = real
    feedback: dict[int, list[Any]] = defaultdict(list)
    for item in Feedback.objects.filter(
        plan__in=versions, period=period, work_result__isnull=False
    ):
        feedback[result_roots.get(item.work_result_id or 0, 0)].append(item)
    notes = evaluation.work_result_notes if evaluation is not None else {}
    # The notes of an evaluation are keyed by the RHK of the version it was made on.
    notes_by_root = {result_roots.get(int(k), int(k)): v for k, v in notes.items() if k.isdigit()}
    rows = []
    numbers: dict[str, int] = defaultdict(int)
    for work_result in work_results:
        root = result_roots.get(work_result.pk, work_result.pk)
        entry = notes.get(str(work_result.pk)) or notes_by_root.get(root, {})
        numbers[work_result.category] += 1
        rows.append(
            RhkRow(
                work_result=work_result,
                indicators=[
                    (i, realisations.get(indicator_roots.get(i.pk, i.pk)))
                    for i in work_result.indicators.all()
                ],
                feedback=feedback[root],
                label=entry.get("label", ""),
                note=entry.get("feedback", ""),
                number=numbers[work_result.category],
            )
        )
    return rows


def behaviour_feedback(plan: Any, period: Period) -> list[Any]:
    """Feedback on Perilaku Kerja in the period, on whichever version of the SKP it was given."""
    return list(
        Feedback.objects.filter(plan__in=_versions(plan), period=period, work_result__isnull=True)
    )


def behaviour_rows(plan: Any, period: Period) -> list[BehaviourRow]:
    """All seven values with their indicators, the Ekspektasi Khusus Pimpinan and the feedback.

    The form lists every value, also those that received no feedback in the period.
    """
    from sikap.planning.rules import BERAKHLAK

    expectations = {e.value: e.expectation for e in plan.expectations.all()}
    feedback: dict[str, list[Any]] = defaultdict(list)
    for item in behaviour_feedback(plan, period):
        feedback[item.behaviour_value].append(item)
    return [
        BehaviourRow(
            number=n,
            name=name,
            indicators=indicators,
            expectation=expectations.get(key, ""),
            feedback=feedback[key],
        )
        for n, (key, name, indicators) in enumerate(BERAKHLAK, start=1)
    ]


PERCENT_UNITS = {"%", "persen", "persentase"}


def _months(start: Any, end: Any) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def suggestion_for(
    rows: list[RhkRow], period: Period | None = None, plan: Any = None
) -> Suggestion:
    """A suggestion from the period's realisation against the target pro-rated to the period.

    Targets are annual; a period's realisation is compared with target × period months / SKP
    months, except percentages, which hold for every period.
    """
    share = Fraction(1)
    if period is not None and plan is not None:
        share = Fraction(
            _months(period.start_date, period.end_date), _months(plan.start_date, plan.end_date)
        )
    outcomes = []
    for row in rows:
        for indicator, realisation in row.indicators:
            if indicator.target_value is None:
                continue
            target = Decimal(indicator.target_value)
            if indicator.target_unit.strip().casefold() not in PERCENT_UNITS:
                target = target * share.numerator / share.denominator
            outcomes.append(
                IndicatorOutcome(
                    main=row.work_result.category == "UTAMA",
                    target=target,
                    realisation=realisation.value if realisation is not None else None,
                )
            )
    suggestion = suggest_result_rating(outcomes)
    if share != 1:
        note = (
            f"Target tahunan diproporsikan ke periode ini ({share.numerator}/{share.denominator}), "
            "kecuali target persentase."
        )
        suggestion = Suggestion(suggestion.rating, (*suggestion.reasons, note))
    return suggestion


def service_signals(employee_id: int, period: Period) -> dict[str, Any]:
    """Objective evidence from the apps registered in planning's SOURCES (never a rating)."""
    signals: dict[str, Any] = {}
    for key, function in objective.SOURCES:
        try:
            result = function([employee_id], period.start_date, period.end_date)
        except Exception:  # a sibling app's failure must not break the evaluation page
            logger.exception("objective evidence %r failed", key)
            continue
        if result and employee_id in result:
            signals[key] = result[employee_id]
    return signals


def headed_unit(employee: Any) -> Unit | None:
    """The unit the employee heads through their own position (camat, lurah), if any."""
    position = employee.position
    if position is not None and position.is_unit_head:
        return position.unit
    return None


@dataclass(frozen=True)
class UnitHeadDefault:
    unit: Unit
    assessment: OrganisationAssessment | None
    rating: rules.Rating | None


def unit_head_default(employee: Any, period: Period) -> UnitHeadDefault | None:
    """For a unit head: the Rating Hasil Kerja that follows the unit's organisation predikat."""
    unit = headed_unit(employee)
    if unit is None:
        return None
    assessment = OrganisationAssessment.objects.filter(unit=unit, period=period).first()
    rating = rules.unit_head_result_rating(assessment.rule_predicate) if assessment else None
    return UnitHeadDefault(unit=unit, assessment=assessment, rating=rating)


def history_rows(history_queryset: Any, limit: int = 50) -> list[dict[str, Any]]:
    """Audit trail rows (who, when, what, why) of a simple-history queryset, newest first."""
    from sikap.org.audit import audit_rows

    records = list(history_queryset.order_by("-history_date")[:limit])
    rows = []
    for row, record in zip(audit_rows(history_queryset, limit), records, strict=False):
        rows.append(
            {
                "when": row.when,
                "who": row.who,
                "action": row.action,
                "changes": row.changes,
                "reason": record.history_change_reason or "",
            }
        )
    return rows


@dataclass(frozen=True)
class AngkaKredit:
    jenjang: rules.Jenjang
    months: int
    predicate: rules.EmployeePredicate
    value: Any
    percent: int


def months_in_position(employee: Any, year: int) -> int:
    """Calendar months of the year in which the employee held their current position (1-12)."""
    import datetime as dt

    months: set[int] = set()
    assignments = employee.assignments.filter(position_id=employee.position_id)
    for assignment in assignments:
        start = max(assignment.start_date, dt.date(year, 1, 1))
        end = min(assignment.end_date or dt.date(year, 12, 31), dt.date(year, 12, 31))
        if start <= end:
            months.update(range(start.month, end.month + 1))
    if not assignments:
        return 12
    return max(1, len(months))


def angka_kredit_for(evaluation: Evaluation) -> AngkaKredit | None:
    """The annual AK of a JF employee from the final predikat, pro-rated by months (§1.13)."""
    position = evaluation.employee.position
    if (
        not evaluation.period.is_final
        or not evaluation.predicate
        or position is None
        or position.jenis != "FUNGSIONAL"
        or position.jenjang not in rules.KOEFISIEN
    ):
        return None
    jenjang = rules.KOEFISIEN[position.jenjang]
    predicate = rules.EmployeePredicate(evaluation.predicate)
    months = months_in_position(evaluation.employee, evaluation.period.appraisal_year.year)
    return AngkaKredit(
        jenjang=jenjang,
        months=months,
        predicate=predicate,
        value=rules.angka_kredit(jenjang, predicate, months, places=3),
        percent=rules.PREDICATE_AK_PERCENT[predicate],
    )


def penetapan_context(curve: Any) -> dict[str, Any]:
    """What the FORMAT PENETAPAN PREDIKAT KINERJA prints for a curve, as it stands now."""
    from django.utils import timezone

    from sikap.evaluation.svg import curve_svg
    from sikap.lib.formatting import tanggal

    signed = curve.determination
    day = timezone.localdate(signed.signed_at) if signed else timezone.localdate()
    chart = curve.chart()
    return {
        "curve": curve,
        "period": curve.period,
        "rows": sorted(curve.evaluations.values(), key=lambda e: e.employee.name),
        "chart_svg": curve_svg(chart),
        "chart": chart,
        "place_date": f"Palembang, {tanggal(day)}",
    }
