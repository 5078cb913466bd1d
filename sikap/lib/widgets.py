"""Form widgets whose values the browser can read back whatever the interface language.

``<input type=date>`` only understands ISO values (``2026-11-27``). Django's ``DateInput``
renders the first input format of the active language instead (``27-11-2026`` in Indonesian),
which the browser shows as an empty field and a re-save turns into NULL. Every form of the
project uses these widgets, so a form re-submitted unchanged changes nothing.
"""

from __future__ import annotations

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_MONTH = "%Y-%m"
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class IsoDateInput(forms.DateInput):
    """``<input type=date>`` with an ISO value."""

    input_type = "date"

    def __init__(self, attrs: dict[str, object] | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DATE)


class IsoDateTimeInput(forms.DateTimeInput):
    """``<input type=datetime-local>`` with an ISO value to the minute."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, object] | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DATETIME_LOCAL)


class IsoMonthInput(forms.DateInput):
    """``<input type=month>`` with an ISO ``YYYY-MM`` value."""

    input_type = "month"

    def __init__(self, attrs: dict[str, object] | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_MONTH)
