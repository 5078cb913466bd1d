"""Competency development rules (domain.md §5): JP, yearly targets, competency gaps, jenis diklat.

Pure functions over plain values; no database, no request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

# 1 JP (jam pelajaran) = 45 minutes (LAN rule; domain.md §5.1).
JP_MINUTES = 45
# PNS: at least 20 JP a year (PP 11/2017 as amended by PP 17/2020, Pasal 203(4)).
PNS_MIN_JP = 20
# PPPK: at most 24 JP a year of contract (PP 49/2018 Pasal 40(1)). The target for PPPK is not
# set by a regulation we found (UNCONFIRMED): it is a setting, 20 JP by default, capped at 24.
PPPK_MAX_JP = 24
PPPK_DEFAULT_TARGET_JP = 20
# Days after an event before the supervisor judges whether it helped (configurable).
DEFAULT_FOLLOW_UP_DAYS = 90

# SIASN reference ``jenisDiklat`` (domain.md §5.2), ids and names exactly.
JENIS_DIKLAT: dict[int, str] = {
    1: "Diklat Struktural",
    2: "Diklat Fungsional",
    3: "Diklat Teknis",
    4: "Workshop",
    5: "Pelatihan Manajerial",
    6: "Pelatihan Sosial Kultural",
    7: "Sosialisasi",
    8: "Bimbingan Teknis",
    9: "Seminar",
    10: "Magang",
    11: "Kursus",
    12: "Penataran",
    13: "Pengembangan Kompetensi Dalam Bentuk Pelatihan klasikal lainnya",
    14: "Coaching",
    15: "Mentoring",
    16: "E-Learning",
    17: "Pelatihan Jarak Jauh",
    18: "Detasering (Secondment)",
    19: "Pembelajaran Alam Terbuka (Outbond)",
    20: "Patok Banding (Benchmarking)",
    21: "Pertukaran Antara PNS Dengan Pegawai Swasta/BUMN/BUMD",
    22: "Belajar Mandiri (Self Development)",
    23: "Komunitas Belajar (Community Of Practices)",
    24: "Bimbingan Di Tempat Kerja",
    25: "Pengembangan Kompetensi Dalam Bentuk Pelatihan Nonklasikal Lainnya",
}
JENIS_DIKLAT_CHOICES = list(JENIS_DIKLAT.items())

# Pelatihan klasikal per PP 11/2017 Pasal 210 as amended (tatap muka: diklat, workshop, seminar,
# kursus, penataran, bimtek, sosialisasi...); the rest (coaching, mentoring, e-learning, magang /
# praktik kerja, detasering, outbound, benchmarking, pertukaran, belajar mandiri, komunitas
# belajar, bimbingan di tempat kerja) is nonklasikal.
CLASSICAL_IDS = frozenset({1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13})

KIND_TEKNIS = "teknis"
KIND_MANAJERIAL = "manajerial"
KIND_SOSIAL_KULTURAL = "sosial_kultural"

# PermenPAN-RB 38/2017 (domain.md §5.3). Teknis competencies are free text per jabatan.
MANAJERIAL = (
    "Integritas",
    "Kerja Sama",
    "Komunikasi",
    "Orientasi pada Hasil",
    "Pelayanan Publik",
    "Pengembangan Diri dan Orang Lain",
    "Mengelola Perubahan",
    "Pengambilan Keputusan",
)
SOSIAL_KULTURAL = ("Perekat Bangsa",)
COMPETENCIES = MANAJERIAL + SOSIAL_KULTURAL
LEVELS = (1, 2, 3, 4, 5)

# Demo/default required level per jenis jabatan (UNCONFIRMED, domain.md §5.3): data, not law.
DEFAULT_REQUIRED_LEVEL: dict[str, int] = {
    "JPT": 4,
    "ADMINISTRATOR": 3,
    "PENGAWAS": 2,
    "PELAKSANA": 1,
}


def jenis_diklat_name(jenis_id: int) -> str:
    """The SIASN name of a jenisDiklat id (ValueError for an unknown id)."""
    try:
        return JENIS_DIKLAT[jenis_id]
    except KeyError:
        raise ValueError(f"unknown jenisDiklat id {jenis_id}") from None


def is_classical(jenis_id: int) -> bool:
    """Whether a jenisDiklat is pelatihan klasikal (False: nonklasikal)."""
    jenis_diklat_name(jenis_id)
    return jenis_id in CLASSICAL_IDS


def competency_kind(name: str) -> str:
    """manajerial, sosial_kultural, or teknis for any other (free) competency."""
    if name in MANAJERIAL:
        return KIND_MANAJERIAL
    if name in SOSIAL_KULTURAL:
        return KIND_SOSIAL_KULTURAL
    return KIND_TEKNIS


def jp_from_minutes(minutes: int) -> int:
    """Whole JP in a duration: only completed 45-minute lessons count (rounded down).

    SIASN ``jumlahJam`` is a whole number; rounding down never credits a lesson not taken.
    """
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    return minutes // JP_MINUTES


def yearly_target(jenis_asn: str, *, pppk_target: int = PPPK_DEFAULT_TARGET_JP) -> int | None:
    """The yearly JP target: 20 for PNS, the configured target (≤ 24) for PPPK, none otherwise."""
    if jenis_asn == "PNS":
        return PNS_MIN_JP
    if jenis_asn == "PPPK":
        return max(0, min(pppk_target, PPPK_MAX_JP))
    return None


def below_target(jp: int, target: int | None) -> bool:
    """Whether the JP of the year are short of the target (reaching it exactly is enough)."""
    return target is not None and jp < target


def progress_percent(jp: int, target: int | None) -> int:
    """JP as a percentage of the target, capped at 100 (100 when there is no target)."""
    if not target:
        return 100
    return min(100, (100 * jp) // target)


def gap(required: int, current: int | None) -> int:
    """Required level minus current level; an unassessed competency counts as level 0."""
    return required - (current or 0)


def year_of(end: dt.date) -> int:
    """The calendar year an activity's JP count for: the year it ended (tanggalSelesaiKursus)."""
    return end.year


