"""The small exact statistics, against values computed by hand or published tables."""

from __future__ import annotations

import math

import pytest

from sikap.lib import stats


def test_fisher_matches_the_hypergeometric_tail():
    # Tea tasting: [[3, 1], [1, 3]]; P(X >= 3) = (16 + 1) / 70.
    assert math.isclose(stats.fisher_greater(3, 1, 1, 3), 17 / 70)
    assert stats.fisher_greater(0, 4, 4, 0) == 1.0
    assert math.isclose(stats.fisher_greater(4, 0, 0, 4), 1 / 70)


def test_fisher_refuses_negative_counts():
    with pytest.raises(ValueError):
        stats.fisher_greater(-1, 0, 0, 0)


def test_wilson_interval():
    low, high = stats.wilson(5, 10)
    assert math.isclose(low, 0.2366, abs_tol=1e-4) and math.isclose(high, 0.7634, abs_tol=1e-4)
    assert stats.wilson(0, 0) is None
    assert stats.wilson(0, 5)[0] == 0.0 and stats.wilson(5, 5)[1] == 1.0
    with pytest.raises(ValueError):
        stats.wilson(6, 5)


def test_t_critical_values():
    assert stats.t_critical(1) == 12.706 and stats.t_critical(10.7) == 2.228
    assert stats.t_critical(200) == stats.Z_975
    with pytest.raises(ValueError):
        stats.t_critical(0.5)


def test_welch_difference_and_interval():
    est = stats.welch([1.0, 2.0, 3.0], [0.0, 1.0, 2.0])
    # Both variances 1, se = sqrt(2/3), df = 4, t = 2.776.
    assert est.value == 1.0
    assert math.isclose(est.high - est.value, 2.776 * math.sqrt(2 / 3))
    assert not est.excludes_zero and (est.n_treated, est.n_control) == (3, 3)


def test_welch_without_spread_is_exact_and_needs_two_values():
    est = stats.welch([2.0, 2.0], [1.0, 1.0])
    assert (est.low, est.value, est.high) == (1.0, 1.0, 1.0) and est.excludes_zero
    assert stats.welch([2.0, 2.0], [1.0, 3.0]).low < 1.0
    with pytest.raises(ValueError):
        stats.welch([1.0], [1.0, 2.0])
