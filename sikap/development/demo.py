"""Demo data: the year's trainings in Kecamatan Plaju, attendance, surveys, gaps and IDPs."""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Q

from sikap.accounts.models import User
from sikap.development import rules, selectors, services
from sikap.development.models import (
    ActivityStatus,
    AssessmentSource,
    CompetencyAssessment,
    FollowUp,
    OwnActivity,
    Participant,
    ReactionSurvey,
    RequiredCompetency,
    TrainingEvent,
)
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee, JenisAsn, Position, Unit

KECAMATAN_BPS = "1671031"
FIRST_EVENT = "Sosialisasi SKP PermenPAN-RB 6/2022"


def _day(today: dt.date, month: int, day: int, *, before: int) -> dt.date:
    """A date this year, moved back before today when it would lie in the future."""
    wanted = dt.date(today.year, month, day)
    return min(wanted, today - dt.timedelta(days=before))


def load(*, today: dt.date) -> bool:
    """Create the demo trainings once; False when they exist or there is no demo office."""
    kec = Unit.objects.filter(bps_code=KECAMATAN_BPS).first()
    if kec is None or TrainingEvent.objects.filter(name=FIRST_EVENT, unit=kec).exists():
        return False
    rng = random.Random(5203)
    hr = User.objects.filter(username="kepegawaian").first()
    people = list(
        Employee.objects.active()
        .filter(unit__path__startswith=kec.path)
        .exclude(jenis_asn=JenisAsn.NON_ASN)
        .select_related("position", "unit", "user")
        .order_by("pk")
    )

    # Standar kompetensi jabatan: demo defaults per jenis jabatan (UNCONFIRMED).
    positions = Position.objects.filter(unit__path__startswith=kec.path, is_active=True)
    RequiredCompetency.objects.bulk_create(
        [
            RequiredCompetency(position=pos, competency=name, level=level)
            for pos in positions
            if (level := rules.DEFAULT_REQUIRED_LEVEL.get(pos.jenis, 1))
            for name in rules.COMPETENCIES
        ],
        ignore_conflicts=True,
    )

    counter = [
        e
        for e in people
        if e.position and ("Pelayanan" in e.position.name or "Layanan" in e.position.name)
    ]
    leaders = [
        e for e in people if e.position and e.position.jenis in ("PENGAWAS", "ADMINISTRATOR")
    ]
    plan = [
        (
            FIRST_EVENT,
            7,
            "Bagian Organisasi Setda Kota Palembang",
            _day(today, 2, 12, before=100),
            0,
            {"jp": 4},
            people,
            0.93,
        ),
        (
            "Bimtek Pelayanan Prima",
            8,
            "BKPSDM Kota Palembang",
            _day(today, 4, 22, before=95),
            1,
            {"jp": 16},
            counter,
            0.9,
        ),
        (
            "E-Learning Core Values ASN BerAKHLAK",
            16,
            "LAN RI (ASN Unggul)",
            _day(today, 6, 3, before=60),
            13,
            {"jp": 12},
            [e for i, e in enumerate(people) if i % 4],
            0.75,
        ),
        (
            "Sosialisasi Pencegahan Korupsi dan Gratifikasi",
            7,
            "Inspektorat Kota Palembang",
            _day(today, 8, 19, before=30),
            0,
            {"jp": 4},
            people,
            0.85,
        ),
        (
            "Workshop Penyusunan Standar Pelayanan",
            4,
            "Bagian Organisasi Setda Kota Palembang",
            _day(today, 7, 15, before=45),
            0,
            {"jp": 8},
            leaders,
            0.85,
        ),
        (
            "Pelatihan Aplikasi SIKAP",
            3,
            "Kecamatan Plaju",
            today - dt.timedelta(days=20),
            0,
            {"duration_minutes": 90},
            people,
            0.8,
        ),
    ]
    events: list[TrainingEvent] = []
    for name, jenis, organiser, start, extra_days, amount, invited, rate in plan:
        event = services.create_event(
            name=name,
            jenis_diklat=jenis,
            organiser=organiser,
            start_date=start,
            end_date=start + dt.timedelta(days=extra_days),
            unit=kec,
            by=hr,
            location="Aula Kantor Camat Plaju" if rules.is_classical(jenis) else "",
            jp=amount.get("jp"),
            duration_minutes=amount.get("duration_minutes"),
        )
        events.append(event)
        Participant.objects.bulk_create(
            [
                Participant(
                    event=event,
                    employee=e,
                    attended=rng.random() < rate,
                    certificate_number=f"{event.pk:03d}/{i + 1:03d}/PLJ/{today.year}"
                    if jenis in (8, 16)
                    else "",
                )
                for i, e in enumerate(invited)
            ]
        )

    # Reaction surveys from most of those who attended; follow-ups once 90 days have passed.
    chart = OrgChart(today).load_all()
    attended = list(
        Participant.objects.filter(event__in=events, attended=True).select_related(
            "event", "employee"
        )
    )
    reactions = []
    follow_ups = []
    for p in attended:
        helpful = 1 if p.event.jenis_diklat in (8, 4) else 0
        if rng.random() < 0.6:
            reactions.append(
                ReactionSurvey(
                    participant=p,
                    relevance=min(5, rng.randint(3, 4) + helpful),
                    usefulness=min(5, rng.randint(3, 4) + helpful),
                    would_apply=min(5, rng.randint(2, 4) + helpful),
                )
            )
        due = rules.follow_up_due_on(p.event.end_date, days=selectors.follow_up_days())
        if due <= today and rng.random() < 0.5:
            penilai = chart.penilai_of(p.employee)
            if penilai is not None:
                follow_ups.append(
                    FollowUp(
                        participant=p,
                        score=min(5, rng.randint(2, 4) + helpful),
                        by=penilai.employee,
                        note="Lebih tertib dalam melayani warga." if helpful else "",
                    )
                )
    ReactionSurvey.objects.bulk_create(reactions)
    FollowUp.objects.bulk_create(follow_ups)

    # Assessments and IDPs for a few employees, starting with the demo "pegawai".
    featured = list(
        Employee.objects.filter(
            Q(user__username__in=["pegawai", "pppk", "penilai"])
            | Q(pk__in=[e.pk for e in people[3:6]])
        ).select_related("position")
    )
    assessments = []
    for emp in featured:
        for name in rules.MANAJERIAL[: rng.randint(4, 8)]:
            assessments.append(
                CompetencyAssessment(
                    employee=emp,
                    competency=name,
                    level=rng.choice([1, 1, 2, 2, 3]),
                    date=today - dt.timedelta(days=rng.randint(20, 120)),
                    source=rng.choice([AssessmentSource.SELF, AssessmentSource.SUPERVISOR]),
                    note="Penilaian awal demo",
                )
            )
    CompetencyAssessment.objects.bulk_create(assessments)
    for index, emp in enumerate(featured):
        gaps = [g for g in selectors.gap_rows(emp) if g.gap > 0][:2]
        if not gaps:
            continue
        idp = services.get_or_create_plan(employee=emp, year=today.year, by=None)
        for g, jenis in zip(gaps, (8, 15), strict=False):
            services.add_plan_item(
                plan=idp,
                competency=g.competency,
                jenis_diklat=jenis,
                target_jp=8 if jenis == 8 else 4,
                schedule=f"Triwulan {min(4, today.month // 3 + 1)}",
                current_level=g.current,
                required_level=g.required,
                by=None,
            )
        penilai = chart.penilai_of(emp)
        if index % 2 and penilai is not None:
            services.agree_plan(plan=idp, by=penilai.employee.user)

    # Self-reported activities: one waiting for HR, one verified.
    if featured:
        OwnActivity.objects.create(
            employee=featured[0],
            name="Webinar Literasi Digital ASN",
            jenis_diklat=9,
            organiser="Kementerian Kominfo",
            start_date=today - dt.timedelta(days=10),
            end_date=today - dt.timedelta(days=10),
            jp=3,
            certificate_number="KOMINFO/WB/0193",
        )
    if len(featured) > 1:
        OwnActivity.objects.create(
            employee=featured[1],
            name="Kursus Microsoft Excel untuk Perkantoran",
            jenis_diklat=11,
            organiser="Balai Latihan Kerja Palembang",
            start_date=_day(today, 3, 4, before=70),
            end_date=_day(today, 3, 6, before=68),
            jp=12,
            certificate_number="BLK-PLG/2026/311",
            status=ActivityStatus.VERIFIED,
            verified_by=hr,
        )
    return True
