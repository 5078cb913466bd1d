"""SKP for three years: every ASN of the instance, RHK cascaded from the leader's, indicators,
realisation and evidence for the periods of the current year so far, feedback and dialogues."""

from __future__ import annotations

import datetime as dt
import random
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils import timezone

from bench.synthetic.writer import Writer
from sikap.cycle.models import AppraisalYear, Period, PeriodKindChoices
from sikap.cycle.services import setup_appraisal_year
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee, JenisAsn, Unit, UnitKind
from sikap.planning import rules
from sikap.planning.demo import (
    BEHAVIOUR_FEEDBACK,
    EXPECTATIONS,
    FEEDBACK,
    OBJECTS,
    OUTPUTS,
    PHRASES,
)
from sikap.planning.models import (
    BehaviourExpectation,
    Evidence,
    Feedback,
    Indicator,
    OrganisationTarget,
    PerformanceDialogue,
    Plan,
    PlanAnnex,
    Realisation,
    WorkResult,
)

ROOT_RHK = (
    "Terwujudnya penyelenggaraan pemerintahan daerah yang akuntabel dan berorientasi hasil",
    "Meningkatnya kualitas pelayanan publik di seluruh perangkat daerah",
    "Terwujudnya tata kelola keuangan dan aset daerah yang tertib",
    "Meningkatnya kinerja dan profesionalitas aparatur sipil negara",
)
ROOT_TARGETS = (
    ("Meningkatnya kualitas pelayanan publik", "Indeks Kepuasan Masyarakat (IKM) rata-rata", "85"),
    ("Terwujudnya tata kelola pemerintahan yang akuntabel", "Nilai SAKIP", "BB"),
    ("Meningkatnya kualitas pengelolaan keuangan daerah", "Opini BPK atas LKPD", "WTP"),
    ("Meningkatnya profesionalitas ASN", "Indeks Profesionalitas ASN", "80"),
)
ANNEX = (
    "Anggaran DPA unit kerja\nKomputer dan jaringan internet kantor\nBimbingan teknis aplikasi layanan",
    "Laporan realisasi bulanan kepada pejabat penilai\nRapat evaluasi kinerja triwulanan",
    "Capaian kinerja menjadi dasar pemberian TPP\nCapaian di bawah ekspektasi ditindaklanjuti dengan bimbingan kinerja",
)


@dataclass
class World:
    """What later steps need to know about the generated organisation."""

    today: dt.date
    chart: OrgChart
    units: dict[int, Unit]
    people: list[Employee]  # active ASN, sorted top-down by supervisor line
    penilai: dict[int, Employee | None]
    atasan: dict[int, Employee | None]
    acting_label: dict[int, str]
    years: list[AppraisalYear] = field(default_factory=list)
    periods: dict[int, list[Period]] = field(default_factory=dict)  # year -> periods
    plans: dict[tuple[int, int], int] = field(default_factory=dict)  # (year, employee) -> plan id
    new_plans: set[int] = field(default_factory=set)

    @cached_property
    def by_unit(self) -> dict[int, list[Employee]]:
        grouped: dict[int, list[Employee]] = {}
        for e in self.people:
            grouped.setdefault(e.unit_id or 0, []).append(e)
        return grouped

    def head_of(self, unit_id: int) -> Employee | None:
        """The definitive holder of the unit's head position (camat, lurah), if any."""
        return next(
            (
                e
                for e in self.by_unit.get(unit_id, [])
                if e.position is not None and e.position.is_unit_head
            ),
            None,
        )

    def instansi(self, unit_id: int | None) -> str:
        unit = self.units.get(unit_id or 0)
        if unit is None:
            return ""
        names = [self.units[i].name for i in unit.ancestor_ids if i in self.units]
        return "\n".join(n.upper() for n in names[:2])


def build_world(today: dt.date) -> World:
    chart = OrgChart(today).load_all()
    units = {u.pk: u for u in Unit.objects.all()}
    people = [
        e
        for e in chart.employees.values()
        if e.is_active and e.unit_id and e.jenis_asn != JenisAsn.NON_ASN
    ]
    penilai: dict[int, Employee | None] = {}
    atasan: dict[int, Employee | None] = {}
    acting: dict[int, str] = {}
    for e in people:
        chain = chart.chain_of(e)
        penilai[e.pk] = chain.penilai.employee if chain.penilai else None
        atasan[e.pk] = chain.atasan.employee if chain.atasan else None
        if chain.penilai is not None and chain.penilai.acting:
            acting[e.pk] = chain.penilai.label
    ids = {e.pk for e in people}
    children: dict[int, list[Employee]] = {}
    roots: list[Employee] = []
    for e in sorted(people, key=lambda x: (x.name, x.pk)):
        boss = penilai[e.pk]
        if boss is None or boss.pk not in ids:
            roots.append(e)
        else:
            children.setdefault(boss.pk, []).append(e)
    order: list[Employee] = []
    queue = deque(roots)
    seen: set[int] = set()
    while queue:
        e = queue.popleft()
        if e.pk in seen:
            continue
        seen.add(e.pk)
        order.append(e)
        queue.extend(children.get(e.pk, []))
    order += [e for e in people if e.pk not in seen]
    return World(today, chart, units, order, penilai, atasan, acting)


