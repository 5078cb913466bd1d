"""The kurva distribusi of a unit for a period: who counts, pooling, limits and warnings.

Which employees form one curve (UNCONFIRMED, settings): every employee counts in the nearest
kecamatan or kelurahan above their unit (seksi staff count in their kelurahan). A kelurahan
with fewer ASN than ``EvaluationSettings.pooling_threshold`` (default 10) is pooled with its
kecamatan: its people count in the kecamatan's curve, under the kecamatan's organisation
predikat. The check is a warning for the penilai and the unit head, never a block.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sikap.cycle.models import Period
from sikap.evaluation import rules
from sikap.evaluation.models import (
    Determination,
    Evaluation,
    EvaluationSettings,
    OrganisationAssessment,
)
from sikap.org.models import Employee, JenisAsn, Unit, UnitKind

CURVE_KINDS = {UnitKind.KECAMATAN, UnitKind.KELURAHAN}


@dataclass
class UnitCurve:
    """One curve: the unit whose organisation predikat applies and everyone counted in it."""

    unit: Unit
    period: Period
    pooled_units: list[Unit]
    employees: list[Employee]
    evaluations: dict[int, Evaluation]  # by employee id; the latest SKP's evaluation
    assessment: OrganisationAssessment | None
    determination: Determination | None
    rounding: rules.Rounding
    counts: dict[rules.EmployeePredicate, int] = field(default_factory=dict)
    limits: rules.DistributionLimits | None = None
    violations: list[rules.Violation] = field(default_factory=list)

    @property
    def evaluated(self) -> int:
        return sum(self.counts.values())

    @property
    def headcount(self) -> int:
        return len(self.employees)

    def chart(self) -> dict[str, Any]:
        """Data for the Chart.js curve and the SVG (x order SK, K, BP, B, SB)."""
        return chart_data(self.counts, self.limits)


def chart_data(
    counts: dict[rules.EmployeePredicate, int], limits: rules.DistributionLimits | None
) -> dict[str, Any]:
    """Labels, actual counts and limits in the official chart order."""
    order = rules.CHART_ORDER
    return {
        "labels": [p.label for p in order],
        "codes": [p.short_code for p in order],
        "actual": [counts.get(p, 0) for p in order],
        "min": [limits.per_predicate[p].min if limits else None for p in order],
        "max": [limits.per_predicate[p].max if limits else None for p in order],
        "ranges": [f"{limits.per_predicate[p].min}–{limits.per_predicate[p].max}" for p in order]
        if limits
        else [],
    }


def curve_unit_of(unit: Unit, units: dict[int, Unit]) -> Unit:
    """The nearest kecamatan/kelurahan at or above the unit (the root if none)."""
    current: Unit | None = unit
    while current is not None:
        if current.kind in CURVE_KINDS:
            return current
        if current.parent_id is None:
            return current
        current = units.get(current.parent_id)
    return unit


def _asn_counts(employees: list[Employee], units: dict[int, Unit]) -> Counter[int]:
    counter: Counter[int] = Counter()
    for employee in employees:
        if employee.unit_id in units and employee.jenis_asn != JenisAsn.NON_ASN:
            counter[curve_unit_of(units[employee.unit_id], units).pk] += 1
    return counter


def pooled_into(unit: Unit, units: dict[int, Unit], asn: Counter[int], threshold: int) -> Unit:
    """The unit whose curve this unit's people count in (itself unless a small kelurahan)."""
    if unit.kind == UnitKind.KELURAHAN and asn[unit.pk] < threshold and unit.parent_id:
        parent = units.get(unit.parent_id)
        if parent is not None:
            return curve_unit_of(parent, units)
    return unit


