"""Demo data: the service catalogue of Kecamatan Plaju and its kelurahan, and a year of services
and survey answers with differences between units and officers worth looking at.

Deterministic (fixed seed) apart from the receipts' random tokens; idempotent; bulk inserts.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from sikap.org.models import Employee, Unit, UnitKind
from sikap.surveys import rules, services
from sikap.surveys.models import (
    Channel,
    FollowUpPlan,
    ServicePromise,
    ServiceRecord,
    ServiceType,
    SurveyResponse,
    SurveySettings,
)
from sikap.surveys.periods import periods_of
from sikap.surveys.stats import unit_index

KECAMATAN_BPS = "1671031"
RT_RW = "Surat pengantar RT/RW; fotokopi KTP dan KK"
PROCEDURE = (
    "1. Pemohon menyerahkan berkas di loket. 2. Petugas memeriksa kelengkapan. "
    "3. Surat dicetak dan diparaf. 4. Surat ditandatangani Lurah/Camat dan diserahkan."
)
COMPLAINTS = "Kotak saran di loket, SP4N-LAPOR! (lapor.go.id), WhatsApp pengaduan kelurahan"

# name, persyaratan, standard minutes, produk, weight in the daily mix
KELURAHAN_SERVICES = [
    ("Surat Keterangan Domisili", RT_RW, 10, "Surat Keterangan Domisili (berlaku 6 bulan)", 6),
    ("Surat Pengantar SKCK", RT_RW, 10, "Surat Pengantar SKCK", 4),
    ("Surat Keterangan Tidak Mampu (SKTM)", RT_RW, 15, "Surat Keterangan Tidak Mampu", 4),
    (
        "Surat Pengantar KTP-el/KK/Pindah Datang",
        f"{RT_RW}; dokumen pendukung",
        15,
        "Surat Pengantar Adminduk",
        5,
    ),
    (
        "Surat Keterangan Usaha (SKU)",
        f"{RT_RW}; foto tempat usaha",
        20,
        "Surat Keterangan Usaha",
        3,
    ),
    (
        "Surat Keterangan Ahli Waris",
        f"{RT_RW}; surat kematian; KK ahli waris",
        60,
        "Surat Keterangan Ahli Waris",
        1,
    ),
    (
        "Surat Keterangan Kematian/Kelahiran",
        f"{RT_RW}; surat keterangan dari RS/bidan",
        15,
        "Surat Keterangan Kematian/Kelahiran",
        2,
    ),
    (
        "Rekomendasi Izin Keramaian",
        f"{RT_RW}; surat permohonan",
        30,
        "Surat Rekomendasi Izin Keramaian",
        1,
    ),
]
KECAMATAN_SERVICES = [
    ("Legalisasi SKTM", "SKTM dari kelurahan; KTP; KK", 15, "SKTM terlegalisasi", 5),
    (
        "Legalisasi Surat Keterangan Ahli Waris",
        "Surat ahli waris dari kelurahan; KTP ahli waris",
        60,
        "Surat Keterangan Ahli Waris terlegalisasi",
        2,
    ),
    (
        "Izin Usaha Mikro Kecil (IUMK)",
        "KTP; KK; surat keterangan usaha; pas foto",
        60,
        "Naskah IUMK",
        2,
    ),
    (
        "Rekomendasi Izin Keramaian",
        "Rekomendasi kelurahan; surat permohonan",
        30,
        "Surat Rekomendasi Camat",
        1,
    ),
    (
        "Surat Keterangan Domisili Usaha",
        "SKU kelurahan; KTP; foto usaha",
        20,
        "Surat Keterangan Domisili Usaha",
        2,
    ),
]


def _catalogue(unit: Unit, rows: list[Any]) -> list[tuple[ServiceType, int]]:
    result = []
    for order, (name, req, minutes, product, weight) in enumerate(rows, start=1):
        st = ServiceType.objects.create(
            unit=unit,
            name=name,
            persyaratan=req,
            prosedur=PROCEDURE,
            jangka_waktu=f"{minutes} menit",
            biaya="Gratis (tidak dipungut biaya)",
            produk=product,
            pengaduan=COMPLAINTS,
            dasar_hukum="UU No. 25 Tahun 2009 tentang Pelayanan Publik; Perwali Palembang",
            sarana="Ruang tunggu, loket, komputer, printer, toilet, kursi roda",
            kompetensi="Memahami administrasi kependudukan dan tata naskah dinas",
            pengawasan="Lurah/Camat dan Kasi Pelayanan",
            jumlah_pelaksana="2–4 orang",
            jaminan_pelayanan="Pelayanan sesuai standar dan maklumat pelayanan",
            jaminan_keamanan="Data pemohon dijaga kerahasiaannya; ruang pelayanan aman",
            evaluasi_kinerja="Survei Kepuasan Masyarakat tiap semester; rapat evaluasi bulanan",
            standard_minutes=minutes,
            order=order,
        )
        result.append((st, weight))
    return result


def _officers(unit: Unit, children: list[Unit]) -> list[Employee]:
    staff = Employee.objects.filter(
        is_active=True, unit__path__startswith=unit.path, position__is_unit_head=False
    ).select_related("position")
    for child in children:
        staff = staff.exclude(unit__path__startswith=child.path)
    ordered = sorted(staff, key=lambda e: (getattr(e.position, "jenis", "") != "PELAKSANA", e.pk))
    return ordered[:4]


def _answer(rng: random.Random, mean: float) -> int:
    value = round(rng.gauss(mean, 0.55))
    return min(4, max(1, value))


def load(*, today: dt.date) -> bool:
    """Create the catalogue and a year of register and survey data once."""
    kec = Unit.objects.filter(bps_code=KECAMATAN_BPS).first()
    if kec is None or ServiceType.objects.filter(unit=kec).exists():
        return False
    rng = random.Random(5)
    kelurahan = list(Unit.objects.filter(parent=kec, kind=UnitKind.KELURAHAN).order_by("bps_code"))
    tz = timezone.get_current_timezone()
    start = dt.date(today.year, 1, 1)
    records: list[ServiceRecord] = []
    record_meta: list[tuple[list[Employee], float, dict[str, float]]] = []
    responses: list[SurveyResponse] = []
    for unit in [kec, *kelurahan]:
        is_kec = unit.pk == kec.pk
        catalogue = _catalogue(unit, KECAMATAN_SERVICES if is_kec else KELURAHAN_SERVICES)
        head = Employee.objects.filter(
            unit=unit, position__is_unit_head=True, is_active=True
        ).first()
        ServicePromise.objects.create(
            unit=unit, signed_by=head, signed_on=dt.date(today.year, 1, 2)
        )
        SurveySettings.objects.get_or_create(unit=unit)
        officers = _officers(unit, kelurahan if is_kec else [])
        if not officers:
            continue
        # Each unit has its own level, each officer a touch more or less kind and quick.
        unit_mean = rng.uniform(2.75, 3.55)
        unsur_shift = {c: rng.uniform(-0.35, 0.2) for c in rules.UNSUR_CODES}
        unsur_shift["U3"] -= 0.2  # waiting time is the common complaint
        officer_mean = {o.pk: rng.uniform(-0.7, 0.45) for o in officers}
        officer_speed = {o.pk: rng.uniform(0.6, 1.5) for o in officers}
        daily = 10 if is_kec else rng.randint(5, 11)
        types = [st for st, _ in catalogue]
        weights = [w for _, w in catalogue]
        day = start
        while day <= today:
            if day.weekday() < 5:
                for _ in range(rng.randint(daily // 2, daily)):
                    st = rng.choices(types, weights)[0]
                    team = [rng.choice(officers)]
                    if rng.random() < 0.1 and len(officers) > 1:
                        team.append(rng.choice([o for o in officers if o != team[0]]))
                    received = dt.datetime.combine(
                        day, dt.time(8 + rng.randint(0, 6), rng.randint(0, 59)), tz
                    )
                    factor = officer_speed[team[0].pk]
                    minutes = max(2, round(rng.gauss(st.standard_minutes * factor, 4)))
                    completed = received + dt.timedelta(minutes=minutes)
                    if day == today and completed > timezone.now():
                        continue
                    records.append(
                        ServiceRecord(
                            unit=unit,
                            service_type=st,
                            received_at=received,
                            completed_at=completed,
                            duration_minutes=minutes,
                            on_time=minutes <= st.standard_minutes,
                            recorded_by=team[0],
                        )
                    )
                    mean = unit_mean + officer_mean[team[0].pk]
                    record_meta.append((team, mean, unsur_shift))
            day += dt.timedelta(days=1)
    ServiceRecord.objects.bulk_create(records, batch_size=2000)
    through = ServiceRecord.officers.through
    links: list[Any] = []
    for record, (team, mean, shift) in zip(records, record_meta, strict=True):
        links.extend(through(servicerecord_id=record.pk, employee_id=o.pk) for o in team)
        if rng.random() < 0.45 and record.completed_at is not None:
            officer = team[0]
            answers = {
                f"u{i}": (None if rng.random() < 0.03 else _answer(rng, mean + shift[code]))
                for i, code in enumerate(rules.UNSUR_CODES, start=1)
            }
            if all(v is None for v in answers.values()):
                answers["u1"] = 3
            channel = rng.choices([Channel.QR, Channel.KIOSK, Channel.LINK], [5, 3, 1])[0]
            responses.append(
                SurveyResponse(
                    unit=record.unit,
                    service_type=record.service_type,
                    service_record=record if channel == Channel.QR else None,
                    officer=officer if channel != Channel.LINK else None,
                    **answers,
                    age=rng.randint(18, 70),
                    gender=rng.choice("LP"),
                    education=rng.choices(
                        ["SD", "SMP", "SMA", "D1–D3", "D4/S1", "S2"], [1, 2, 6, 2, 3, 1]
                    )[0],
                    occupation=rng.choices(
                        [
                            "PNS",
                            "Swasta",
                            "Wirausaha",
                            "Pelajar/Mahasiswa",
                            "Lainnya",
                            "TNI",
                            "POLRI",
                        ],
                        [1, 4, 4, 2, 3, 0.3, 0.3],
                    )[0],
                    channel=channel,
                    submitted_at=record.completed_at + dt.timedelta(minutes=rng.randint(1, 30)),
                )
            )
    through.objects.bulk_create(links, batch_size=5000)
    SurveyResponse.objects.bulk_create(responses, batch_size=2000)
    _publish_past_periods(kec, kelurahan, today, rng)
    return True


def _publish_past_periods(
    kec: Unit, kelurahan: list[Unit], today: dt.date, rng: random.Random
) -> None:
    """Publish the completed quarters, with follow-up plans for most (not all) units."""
    done = [p for p in periods_of(today.year) if p.key[-2] == "T" and p.end < today]
    for unit in [kec, *kelurahan]:
        head = Employee.objects.filter(
            unit=unit, position__is_unit_head=True, is_active=True
        ).first()
        for period in done:
            index = unit_index(unit, period)
            if index.result is None:
                continue
            if rng.random() < 0.75:
                FollowUpPlan.objects.create(
                    unit=unit,
                    period_start=period.start,
                    period_end=period.end,
                    unsur=",".join(index.lowest),
                    action=f"Perbaikan unsur {index.lowest_names}: penambahan petugas loket pada "
                    "jam sibuk dan papan informasi alur pelayanan.",
                    responsible="Kasi Pelayanan",
                    target_date=period.end + dt.timedelta(days=60),
                    recorded_by=head,
                )
                index = unit_index(unit, period)
            services.publish_index(index=index, by=head.user if head else None)