def ensure_years(world: World) -> None:
    """The current appraisal year and the two before it, quarterly."""
    for year in range(world.today.year - 2, world.today.year + 1):
        appraisal_year = AppraisalYear.objects.filter(year=year).first()
        if appraisal_year is None:
            appraisal_year = setup_appraisal_year(
                year=year, period_kind=PeriodKindChoices.TRIWULANAN, by=None
            )
        world.years.append(appraisal_year)
        world.periods[year] = list(appraisal_year.periods.order_by("number"))


def _person(e: Employee | None) -> tuple[str, str, str, str, str]:
    if e is None:
        return ("", "", "", "", "")
    return (
        e.display_name,
        e.nip_display if e.nip else "",
        e.golongan_display,
        str(e.position) if e.position_id else "",
        str(e.unit) if e.unit_id else "",
    )


def _topic(e: Employee, world: World) -> str:
    position = str(e.position) if e.position_id else ""
    thing = next((obj for key, obj in OBJECTS if key in position), "tugas jabatan")
    unit = world.units.get(e.unit_id or 0)
    place = ""
    if unit is not None:
        for i in reversed(unit.ancestor_ids):
            u = world.units.get(i)
            if u is not None and u.kind in (
                UnitKind.KELURAHAN,
                UnitKind.KECAMATAN,
                UnitKind.LAINNYA,
            ):
                place = u.name
                break
    return f"{thing} {place}".strip()


