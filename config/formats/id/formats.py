"""Dates written one way on every page, PDF and e-mail: ``16 Desember 2026`` (form inputs stay ISO)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
