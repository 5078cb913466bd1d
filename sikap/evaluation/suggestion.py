"""A suggested Rating Hasil Kerja with its reasons; shown to the penilai, never applied.

[P6] leaves the rating to the penilai's judgement "tanpa ada persyaratan pembobotan tertentu"
(domain.md §1.6), so this is only a hint built from the quantitative indicators of the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from sikap.evaluation.rules import Rating


@dataclass(frozen=True)
class IndicatorOutcome:
    """One indicator with a numeric target in one period."""

    main: bool  # an indicator of an RHK Utama
    target: Decimal
    realisation: Decimal | None


@dataclass(frozen=True)
class Suggestion:
    rating: Rating | None
    reasons: tuple[str, ...]


def suggest_result_rating(outcomes: list[IndicatorOutcome]) -> Suggestion:
    """Di Atas if all met and most exceeded with no Utama below; Di Bawah if most are below."""
    measured = [o for o in outcomes if o.realisation is not None and o.target > 0]
    if not measured:
        return Suggestion(
            None, (_("There is no numeric realisation yet to compare with the target."),)
        )
    met = [o for o in measured if o.realisation is not None and o.realisation >= o.target]
    exceeded = [o for o in measured if o.realisation is not None and o.realisation > o.target]
    main_below = [o for o in measured if o.main and o not in met]
    reasons = [
        _("%(met)s of %(n)s indicators met the target (%(pct)s%%).")
        % {"met": len(met), "n": len(measured), "pct": round(100 * len(met) / len(measured))},
        _("%(n)s indicator(s) exceeded the target.") % {"n": len(exceeded)},
        _("%(n)s main work result indicator(s) below the target.") % {"n": len(main_below)},
    ]
    missing = len(outcomes) - len(measured)
    if missing:
        reasons.append(
            _("%(n)s indicator(s) without a numeric realisation not counted.") % {"n": missing}
        )
    if 2 * len(met) < len(measured):
        rating = Rating.DI_BAWAH
    elif not main_below and 2 * len(exceeded) > len(measured):
        rating = Rating.DI_ATAS
    else:
        rating = Rating.SESUAI
    return Suggestion(rating, tuple(reasons))
