"""Objective service evidence from the surveys and complaints apps, if they are installed.

Shown next to "Berorientasi Pelayanan" as evidence for the penilai, never as a rating. The
modules are imported lazily; if one is missing or fails, the page simply shows nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import logging
from typing import Any

logger = logging.getLogger(__name__)

SOURCES = (
    ("service", "sikap.surveys.evidence", "service_evidence"),
    ("complaints", "sikap.complaints.evidence", "complaint_evidence"),
)


def describe(item: Any) -> str:
    """A short text for an evidence object whose exact shape this app does not own."""
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
    for key, module_name, function in SOURCES:
        try:
            module = importlib.import_module(module_name)
            results = getattr(module, function)(list(employee_ids), start, end)
        except ModuleNotFoundError:
            continue
        except Exception:  # another app's bug must not break the SKP pages
            logger.exception("objective evidence from %s failed", module_name)
            continue
        for employee_id, item in (results or {}).items():
            text = describe(item)
            if text:
                found.setdefault(employee_id, []).append((key, text))
    return found