def unit_curve(
    unit: Unit, period: Period, *, settings: EvaluationSettings | None = None
) -> UnitCurve:
    """The curve the unit belongs to for the period (the pooled kecamatan for a small kelurahan)."""
    settings = settings or EvaluationSettings.load()
    root_path = "/" + unit.path.strip("/").split("/")[0] + "/"
    units = {u.pk: u for u in Unit.objects.filter(path__startswith=root_path)}
    units[unit.pk] = units.get(unit.pk, unit)
    employees = list(
        Employee.objects.filter(is_active=True, unit__path__startswith=root_path)
        .exclude(jenis_asn=JenisAsn.NON_ASN)
        .select_related("unit", "position")
    )
    asn = _asn_counts(employees, units)
    threshold = settings.pooling_threshold
    target = pooled_into(curve_unit_of(units[unit.pk], units), units, asn, threshold)

    def own_unit(e: Employee) -> Unit:
        return curve_unit_of(units[e.unit_id or 0], units)

    def owner(e: Employee) -> int:
        return pooled_into(own_unit(e), units, asn, threshold).pk

    members = sorted((e for e in employees if owner(e) == target.pk), key=lambda e: e.name)
    pooled = sorted({own_unit(e).pk for e in members if own_unit(e).pk != target.pk})
    evaluations: dict[int, Evaluation] = {}
    for evaluation in (
        Evaluation.objects.filter(period=period, employee__in=members)
        .select_related("plan")
        .order_by("plan__start_date", "pk")
    ):
        evaluations[evaluation.employee_id] = evaluation
    for evaluation in evaluations.values():
        evaluation.employee = next(e for e in members if e.pk == evaluation.employee_id)
    assessment = OrganisationAssessment.objects.filter(unit=target, period=period).first()
    determination = Determination.objects.filter(unit=target, period=period).first()
    curve = UnitCurve(
        unit=target,
        period=period,
        pooled_units=[units[pk] for pk in pooled],
        employees=members,
        evaluations=evaluations,
        assessment=assessment,
        determination=determination,
        rounding=rules.Rounding(settings.rounding),
    )
    curve.counts = dict.fromkeys(rules.EmployeePredicate, 0)
    for evaluation in evaluations.values():
        if evaluation.predicate:
            curve.counts[rules.EmployeePredicate(evaluation.predicate)] += 1
    if assessment is not None:
        curve.limits = rules.distribution_limits(
            assessment.rule_predicate, curve.evaluated, rounding=curve.rounding
        )
        curve.violations = rules.check_distribution(curve.limits, curve.counts)
    return curve


def limits_payload(
    limits: rules.DistributionLimits, violations: list[rules.Violation] | None = None
) -> dict[str, Any]:
    """The limits as plain JSON: per predikat (keyed by short code SB, B, BP, K, SK) min and max."""
    payload: dict[str, Any] = {
        "organisation_predicate": {
            "code": limits.organisation_predicate.value,
            "label": limits.organisation_predicate.label,
        },
        "headcount": limits.headcount,
        "rounding": limits.rounding.value.lower(),
        "predicates": {
            p.short_code: {
                "code": p.value,
                "label": p.label,
                "min": limits.per_predicate[p].min,
                "max": limits.per_predicate[p].max,
                "min_percent": limits.per_predicate[p].min_percent,
                "max_percent": limits.per_predicate[p].max_percent,
                "forbidden": limits.per_predicate[p].forbidden,
            }
            for p in rules.EmployeePredicate
        },
        "group_minimums": [
            {
                "predicates": [p.short_code for p in g.predicates],
                "labels": [p.label for p in g.predicates],
                "min": g.min,
                "min_percent": g.min_percent,
                "must_exist": g.must_exist,
            }
            for g in limits.group_minimums
        ],
        "plurality": limits.plurality.short_code if limits.plurality else None,
        "relaxations": list(limits.relaxations),
    }
    if violations is not None:
        payload["violations"] = [
            {
                "kind": v.kind.value,
                "predicates": [p.short_code for p in v.predicates],
                "expected": v.expected,
                "actual": v.actual,
                "message": v.message,
            }
            for v in violations
        ]
    return payload


ACTUAL_ORDER = (
    rules.EmployeePredicate.SANGAT_BAIK,
    rules.EmployeePredicate.BAIK,
    rules.EmployeePredicate.BUTUH_PERBAIKAN,
    rules.EmployeePredicate.KURANG,
    rules.EmployeePredicate.SANGAT_KURANG,
)


def parse_actual(text: str, headcount: int) -> dict[rules.EmployeePredicate, int]:
    """Parse "SB,B,BP,K,SK" counts; ValueError (Indonesian) unless 5 non-negative ints summing up."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 5 or not all(part.isdigit() for part in parts):
        raise ValueError(
            "Jumlah aktual harus 5 bilangan bulat tidak negatif: SB,B,BP,K,SK (contoh 1,6,2,1,0)."
        )
    counts = dict(zip(ACTUAL_ORDER, (int(part) for part in parts), strict=True))
    if sum(counts.values()) != headcount:
        raise ValueError(
            f"Jumlah aktual ({sum(counts.values())}) harus sama dengan jumlah pegawai ({headcount})."
        )
    return counts
