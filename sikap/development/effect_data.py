"""The service signals of a training's participants and comparable non-participants, before and after.

Comparable non-participants: the active employees of the participants' units who did not attend
the training. Windows: ``effect.WINDOW_DAYS`` before the start and after the end (the after
window is read only once it has ended). Predikat: the last evaluated period ending before the
start, and the first starting after the end. The statistics are in ``effect.py`` (pure).
A fixed number of queries per training (13), and per jenis diklat at most ``MAX_EVENTS`` trainings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from sikap.complaints.evidence import complaint_evidence
from sikap.development import effect
from sikap.development.models import Participant, TrainingEvent
from sikap.evaluation.models import Evaluation
from sikap.org.models import Employee
from sikap.surveys.evidence import service_evidence

# Per jenis diklat, the most recent trainings pooled (bounds the work of one page).
MAX_EVENTS = 6

Pairs = dict[str, list[effect.Pair]]

SIGNALS: tuple[tuple[str, Any], ...] = (
    ("ikm", _("IKM of the services they delivered")),
    ("complaints", _("Complaints closed on time (%)")),
    ("services", _("Services within the standard time (%)")),
    ("predicate", _("Predikat (1 = Sangat Kurang … 5 = Sangat Baik)")),
)


@dataclass
class SignalEffect:
    key: str
    label: str
    result: effect.Effect


@dataclass
class TrainingEffect:
    """The DiD of each signal for one training (or all of one jenis), once the window is over."""

    participants: int
    controls: int
    ready: bool
    after_until: dt.date
    signals: list[SignalEffect]

    def chart(self) -> dict[str, Any]:
        """Before/after means of both groups per signal, for Chart.js."""
        return {
            "labels": [str(s.label) for s in self.signals],
            "series": [
                {
                    "key": s.key,
                    "label": str(s.label),
                    "participants": [s.result.before_participants, s.result.after_participants],
                    "controls": [s.result.before_controls, s.result.after_controls],
                }
                for s in self.signals
            ],
        }


def _windows(event: TrainingEvent) -> tuple[dt.date, dt.date, dt.date, dt.date]:
    days = dt.timedelta(days=effect.WINDOW_DAYS)
    before_end = event.start_date - dt.timedelta(days=1)
    after_start = event.end_date + dt.timedelta(days=1)
    return event.start_date - days, before_end, after_start, event.end_date + days


def _value(key: str, item: Any) -> float | None:
    if item is None:
        return None
    if key == "ikm":
        return float(item.ikm) if item.ikm is not None else None
    if key == "services":
        return 100 * item.on_time / item.completed if item.completed else None
    return float(item.on_time_rate) if item.on_time_rate is not None else None


def _predicates(ids: list[int], event: TrainingEvent) -> tuple[dict[int, int], dict[int, int]]:
    before: dict[int, tuple[dt.date, int]] = {}
    after: dict[int, tuple[dt.date, int]] = {}
    for row in (
        Evaluation.objects.filter(employee_id__in=ids)
        .exclude(predicate="")
        .values("employee_id", "predicate", "period__start_date", "period__end_date")
    ):
        score = effect.PREDICATE_SCORE.get(row["predicate"])
        if score is None:
            continue
        pk = row["employee_id"]
        if row["period__end_date"] < event.start_date:
            if pk not in before or before[pk][0] < row["period__end_date"]:
                before[pk] = (row["period__end_date"], score)
        elif row["period__start_date"] > event.end_date and (
            pk not in after or after[pk][0] > row["period__start_date"]
        ):
            after[pk] = (row["period__start_date"], score)
    return {k: v[1] for k, v in before.items()}, {k: v[1] for k, v in after.items()}


def _pairs(event: TrainingEvent, today: dt.date) -> tuple[Pairs, Pairs, bool, dt.date]:
    """(participants' pairs, controls' pairs, ready, end of the after window) per signal."""
    rows = list(
        Participant.objects.filter(event=event, attended=True).values_list(
            "employee_id", "employee__unit_id"
        )
    )
    treated = [pk for pk, _ in rows]
    units = {unit for _, unit in rows if unit is not None}
    controls = list(
        Employee.objects.filter(unit_id__in=units, is_active=True)
        .exclude(pk__in=treated)
        .values_list("pk", flat=True)
    )
    b0, b1, a0, a1 = _windows(event)
    ready = a1 <= today
    empty: Pairs = {key: [] for key, _ in SIGNALS}
    if not ready or not treated:
        return empty, {key: [] for key, _ in SIGNALS}, ready, a1
    ids = treated + controls
    sources: list[tuple[str, Callable[..., Mapping[int, Any]]]] = [
        ("ikm", service_evidence),
        ("services", service_evidence),
        ("complaints", complaint_evidence),
    ]
    cache: dict[str, tuple[Mapping[int, Any], Mapping[int, Any]]] = {
        "service_evidence": (service_evidence(ids, b0, b1), service_evidence(ids, a0, a1)),
        "complaint_evidence": (complaint_evidence(ids, b0, b1), complaint_evidence(ids, a0, a1)),
    }
    p_before, p_after = _predicates(ids, event)

    def pairs_for(group: list[int]) -> Pairs:
        out: Pairs = {}
        for key, function in sources:
            before, after = cache[function.__name__]
            out[key] = [(_value(key, before.get(pk)), _value(key, after.get(pk))) for pk in group]
        out["predicate"] = [
            (
                float(p_before[pk]) if pk in p_before else None,
                float(p_after[pk]) if pk in p_after else None,
            )
            for pk in group
        ]
        return out

    return pairs_for(treated), pairs_for(controls), ready, a1


def _effect(treated: Pairs, controls: Pairs, ready: bool, until: dt.date) -> TrainingEffect:
    signals = [
        SignalEffect(key, str(label), effect.did(treated[key], controls[key]))
        for key, label in SIGNALS
    ]
    return TrainingEffect(
        participants=len(treated["predicate"]),
        controls=len(controls["predicate"]),
        ready=ready,
        after_until=until,
        signals=signals,
    )


def training_effect(event: TrainingEvent, today: dt.date) -> TrainingEffect:
    """The DiD of every signal for one training."""
    return _effect(*_pairs(event, today))


def jenis_effect(events: list[TrainingEvent], today: dt.date) -> TrainingEffect:
    """The DiD of every signal over the most recent finished trainings of one jenis, pooled."""
    treated: Pairs = {key: [] for key, _ in SIGNALS}
    controls: Pairs = {key: [] for key, _ in SIGNALS}
    finished = sorted(
        (e for e in events if _windows(e)[3] <= today), key=lambda e: e.end_date, reverse=True
    )[:MAX_EVENTS]
    for event in finished:
        t, c, _, _ = _pairs(event, today)
        for key in treated:
            treated[key] += t[key]
            controls[key] += c[key]
    until = max((_windows(e)[3] for e in finished), default=today)
    return _effect(treated, controls, bool(finished), until)