def build(writer: Writer, world: World, rng: random.Random) -> None:
    ensure_years(world)
    today = world.today
    existing = {
        (year, employee): pk
        for pk, year, employee in Plan.objects.filter(is_current=True).values_list(
            "pk", "appraisal_year__year", "employee_id"
        )
    }
    world.plans.update(existing)
    leader_results: dict[tuple[int, int], list[int]] = {}
    for pk, year, employee in WorkResult.objects.filter(
        category="UTAMA", plan__is_current=True
    ).values_list("pk", "plan__appraisal_year__year", "plan__employee_id"):
        leader_results.setdefault((year, employee), []).append(pk)

    plans: list[tuple[Any, ...]] = []
    results: list[tuple[Any, ...]] = []
    indicators: list[tuple[Any, ...]] = []
    targets: list[tuple[Any, ...]] = []
    expectations: list[tuple[Any, ...]] = []
    annexes: list[tuple[Any, ...]] = []
    dialogues: list[tuple[Any, ...]] = []
    current_indicators: list[tuple[int, int, str, Decimal, int | None]] = []
    first_result: dict[int, int] = {}
    root = next(u for u in world.units.values() if u.parent_id is None and u.bps_code == "1671")
    for appraisal_year in world.years:
        year = appraisal_year.year
        root_targets: dict[int, list[int]] = {}
        for unit in [u for u in world.units.values() if u.parent_id is None]:
            ids = list(writer.ids(OrganisationTarget, len(ROOT_TARGETS)))
            root_targets[unit.pk] = ids
            for n, (pk, (s, i, t)) in enumerate(zip(ids, ROOT_TARGETS, strict=True), start=1):
                targets.append(
                    (
                        pk,
                        unit.pk,
                        appraisal_year.pk,
                        s.replace("publik", f"publik {unit.name.removeprefix('Pemerintah ')}"),
                        i,
                        t,
                        n,
                    )
                )
        approved = timezone.make_aware(
            dt.datetime.combine(min(appraisal_year.plan_deadline, today), dt.time(10))
        )
        for e in world.people:
            if (year, e.pk) in existing:
                continue
            plan = writer.next_id(Plan)
            world.plans[(year, e.pk)] = plan
            world.new_plans.add(plan)
            boss = world.penilai[e.pk]
            top = world.atasan[e.pk]
            penilai_fields = _person(boss)
            if e.pk in world.acting_label:
                penilai_fields = (world.acting_label[e.pk], *penilai_fields[1:])
            plans.append(
                (
                    plan,
                    e.pk,
                    appraisal_year.pk,
                    dt.date(year, 1, 1),
                    dt.date(year, 12, 31),
                    *_person(e),
                    boss.pk if boss else None,
                    *penilai_fields,
                    top.pk if top else None,
                    *_person(top),
                    world.instansi(e.unit_id),
                    approved - dt.timedelta(days=3),
                    approved,
                )
            )
            leader = leader_results.get((year, boss.pk), []) if boss else []
            mine: list[int] = []
            if leader:
                count = min(len(leader), rng.choice((2, 2, 3)))
                start = rng.randrange(len(leader))
                for n in range(count):
                    pk = writer.next_id(WorkResult)
                    phrase = PHRASES[(e.pk + n) % len(PHRASES)]
                    results.append(
                        (
                            pk,
                            plan,
                            "UTAMA",
                            f"{phrase} {_topic(e, world)}",
                            leader[(start + n) % len(leader)],
                            None,
                            "",
                            "langsung" if n == 0 else "tidak_langsung",
                            n + 1,
                        )
                    )
                    mine.append(pk)
            else:
                home = world.units.get(e.unit_id or 0)
                top_unit = home.ancestor_ids[0] if home else root.pk
                target_ids = root_targets.get(top_unit, root_targets[root.pk])
                for n, text in enumerate(ROOT_RHK):
                    pk = writer.next_id(WorkResult)
                    results.append(
                        (
                            pk,
                            plan,
                            "UTAMA",
                            text,
                            None,
                            target_ids[n % len(target_ids)],
                            "",
                            "",
                            n + 1,
                        )
                    )
                    mine.append(pk)
            leader_results[(year, e.pk)] = mine
            if rng.random() < 0.3:
                pk = writer.next_id(WorkResult)
                results.append(
                    (
                        pk,
                        plan,
                        "TAMBAHAN",
                        "Anggota panitia peringatan Hari Jadi Kota Palembang",
                        None,
                        None,
                        "Sekretaris Daerah",
                        "",
                        len(mine) + 1,
                    )
                )
            first_result[plan] = mine[0]
            for result in mine:
                output = rng.choice(OUTPUTS)
                base = writer.ids(Indicator, 3)
                quantity = Decimal(rng.choice((4, 8, 12, 24)))
                indicators += [
                    (
                        base[0],
                        result,
                        "kuantitas",
                        f"Jumlah {output.lower()} hasil kerja yang diselesaikan",
                        quantity,
                        output,
                        1,
                    ),
                    (
                        base[1],
                        result,
                        "kualitas",
                        "Persentase hasil kerja yang sesuai standar tanpa revisi",
                        Decimal(100),
                        "%",
                        2,
                    ),
                    (
                        base[2],
                        result,
                        "waktu",
                        "Ketepatan waktu penyelesaian hasil kerja",
                        Decimal(12),
                        "Bulan",
                        3,
                    ),
                ]
                if year == today.year:
                    owner = e.user_id
                    current_indicators += [
                        (base[0], plan, "kuantitas", quantity, owner),
                        (base[1], plan, "kualitas", Decimal(100), owner),
                        (base[2], plan, "waktu", Decimal(12), owner),
                    ]
            for key in rules.BEHAVIOUR_KEYS:
                expectations.append(
                    (writer.next_id(BehaviourExpectation), plan, key, EXPECTATIONS.get(key, ""))
                )
            annexes.append((writer.next_id(PlanAnnex), plan))
            dialogues.append(
                (
                    writer.next_id(PerformanceDialogue),
                    plan,
                    dt.date(year, 1, 15),
                    "Klarifikasi ekspektasi dan penetapan target tahun berjalan.",
                    boss.user_id if boss else None,
                )
            )

    p = writer.progress
    p.step(f"SKP: {len(plans):,} plans with RHK and indicators")
    n = writer.insert(
        OrganisationTarget,
        ("id", "unit_id", "appraisal_year_id", "sasaran", "indikator", "target", "order"),
        targets,
    )
    n += writer.insert(
        Plan,
        (
            "id",
            "employee_id",
            "appraisal_year_id",
            "start_date",
            "end_date",
            "employee_name",
            "employee_nip",
            "employee_golongan",
            "employee_position",
            "employee_unit",
            "penilai_id",
            "penilai_name",
            "penilai_nip",
            "penilai_golongan",
            "penilai_position",
            "penilai_unit",
            "atasan_id",
            "atasan_name",
            "atasan_nip",
            "atasan_golongan",
            "atasan_position",
            "atasan_unit",
            "instansi",
            "submitted_at",
            "approved_at",
        ),
        plans,
        approach="kuantitatif",
        form_kind="JA_JF",
        status="approved",
        version=1,
        revision_of_id=None,
        is_current=True,
        return_note="",
    )
    n += writer.insert(
        WorkResult,
        (
            "id",
            "plan_id",
            "category",
            "text",
            "intervenes_id",
            "organisation_target_id",
            "assigned_by",
            "cascade_kind",
            "order",
        ),
        results,
        perspektif="",
        copied_from_id=None,
    )
    n += writer.insert(
        Indicator,
        ("id", "work_result_id", "aspect", "text", "target_value", "target_unit", "order"),
        indicators,
        target_text="",
    )
    n += writer.insert(
        BehaviourExpectation, ("id", "plan_id", "value", "expectation"), expectations
    )
    n += writer.insert(
        PlanAnnex,
        ("id", "plan_id"),
        annexes,
        resources=ANNEX[0],
        accountability=ANNEX[1],
        consequences=ANNEX[2],
    )
    n += writer.insert(
        PerformanceDialogue, ("id", "plan_id", "date", "notes", "recorded_by_id"), dialogues
    )
    p.done(n)
    _realisation(writer, world, rng, current_indicators, first_result)


