"""Pure rules of the appraisal calendar: which periods a year has (domain.md §1.9)."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


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


MONTH_NAMES: tuple[str, ...] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
QUARTER_LABELS: tuple[str, ...] = (
    "Triwulan I",
    "Triwulan II",
    "Triwulan III",
    "Triwulan IV/Akhir",
)


def periodic_periods(year: int, kind: PeriodKind | str) -> list[PeriodSpec]:
    """Return the periods of a year in order; the last one is the final (annual) evaluation."""
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
        return [PeriodSpec(m, m, name) for m, name in enumerate(MONTH_NAMES, start=1)]
    return [PeriodSpec(3 * q + 1, 3 * q + 3, label) for q, label in enumerate(QUARTER_LABELS)]
