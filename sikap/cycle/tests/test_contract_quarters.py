"""Which triwulan a PPPK Paruh Waktu is evaluated in (KepmenPAN-RB 16/2025 Diktum 17, §8.1)."""

from __future__ import annotations

import datetime as dt

import pytest

from sikap.cycle.rules import always_quarterly, contract_quarters

D = dt.date


def test_a_full_year_contract_has_four_full_quarters_with_their_boundaries() -> None:
    quarters = contract_quarters(2026, D(2026, 1, 1), D(2026, 12, 31))
    assert [(q.number, q.start, q.end, q.full) for q in quarters] == [
        (1, D(2026, 1, 1), D(2026, 3, 31), True),
        (2, D(2026, 4, 1), D(2026, 6, 30), True),
        (3, D(2026, 7, 1), D(2026, 9, 30), True),
        (4, D(2026, 10, 1), D(2026, 12, 31), True),
    ]
    assert [q.label for q in quarters] == [
        "Triwulan I",
        "Triwulan II",
        "Triwulan III",
        "Triwulan IV",
    ]


def test_february_of_a_leap_year_ends_triwulan_i_on_31_march() -> None:
    assert contract_quarters(2028, D(2028, 2, 29), D(2028, 3, 31))[0].end == D(2028, 3, 31)


def test_a_contract_ending_mid_quarter_has_that_quarter_cut_and_none_after() -> None:
    quarters = contract_quarters(2026, D(2026, 1, 1), D(2026, 8, 15))
    assert [q.number for q in quarters] == [1, 2, 3]
    assert quarters[-1].start == D(2026, 7, 1) and quarters[-1].end == D(2026, 8, 15)
    assert not quarters[-1].full and quarters[1].full


@pytest.mark.parametrize(
    ("start", "end", "numbers"),
    [
        (D(2026, 3, 31), D(2026, 4, 1), [1, 2]),  # one day each side of the boundary
        (D(2026, 4, 1), D(2026, 6, 30), [2]),
        (D(2026, 6, 30), D(2026, 7, 1), [2, 3]),
        (D(2026, 9, 30), D(2026, 10, 1), [3, 4]),
        (D(2025, 7, 1), D(2026, 6, 30), [1, 2]),  # a contract across two years
        (D(2026, 12, 31), D(2027, 12, 30), [4]),
        (D(2025, 1, 1), D(2025, 12, 31), []),
    ],
)
def test_quarter_boundaries_across_a_year(start: D, end: D, numbers: list[int]) -> None:
    assert [q.number for q in contract_quarters(2026, start, end)] == numbers


def test_it_rejects_a_contract_ending_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        contract_quarters(2026, D(2026, 2, 1), D(2026, 1, 31))


@pytest.mark.parametrize(
    ("jenis", "expected"), [("PPPK_PW", True), ("PPPK", False), ("PNS", False)]
)
def test_only_pppk_paruh_waktu_is_always_quarterly(jenis: str, expected: bool) -> None:
    assert always_quarterly(jenis) is expected
