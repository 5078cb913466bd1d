"""Small exact statistics for the evidence pages (no scipy): Fisher's test, Wilson and t intervals.

Pure functions over plain numbers. They inform people; they never decide anything by themselves.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Two-sided 95 % critical values of Student's t for 1..30 degrees of freedom; above 30 the
# normal value 1.96 is within 0.05 of the exact one, close enough for a figure shown with n.
T_975: tuple[float, ...] = (
    12.706,
    4.303,
    3.182,
    2.776,
    2.571,
    2.447,
    2.365,
    2.306,
    2.262,
    2.228,
    2.201,
    2.179,
    2.160,
    2.145,
    2.131,
    2.120,
    2.110,
    2.101,
    2.093,
    2.086,
    2.080,
    2.074,
    2.069,
    2.064,
    2.060,
    2.056,
    2.052,
    2.048,
    2.045,
    2.042,
)
Z_975 = 1.959964


def t_critical(df: float) -> float:
    """The 97.5 % quantile of t with ``df`` degrees of freedom (rounded down to a whole df)."""
    if df < 1:
        raise ValueError("at least one degree of freedom")
    whole = int(df)
    return T_975[whole - 1] if whole <= len(T_975) else Z_975


def fisher_greater(a: int, b: int, c: int, d: int) -> float:
    """One-sided Fisher exact p: the top-left cell of [[a, b], [c, d]] is this large or larger."""
    if min(a, b, c, d) < 0:
        raise ValueError("counts cannot be negative")
    row1, row2, col1 = a + b, c + d, a + c
    # Exact in integers: sum of C(row1, k)·C(row2, col1 − k) over k ≥ a, over C(n, col1).
    tail = sum(
        math.comb(row1, k) * math.comb(row2, col1 - k) for k in range(a, min(row1, col1) + 1)
    )
    return tail / math.comb(row1 + row2, col1)


def wilson(successes: int, n: int) -> tuple[float, float] | None:
    """The 95 % Wilson score interval of a proportion (None without observations)."""
    if n <= 0:
        return None
    if not 0 <= successes <= n:
        raise ValueError("successes must lie in 0..n")
    p = successes / n
    z2 = Z_975**2
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z_975 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Estimate:
    """A difference with its 95 % interval and the sizes behind it."""

    value: float
    low: float
    high: float
    n_treated: int
    n_control: int

    @property
    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def variance(values: Sequence[float]) -> float:
    """The sample variance (n − 1)."""
    m = mean(values)
    return sum((v - m) ** 2 for v in values) / (len(values) - 1)


def welch(treated: Sequence[float], control: Sequence[float]) -> Estimate:
    """mean(treated) − mean(control) with a Welch 95 % interval; both need at least 2 values."""
    if len(treated) < 2 or len(control) < 2:
        raise ValueError("at least two values in each group")
    vt, vc = variance(treated) / len(treated), variance(control) / len(control)
    diff = mean(treated) - mean(control)
    se2 = vt + vc
    if se2 == 0:
        return Estimate(diff, diff, diff, len(treated), len(control))
    df = se2**2 / (
        (vt**2 / (len(treated) - 1) if vt else 0) + (vc**2 / (len(control) - 1) if vc else 0)
    )
    half = t_critical(df) * math.sqrt(se2)
    return Estimate(diff, diff - half, diff + half, len(treated), len(control))
