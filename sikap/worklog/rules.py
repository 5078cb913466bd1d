"""Pure rules of the Progres Harian (domain.md §8.2): statuses, locations, warnings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

# Draf → Diajukan → Disetujui / Dikembalikan by the pejabat penilai; a returned entry is fixed
# and submitted again. Approved entries are what rolls up into the realisation.
TRANSITIONS: dict[str, frozenset[str]] = {
    "draf": frozenset({"diajukan"}),
    "diajukan": frozenset({"disetujui", "dikembalikan"}),
    "dikembalikan": frozenset({"diajukan"}),
    "disetujui": frozenset(),
}
EDITABLE = frozenset({"draf", "dikembalikan"})
LOCATIONS: tuple[str, ...] = ("kantor", "rumah", "lokasi_lain")  # PermenPAN-RB 4/2025


def can_transition(current: str, target: str) -> bool:
    """Whether an entry in ``current`` status may move to ``target``."""
    return target in TRANSITIONS.get(current, frozenset())


def is_editable(status: str) -> bool:
    """Drafts and returned entries are changed by the employee; the others are locked."""
    return status in EDITABLE


class Slot(NamedTuple):
    key: int
    start: dt.time
    end: dt.time


def overlapping(slots: Iterable[Slot]) -> set[int]:
    """Keys of the entries of one day whose times overlap another's (warned, never refused)."""
    ordered = sorted(slots, key=lambda s: (s.start, s.end))
    hits: set[int] = set()
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.start >= a.end:
                break
            hits.update({a.key, b.key})
    return hits


def infer_action_plan(
    candidates: Iterable[tuple[int, str]], satuan: str, previous: int | None
) -> int | None:
    """The rencana aksi a draft written by the work belongs to, when it can be told; else None.

    ``candidates`` are the (id, satuan) of the officer's rencana aksi for the draft's day. The
    one the officer chose for the last draft of the same source wins; then the only one with
    the draft's satuan; then the only one there is. Otherwise the officer chooses.
    """
    ids = {key: unit.strip().casefold() for key, unit in candidates}
    if previous in ids:
        return previous
    wanted = satuan.strip().casefold()
    same = [key for key, unit in ids.items() if wanted and unit == wanted]
    if len(same) == 1:
        return same[0]
    if len(ids) == 1:
        return next(iter(ids))
    return None


def minutes(start: dt.time, end: dt.time) -> int:
    """Length of an entry in minutes (0 when the end is not after the start)."""
    span = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return max(span, 0)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week a day falls in (the unit of submission and approval)."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


# The column order of the e-Kinerja Progres Harian form (domain.md §8.2), then SIKAP's extras.
EKINERJA_COLUMNS: tuple[str, ...] = (
    "Rencana Aksi",
    "Tanggal",
    "Jam Mulai",
    "Jam Selesai",
    "Kegiatan Harian",
    "Realisasi",
    "Satuan",
    "Bukti Dukung",
)
# Expected working time per working day for "hours short" on the team summary: 37,5 hours a
# week over five days. domain.md gives no figure; kept here so it is changed in one place.
MINUTES_PER_WORKING_DAY = 450


def minutes_short(worked: int, working_days: int) -> int:
    """Minutes missing from the expected working time of the working days (never negative)."""
    return max(working_days * MINUTES_PER_WORKING_DAY - worked, 0)
