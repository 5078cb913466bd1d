"""Pure rules of complaint handling: tracking codes, the on-time rate and medians (no ORM)."""

from __future__ import annotations

import secrets
import statistics
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

# Crockford's base32: no I, L, O or U, so a code read over the phone is not misheard.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 32**10 ≈ 10**15 codes: not guessable by trying


def new_tracking_code() -> str:
    """A random tracking code of 10 Crockford base32 characters."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


_LOOKALIKES = str.maketrans("OIL", "011")


def normalise_code(text: str) -> str:
    """Upper-case a typed code, drop spaces and dashes and map look-alike letters."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -")
    return cleaned.translate(_LOOKALIKES)


def on_time_rate(closed_on_time: int, closed: int, open_overdue: int) -> Decimal | None:
    """Closed on time ÷ (closed + open and overdue) as a percentage with two decimals.

    Open complaints that are already overdue count against the rate, so a month with many
    unresolved late complaints cannot show a false 100 %. None when there is nothing to rate.
    """
    if closed_on_time < 0 or closed < 0 or open_overdue < 0 or closed_on_time > closed:
        raise ValueError("counts must be non-negative and closed_on_time <= closed")
    denominator = closed + open_overdue
    if denominator == 0:
        return None
    rate = Decimal(closed_on_time * 100) / Decimal(denominator)
    return rate.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def median_days(values: Iterable[int | None]) -> Decimal | None:
    """The median of the known values (None ignored), one decimal; None for no values."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    return Decimal(str(statistics.median(known))).quantize(Decimal("0.1"), ROUND_HALF_UP)
