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

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from sikap.cycle.models import Period
from sikap.evaluation import rules
from sikap.evaluation.models import (
    Determination,
    Evaluation,
    EvaluationSettings,
    OrganisationAssessment,
)
from sikap.org.models import Assignment, AssignmentKind, Employee, JenisAsn, Unit, UnitKind

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
    # Set by ``unit_curve(..., people=False)``, which counts the members without loading them.
    member_count: int | None = None

    @property
    def evaluated(self) -> int:
        return sum(self.counts.values())

    @property
    def headcount(self) -> int:
        return self.member_count if self.member_count is not None else len(self.employees)

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


def pooled_into(unit: Unit, units: dict[int, Unit], asn: Counter[int], threshold: int) -> Unit:
    """The unit whose curve this unit's people count in (itself unless a small kelurahan)."""
    if unit.kind == UnitKind.KELURAHAN and asn[unit.pk] < threshold and unit.parent_id:
        parent = units.get(unit.parent_id)
        if parent is not None:
            return curve_unit_of(parent, units)
    return unit


def _subtree(top: Unit) -> tuple[dict[int, Unit], Counter[int]]:
    """The units below ``top`` (with it) and, per curve unit among them, its ASN headcount.

    Counted in SQL per unit; only the units of the subtree are walked, never the whole city.
    """
    units = {u.pk: u for u in Unit.objects.filter(path__startswith=top.path)}
    units[top.pk] = top
    per_unit = (
        Employee.objects.filter(is_active=True, unit__path__startswith=top.path)
        .exclude(jenis_asn=JenisAsn.NON_ASN)
        .values_list("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    asn: Counter[int] = Counter()
    for unit_id, n in per_unit:
        if unit_id in units:
            asn[_curve_in(units[unit_id], units, top).pk] += n
    return units, asn


def _curve_in(unit: Unit, units: dict[int, Unit], top: Unit) -> Unit:
    """curve_unit_of, for a unit inside the subtree of ``top`` (never looks above it)."""
    current = unit
    while current.pk != top.pk and current.kind not in CURVE_KINDS:
        parent = units.get(current.parent_id or 0)
        if parent is None:
            return current
        current = parent
    return current


def _candidates(unit_ids: list[int] | None, period: Period) -> tuple[Any, Any]:
    """The ASN who may count in these units (every unit when None) during the period, and the
    definitive posts overlapping it: see ``members_during``."""
    overlapping = Q(start_date__lte=period.end_date) & (
        Q(end_date__isnull=True) | Q(end_date__gte=period.start_date)
    )
    held = Assignment.objects.filter(overlapping, kind=AssignmentKind.DEFINITIF)
    people = Employee.objects.filter(is_active=True).exclude(jenis_asn=JenisAsn.NON_ASN)
    # Everyone (of these units) without a definitive riwayat jabatan, and everyone who held a
    # post (there) then. The two sets are one UNION of ids: as an OR of two subqueries,
    # PostgreSQL read every employee and every post of the city for a kelurahan's curve
    # (22 ms against 1 ms at city scale).
    unmoved = Employee.objects.exclude(
        Exists(Assignment.objects.filter(employee=OuterRef("pk"), kind=AssignmentKind.DEFINITIF))
    )
    posted = held
    if unit_ids is not None:
        unmoved, posted = unmoved.filter(unit_id__in=unit_ids), held.filter(unit_id__in=unit_ids)
    ids = unmoved.order_by().values("pk").union(posted.order_by().values("employee_id"))
    return people.filter(pk__in=ids), held


def _served_in(held: Any, candidates: Any, current: dict[int, int | None]) -> dict[int, int]:
    """Per employee (id → current unit), the unit they counted in: that of their last definitive
    post overlapping the period, else their current unit. ``candidates`` is the queryset the
    employees came from: the posts are filtered by it in the database, whatever its size."""
    last_unit: dict[int, int] = {}
    rows = held.filter(employee__in=candidates.values("pk"))
    for employee_id, unit_id in rows.order_by("employee_id", "start_date", "pk").values_list(
        "employee_id", "unit_id"
    ):
        if employee_id in current:
            last_unit[employee_id] = unit_id  # ascending: the last one wins
    return {pk: last_unit.get(pk, unit_id or 0) for pk, unit_id in current.items()}


def members_during(unit_ids: list[int], period: Period) -> tuple[list[Employee], dict[int, int]]:
    """The ASN who counted in these units during the period, by the posts they held then.

    An employee counts where their last definitive post overlapping the period was: staff who
    joined after the period ended are not in it, and a mutasi after the period leaves them in
    the unit they served. Employees without a definitive riwayat jabatan count by their current
    unit. Returns the members (ordered by name) and, per member, the unit they counted in.
    """
    candidates, held = _candidates(unit_ids, period)
    people = list(candidates.select_related("unit", "position").order_by("name", "pk"))
    served = _served_in(held, candidates, {e.pk: e.unit_id for e in people})
    wanted = set(unit_ids)
    members = [e for e in people if served[e.pk] in wanted]
    return members, {e.pk: served[e.pk] for e in members}


def member_units_during(unit_ids: list[int] | None, period: Period) -> dict[int, int]:
    """``members_during`` without loading the people: member id → the unit they counted in.
    With ``unit_ids=None``, every ASN of the instance (for a check of every curve at once)."""
    candidates, held = _candidates(unit_ids, period)
    served = _served_in(held, candidates, dict(candidates.values_list("pk", "unit_id")))
    if unit_ids is None:
        return served
    wanted = set(unit_ids)
    return {pk: unit_id for pk, unit_id in served.items() if unit_id in wanted}


def _latest_predicates(period: Period, employee_ids: Any) -> dict[int, str]:
    """Per employee, the predikat of the period's evaluation of their latest SKP ("" if none)."""
    latest: dict[int, str] = {}
    rows = Evaluation.objects.filter(period=period)
    if employee_ids is not None:
        rows = rows.filter(employee_id__in=employee_ids)
    for employee_id, predicate in rows.order_by("plan__start_date", "pk").values_list(
        "employee_id", "predicate"
    ):
        latest[employee_id] = predicate  # ascending: the latest SKP wins
    return latest


def unit_curve(
    unit: Unit,
    period: Period,
    *,
    settings: EvaluationSettings | None = None,
    people: bool = True,
) -> UnitCurve:
    """The curve the unit belongs to for the period (the pooled kecamatan for a small kelurahan).

    With ``people=False`` the members are counted, not loaded (``employees`` and
    ``evaluations`` stay empty): enough for the counts, the limits and the warnings.
    """
    settings = settings or EvaluationSettings.load()
    threshold = settings.pooling_threshold
    line = {u.pk: u for u in Unit.objects.filter(pk__in=unit.ancestor_ids)}
    line[unit.pk] = unit
    own = curve_unit_of(unit, line)
    target = own
    if own.kind == UnitKind.KELURAHAN and own.parent_id and own.parent_id in line:
        _, asn = _subtree(own)
        if asn[own.pk] < threshold:
            target = curve_unit_of(line[own.parent_id], line)
    units, asn = _subtree(target)
    # Units whose people count in the target's curve: theirs, or a small kelurahan pooled into it.
    member_units = [
        pk
        for pk, u in units.items()
        if (c := _curve_in(u, units, target)).pk == target.pk
        or (
            c.kind == UnitKind.KELURAHAN
            and asn[c.pk] < threshold
            and c.parent_id
            and _curve_in(units.get(c.parent_id, target), units, target).pk == target.pk
        )
    ]
    if not people:
        return _light_curve(target, period, units, member_units, settings)
    members, served_in = members_during(member_units, period)
    by_pk = {e.pk: e for e in members}
    pooled = sorted(
        {
            c.pk
            for e in members
            if (c := _curve_in(units[served_in[e.pk]], units, target)).pk != target.pk
        }
    )
    evaluations: dict[int, Evaluation] = {}
    for evaluation in (
        Evaluation.objects.filter(period=period, employee_id__in=by_pk)
        .select_related("plan")
        .order_by("plan__start_date", "pk")
    ):
        evaluation.employee = by_pk[evaluation.employee_id]
        evaluations[evaluation.employee_id] = evaluation
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
    curve.counts = _counts(e.predicate for e in evaluations.values())
    return _finish(curve)


def _finish(curve: UnitCurve) -> UnitCurve:
    if curve.assessment is not None:
        curve.limits = rules.distribution_limits(
            curve.assessment.rule_predicate, curve.evaluated, rounding=curve.rounding
        )
        curve.violations = rules.check_distribution(curve.limits, curve.counts)
    return curve


def _counts(predicates: Any) -> dict[rules.EmployeePredicate, int]:
    """Per Predikat Kinerja Pegawai, how many of these predikat values ("" unrated) are it."""
    found = Counter(predicates)
    return {p: found[p.value] for p in rules.EmployeePredicate}


def _light_curve(
    target: Unit,
    period: Period,
    units: dict[int, Unit],
    member_units: list[int],
    settings: EvaluationSettings,
) -> UnitCurve:
    served_in = member_units_during(member_units, period)
    pooled = sorted(
        {
            c.pk
            for unit_id in set(served_in.values())
            if (c := _curve_in(units[unit_id], units, target)).pk != target.pk
        }
    )
    predicates = _latest_predicates(period, list(served_in))
    return _counted_curve(
        target,
        period,
        pooled_units=[units[pk] for pk in pooled],
        predicates=[predicates.get(pk, "") for pk in served_in],
        assessment=OrganisationAssessment.objects.filter(unit=target, period=period).first(),
        determination=Determination.objects.filter(unit=target, period=period).first(),
        settings=settings,
    )


def _counted_curve(
    target: Unit,
    period: Period,
    *,
    pooled_units: list[Unit],
    predicates: list[str],
    assessment: OrganisationAssessment | None,
    determination: Determination | None,
    settings: EvaluationSettings,
) -> UnitCurve:
    """A curve whose members are counted, not loaded: one predikat ("" unrated) per member."""
    curve = UnitCurve(
        unit=target,
        period=period,
        pooled_units=pooled_units,
        employees=[],
        evaluations={},
        assessment=assessment,
        determination=determination,
        rounding=rules.Rounding(settings.rounding),
        counts=_counts(predicates),
        member_count=len(predicates),
    )
    return _finish(curve)


def curve_checks(period: Period, *, settings: EvaluationSettings | None = None) -> list[UnitCurve]:
    """Every curve of the instance for the period, counted at once (a handful of queries): the
    same counts, limits and warnings as ``unit_curve(u, period, people=False)`` for each curve
    unit, for an overview of where the kurva distribusi is not met."""
    settings = settings or EvaluationSettings.load()
    threshold = settings.pooling_threshold
    units = {u.pk: u for u in Unit.objects.all()}
    asn: Counter[int] = Counter()
    for unit_id, n in (
        Employee.objects.filter(is_active=True, unit__isnull=False)
        .exclude(jenis_asn=JenisAsn.NON_ASN)
        .values_list("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        asn[curve_unit_of(units[unit_id], units).pk] += n

    # Per unit (not per person): its own curve unit and the curve its people count in.
    own_of = {pk: curve_unit_of(unit, units).pk for pk, unit in units.items()}
    target_of = {
        pk: pooled_into(units[own], units, asn, threshold).pk for pk, own in own_of.items()
    }
    served_in = member_units_during(None, period)
    predicates = _latest_predicates(period, None)
    members: dict[int, list[int]] = {}
    pooled: dict[int, set[int]] = {}
    for employee_id, unit_id in served_in.items():
        if unit_id not in units:
            continue
        target_pk = target_of[unit_id]
        members.setdefault(target_pk, []).append(employee_id)
        if own_of[unit_id] != target_pk:
            pooled.setdefault(target_pk, set()).add(own_of[unit_id])
    targets = [units[pk] for pk in members if units[pk].kind in CURVE_KINDS]
    assessments = {
        a.unit_id: a for a in OrganisationAssessment.objects.filter(period=period, unit__in=targets)
    }
    determinations = {
        d.unit_id: d for d in Determination.objects.filter(period=period, unit__in=targets)
    }
    return [
        _counted_curve(
            target,
            period,
            pooled_units=[units[pk] for pk in sorted(pooled.get(target.pk, ()))],
            predicates=[predicates.get(pk, "") for pk in members[target.pk]],
            assessment=assessments.get(target.pk),
            determination=determinations.get(target.pk),
            settings=settings,
        )
        for target in sorted(targets, key=lambda u: u.path)
    ]


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
    """Parse "SB,B,BP,K,SK" counts; ValueError (translated) unless 5 non-negative ints summing up."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 5 or not all(part.isdigit() for part in parts):
        raise ValueError(
            _(
                "The actual counts must be 5 non-negative whole numbers: SB,B,BP,K,SK (for "
                "example 1,6,2,1,0)."
            )
        )
    counts = dict(zip(ACTUAL_ORDER, (int(part) for part in parts), strict=True))
    if sum(counts.values()) != headcount:
        raise ValueError(
            _("The actual counts (%(total)s) must add up to the number of employees (%(n)s).")
            % {"total": sum(counts.values()), "n": headcount}
        )
    return counts
