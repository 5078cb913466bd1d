"""Demo data of the evaluation domain."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from sikap.cycle.models import AppraisalYear
from sikap.evaluation import rules
from sikap.evaluation.curve import UnitCurve, unit_curve
from sikap.evaluation.models import Evaluation, EvaluationSettings, OrganisationAssessment
from sikap.evaluation.services import determine_predicates
from sikap.org.models import Position, Unit, UnitKind
from sikap.planning.models import Plan

VIOLATED_UNIT = "Plaju Ulu"
NOTES = {
    rules.EmployeePredicate.SANGAT_BAIK: "Pertahankan; siap diusulkan untuk pengembangan karier.",
    rules.EmployeePredicate.BAIK: "Pertahankan kinerja dan lengkapi bukti dukung tepat waktu.",
    rules.EmployeePredicate.BUTUH_PERBAIKAN: "Perlu bimbingan kinerja (coaching) untuk mencapai target.",
    rules.EmployeePredicate.KURANG: "Perlu konseling tentang perilaku kerja (BerAKHLAK).",
    rules.EmployeePredicate.SANGAT_KURANG: "Perlu konseling dan rencana perbaikan kinerja.",
}
RATINGS = {
    rules.EmployeePredicate.SANGAT_BAIK: (rules.Rating.DI_ATAS, rules.Rating.DI_ATAS),
    rules.EmployeePredicate.BAIK: (rules.Rating.SESUAI, rules.Rating.SESUAI),
    rules.EmployeePredicate.BUTUH_PERBAIKAN: (rules.Rating.DI_BAWAH, rules.Rating.SESUAI),
    rules.EmployeePredicate.KURANG: (rules.Rating.SESUAI, rules.Rating.DI_BAWAH),
    rules.EmployeePredicate.SANGAT_KURANG: (rules.Rating.DI_BAWAH, rules.Rating.DI_BAWAH),
}


def _baik_distribution(n: int, limits: rules.DistributionLimits) -> list[rules.EmployeePredicate]:
    """A distribution that follows the curve of an organisation predikat Baik."""
    if n == 0:
        return []
    baik = min(limits.per_predicate[rules.EmployeePredicate.BAIK].max, n - 1) or 1
    rest = n - baik
    result = [rules.EmployeePredicate.BAIK] * baik
    if rest:
        result.append(rules.EmployeePredicate.BUTUH_PERBAIKAN)
        rest -= 1
    if rest:
        result.append(rules.EmployeePredicate.KURANG)
        rest -= 1
    result += [rules.EmployeePredicate.SANGAT_BAIK] * rest
    return result


def _evaluate_curve(
    curve: UnitCurve, plans: dict[int, Any], *, violate: bool, rng: random.Random
) -> int:
    members = [e for e in curve.employees if e.pk in plans]
    if not members:
        return 0
    OrganisationAssessment.objects.get_or_create(
        unit=curve.unit,
        period=curve.period,
        defaults={
            "predicate": rules.OrganisationPredicate.BAIK.value,
            "note": "Capaian Perjanjian Kinerja sesuai target (data demo).",
        },
    )
    limits = rules.distribution_limits(rules.OrganisationPredicate.BAIK, len(members))
    if violate:
        predicates = [rules.EmployeePredicate.BAIK] * len(members)
    else:
        predicates = _baik_distribution(len(members), limits)
    rng.shuffle(members)
    for employee, predicate in zip(members, predicates, strict=True):
        plan = plans[employee.pk]
        result, behaviour = RATINGS[predicate]
        evaluation = Evaluation(
            plan=plan,
            employee=employee,
            period=curve.period,
            result_rating=result.value,
            behaviour_rating=behaviour.value,
            predicate=predicate.value,
            penilai_id=plan.penilai_id,
            penilai_name=plan.penilai_name,
            penilai_nip=plan.penilai_nip,
            penilai_position=plan.penilai_position,
            penilai_unit=plan.penilai_unit,
            penilai_golongan=plan.penilai.golongan if plan.penilai else "",
            notes=NOTES[predicate],
        )
        evaluation.save()
    return len(members)


@transaction.atomic
def load(*, today: dt.date) -> bool:
    """Organisation predikat and evaluations for every past period of the current year.

    Earlier periods are determined (final); the latest past period stays open for calibration,
    and in it one unit's curve is violated (everyone Baik) so the warning can be seen.
    """
    year = AppraisalYear.objects.filter(year=today.year).first()
    if year is None or Evaluation.objects.filter(period__appraisal_year=year).exists():
        return False
    plans = {
        p.employee_id: p
        for p in Plan.objects.current()
        .filter(appraisal_year=year, status="approved", penilai__isnull=False)
        .select_related("penilai")
        .order_by("start_date")
    }
    if not plans:
        return False
    rng = random.Random(2026)
    settings = EvaluationSettings.load()
    past = [p for p in year.periods.order_by("start_date") if p.end_date < today]
    units = list(
        Unit.objects.filter(kind__in=[UnitKind.KECAMATAN, UnitKind.KELURAHAN], is_active=True)
    )
    created = 0
    for index, period in enumerate(past):
        is_latest = index == len(past) - 1
        seen: set[int] = set()
        curves = []
        for unit in units:
            curve = unit_curve(unit, period, settings=settings)
            if curve.unit.pk not in seen:
                seen.add(curve.unit.pk)
                curves.append(curve)
        # The violated curve is the demo lurah's kelurahan, so lurah, penilai and camat see it.
        curves.sort(key=lambda c: (VIOLATED_UNIT not in c.unit.name, c.unit.name))
        for number, curve in enumerate(curves):
            created += _evaluate_curve(curve, plans, violate=is_latest and number == 0, rng=rng)
        if is_latest:
            continue
        for curve in curves:
            fresh = unit_curve(curve.unit, period, settings=settings)
            if not fresh.evaluations:
                continue
            head = Position.objects.filter(unit=curve.unit, is_unit_head=True).first()
            signer = head.holders.filter(is_active=True).first() if head else None
            determine_predicates(
                curve=fresh,
                by=signer.user if signer else None,
                signer=signer,
                now=timezone.make_aware(dt.datetime.combine(period.deadline, dt.time(10))),
                notify_employees=False,
            )
    return created > 0
