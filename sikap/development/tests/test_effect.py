"""Difference-in-differences on crafted data with a known effect, and "too few data"."""

from __future__ import annotations

import math

import pytest

from sikap.development import effect


def test_a_known_effect_is_recovered_exactly():
    # Participants rise by 10 ± 1, non-participants by 2 ± 1: the effect is 8.
    participants = [(70.0, 70.0 + d) for d in (9, 10, 11, 9, 10, 11)]
    controls = [(72.0, 72.0 + d) for d in (1, 2, 3, 1, 2, 3)]
    result = effect.did(participants, controls)
    assert not result.too_few
    assert result.estimate.value == 8.0
    # Both groups: variance 0.8, n 6 → se = sqrt(0.8/6 * 2), df = 10, t = 2.228.
    half = 2.228 * math.sqrt(2 * 0.8 / 6)
    assert math.isclose(result.estimate.low, 8 - half) and math.isclose(
        result.estimate.high, 8 + half
    )
    assert result.estimate.excludes_zero
    assert (result.n_participants, result.n_controls) == (6, 6)
    assert result.before_participants == 70.0 and result.after_participants == 80.0
    assert result.before_controls == 72.0 and result.after_controls == 74.0


def test_no_effect_gives_an_interval_around_zero():
    participants = [(3.0, 3.0 + d) for d in (-1, 0, 1, -1, 0, 1)]
    controls = [(3.0, 3.0 + d) for d in (1, 0, -1, 0, 1, -1)]
    result = effect.did(participants, controls)
    assert result.estimate.value == 0 and not result.estimate.excludes_zero


def test_below_the_minimum_there_is_no_estimate_but_the_sizes():
    participants = [(1.0, 2.0)] * 4 + [(None, 2.0), (1.0, None)]
    controls = [(1.0, 1.0)] * 9
    result = effect.did(participants, controls)
    assert result.too_few and result.estimate is None
    assert (result.n_participants, result.n_controls) == (4, 9)
    assert result.before_participants == 1.0


def test_the_minimum_applies_to_the_non_participants_too():
    assert effect.did([(1.0, 2.0)] * 9, [(1.0, 1.0)] * 4).too_few


def test_nobody_with_both_values_has_no_means():
    result = effect.did([(None, 1.0)], [])
    assert result.too_few and result.before_participants is None and result.after_controls is None


def test_the_minimum_cannot_be_below_two():
    with pytest.raises(ValueError):
        effect.did([], [], minimum=1)


def test_predicate_scores_are_ordered():
    scores = effect.PREDICATE_SCORE
    assert scores["SANGAT_KURANG"] < scores["KURANG"] < scores["BUTUH_PERBAIKAN"]
    assert scores["BUTUH_PERBAIKAN"] < scores["BAIK"] < scores["SANGAT_BAIK"]
