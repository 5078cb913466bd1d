"""Rater calibration against objective signals: pure rules over plain values (no database).

For each pejabat penilai, the share of their team rated Di Atas / Di Bawah Ekspektasi (Rating
Hasil Kerja) is set beside the team's objective service signals. The signals of everyone in the
curve (the kecamatan pool under the small-unit rule) are turned into one composite per officer:
the mean of the officer's percentile ranks over the signals they have (per-officer IKM, complaint
on-time rate, services on time, evidence coverage). Officers at or below the pool's median
composite have *weaker* signals, the others *stronger*.

The test (one-sided Fisher exact, α = 0.05), per penilai with at least ``MIN_TEAM`` rated members
with a signal:

- **lenient**: among the team's weaker-signal members, the share rated Di Atas is larger than
  among the weaker-signal members of the rest of the pool beyond what chance explains;
- **strict**: among the team's stronger-signal members, the share rated Di Bawah is larger than
  among the stronger-signal members of the rest of the pool beyond chance.

A flag informs the calibration conversation; it never changes a rating.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sikap.lib import stats

ABOVE = "DI_ATAS"
BELOW = "DI_BAWAH"
ALPHA = 0.05
# Fewer rated members with a signal than this: the penilai is not tested on their own (their
# people still count in the pool).
MIN_TEAM = 5
# Fewer officers with a signal in the whole pool than this: nobody is tested.
MIN_POOL = 10

LENIENT = "lenient"
STRICT = "strict"


@dataclass(frozen=True)
class Rated:
    """One rated officer: who rated them, the Rating Hasil Kerja, the composite signal (0-1)."""

    employee_id: int
    penilai_id: int | None
    rating: str
    signal: float | None


@dataclass(frozen=True)
class RaterResult:
    penilai_id: int | None
    rated: int
    above: int
    below: int
    with_signal: int
    mean_signal: float | None
    above_ci: tuple[float, float] | None
    below_ci: tuple[float, float] | None
    tested: bool
    lenient_p: float | None
    strict_p: float | None

    @property
    def flag(self) -> str | None:
        if self.lenient_p is not None and self.lenient_p < ALPHA:
            return LENIENT
        if self.strict_p is not None and self.strict_p < ALPHA:
            return STRICT
        return None


def percentile_ranks(values: Mapping[int, float]) -> dict[int, float]:
    """Mid-rank percentile (0-1) of each value among all of them; ties share their rank."""
    ordered = sorted(values.values())
    n = len(ordered)
    result: dict[int, float] = {}
    for key, value in values.items():
        less = sum(1 for v in ordered if v < value)
        equal = sum(1 for v in ordered if v == value)
        result[key] = (less + (equal - 1) / 2) / (n - 1) if n > 1 else 0.5
    return result


def composite(signals: Mapping[int, Mapping[str, float | None]]) -> dict[int, float | None]:
    """Per officer, the mean percentile rank over the signals they have (None with none)."""
    names = {name for per in signals.values() for name in per}
    ranks: dict[str, dict[int, float]] = {}
    for name in names:
        present = {pk: v for pk, per in signals.items() if (v := per.get(name)) is not None}
        ranks[name] = percentile_ranks(present)
    result: dict[int, float | None] = {}
    for pk in signals:
        mine = [ranks[name][pk] for name in names if pk in ranks[name]]
        result[pk] = sum(mine) / len(mine) if mine else None
    return result


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def rater_results(people: Sequence[Rated]) -> list[RaterResult]:
    """One result per penilai (in order of first appearance), tested where the sizes allow."""
    with_signal = [p for p in people if p.signal is not None]
    pool_ok = len(with_signal) >= MIN_POOL
    median = _median([p.signal for p in with_signal if p.signal is not None]) if with_signal else 0
    teams: dict[int | None, list[Rated]] = {}
    for person in people:
        teams.setdefault(person.penilai_id, []).append(person)
    results = []
    for penilai_id, team in teams.items():
        above = sum(1 for p in team if p.rating == ABOVE)
        below = sum(1 for p in team if p.rating == BELOW)
        signalled = [p for p in team if p.signal is not None]
        tested = pool_ok and penilai_id is not None and len(signalled) >= MIN_TEAM
        lenient_p = strict_p = None
        if tested:
            rest = [p for p in with_signal if p.penilai_id != penilai_id]
            lenient_p = _test(signalled, rest, weaker=True, rating=ABOVE, median=median)
            strict_p = _test(signalled, rest, weaker=False, rating=BELOW, median=median)
        signals = [p.signal for p in signalled if p.signal is not None]
        results.append(
            RaterResult(
                penilai_id=penilai_id,
                rated=len(team),
                above=above,
                below=below,
                with_signal=len(signalled),
                mean_signal=sum(signals) / len(signals) if signals else None,
                above_ci=stats.wilson(above, len(team)),
                below_ci=stats.wilson(below, len(team)),
                tested=tested,
                lenient_p=lenient_p,
                strict_p=strict_p,
            )
        )
    return results


def _test(
    team: Sequence[Rated], rest: Sequence[Rated], *, weaker: bool, rating: str, median: float
) -> float | None:
    """Fisher's p that the team's share of ``rating`` in the stratum exceeds the rest's."""

    def stratum(group: Sequence[Rated]) -> list[Rated]:
        return [p for p in group if p.signal is not None and ((p.signal <= median) == weaker)]

    mine, theirs = stratum(team), stratum(rest)
    if not mine:
        return None
    a = sum(1 for p in mine if p.rating == rating)
    c = sum(1 for p in theirs if p.rating == rating)
    return stats.fisher_greater(a, len(mine) - a, c, len(theirs) - c)
