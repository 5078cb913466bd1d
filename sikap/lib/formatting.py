"""Dates as SIKAP writes them: ``27 November 2026`` (documents always in Indonesian)."""

from __future__ import annotations

import datetime as dt

from django.utils import formats

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def tanggal(day: dt.date | None) -> str:
    """``27 November 2026``; an empty string for no date."""
    if day is None:
        return ""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def tanggal_upper(day: dt.date | None) -> str:
    """``01 JANUARI`` style used in the PERIODE PENILAIAN line of the forms."""
    if day is None:
        return ""
    return f"{day.day:02d} {BULAN[day.month - 1].upper()}"


def long_date(day: dt.date | None) -> str:
    """``16 Desember 2026`` in the active language (``16 December 2026``), for messages."""
    if day is None:
        return ""
    return str(formats.date_format(day, "DATE_FORMAT"))