def follow_up_due_on(end: dt.date, *, days: int = DEFAULT_FOLLOW_UP_DAYS) -> dt.date:
    """The day from which the supervisor may judge whether the training helped."""
    return end + dt.timedelta(days=days)


def average(values: Iterable[int | None]) -> float | None:
    """The mean of the given scores, ignoring missing ones; None when there are none."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present) / len(present)


# Pre- and post-test scores are 0 to 100.
SCORE_MIN, SCORE_MAX = 0, 100
# Check-in by QR: each day of the event between the opening and closing time (local time).
DAY_OPENS = dt.time(0, 0)
DAY_CLOSES = dt.time(23, 59, 59, 999999)
CHECK_IN_OPEN = "open"
CHECK_IN_NOT_YET = "not_yet"
CHECK_IN_CLOSED = "closed"


def score_valid(value: int | None) -> bool:
    """A pre- or post-test score: empty, or a whole number from 0 to 100."""
    return value is None or SCORE_MIN <= value <= SCORE_MAX


def seat_free(capacity: int | None, registered: int) -> bool:
    """Whether one more registration gets a seat (no capacity = always)."""
    return capacity is None or registered < capacity


def check_in_state(
    moment: dt.datetime,
    *,
    start: dt.date,
    end: dt.date,
    opens: dt.time | None,
    closes: dt.time | None,
) -> str:
    """Open, not yet, or closed: ``moment`` (local, naive) against the event's days and hours.

    Both ends are inclusive: at the opening time, and at the closing time itself, check-in works.
    """
    day, time = moment.date(), moment.time()
    first, last = opens or DAY_OPENS, closes or DAY_CLOSES
    if day < start or (day == start and time < first):
        return CHECK_IN_NOT_YET
    if day > end or (day == end and time > last):
        return CHECK_IN_CLOSED
    if time < first:
        return CHECK_IN_NOT_YET  # a later day of the event, before its opening time
    if time > last:
        return CHECK_IN_CLOSED  # today's check-in has closed; tomorrow's has not opened
    return CHECK_IN_OPEN


def check_in_window(
    *, start: dt.date, end: dt.date, opens: dt.time | None, closes: dt.time | None
) -> tuple[dt.datetime, dt.datetime]:
    """The first and last moment (local, naive) of the check-in of the whole event."""
    return dt.datetime.combine(start, opens or DAY_OPENS), dt.datetime.combine(
        end, closes or DAY_CLOSES
    )
