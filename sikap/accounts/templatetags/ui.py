"""Presentation helpers shared by every template (no business logic here)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.formats import number_format
from django.utils.safestring import SafeString

from sikap.lib.nip import printed_nip

register = template.Library()

_SELECTS = {"select", "selectmultiple"}
_CHECKS = {"checkbox", "radioselect", "checkboxselectmultiple"}


@register.filter
def widget(field: BoundField) -> SafeString:
    """Render a form field's widget with Bootstrap classes and its error description."""
    kind = field.widget_type
    css = (
        "form-select"
        if kind in _SELECTS
        else "form-check-input"
        if kind in _CHECKS
        else "form-control"
    )
    attrs: dict[str, Any] = {"class": css}
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{field.id_for_label}_error"
    return field.as_widget(attrs=attrs)


@register.filter
def num(value: Any, places: int = 2) -> str:
    """A number in the active locale: ``88,31`` in Indonesian."""
    if value is None or value == "":
        return "-"
    return number_format(Decimal(str(value)), places, use_l10n=True)


@register.filter
def nip(value: Any) -> str:
    """A NIP printed one way (``19770820 200511 1 002``), whatever form it was stored in."""
    return printed_nip(str(value)) if value else "-"
