"""Did the training help? Difference-in-differences over service signals: pure rules, no database.

For each participant and each comparable non-participant (same units, not in the training) a
signal is taken in a window before the training and in a window after it. The estimate is

    DiD = mean(after − before | participants) − mean(after − before | non-participants)

with a Welch 95 % interval on the two groups of changes. Only people with a value in both
windows count. Below ``MIN_GROUP`` people with both values in either group the figures are "too
few data" and no estimate is given. The figure describes what happened beside the training; it
does not prove the training caused it (people were not assigned at random).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sikap.lib import stats

# People with a value before and after, per group, below which no estimate is shown
# (UNCONFIRMED: a statistical default, not a regulation).
MIN_GROUP = 5
# Days of each window before the start and after the end of the training (a default).
WINDOW_DAYS = 90

# Predikat Kinerja Pegawai as an ordinal score for the before/after comparison.
PREDICATE_SCORE: dict[str, int] = {
    "SANGAT_KURANG": 1,
    "KURANG": 2,
    "BUTUH_PERBAIKAN": 3,
    "BAIK": 4,
    "SANGAT_BAIK": 5,
}

Pair = tuple[float | None, float | None]


@dataclass(frozen=True)
class Effect:
    """The DiD of one signal, or (``estimate is None``) the sizes that were too few."""

    n_participants: int
    n_controls: int
    before_participants: float | None
    after_participants: float | None
    before_controls: float | None
    after_controls: float | None
    estimate: stats.Estimate | None

    @property
    def too_few(self) -> bool:
        return self.estimate is None


def _complete(pairs: Sequence[Pair]) -> list[tuple[float, float]]:
    return [(b, a) for b, a in pairs if b is not None and a is not None]


def _mean(values: list[float]) -> float | None:
    return stats.mean(values) if values else None


def did(
    participants: Sequence[Pair], controls: Sequence[Pair], *, minimum: int = MIN_GROUP
) -> Effect:
    """Difference-in-differences of (before, after) pairs; no estimate below ``minimum``."""
    if minimum < 2:
        raise ValueError("a group needs at least two people for an interval")
    treated, control = _complete(participants), _complete(controls)
    estimate = None
    if len(treated) >= minimum and len(control) >= minimum:
        estimate = stats.welch([a - b for b, a in treated], [a - b for b, a in control])
    return Effect(
        n_participants=len(treated),
        n_controls=len(control),
        before_participants=_mean([b for b, _ in treated]),
        after_participants=_mean([a for _, a in treated]),
        before_controls=_mean([b for b, _ in control]),
        after_controls=_mean([a for _, a in control]),
        estimate=estimate,
    )
