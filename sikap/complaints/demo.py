"""Demo data: a year of complaints across Kecamatan Plaju and its kelurahan, in every state."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from sikap.complaints import services
from sikap.complaints.escalation import Heads, run_escalations
from sikap.complaints.models import (
    Category,
    Channel,
    Classification,
    Complaint,
    ComplaintClass,
    Holiday,
    ResponseTemplate,
)
from sikap.lib.workdays import add_working_days, working_days_between
from sikap.org.models import Employee, Unit, UnitKind

CATEGORIES = (
    "Administrasi kependudukan",
    "Infrastruktur dan jalan",
    "Kebersihan dan lingkungan hidup",
    "Perizinan dan surat keterangan",
    "Ketertiban umum",
    "Bantuan sosial",
    "Penerangan jalan",
    "Perilaku petugas",
)
SUBJECTS = (
    ("Antrean surat keterangan domisili terlalu lama", "Perizinan dan surat keterangan"),
    ("Lampu penerangan jalan mati", "Penerangan jalan"),
    ("Sampah menumpuk di pinggir jalan", "Kebersihan dan lingkungan hidup"),
    ("Jalan berlubang di depan sekolah", "Infrastruktur dan jalan"),
    ("Data KK belum diperbarui", "Administrasi kependudukan"),
    ("Bantuan sosial tidak tepat sasaran", "Bantuan sosial"),
    ("Petugas loket tidak ramah", "Perilaku petugas"),
    ("Parkir liar mengganggu pejalan kaki", "Ketertiban umum"),
    ("Saluran air tersumbat saat hujan", "Infrastruktur dan jalan"),
    ("Mohon informasi syarat surat pindah", "Administrasi kependudukan"),
)
NAMES = ("Bambang", "Sri Wahyuni", "Ahmad Fauzi", "Rina Marlina", "Joko Susilo", "Yanti", "Hasan")
TEMPLATES = (
    (
        "verified",
        "Laporan diterima",
        "Terima kasih, laporan Anda telah kami verifikasi dan diteruskan kepada petugas.",
    ),
    (
        "rejected",
        "Bukan wewenang",
        "Mohon maaf, permasalahan ini bukan wewenang Kecamatan Plaju. Kami sarankan menghubungi instansi terkait.",
    ),
    ("started", "Sedang ditinjau", "Petugas kami sedang meninjau permasalahan yang Anda laporkan."),
    (
        "answered",
        "Tanggapan umum",
        "Permasalahan yang Anda laporkan telah kami tindak lanjuti. Terima kasih atas laporan Anda.",
    ),
    ("paused", "Mohon data tambahan", "Mohon lengkapi alamat lokasi dan, bila ada, foto kejadian."),
)
CLASS_WEIGHTS = (
    (ComplaintClass.RINGAN, 4),
    (ComplaintClass.NORMATIF, 4),
    (ComplaintClass.TIDAK_BERKADAR, 2),
    (ComplaintClass.BERKADAR, 1),
)
CHANNEL_WEIGHTS = (
    (Channel.WEB, 4),
    (Channel.WALK_IN, 3),
    (Channel.WHATSAPP, 3),
    (Channel.PHONE, 1),
    (Channel.LAPOR, 2),
)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _units() -> list[Unit]:
    kec = Unit.objects.filter(kind=UnitKind.KECAMATAN, name="Kecamatan Plaju").first()
    if kec is None:
        return []
    return [kec, *Unit.objects.filter(parent=kec, kind=UnitKind.KELURAHAN).order_by("name")]


@transaction.atomic
def load(*, today: dt.date) -> bool:
    """Create about 220 complaints registered over the year before ``today``; idempotent."""
    if Complaint.objects.exists():
        return False
    units = _units()
    if not units:
        return False
    rng = random.Random(6)
    categories = {name: Category.objects.get_or_create(name=name)[0] for name in CATEGORIES}
    for step, title, body in TEMPLATES:
        ResponseTemplate.objects.get_or_create(step=step, title=title, defaults={"body": body})
    holidays = Holiday.dates()
    heads = Heads(today)
    created = 0
    for unit in units:
        head = heads.head_of(unit)
        if head is None or head.user is None:
            continue
        staff = list(
            Employee.objects.active()
            .filter(unit__path__startswith=unit.path, user__isnull=False)
            .exclude(pk=head.pk)
            .select_related("user", "unit")
            .order_by("name")
        )
        if unit.kind == UnitKind.KECAMATAN:
            staff = [
                e
                for e in staff
                if e.unit_id == unit.pk or (e.unit is not None and e.unit.kind == UnitKind.SEKSI)
            ]
        staff = staff[:6] or [head]
        count = 40 if unit.kind == UnitKind.KECAMATAN else 26
        for _n in range(count):
            created += _one(rng, unit, head, staff, categories, holidays, today)
    services.close_timed_out(today=today)
    run_escalations(today=today, send_email=False)  # the in-app list, without mail
    return created > 0


def _one(
    rng: random.Random,
    unit: Unit,
    head: Employee,
    staff: list[Employee],
    categories: dict[str, Category],
    holidays: frozenset[dt.date],
    today: dt.date,
) -> int:
    head_user = head.user
    assert head_user is not None
    age = rng.randint(0, 364)
    on = today - dt.timedelta(days=age)
    while on.weekday() >= 5 or on in holidays:
        on -= dt.timedelta(days=1)
    subject, category = rng.choice(SUBJECTS)
    channel = _pick(rng, CHANNEL_WEIGHTS)
    anonymous = rng.random() < 0.15
    desk = channel != Channel.WEB
    c = services.register_complaint(
        unit=unit,
        subject=subject,
        channel=channel,
        category=categories[category],
        text=f"{subject}. Mohon segera ditindaklanjuti oleh {unit.name}.",
        classification=Classification.INFORMASI
        if "informasi" in subject
        else rng.choice(
            [Classification.PENGADUAN, Classification.PENGADUAN, Classification.ASPIRASI]
        ),
        reporter_name="" if anonymous else rng.choice(NAMES),
        reporter_phone="" if anonymous else f"0812{rng.randint(10000000, 99999999)}",
        is_anonymous=anonymous,
        lapor_reference=f"LAP-{rng.randint(1000000, 9999999)}" if channel == Channel.LAPOR else "",
        by=head_user if desk else None,
        on=on,
    )

    def later(day: dt.date, low: int, high: int) -> dt.date | None:
        nxt = add_working_days(day, rng.randint(low, high), holidays)
        return nxt if nxt <= today else None

    roll = rng.random()
    if roll < 0.08:  # closed at verification
        day = later(on, 0, 3)
        if day:
            reason = rng.choice(["not_authority", "archived"])
            services.reject(
                complaint=c,
                by=head_user,
                reason=reason,
                on=day,
                note="Permasalahan ini menjadi wewenang instansi lain."
                if reason == "not_authority"
                else "Laporan tidak memuat informasi yang cukup untuk ditindaklanjuti.",
            )
        return 1
    resume_from = on
    if rng.random() < 0.1:  # waiting for the citizen at verification
        day = later(on, 0, 1)
        if day:
            c = services.pause(complaint=c, by=head_user, reason=TEMPLATES[4][2], on=day)
            answered = later(day, 1, 4)
            if answered and rng.random() < 0.8:
                c = services.citizen_reply(
                    complaint=c, text="Alamat: Jl. DI Panjaitan.", on=answered
                )
                resume_from = answered
            else:
                return 1
    day = later(resume_from, 0, 3 if rng.random() < 0.85 else 5)
    if day is None or roll > 0.97:
        return 1  # still registered (some overdue)
    c = services.verify(
        complaint=c,
        by=head_user,
        complaint_class=_pick(rng, CLASS_WEIGHTS),
        note=TEMPLATES[0][2],
        on=day,
    )
    if roll > 0.955:
        return 1  # verified, waiting for disposition
    assignee = rng.choice(staff)
    c = services.assign(complaint=c, by=head_user, assignee=assignee, on=day)
    if roll > 0.94:
        return 1  # assigned, not started
    assignee_user = assignee.user or head_user
    day = later(day, 0, 1 if c.complaint_class == "ringan" else 3)
    if day is None:
        return 1
    c = services.start(complaint=c, by=assignee_user, note=TEMPLATES[2][2], on=day)
    if roll > 0.9:
        return 1  # in progress (old ones are overdue)
    # Most answers come within the resolution deadline; some are late.
    assert c.resolution_due is not None
    budget = max(0, working_days_between(day, c.resolution_due, holidays))
    day = later(day, 0, budget) if rng.random() < 0.8 else later(day, budget + 1, budget + 6)
    if day is None:
        return 1
    c = services.answer(complaint=c, by=assignee_user, text=TEMPLATES[3][2], on=day)
    if rng.random() < 0.08:
        back = later(day, 1, 3)
        if back:
            c = services.citizen_reply(
                complaint=c, text="Masalah belum selesai.", reopen=True, on=back
            )
            again = later(back, 1, 4)
            if again is None:
                return 1
            c = services.answer(
                complaint=c, by=assignee_user, text="Sudah kami perbaiki kembali.", on=again
            )
            day = again
    if rng.random() < 0.55:
        services.rate(
            complaint=c,
            score=rng.choices([1, 2, 3, 4, 5], [1, 1, 3, 6, 5])[0],
            comment=rng.choice(["", "", "Terima kasih, cepat ditangani.", "Agak lama."]),
            on=day,
        )
    close = later(day, 0, 6)
    if close and rng.random() < 0.6:
        services.confirm(complaint=c, on=close)
    return 1
