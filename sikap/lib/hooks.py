"""Extension points: a lower app declares a ``Hook``, the apps above fill it in ``AppConfig.ready``.

This keeps the app graph one way (``tests/test_import_direction.py``): the menu in accounts, the
demo loader in org and the objective evidence in planning call into the apps above them without
importing them, by name or otherwise.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db import transaction

logger = logging.getLogger(__name__)

T = TypeVar("T")


class Hook(Generic[T]):
    """An ordered list of contributions (functions, or small records) from other apps."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: list[tuple[int, int, T]] = []

    def __repr__(self) -> str:
        return f"Hook({self.name!r}, {len(self._entries)} entries)"

    def register(self, item: T, *, order: int = 50) -> T:
        """Add an item (once: registering it again, e.g. from a second ``ready``, is ignored)."""
        if all(existing != item for _order, _n, existing in self._entries):
            self._entries.append((order, len(self._entries), item))
            self._entries.sort(key=lambda entry: entry[:2])
        return item

    def __iter__(self) -> Iterator[T]:
        return iter([item for _order, _n, item in self._entries])

    def __len__(self) -> int:
        return len(self._entries)


@dataclass(frozen=True)
class WorkDone:
    """A piece of work an officer did in SIKAP, offered to the Progres Harian as a draft (§8.2).

    Producers (the service register, complaint actions, training attended, feedback and
    bimbingan kinerja given) emit it; the daily log subscribes in its ``AppConfig.ready`` and
    keeps at most one entry per ``(source, source_id, user_id)``, so emitting twice is harmless.
    """

    source: str  # e.g. "surveys.service_record", "complaints.verification"
    source_id: int
    user_id: int  # the officer who did the work
    day: dt.date
    activity: str  # the Kegiatan Harian, in Indonesian
    start: dt.time | None = None
    end: dt.time | None = None
    quantity: int = 1  # Realisasi: a whole number
    satuan: str = ""
    evidence_url: str = ""  # a page or file in SIKAP, the Bukti Dukung link


WORK_DONE: Hook[Callable[[WorkDone], None]] = Hook("work_done")


def emit_work_done(event: WorkDone) -> None:
    """Hand the event to every subscriber after the producer's transaction commits.

    A subscriber that fails is logged and skipped: recording the work never fails the save.
    """

    def deliver() -> None:
        for subscriber in WORK_DONE:
            try:
                subscriber(event)
            except Exception:
                logger.exception("work_done subscriber %r failed for %s", subscriber, event)

    transaction.on_commit(deliver)


@dataclass(frozen=True)
class ThemeQuery:
    """Which citizens' reports a theme provider counts: one service unit's own reports of a period.

    ``path`` is the unit's subtree; ``excluded`` are the subtrees of the service units below it
    (a kelurahan's reports are not the kecamatan office's); ``service`` narrows to the reports
    naming one service (case-insensitive), empty for all.
    """

    path: str
    excluded: tuple[str, ...]
    start: dt.date
    end: dt.date
    service: str = ""


@dataclass(frozen=True)
class CitizenTheme:
    """A theme of citizens' reports (a complaint category) with its count and first/last day."""

    source: str  # e.g. "complaints"
    name: str  # already translated or an official name; never a citizen's own words
    count: int
    first: dt.date
    last: dt.date


# The survey's suggestions page shows the complaint themes of a unit beside its saran;
# complaints sits beside surveys in the app graph, so it fills this hook in its ready.
CITIZEN_THEMES: Hook[Callable[[ThemeQuery], list[CitizenTheme]]] = Hook("citizen_themes")


@dataclass(frozen=True)
class RealisationHint:
    """The approved Progres Harian total of an indicator's RHK in a period, and its satuan."""

    total: int
    satuan: str = ""


# ``provider(indicator_ids, period_id) -> {indicator_id: RealisationHint}``: planning's realisation
# page asks once for all its indicators; the Progres Harian answers in one query (§8.2 roll-up).
REALISATION_HINTS: Hook[Callable[[list[int], int], dict[int, RealisationHint]]] = Hook(
    "realisation_hints"
)


def realisation_hints(indicator_ids: list[int], period_id: int) -> dict[int, RealisationHint]:
    """What the registered providers say about these indicators (the first answer wins)."""
    found: dict[int, RealisationHint] = {}
    if not indicator_ids:
        return found
    for provider in REALISATION_HINTS:
        for key, hint in provider(indicator_ids, period_id).items():
            found.setdefault(key, hint)
    return found
