"""Evaluations of every SKP for each past period, organisation predikat and the signed penetapan.

Past years are wholly determined; in the current year the earlier periods are determined and the
latest past one stays open (draft ratings) for calibration, as in the demo.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count
from django.utils import timezone

from bench.synthetic.org import Scale
from bench.synthetic.planning import World, _person
from bench.synthetic.writer import Writer
from sikap.evaluation import rules
from sikap.evaluation.curve import curve_unit_of, pooled_into
from sikap.evaluation.demo import NOTES, RATINGS, _baik_distribution
from sikap.evaluation.models import (
    Determination,
    Evaluation,
    EvaluationSettings,
    OrganisationAssessment,
)
from sikap.org.models import Employee

ORGANISATION_NOTE = "Capaian Perjanjian Kinerja sesuai target (data sintetis)."


def _curves(world: World) -> dict[int, list[Employee]]:
    """The members of every curve unit (pooling small kelurahan as the curve module does)."""
    threshold = EvaluationSettings.load().pooling_threshold
    units = world.units
    asn: Counter[int] = Counter()
    for e in world.people:
        asn[curve_unit_of(units[e.unit_id or 0], units).pk] += 1
    curves: dict[int, list[Employee]] = defaultdict(list)
    for e in world.people:
        own = curve_unit_of(units[e.unit_id or 0], units)
        curves[pooled_into(own, units, asn, threshold).pk].append(e)
    return curves


def _signer(world: World, unit_id: int) -> Employee | None:
    head = world.head_of(unit_id)
    if head is not None:
        return head
    ranked = sorted(
        (e for e in world.by_unit.get(unit_id, []) if e.position is not None),
        key=lambda e: (e.position.eselon if e.position else "NON", e.pk),
    )
    return ranked[0] if ranked else None


def build(writer: Writer, world: World, scale: Scale, rng: random.Random) -> None:
    today = world.today
    curves = _curves(world)
    existing_eval = set(Evaluation.objects.values_list("plan_id", "period_id"))
    existing_assessment = set(OrganisationAssessment.objects.values_list("unit_id", "period_id"))
    existing_det = {(d.unit_id, d.period_id): d for d in Determination.objects.all()}
    signers = {unit: _signer(world, unit) for unit in curves}
    evaluations: list[tuple[Any, ...]] = []
    assessments: list[tuple[Any, ...]] = []
    determinations: list[tuple[Any, ...]] = []
    refresh: list[tuple[Determination, list[int]]] = []
    periods = [
        (year, period)
        for year in sorted(world.periods)
        for period in world.periods[year]
        if period.end_date < today
    ]
    latest = periods[-1][1] if periods else None
    for year, period in periods:
        final = period != latest
        signed_at = timezone.make_aware(dt.datetime.combine(period.deadline, dt.time(10)))
        for unit_id, members in sorted(curves.items()):
            todo = [
                e
                for e in members
                if (year, e.pk) in world.plans
                and (world.plans[(year, e.pk)], period.pk) not in existing_eval
            ]
            if (unit_id, period.pk) not in existing_assessment:
                assessments.append((writer.next_id(OrganisationAssessment), unit_id, period.pk))
            if not todo:
                continue
            limits = rules.distribution_limits(rules.OrganisationPredicate.BAIK, len(todo))
            predicates = _baik_distribution(len(todo), limits)
            rng.shuffle(todo)
            counts: Counter[rules.EmployeePredicate] = Counter()
            for e, predicate in zip(todo, predicates, strict=True):
                counts[predicate] += 1
                result, behaviour = RATINGS[predicate]
                boss = world.penilai[e.pk]
                name, nip, _gol, position, unit = _person(boss)
                if e.pk in world.acting_label:
                    name = world.acting_label[e.pk]
                evaluations.append(
                    (
                        writer.next_id(Evaluation),
                        world.plans[(year, e.pk)],
                        e.pk,
                        period.pk,
                        result.value,
                        behaviour.value,
                        predicate.value,
                        NOTES[predicate],
                        "final" if final else "draft",
                        boss.pk if boss else None,
                        name,
                        nip,
                        boss.golongan if boss else "",
                        position,
                        unit,
                        boss.user_id if boss else None,
                        signed_at if final else None,
                    )
                )
            if not final:
                continue
            if (unit_id, period.pk) in existing_det:
                refresh.append((existing_det[(unit_id, period.pk)], [e.pk for e in members]))
                continue
            signer = signers[unit_id]
            violations = rules.check_distribution(limits, counts)
            determinations.append(
                (
                    writer.next_id(Determination),
                    unit_id,
                    period.pk,
                    "BAIK",
                    len(todo),
                    {p.short_code: counts.get(p, 0) for p in rules.EmployeePredicate},
                    [v.message for v in violations],
                    signer.pk if signer else None,
                    signer.display_name if signer else "Admin Kepegawaian",
                    signer.nip if signer else "",
                    signer.position.name if signer and signer.position else "",
                    signer.user_id if signer else None,
                    signed_at,
                )
            )
    p = writer.progress
    p.step(f"evaluations of {len(periods)} periods, penetapan")
    n = writer.insert(
        OrganisationAssessment,
        ("id", "unit_id", "period_id"),
        assessments,
        predicate="BAIK",
        note=ORGANISATION_NOTE,
        set_by_id=None,
    )
    n += writer.insert(
        Evaluation,
        (
            "id",
            "plan_id",
            "employee_id",
            "period_id",
            "result_rating",
            "behaviour_rating",
            "predicate",
            "notes",
            "status",
            "penilai_id",
            "penilai_name",
            "penilai_nip",
            "penilai_golongan",
            "penilai_position",
            "penilai_unit",
            "evaluated_by_id",
            "finalised_at",
        ),
        evaluations,
        work_result_notes={},
    )
    n += writer.insert(
        Determination,
        (
            "id",
            "unit_id",
            "period_id",
            "organisation_predicate",
            "headcount",
            "distribution",
            "violations",
            "signed_by_id",
            "signed_by_name",
            "signed_by_nip",
            "signed_by_position",
            "signed_by_user_id",
            "signed_at",
        ),
        determinations,
    )
    # The demo's penetapan now cover the people added to their units: count them again.
    for determination, member_ids in refresh:
        rows = (
            Evaluation.objects.filter(period_id=determination.period_id, employee_id__in=member_ids)
            .values_list("predicate")
            .annotate(n=Count("pk"))
        )
        counts = {rules.EmployeePredicate(k): v for k, v in rows if k}
        limits = rules.distribution_limits(
            rules.OrganisationPredicate(determination.organisation_predicate), sum(counts.values())
        )
        Determination.objects.filter(pk=determination.pk).update(
            headcount=sum(counts.values()),
            distribution={p.short_code: counts.get(p, 0) for p in rules.EmployeePredicate},
            violations=[v.message for v in rules.check_distribution(limits, counts)],
        )
    p.done(n)
