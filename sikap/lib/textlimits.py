"""The maximum length of every free-text field of SIKAP, in one table (issue 12, item 5).

A public complaint of 320,000 characters was once accepted. Every ``TextField`` of every model
takes its limit from here (``**limited(LIMITS.NOTE)``: ``max_length``, which the model form
turns into a checked ``maxlength``, and a validator for ``full_clean``); plain forms use the
same numbers. ``tests/test_text_limits.py`` fails on a text field without a limit. The form
template shows "Maksimal N karakter" under every limited text area, with a live counter when
JavaScript runs.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator


class LIMITS:
    """Characters allowed, by kind of text."""

    NAME = 200  # names, titles, subjects
    SHORT = 500  # one line or two: a survey question, a short reason
    NOTE = 1000  # notes, comments, reasons
    TEXT = 2000  # an RHK, an indicator, a feedback, a realisation
    LONG = 5000  # a complaint's description, a tanggapan, a message, an objection
    DOCUMENT = 20000  # standar pelayanan sections, a maklumat, an e-mail body


def limited(limit: int) -> dict[str, Any]:
    """Keyword arguments for a model ``TextField`` of at most ``limit`` characters."""
    return {"max_length": limit, "validators": [MaxLengthValidator(limit)]}
