"""Three years of the buku register layanan and the survey answers (SKM) of every kecamatan and
kelurahan, each answer linked to the service and the officer who served; the last completed
quarter is published (IKM snapshot) for every unit."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db.models import Count
from django.utils import timezone

from bench.synthetic.org import Scale
from bench.synthetic.planning import World
from bench.synthetic.writer import Writer
from sikap.org.models import Employee, UnitKind
from sikap.surveys import rules
from sikap.surveys.demo import KECAMATAN_SERVICES, KELURAHAN_SERVICES
from sikap.surveys.models import (
    ServicePromise,
    ServiceRecord,
    ServiceType,
    SurveyResponse,
    SurveySettings,
)
from sikap.surveys.periods import periods_of

EDUCATION = (("SD", "SMP", "SMA", "D1–D3", "D4/S1", "S2"), (1, 2, 6, 2, 3, 1))
OCCUPATION = (
    ("PNS", "Swasta", "Wirausaha", "Pelajar/Mahasiswa", "Lainnya", "TNI", "POLRI"),
    (1, 4, 4, 2, 3, 0.3, 0.3),
)
CHANNELS = (("qr", "kiosk", "link"), (5, 3, 1))
SERVICE_COMPONENTS = {
    "prosedur": "1. Pemohon menyerahkan berkas di loket. 2. Petugas memeriksa kelengkapan. "
    "3. Surat dicetak dan diparaf. 4. Surat ditandatangani Lurah/Camat dan diserahkan.",
    "biaya": "Gratis (tidak dipungut biaya)",
    "pengaduan": "Kotak saran di loket, SP4N-LAPOR! (lapor.go.id), WhatsApp pengaduan",
    "dasar_hukum": "UU No. 25 Tahun 2009 tentang Pelayanan Publik; Perwali Palembang",
    "sarana": "Ruang tunggu, loket, komputer, printer, toilet, kursi roda",
    "kompetensi": "Memahami administrasi kependudukan dan tata naskah dinas",
    "pengawasan": "Lurah/Camat dan Kasi Pelayanan",
    "jumlah_pelaksana": "2–4 orang",
    "jaminan_pelayanan": "Pelayanan sesuai standar dan maklumat pelayanan",
    "jaminan_keamanan": "Data pemohon dijaga kerahasiaannya; ruang pelayanan aman",
    "evaluasi_kinerja": "Survei Kepuasan Masyarakat tiap semester; rapat evaluasi bulanan",
}


def _token(rng: random.Random, n: int = 16) -> str:
    return f"{rng.getrandbits(4 * n):0{n}x}"


def _officers(world: World, unit_id: int) -> list[Employee]:
    """Up to six staff of the unit's own office who serve at the counter (not its head)."""
    children = [
        u.pk
        for u in world.units.values()
        if u.parent_id == unit_id and u.kind != UnitKind.KELURAHAN
    ]
    staff = [
        e
        for pk in (unit_id, *children)
        for e in world.by_unit.get(pk, [])
        if e.position is not None and not e.position.is_unit_head
    ]
    staff.sort(key=lambda e: (getattr(e.position, "jenis", "") != "PELAKSANA", e.pk))
    return staff[:6]


