"""Three years of training events (pelatihan, bimtek, sosialisasi, e-learning…) over the units of
the city, each with invited participants, attendance, certificates and reaction surveys."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from bench.synthetic.org import Scale
from bench.synthetic.planning import World
from bench.synthetic.writer import Writer
from sikap.development.models import Participant, ReactionSurvey, TrainingEvent
from sikap.org.models import UnitKind

# (name, jenis diklat, organiser, JP, days)
EVENTS = (
    ("Bimbingan Teknis Aplikasi e-Kinerja", 8, "BKPSDM Kota Palembang", 8, 1),
    ("Sosialisasi Standar Pelayanan Publik", 7, "Bagian Organisasi Setda Kota Palembang", 4, 1),
    ("Pelatihan Pelayanan Prima", 3, "BPSDM Provinsi Sumatera Selatan", 24, 3),
    ("Workshop Penyusunan SKP dan Rencana Aksi", 4, "BKPSDM Kota Palembang", 8, 1),
    ("E-Learning Literasi Digital ASN", 16, "LAN RI (ASN Unggul)", 10, 10),
    ("Bimbingan Teknis Administrasi Kependudukan", 8, "Dinas Dukcapil Kota Palembang", 16, 2),
    ("Pelatihan Teknis Ketenteraman dan Ketertiban Umum", 3, "Satpol PP Kota Palembang", 24, 3),
    ("Seminar Pencegahan Korupsi dan Gratifikasi", 9, "Inspektorat Kota Palembang", 4, 1),
    ("Coaching Penyusunan Laporan Kinerja", 14, "Sekretariat Kecamatan", 2, 1),
    ("Sosialisasi Pengelolaan Arsip Dinamis", 7, "Dinas Kearsipan Kota Palembang", 4, 1),
)


def build(writer: Writer, world: World, scale: Scale, rng: random.Random) -> None:
    today = world.today
    hosts = sorted(
        (
            u
            for u in world.units.values()
            if u.kind in (UnitKind.KECAMATAN, UnitKind.KELURAHAN, UnitKind.LAINNYA) and u.depth == 1
        ),
        key=lambda u: u.pk,
    )  # kecamatan and OPD: the people invited come from their whole subtree
    members: dict[int, list[int]] = {}
    for host in hosts:
        members[host.pk] = [
            e.pk
            for e in world.people
            if e.unit_id is not None and world.units[e.unit_id].path.startswith(host.path)
        ]
    hosts = [h for h in hosts if len(members[h.pk]) >= 5]
    start = dt.date(today.year - 2, 1, 1)
    span = (today - start).days - 14
    events: list[tuple[Any, ...]] = []
    participants: list[tuple[Any, ...]] = []
    reactions: list[tuple[Any, ...]] = []
    for _n in range(scale.trainings):
        host = hosts[int(rng.random() * len(hosts))]
        name, jenis, organiser, jp, days = EVENTS[int(rng.random() * len(EVENTS))]
        begin = start + dt.timedelta(days=rng.randint(0, span))
        while begin.weekday() >= 5:
            begin += dt.timedelta(days=1)
        end = begin + dt.timedelta(days=days - 1)
        event = writer.next_id(TrainingEvent)
        events.append(
            (
                event,
                f"{name} {host.name}",
                jenis,
                organiser,
                begin,
                end,
                jp * 45,
                jp,
                f"Aula {host.name}",
                host.pk,
            )
        )
        pool = members[host.pk]
        invited = rng.sample(pool, min(len(pool), rng.randint(8, 25)))
        for i, employee in enumerate(invited):
            participant = writer.next_id(Participant)
            attended = end < today and rng.random() < 0.88
            certificate = (
                f"{event}/{i + 1:03d}/BKPSDM/{end.year}" if attended and jenis in (3, 8, 16) else ""
            )
            participants.append((participant, event, employee, attended, certificate))
            if attended and rng.random() < 0.6:
                reactions.append(
                    (
                        writer.next_id(ReactionSurvey),
                        participant,
                        rng.randint(3, 5),
                        rng.randint(3, 5),
                        rng.randint(2, 5),
                        dt.datetime.combine(end, dt.time(16), tzinfo=writer.now.tzinfo),
                    )
                )
    p = writer.progress
    p.step("training events, participants, reactions")
    n = writer.insert(
        TrainingEvent,
        (
            "id",
            "name",
            "jenis_diklat",
            "organiser",
            "start_date",
            "end_date",
            "duration_minutes",
            "jp",
            "location",
            "unit_id",
        ),
        events,
        created_by_id=None,
    )
    n += writer.insert(
        Participant,
        ("id", "event_id", "employee_id", "attended", "certificate_number"),
        participants,
        certificate="",
    )
    n += writer.insert(
        ReactionSurvey,
        ("id", "participant_id", "relevance", "usefulness", "would_apply", "submitted_at"),
        reactions,
        comment="",
    )
    p.done(n)
