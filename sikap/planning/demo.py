"""Demo SKP of Kecamatan Plaju: every active employee has an approved SKP cascaded from the camat.

The camat's RHK carry the kecamatan's organisation targets; every staff UTAMA RHK intervenes one
RHK of their pejabat penilai. Past periods have realisation, evidence (links and a few small
PDF files) and feedback. Deterministic (fixed seed) and fast (bulk inserts).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import deque
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from sikap.cycle.models import AppraisalYear, Period
from sikap.org.demo import KECAMATAN_BPS
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee, JenisAsn, Unit
from sikap.planning import rules
from sikap.planning.models import (
    BehaviourExpectation,
    Category,
    Evidence,
    Feedback,
    Indicator,
    OrganisationTarget,
    PerformanceDialogue,
    Plan,
    PlanAnnex,
    PlanStatus,
    Realisation,
    WorkResult,
)
from sikap.planning.services import common

TARGETS = [
    (
        "Meningkatnya kualitas pelayanan publik di Kecamatan Plaju",
        "Indeks Kepuasan Masyarakat (IKM)",
        "85",
    ),
    (
        "Meningkatnya ketenteraman dan ketertiban umum",
        "Persentase gangguan trantibum yang tertangani",
        "95%",
    ),
    (
        "Meningkatnya keberdayaan masyarakat kelurahan",
        "Persentase kelurahan dengan LPM aktif",
        "100%",
    ),
    ("Terwujudnya tata kelola pemerintahan kecamatan yang akuntabel", "Nilai SAKIP kecamatan", "B"),
]
CAMAT_RHK = [
    "Terwujudnya pelayanan publik kecamatan yang prima dan tepat waktu",
    "Terkendalinya ketenteraman dan ketertiban umum di wilayah Kecamatan Plaju",
    "Meningkatnya partisipasi dan keberdayaan masyarakat kelurahan",
    "Terselenggaranya perencanaan, keuangan dan pelaporan kinerja kecamatan yang akuntabel",
]
PHRASES = ["Tersusunnya laporan", "Meningkatnya kualitas", "Terkelolanya", "Terlaksananya evaluasi"]
# What a position works on, by a keyword of its name (first match wins).
OBJECTS = [
    ("Lurah", "penyelenggaraan pemerintahan kelurahan"),
    ("Sekretaris", "kesekretariatan"),
    ("Kependudukan", "data kependudukan"),
    ("Pemerintahan", "administrasi pemerintahan"),
    ("Ketenteraman", "ketenteraman dan ketertiban umum"),
    ("Pemberdayaan", "pemberdayaan masyarakat"),
    ("Kesejahteraan", "data kesejahteraan sosial"),
    ("Sosial", "penyuluhan sosial"),
    ("Kepegawaian", "layanan kepegawaian"),
    ("Keuangan", "administrasi keuangan"),
    ("Bendahara", "penatausahaan keuangan"),
    ("Anggaran", "program dan anggaran"),
    ("Pelayanan", "pelayanan administrasi terpadu"),
    ("Layanan", "pelayanan administrasi"),
    ("Pengemudi", "penggunaan kendaraan dinas"),
    ("Arsip", "kearsipan"),
    ("Komputer", "sistem informasi kecamatan"),
    ("Analis", "kajian kebijakan"),
    ("Umum", "administrasi umum"),
]
OUTPUTS = ["Dokumen", "Laporan", "Kegiatan", "Berkas"]
FEEDBACK = [
    "Bukti dukung sudah lengkap dan tepat waktu, pertahankan.",
    "Realisasi baik; mohon lampirkan dokumentasi kegiatan pada periode berikutnya.",
    "Perlu koordinasi lebih awal dengan kelurahan agar target tidak tertunda.",
    "Laporan rapi dan sesuai format, terima kasih.",
]
BEHAVIOUR_FEEDBACK = {
    "pelayanan": "Warga menyampaikan pelayanan ramah dan cepat.",
    "kolaboratif": "Aktif membantu rekan pada kegiatan pelayanan terpadu.",
    "adaptif": "Cepat menyesuaikan diri dengan aplikasi layanan baru.",
}
EXPECTATIONS = {
    "pelayanan": "Menyelesaikan layanan administrasi warga sesuai standar pelayanan.",
    "akuntabel": "Melaporkan hasil kerja setiap bulan dengan bukti dukung.",
    "kolaboratif": "Mendukung kegiatan lintas seksi dan kelurahan.",
}


def _pdf_bytes(title: str) -> bytes:
    """A tiny valid one-page PDF (so the evidence passes the content check)."""
    text = title.replace("(", "").replace(")", "")[:80]
    stream = f"BT /F1 12 Tf 50 780 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _topic(employee: Employee, places: dict[int, str]) -> str:
    position = str(employee.position) if employee.position_id else ""
    thing = next((obj for key, obj in OBJECTS if key in position), "tugas jabatan")
    place = places.get(employee.unit_id or 0, "Kecamatan Plaju")
    return f"{thing} {place}"


def load(*, today: dt.date) -> bool:
    """Create the demo SKP once; return False when they are already there."""
    kec = Unit.objects.filter(bps_code=KECAMATAN_BPS).first()
    year = AppraisalYear.objects.filter(year=today.year).first()
    if kec is None or year is None:
        return False
    if Plan.objects.filter(employee__unit__path__startswith=kec.path, appraisal_year=year).exists():
        return False
    rng = random.Random(2026)
    chart = OrgChart(today).load_all()
    units = {u.pk: u for u in Unit.objects.filter(path__startswith=kec.path)}
    places = {}
    for unit in units.values():
        kelurahan = [
            units[i] for i in unit.ancestor_ids if i in units and units[i].kind == "kelurahan"
        ]
        places[unit.pk] = kelurahan[0].name if kelurahan else kec.name
    people = [
        e
        for e in chart.employees.values()
        if e.unit is not None
        and e.unit.path.startswith(kec.path)
        and e.jenis_asn != JenisAsn.NON_ASN
    ]
    ids = {e.pk for e in people}
    penilai = {e.pk: chart.penilai_of(e) for e in people}
    # Top-down order: those whose penilai is outside the kecamatan first (the camat).
    children: dict[int, list[Employee]] = {}
    roots: list[Employee] = []
    for e in sorted(people, key=lambda x: x.name):
        holder = penilai[e.pk]
        if holder is None or holder.employee.pk not in ids:
            roots.append(e)
        else:
            children.setdefault(holder.employee.pk, []).append(e)
    order: list[Employee] = []
    queue = deque(roots)
    while queue:
        e = queue.popleft()
        order.append(e)
        queue.extend(children.get(e.pk, []))

    targets = OrganisationTarget.objects.bulk_create(
        [
            OrganisationTarget(
                unit=kec, appraisal_year=year, sasaran=s, indikator=i, target=t, order=n
            )
            for n, (s, i, t) in enumerate(TARGETS, start=1)
        ]
    )
    now = timezone.now()
    approved_at = timezone.make_aware(
        dt.datetime.combine(min(year.plan_deadline, today), dt.time(10))
    )
    plans: dict[int, Plan] = {}
    for e in order:
        plan = Plan(
            employee=e,
            appraisal_year=year,
            start_date=dt.date(year.year, 1, 1),
            end_date=dt.date(year.year, 12, 31),
            status=PlanStatus.APPROVED,
            submitted_at=approved_at - dt.timedelta(days=3),
            approved_at=approved_at,
        )
        common.set_header(plan, chart)
        plans[e.pk] = plan
    Plan.objects.bulk_create(plans.values())

    results: dict[int, list[WorkResult]] = {}
    for e in order:
        plan = plans[e.pk]
        holder = penilai[e.pk]
        leader = results.get(holder.employee.pk, []) if holder else []
        level: list[WorkResult] = []
        if not leader:
            for n, text in enumerate(
                CAMAT_RHK if e.position and e.position.is_unit_head else CAMAT_RHK[:2]
            ):
                level.append(
                    WorkResult(
                        plan=plan,
                        category=Category.UTAMA,
                        text=text,
                        organisation_target=targets[n % len(targets)],
                        order=n + 1,
                    )
                )
        else:
            count = min(len(leader), rng.choice([2, 2, 3]))
            start = rng.randrange(len(leader))
            for n in range(count):
                parent = leader[(start + n) % len(leader)]
                phrase = PHRASES[(e.pk + n) % len(PHRASES)]
                level.append(
                    WorkResult(
                        plan=plan,
                        category=Category.UTAMA,
                        text=f"{phrase} {_topic(e, places)}",
                        intervenes=parent,
                        order=n + 1,
                        cascade_kind="langsung" if n == 0 else "tidak_langsung",
                    )
                )
        if rng.random() < 0.3:
            level.append(
                WorkResult(
                    plan=plan,
                    category=Category.TAMBAHAN,
                    text="Anggota panitia peringatan Hari Jadi Kota Palembang",
                    assigned_by="Sekretaris Camat",
                    order=len(level) + 1,
                )
            )
        results[e.pk] = WorkResult.objects.bulk_create(level)

    indicators: list[Indicator] = []
    for e in order:
        for result in results[e.pk]:
            output = rng.choice(OUTPUTS)
            indicators += [
                Indicator(
                    work_result=result,
                    aspect="kuantitas",
                    order=1,
                    text=f"Jumlah {output.lower()} hasil kerja yang diselesaikan",
                    target_value=Decimal(rng.choice([4, 8, 12, 24])),
                    target_unit=output,
                ),
                Indicator(
                    work_result=result,
                    aspect="kualitas",
                    order=2,
                    text="Persentase hasil kerja yang sesuai standar tanpa revisi",
                    target_value=Decimal(100),
                    target_unit="%",
                ),
                Indicator(
                    work_result=result,
                    aspect="waktu",
                    order=3,
                    text="Ketepatan waktu penyelesaian hasil kerja",
                    target_value=Decimal(12),
                    target_unit="Bulan",
                ),
            ]
    Indicator.objects.bulk_create(indicators)

    BehaviourExpectation.objects.bulk_create(
        [
            BehaviourExpectation(plan=plan, value=key, expectation=EXPECTATIONS.get(key, ""))
            for plan in plans.values()
            for key in rules.BEHAVIOUR_KEYS
        ]
    )
    PlanAnnex.objects.bulk_create(
        [
            PlanAnnex(
                plan=plan,
                resources="Anggaran DPA Kecamatan Plaju\nKomputer dan jaringan internet kantor\nBimbingan teknis aplikasi layanan",
                accountability="Laporan realisasi bulanan kepada pejabat penilai\nRapat evaluasi kinerja triwulanan",
                consequences="Capaian kinerja menjadi dasar pemberian TPP\nCapaian di bawah ekspektasi ditindaklanjuti dengan bimbingan kinerja",
            )
            for plan in plans.values()
        ]
    )
    PerformanceDialogue.objects.bulk_create(
        [
            PerformanceDialogue(
                plan=plan,
                date=dt.date(year.year, 1, 15),
                notes="Klarifikasi ekspektasi dan penetapan target tahun berjalan.",
                recorded_by=h.employee.user if (h := penilai[e.pk]) else None,
            )
            for e in order
            if (plan := plans[e.pk])
        ]
    )

    past = [
        p
        for p in Period.objects.filter(appraisal_year=year).order_by("number")
        if p.end_date < today
    ]
    by_result: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        by_result.setdefault(indicator.work_result_id, []).append(indicator)
    realisations: list[Realisation] = []
    feedback: list[Feedback] = []
    for period in past:
        share = Decimal((period.end_date.month - period.start_date.month + 1) / 12)
        for e in order:
            owner = e.user
            for result in results[e.pk]:
                for indicator in by_result[result.pk]:
                    assert indicator.target_value is not None
                    if indicator.aspect == "kuantitas":
                        value = (
                            indicator.target_value * share * Decimal(rng.uniform(0.7, 1.15))
                        ).quantize(Decimal(1))
                    elif indicator.aspect == "kualitas":
                        value = Decimal(rng.choice([85, 90, 95, 100, 100]))
                    else:
                        value = (Decimal(12) * share).quantize(Decimal(1))
                    realisations.append(
                        Realisation(
                            indicator=indicator,
                            period=period,
                            value=value,
                            updated_by=owner,
                            note="Sesuai laporan periode berjalan." if indicator.order == 1 else "",
                        )
                    )
            holder = penilai[e.pk]
            if holder is not None and holder.employee.user_id:
                first = results[e.pk][0]
                replied = rng.random() < 0.4
                feedback.append(
                    Feedback(
                        plan=plans[e.pk],
                        period=period,
                        work_result=first,
                        text=rng.choice(FEEDBACK),
                        given_by=holder.employee.user,
                        reply="Terima kasih, akan saya tindak lanjuti." if replied else "",
                        replied_at=now if replied else None,
                    )
                )
                if rng.random() < 0.5:
                    key = rng.choice(list(BEHAVIOUR_FEEDBACK))
                    feedback.append(
                        Feedback(
                            plan=plans[e.pk],
                            period=period,
                            behaviour_value=key,
                            text=BEHAVIOUR_FEEDBACK[key],
                            given_by=holder.employee.user,
                        )
                    )
    Realisation.objects.bulk_create(realisations, batch_size=500)
    Feedback.objects.bulk_create(feedback, batch_size=500)

    # Evidence: a link on the first indicator of each plan and period; a few real PDF files.
    evidence: list[Evidence] = []
    first_real: dict[tuple[int, int], Realisation] = {}
    for real in realisations:
        if real.indicator.order == 1:
            first_real.setdefault((real.indicator.work_result.plan_id, real.period_id), real)
    for (plan_id, period_id), real in first_real.items():
        evidence.append(
            Evidence(
                realisation=real,
                link=f"https://drive.plaju.example.id/bukti/{plan_id}/{period_id}",
                description="Folder dokumentasi dan laporan periode",
                uploaded_by=real.updated_by,
            )
        )
    for n, real in enumerate(list(first_real.values())[:6]):
        data = _pdf_bytes(f"Laporan realisasi {n + 1} - SIKAP demo")
        name = default_storage.save(
            f"planning/evidence/demo/laporan-{n + 1}.pdf", ContentFile(data)
        )
        evidence.append(
            Evidence(
                realisation=real,
                file=name,
                original_name=f"laporan-realisasi-{n + 1}.pdf",
                content_type="application/pdf",
                size=len(data),
                description="Laporan realisasi",
                uploaded_by=real.updated_by,
            )
        )
    Evidence.objects.bulk_create(evidence, batch_size=500)
    return True
