"""Pure rules of the appraisal calendar: which periods a year has (domain.md §1.9)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import NamedTuple

from sikap.lib.formatting import BULAN


class PeriodKind(StrEnum):
    """Frequency of the Evaluasi Kinerja Periodik (§1.9)."""

    BULANAN = "bulanan"
    TRIWULANAN = "triwulanan"

    @property
    def siasn_id(self) -> int:
        """Return the SIASN ``periodikId`` (1 = bulanan, 2 = triwulan)."""
        return 1 if self is PeriodKind.BULANAN else 2


class PeriodSpec(NamedTuple):
    """One evaluation period inside a year."""

    start_month: int
    end_month: int
    label: str


QUARTER_LABELS: tuple[str, ...] = (
    "Triwulan I",
    "Triwulan II",
    "Triwulan III",
    "Triwulan IV/Akhir",
)
# §8.2: e-Kinerja 2025-2026 runs four quarters plus one "Tahunan Final" (no rencana aksi).
QUARTER_LABELS_WITH_FINAL: tuple[str, ...] = (
    "Triwulan I",
    "Triwulan II",
    "Triwulan III",
    "Triwulan IV",
)
ANNUAL_FINAL_LABEL = "Tahunan Final"


def periodic_periods(
    year: int, kind: PeriodKind | str, *, annual_final: bool = False
) -> list[PeriodSpec]:
    """Return the periods of a year in order; the last one is the final (annual) evaluation.

    With ``annual_final`` (the 2025-2026 model, §8.2) a separate "Tahunan Final" covering the
    whole year follows the periodic ones; without it the last periodic period doubles as the
    final one ("Triwulan IV/Akhir", §1.9).
    """
    if type(year) is not int or not 1 <= year <= 9999:
        raise ValueError(f"year must be an integer from 1 to 9999, got {year!r}")
    aliases = {
        "bulanan": PeriodKind.BULANAN,
        "triwulanan": PeriodKind.TRIWULANAN,
        "triwulan": PeriodKind.TRIWULANAN,  # SIASN's spelling
    }
    chosen = aliases.get(kind.strip().casefold()) if isinstance(kind, str) else None
    if chosen is None:
        raise ValueError(f"Unknown period kind {kind!r}; expected 'bulanan' or 'triwulanan'")
    if chosen is PeriodKind.BULANAN:
        specs = [PeriodSpec(m, m, name) for m, name in enumerate(BULAN, start=1)]
    else:
        labels = QUARTER_LABELS_WITH_FINAL if annual_final else QUARTER_LABELS
        specs = [PeriodSpec(3 * q + 1, 3 * q + 3, label) for q, label in enumerate(labels)]
    if annual_final:
        specs.append(PeriodSpec(1, 12, ANNUAL_FINAL_LABEL))
    return specs


def quarter_of(month: int) -> int:
    """The quarter (1-4) a month (1-12) falls in."""
    if type(month) is not int or not 1 <= month <= 12:
        raise ValueError(f"month must be an integer from 1 to 12, got {month!r}")
    return (month - 1) // 3 + 1


def has_action_plans(*, period_kind: str, is_final: bool, annual_final: bool) -> bool:
    """Whether a period carries rencana aksi: the quarters of a quarterly year (§8.2).

    The "Tahunan Final" has realisation and evidence per RHK only; a year whose last quarter
    doubles as the final one (the older model) keeps rencana aksi in that quarter too.
    """
    if period_kind != PeriodKind.TRIWULANAN:
        return False
    return not (is_final and annual_final)


class QuarterWindow(NamedTuple):
    """One triwulan of a PPPK Paruh Waktu's year, cut to the days their contract covers."""

    number: int
    label: str
    start: dt.date
    end: dt.date
    full: bool  # the contract covers the whole quarter


def always_quarterly(jenis_asn: str) -> bool:
    """PPPK Paruh Waktu are evaluated every quarter whatever the year's period kind (§8.1)."""
    return jenis_asn == "PPPK_PW"


def pppk_pw_quarters(kind: PeriodKind | str) -> list[PeriodSpec]:
    """The extra quarters a monthly year has for its PPPK Paruh Waktu (§8.1); none otherwise."""
    if PeriodKind(kind) is not PeriodKind.BULANAN:
        return []
    return [
        PeriodSpec(3 * q + 1, 3 * q + 3, label) for q, label in enumerate(QUARTER_LABELS_WITH_FINAL)
    ]


def period_applies(*, jenis_asn: str, period_kind: str, is_final: bool, pppk_pw_only: bool) -> bool:
    """Whether an employee of that kind is evaluated in the period (§1.9, §8.1).

    The final (annual) period is everyone's. In a monthly year a PPPK Paruh Waktu is evaluated
    in the year's extra quarters instead of the months; everyone else in the months. A quarterly
    year has no extra quarters: its periods are everyone's.
    """
    if is_final:
        return True
    if always_quarterly(jenis_asn) and PeriodKind(period_kind) is PeriodKind.BULANAN:
        return pppk_pw_only
    return not pppk_pw_only


def contract_quarters(year: int, start: dt.date, end: dt.date) -> list[QuarterWindow]:
    """The quarters of a year a contract touches, each cut to the contract's days (§8.1).

    KepmenPAN-RB 16/2025 Diktum 17: evaluasi kinerja triwulan. A contract ending mid-quarter
    still has that quarter evaluated, over the days up to its end.
    """
    if end < start:
        raise ValueError(f"contract ends ({end}) before it starts ({start})")
    windows = []
    for number in range(1, 5):
        q_start = dt.date(year, 3 * number - 2, 1)
        q_end = dt.date(year, 12, 31) if number == 4 else dt.date(year, 3 * number + 1, 1) - _DAY
        first, last = max(q_start, start), min(q_end, end)
        if first <= last:
            label = QUARTER_LABELS_WITH_FINAL[number - 1]
            full = (first, last) == (q_start, q_end)
            windows.append(QuarterWindow(number, label, first, last, full))
    return windows


_DAY = dt.timedelta(days=1)
