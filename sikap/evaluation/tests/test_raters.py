"""The rater flag on crafted teams (lenient, strict, consistent) at several sizes."""

from __future__ import annotations

import itertools

import pytest

from sikap.evaluation import raters
from sikap.evaluation.raters import Rated

_ids = itertools.count(1)


def _consistent(signal: float) -> str:
    return "DI_ATAS" if signal > 2 / 3 else "DI_BAWAH" if signal < 1 / 3 else "SESUAI"


def _team(penilai: int, size: int, rate) -> list[Rated]:
    signals = [(i + 0.5) / size for i in range(size)]
    return [Rated(next(_ids), penilai, rate(s), s) for s in signals]


def _pool(size: int, rate) -> dict[int | None, raters.RaterResult]:
    people = _team(1, 12, _consistent) + _team(2, 12, _consistent) + _team(9, size, rate)
    return {r.penilai_id: r for r in raters.rater_results(people)}


@pytest.mark.parametrize("size", [6, 12, 24])
def test_a_lenient_penilai_is_flagged(size):
    result = _pool(size, lambda s: "DI_ATAS")[9]
    assert result.tested and result.flag == raters.LENIENT
    assert result.above == size and result.below == 0


@pytest.mark.parametrize("size", [6, 12, 24])
def test_a_strict_penilai_is_flagged(size):
    result = _pool(size, lambda s: "DI_BAWAH")[9]
    assert result.tested and result.flag == raters.STRICT


@pytest.mark.parametrize("size", [5, 6, 12, 24])
def test_a_consistent_penilai_is_not_flagged(size):
    results = _pool(size, _consistent)
    assert all(r.flag is None for r in results.values())
    assert results[9].tested


@pytest.mark.parametrize("size", [1, 3, 4])
def test_a_small_team_is_not_tested_on_its_own(size):
    result = _pool(size, lambda s: "DI_ATAS")[9]
    assert not result.tested and result.flag is None and result.lenient_p is None


def test_a_small_pool_tests_nobody():
    people = _team(1, 4, lambda s: "DI_ATAS") + _team(2, 5, _consistent)
    assert all(not r.tested for r in raters.rater_results(people))


def test_officers_without_a_signal_count_as_rated_only():
    people = [*_team(1, 12, _consistent), Rated(next(_ids), 1, "DI_ATAS", None)]
    (result,) = raters.rater_results(people)
    assert result.rated == 13 and result.with_signal == 12 and result.above == 5


def test_without_a_penilai_nobody_is_tested():
    people = _team(1, 12, _consistent) + _team(None, 8, lambda s: "DI_ATAS")
    assert not {r.penilai_id: r for r in raters.rater_results(people)}[None].tested


def test_a_team_with_no_member_in_a_stratum_has_no_p_for_it():
    people = _team(1, 12, _consistent) + [Rated(next(_ids), 5, "DI_ATAS", 0.99) for _ in range(5)]
    result = {r.penilai_id: r for r in raters.rater_results(people)}[5]
    assert result.tested and result.lenient_p is None and result.flag is None


def test_composite_is_the_mean_percentile_over_the_signals_present():
    signals = {1: {"ikm": 90.0, "on_time": 0.5}, 2: {"ikm": 70.0, "on_time": None}, 3: {}}
    result = raters.composite(signals)
    # ikm: 1 → 1.0, 2 → 0.0; on_time: only 1 → 0.5.
    assert result == {1: 0.75, 2: 0.0, 3: None}


def test_percentile_ranks_share_ties():
    assert raters.percentile_ranks({1: 1.0, 2: 1.0, 3: 2.0}) == {1: 0.25, 2: 0.25, 3: 1.0}
    assert raters.percentile_ranks({1: 3.0}) == {1: 0.5}


def test_an_even_pool_uses_the_middle_of_the_two_medians():
    people = [Rated(next(_ids), 1, "SESUAI", s / 10) for s in range(10)]
    (result,) = raters.rater_results(people)
    assert result.tested and result.flag is None
