"""Tests of the pure calendar rules (no Django, no database)."""

from __future__ import annotations

import itertools

import pytest

from sikap.cycle.rules import PeriodKind, PeriodSpec, periodic_periods


def test_a_monthly_year_has_twelve_named_months() -> None:
    periods = periodic_periods(2025, "bulanan")
    assert periods == [
        PeriodSpec(m, m, name)
        for m, name in enumerate(
            [
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
            ],
            start=1,
        )
    ]


def test_a_quarterly_year_ends_with_the_final_quarter() -> None:
    assert periodic_periods(2025, PeriodKind.TRIWULANAN) == [
        (1, 3, "Triwulan I"),
        (4, 6, "Triwulan II"),
        (7, 9, "Triwulan III"),
        (10, 12, "Triwulan IV/Akhir"),
    ]


@pytest.mark.parametrize("kind", ["Triwulanan", " triwulan ", "TRIWULAN"])
def test_the_quarterly_kind_accepts_the_siasn_spelling_in_any_case(kind: str) -> None:
    assert len(periodic_periods(2026, kind)) == 4


@pytest.mark.parametrize("kind", list(PeriodKind))
def test_periods_cover_the_year_without_gaps(kind: PeriodKind) -> None:
    periods = periodic_periods(2025, kind)
    assert periods[0].start_month == 1
    assert periods[-1].end_month == 12
    assert all(a.end_month + 1 == b.start_month for a, b in itertools.pairwise(periods))


def test_period_kinds_have_siasn_periodik_ids() -> None:
    assert (PeriodKind.BULANAN.siasn_id, PeriodKind.TRIWULANAN.siasn_id) == (1, 2)


@pytest.mark.parametrize("kind", ["semester", "tahunan", "", 2])
def test_it_rejects_an_unknown_period_kind(kind: object) -> None:
    with pytest.raises(ValueError, match="Unknown period kind"):
        periodic_periods(2025, kind)  # type: ignore[arg-type]


@pytest.mark.parametrize("year", [0, 10000, True, "2025", 2025.0])
def test_it_rejects_a_year_that_is_not_a_plausible_integer(year: object) -> None:
    with pytest.raises(ValueError, match="year"):
        periodic_periods(year, "bulanan")  # type: ignore[arg-type]
