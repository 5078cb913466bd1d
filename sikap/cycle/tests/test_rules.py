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
        periodic_periods(2025, kind)


@pytest.mark.parametrize("year", [0, 10000, True, "2025", 2025.0])
def test_it_rejects_a_year_that_is_not_a_plausible_integer(year: object) -> None:
    with pytest.raises(ValueError, match="year"):
        periodic_periods(year, "bulanan")


def test_the_2025_model_has_four_quarters_and_a_tahunan_final() -> None:
    assert periodic_periods(2026, "triwulanan", annual_final=True) == [
        (1, 3, "Triwulan I"),
        (4, 6, "Triwulan II"),
        (7, 9, "Triwulan III"),
        (10, 12, "Triwulan IV"),
        (1, 12, "Tahunan Final"),
    ]


def test_a_monthly_year_may_have_a_tahunan_final_too() -> None:
    periods = periodic_periods(2026, "bulanan", annual_final=True)
    assert len(periods) == 13
    assert periods[-1] == (1, 12, "Tahunan Final")


@pytest.mark.parametrize(
    ("month", "quarter"),
    [(1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (9, 3), (10, 4), (12, 4)],
)
def test_quarter_boundaries(month: int, quarter: int) -> None:
    from sikap.cycle.rules import quarter_of

    assert quarter_of(month) == quarter


@pytest.mark.parametrize("month", [0, 13, True, 1.0])
def test_quarter_of_rejects_a_month_outside_the_year(month: object) -> None:
    from sikap.cycle.rules import quarter_of

    with pytest.raises(ValueError, match="month"):
        quarter_of(month)


@pytest.mark.parametrize(
    ("kind", "is_final", "annual_final", "expected"),
    [
        ("triwulanan", False, True, True),
        ("triwulanan", True, True, False),  # the Tahunan Final: no rencana aksi
        ("triwulanan", True, False, True),  # Triwulan IV/Akhir of the older model
        ("bulanan", False, True, False),
        ("bulanan", True, False, False),
    ],
)
def test_which_periods_carry_rencana_aksi(
    kind: str, is_final: bool, annual_final: bool, expected: bool
) -> None:
    from sikap.cycle.rules import has_action_plans

    assert has_action_plans(period_kind=kind, is_final=is_final, annual_final=annual_final) is (
        expected
    )
