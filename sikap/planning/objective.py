"""Objective service evidence from the apps that record public services (surveys, complaints).

Shown next to "Berorientasi Pelayanan" as evidence for the penilai, never as a rating. Those apps
sit above planning, so they register an ``EvidenceSource`` in ``SOURCES`` in their
``AppConfig.ready``; if a source fails, the page simply shows nothing from it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from sikap.lib.hooks import Hook

logger = logging.getLogger(__name__)


class EvidenceSource(NamedTuple):
    """``function(employee_ids, start, end)`` returns an evidence object per employee id."""

    key: str
    function: Callable[[list[int], dt.date, dt.date], Mapping[int, Any]]


SOURCES: Hook[EvidenceSource] = Hook("objective evidence")


def _service_text(item: Any) -> str:
    text = _("%(services)s services, %(completed)s completed, %(on_time)s on time") % {
        "services": item.services,
        "completed": item.completed,
        "on_time": item.on_time,
    }
    if getattr(item, "ikm", None) is not None:
        text += "; " + _("IKM %(ikm)s (%(quality)s) from %(n)s responses") % {
            "ikm": number_format(item.ikm, 2),
            "quality": item.quality or "-",
            "n": item.responses,
        }
    else:
        text += "; " + _("%(n)s survey responses (IKM shown from %(min)s)") % {
            "n": item.responses,
            "min": getattr(item, "minimum_responses", "-"),
        }
    return text


def _complaint_text(item: Any) -> str:
    text = _(
        "%(handled)s complaints handled, %(closed)s closed (%(on_time)s on time), %(overdue)s overdue"
    ) % {
        "handled": item.handled,
        "closed": item.closed,
        "on_time": item.closed_on_time,
        "overdue": item.overdue,
    }
    if getattr(item, "mean_rating", None) is not None:
        text += "; " + _("mean rating %(rating)s") % {"rating": number_format(item.mean_rating, 1)}
    return text


def describe(item: Any) -> str:
    """A short text for an evidence object whose exact shape this app does not own."""
    try:
        if all(hasattr(item, a) for a in ("services", "completed", "on_time", "responses")):
            return _service_text(item)
        if all(hasattr(item, a) for a in ("handled", "closed", "closed_on_time", "overdue")):
            return _complaint_text(item)
    except (TypeError, ValueError, AttributeError):
        logger.exception("unexpected evidence shape")
    for attr in ("summary", "label", "text"):
        value = getattr(item, attr, None)
        if isinstance(value, str) and value:
            return value
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        parts = [
            f"{f.name.replace('_', ' ')}: {getattr(item, f.name)}"
            for f in dataclasses.fields(item)
            if isinstance(getattr(item, f.name), (int, float, str)) and f.name != "employee_id"
        ]
        return "; ".join(parts)
    return str(item)


def objective_evidence(
    employee_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, list[tuple[str, str]]]:
    """For each employee, (source, text) pairs of objective service evidence in the range."""
    found: dict[int, list[tuple[str, str]]] = {}
    if not employee_ids:
        return found
    for key, function in SOURCES:
        try:
            results = function(list(employee_ids), start, end)
        except Exception:  # another app's bug must not break the SKP pages
            logger.exception("objective evidence %r failed", key)
            continue
        for employee_id, item in (results or {}).items():
            text = describe(item)
            if text:
                found.setdefault(employee_id, []).append((key, text))
    return found