def _realisation(
    writer: Writer,
    world: World,
    rng: random.Random,
    indicators: list[tuple[int, int, str, Decimal, int | None]],
    first_result: dict[int, int],
) -> None:
    today = world.today
    past = [p for p in world.periods[today.year] if p.end_date < today]
    plan_owner: dict[int, Employee] = {
        world.plans[(today.year, e.pk)]: e
        for e in world.people
        if (today.year, e.pk) in world.plans
    }
    p = writer.progress
    p.step(f"realisation for {len(past)} periods, evidence, feedback")
    reals: list[tuple[Any, ...]] = []
    evidence: list[tuple[Any, ...]] = []
    feedback: list[tuple[Any, ...]] = []
    for period in past:
        share = Decimal((period.end_date.month - period.start_date.month + 1) / 12)
        linked: set[int] = set()
        for indicator, plan, aspect, target, owner in indicators:
            if aspect == "kuantitas":
                value = (target * share * Decimal(rng.uniform(0.7, 1.15))).quantize(Decimal(1))
            elif aspect == "kualitas":
                value = Decimal(rng.choice((85, 90, 95, 100, 100)))
            else:
                value = (Decimal(12) * share).quantize(Decimal(1))
            pk = writer.next_id(Realisation)
            first = aspect == "kuantitas" and plan not in linked
            reals.append(
                (
                    pk,
                    indicator,
                    period.pk,
                    value,
                    "Sesuai laporan periode berjalan." if first else "",
                    owner,
                )
            )
            if first:
                linked.add(plan)
                evidence.append(
                    (
                        writer.next_id(Evidence),
                        pk,
                        f"https://drive.palembang.example.id/bukti/{plan}/{period.pk}",
                        owner,
                    )
                )
        for plan, result in first_result.items():
            if plan not in plan_owner:
                continue
            boss = world.penilai.get(plan_owner[plan].pk)
            if boss is None or not boss.user_id:
                continue
            replied = rng.random() < 0.4
            feedback.append(
                (
                    writer.next_id(Feedback),
                    plan,
                    period.pk,
                    result,
                    "",
                    rng.choice(FEEDBACK),
                    boss.user_id,
                    "Terima kasih, akan saya tindak lanjuti." if replied else "",
                    writer.now if replied else None,
                )
            )
            if rng.random() < 0.3:
                key = rng.choice(list(BEHAVIOUR_FEEDBACK))
                feedback.append(
                    (
                        writer.next_id(Feedback),
                        plan,
                        period.pk,
                        None,
                        key,
                        BEHAVIOUR_FEEDBACK[key],
                        boss.user_id,
                        "",
                        None,
                    )
                )
    n = writer.insert(
        Realisation,
        ("id", "indicator_id", "period_id", "value", "note", "updated_by_id"),
        reals,
        text="",
    )
    n += writer.insert(
        Evidence,
        ("id", "realisation_id", "link", "uploaded_by_id"),
        evidence,
        file="",
        original_name="",
        content_type="",
        size=0,
        description="Folder dokumentasi dan laporan periode",
    )
    n += writer.insert(
        Feedback,
        (
            "id",
            "plan_id",
            "period_id",
            "work_result_id",
            "behaviour_value",
            "text",
            "given_by_id",
            "reply",
            "replied_at",
        ),
        feedback,
    )
    p.done(n)
