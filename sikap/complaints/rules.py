"""Pure rules of complaint handling: the lifecycle, tracking codes, the on-time rate and medians."""

from __future__ import annotations

import datetime as dt
import secrets
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
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


# The lifecycle of a complaint (statuses as in ``models.Status``).
REGISTERED, VERIFIED, ASSIGNED, IN_PROGRESS, ANSWERED, CLOSED = (
    "registered",
    "verified",
    "assigned",
    "in_progress",
    "answered",
    "closed",
)
STATUSES = (REGISTERED, VERIFIED, ASSIGNED, IN_PROGRESS, ANSWERED, CLOSED)
OPEN = (REGISTERED, VERIFIED, ASSIGNED, IN_PROGRESS)

MANAGER, WORKER, CITIZEN, SYSTEM = "manager", "worker", "citizen", "system"


@dataclass(frozen=True)
class Step:
    """One action of the lifecycle: who takes it, from which statuses, to which status."""

    actor: str  # manager: unit heads and HR admins; worker: managers and the assignee
    moves: dict[str, str]  # status before → status after
    paused: bool | None = None  # only while paused (True), only while running (False), either


def _stay(statuses: Iterable[str]) -> dict[str, str]:
    return {s: s for s in statuses}


# In the order the staff page offers the actions.
TRANSITIONS: dict[str, Step] = {
    "verify": Step(MANAGER, {REGISTERED: VERIFIED}, paused=False),
    "reject": Step(MANAGER, {REGISTERED: CLOSED, VERIFIED: CLOSED}),
    # "No wrong door" (PermenPAN-RB 5/2025): to the competent unit inside SIKAP, where the
    # clock keeps running from the original registration, or to an instansi outside it.
    "forward": Step(MANAGER, {REGISTERED: REGISTERED, VERIFIED: VERIFIED, ASSIGNED: VERIFIED}),
    "forward_out": Step(MANAGER, {REGISTERED: CLOSED, VERIFIED: CLOSED, ASSIGNED: CLOSED}),
    "assign": Step(MANAGER, {VERIFIED: ASSIGNED, **_stay([ASSIGNED, IN_PROGRESS])}),
    "extend": Step(MANAGER, _stay([VERIFIED, ASSIGNED, IN_PROGRESS]), paused=False),
    "start": Step(WORKER, {ASSIGNED: IN_PROGRESS}),
    "answer": Step(WORKER, {ASSIGNED: ANSWERED, IN_PROGRESS: ANSWERED}, paused=False),
    "pause": Step(WORKER, _stay(OPEN), paused=False),
    "resume": Step(WORKER, _stay(OPEN), paused=True),
    "note": Step(WORKER, _stay(STATUSES)),
    "reply": Step(CITIZEN, _stay(s for s in STATUSES if s != CLOSED)),
    # Once only (``Complaint.reopened``): back to whoever handled it.
    "reopen": Step(CITIZEN, {ANSWERED: IN_PROGRESS}),
    "reopen_unassigned": Step(CITIZEN, {ANSWERED: VERIFIED}),
    "confirm": Step(CITIZEN, {ANSWERED: CLOSED}),
    "timeout": Step(SYSTEM, {ANSWERED: CLOSED}),
}
STAFF_ACTIONS = tuple(name for name, step in TRANSITIONS.items() if step.actor in (MANAGER, WORKER))


def refusal(action: str, status: str, *, paused: bool) -> str | None:
    """Why the action cannot be taken now: "status", "paused" or "running"; None if it can."""
    step = TRANSITIONS[action]
    if status not in step.moves:
        return "status"
    if step.paused is False and paused:
        return "paused"
    if step.paused is True and not paused:
        return "running"
    return None


def allows(action: str, status: str, *, paused: bool) -> bool:
    """Whether the action may be taken on a complaint in that status."""
    return refusal(action, status, paused=paused) is None


def next_status(action: str, status: str) -> str:
    """The status a complaint has after the action (it must be allowed from ``status``)."""
    return TRANSITIONS[action].moves[status]


def sources(action: str) -> tuple[str, ...]:
    """The statuses from which the action may be taken."""
    return tuple(TRANSITIONS[action].moves)


def staff_actions(status: str, *, paused: bool, manager: bool, worker: bool) -> list[str]:
    """The actions offered to a member of staff, in page order."""
    roles = {MANAGER} if manager else set()
    if worker:
        roles.add(WORKER)
    return [
        name
        for name in STAFF_ACTIONS
        if TRANSITIONS[name].actor in roles and allows(name, status, paused=paused)
    ]


def may_reopen(confirmation_due: dt.date | None, day: dt.date) -> bool:
    """The citizen may reopen an answered report until its confirmation window ends."""
    return confirmation_due is None or day <= confirmation_due


def timeout_closing_day(confirmation_due: dt.date, ran_on: dt.date) -> dt.date:
    """An auto-closed report closes on the day its confirmation window ended, not when the job ran."""
    return min(confirmation_due, ran_on)


HOLIDAY_WARNING_FROM = (10, 1)  # the SKB for next year is usually out by September–October


def missing_calendar_year(today: dt.date, years_entered: Iterable[int]) -> int | None:
    """From 1 October, next year when none of its holidays are entered yet; else None."""
    if (today.month, today.day) < HOLIDAY_WARNING_FROM:
        return None
    following = today.year + 1
    return None if following in set(years_entered) else following