def _working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    days = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def build(writer: Writer, world: World, scale: Scale, rng: random.Random) -> None:
    today = world.today
    tz = timezone.get_current_timezone()
    units = sorted(
        (u for u in world.units.values() if u.kind in (UnitKind.KECAMATAN, UnitKind.KELURAHAN)),
        key=lambda u: u.pk,
    )
    have_types = dict(
        ServiceType.objects.values_list("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    have_promise = set(ServicePromise.objects.values_list("unit_id", flat=True))
    have_settings = set(SurveySettings.objects.values_list("unit_id", flat=True))
    types: list[tuple[Any, ...]] = []
    promises: list[tuple[Any, ...]] = []
    settings_rows: list[tuple[Any, ...]] = []
    catalogue: dict[int, list[tuple[int, int, int]]] = {}  # unit -> (type id, minutes, weight)
    existing_types: dict[int, list[tuple[int, int]]] = {}
    for pk, unit_id, minutes in ServiceType.objects.values_list(
        "pk", "unit_id", "standard_minutes"
    ):
        existing_types.setdefault(unit_id, []).append((pk, minutes))
    for unit in units:
        head = world.head_of(unit.pk)
        rows = KECAMATAN_SERVICES if unit.kind == UnitKind.KECAMATAN else KELURAHAN_SERVICES
        if unit.pk in have_types:
            catalogue[unit.pk] = [(pk, m, 2) for pk, m in existing_types.get(unit.pk, [])]
        else:
            catalogue[unit.pk] = []
            for order, (name, req, minutes, product, weight) in enumerate(rows, start=1):
                pk = writer.next_id(ServiceType)
                types.append((pk, unit.pk, name, req, f"{minutes} menit", product, minutes, order))
                catalogue[unit.pk].append((pk, minutes, weight))
        if unit.pk not in have_promise:
            promises.append(
                (
                    writer.next_id(ServicePromise),
                    unit.pk,
                    head.pk if head else None,
                    dt.date(today.year, 1, 2) if head else None,
                )
            )
        if unit.pk not in have_settings:
            settings_rows.append((writer.next_id(SurveySettings), unit.pk, _token(rng, 24)))
    p = writer.progress
    p.step("service catalogue, maklumat, survey settings")
    n = writer.insert(
        ServiceType,
        (
            "id",
            "unit_id",
            "name",
            "persyaratan",
            "jangka_waktu",
            "produk",
            "standard_minutes",
            "order",
        ),
        types,
        is_active=True,
        **SERVICE_COMPONENTS,
    )
    n += writer.insert(ServicePromise, ("id", "unit_id", "signed_by_id", "signed_on"), promises)
    n += writer.insert(SurveySettings, ("id", "unit_id", "kiosk_key"), settings_rows)
    p.done(n)

    days = _working_days(dt.date(today.year - 2, 1, 1), today - dt.timedelta(days=1))
    weights = [1.5 if u.kind == UnitKind.KECAMATAN else 1.0 for u in units]
    per_unit_day = scale.service_records / (sum(weights) * len(days))
    through = ServiceRecord.officers.through
    p.step(f"service register and survey answers, {len(days)} working days")
    total = 0
    record_cols = (
        "id",
        "unit_id",
        "service_type_id",
        "received_at",
        "completed_at",
        "duration_minutes",
        "on_time",
        "token",
        "recorded_by_id",
        "created_at",
    )
    response_cols = (
        "id",
        "unit_id",
        "service_type_id",
        "service_record_id",
        "officer_id",
        "u1",
        "u2",
        "u3",
        "u4",
        "u5",
        "u6",
        "u7",
        "u8",
        "u9",
        "age",
        "gender",
        "education",
        "occupation",
        "channel",
        "submitted_at",
    )
    codes = rules.UNSUR_CODES
    for unit, weight in zip(units, weights, strict=True):
        officers = _officers(world, unit.pk)
        services = catalogue[unit.pk]
        if not officers or not services:
            continue
        unit_mean = rng.uniform(2.75, 3.55)
        shift = [rng.uniform(-0.35, 0.2) - (0.2 if c == "U3" else 0) for c in codes]
        officer_mean = {o.pk: rng.uniform(-0.7, 0.45) for o in officers}
        officer_speed = {o.pk: rng.uniform(0.6, 1.5) for o in officers}
        type_ids = list(range(len(services)))
        type_weights = [w for _, _, w in services]
        mean_daily = per_unit_day * weight
        records: list[tuple[Any, ...]] = []
        links: list[tuple[Any, ...]] = []
        responses: list[tuple[Any, ...]] = []
        random_ = rng.random
        gauss = rng.gauss
        randint = rng.randint
        for day in days:
            count = int(mean_daily * (0.5 + random_()) + 0.5)
            if not count:
                continue
            opening = dt.datetime.combine(day, dt.time(8), tz)
            record_ids = writer.ids(ServiceRecord, count)
            for record in record_ids:
                pk, minutes_std, _w = services[rng.choices(type_ids, type_weights)[0]]
                officer = officers[int(random_() * len(officers))]
                received = opening + dt.timedelta(minutes=randint(0, 420))
                minutes = max(2, round(gauss(minutes_std * officer_speed[officer.pk], 4)))
                completed = received + dt.timedelta(minutes=minutes)
                records.append(
                    (
                        record,
                        unit.pk,
                        pk,
                        received,
                        completed,
                        minutes,
                        minutes <= minutes_std,
                        _token(rng),
                        officer.pk,
                        completed,
                    )
                )
                links.append((record, officer.pk))
                if random_() < 0.1 and len(officers) > 1:
                    other = officers[int(random_() * len(officers))]
                    if other.pk != officer.pk:
                        links.append((record, other.pk))
                if random_() >= scale.response_rate:
                    continue
                mean = unit_mean + officer_mean[officer.pk]
                answers = [
                    None if random_() < 0.03 else min(4, max(1, round(gauss(mean + s, 0.55))))
                    for s in shift
                ]
                if all(a is None for a in answers):
                    answers[0] = 3
                channel = rng.choices(CHANNELS[0], CHANNELS[1])[0]
                responses.append(
                    (
                        writer.next_id(SurveyResponse),
                        unit.pk,
                        pk,
                        record if channel == "qr" else None,
                        officer.pk if channel != "link" else None,
                        *answers,
                        randint(18, 70),
                        "L" if random_() < 0.5 else "P",
                        rng.choices(*EDUCATION)[0],
                        rng.choices(*OCCUPATION)[0],
                        channel,
                        completed + dt.timedelta(minutes=randint(1, 30)),
                    )
                )
        total += writer.insert(ServiceRecord, record_cols, records, citizen_initial="")
        link_ids = writer.ids(through, len(links))
        total += writer.insert(
            through,
            ("id", "servicerecord_id", "employee_id"),
            ((i, r, e) for i, (r, e) in zip(link_ids, links, strict=True)),
        )
        total += writer.insert(
            SurveyResponse,
            response_cols,
            responses,
            comment="",
            idempotency_key=None,
            paper_import_id=None,
        )
    p.done(total)
    _publish(writer, world, today)


def _publish(writer: Writer, world: World, today: dt.date) -> None:
    """The last completed quarter of every kecamatan and kelurahan on the public IKM page."""
    from sikap.surveys import services
    from sikap.surveys.models import IkmSnapshot
    from sikap.surveys.stats import unit_index

    quarters = [
        q
        for year in (today.year - 1, today.year)
        for q in periods_of(year)
        if q.key[-2] == "T" and q.end < today
    ]
    last = quarters[-1]
    done = set(
        IkmSnapshot.objects.filter(period_start=last.start).values_list("unit_id", flat=True)
    )
    p = writer.progress
    p.step(f"IKM published for {last.label}")
    count = 0
    for unit in sorted(world.units.values(), key=lambda u: u.pk):
        if unit.kind not in (UnitKind.KECAMATAN, UnitKind.KELURAHAN) or unit.pk in done:
            continue
        index = unit_index(unit, last)
        if index.result is None:
            continue
        head = world.head_of(unit.pk)
        services.publish_index(index=index, by=head.user if head else None)
        count += 1
    p.done(count)
