"""Presentation helpers shared by every template (no business logic here)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sikap.lib.nip import printed_nip
from sikap.lib.textlimits import LIMITS

register = template.Library()

_SELECTS = {"select", "selectmultiple"}
_CHECKS = {"checkbox", "radioselect", "checkboxselectmultiple"}
_CHOICE_LISTS = {"radioselect", "checkboxselectmultiple"}


def _choice_list(field: BoundField, attrs: dict[str, Any]) -> SafeString:
    """Radio buttons and check boxes one per line as Bootstrap lays them out (.form-check): a
    bare ``form-check-input`` floats out of its label and over the field below on a phone."""
    options = []
    for option in field:
        option.data["attrs"] = {**option.data["attrs"], **attrs}
        item = format_html(
            '<div class="form-check">{}<label class="form-check-label" for="{}">{}</label></div>',
            option.tag(),
            option.id_for_label,
            option.choice_label,
        )
        options.append(item)
    role = "radiogroup" if field.widget_type == "radioselect" else "group"
    return format_html(
        '<div id="{}" role="{}" aria-label="{}">{}</div>',
        field.auto_id,
        role,
        field.label,
        SafeString("".join(options)),
    )


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
    limit = getattr(field.field, "max_length", None) if kind == "textarea" else None
    described = []
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        described.append(f"{field.id_for_label}_error")
    if limit:
        described.append(f"{field.id_for_label}_limit")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if kind in _CHOICE_LISTS:
        return _choice_list(field, attrs)
    rendered = field.as_widget(attrs=attrs)
    if limit:
        rendered = SafeString(rendered + limit_hint(limit, field.id_for_label))
    return rendered


@register.simple_tag
def limit_hint(limit: int | str, for_id: str, suffix: object = "") -> SafeString:
    """The limit ("Maksimal N karakter") under a text area; app.js makes it a live counter."""
    for_id = f"{for_id}{suffix}"
    size = getattr(LIMITS, limit) if isinstance(limit, str) else limit
    shown = number_format(size, force_grouping=True)
    return format_html(
        '<div class="form-text" id="{}_limit" data-limit-for="{}" data-left="{}">{}</div>',
        for_id,
        for_id,
        _("%(n)s characters left") % {"n": "{n}"},
        _("Maximum %(n)s characters") % {"n": shown},
    )


@register.simple_tag
def text_limit(kind: str) -> int:
    """The number of characters allowed for that kind of text (``sikap/lib/textlimits.py``)."""
    return int(getattr(LIMITS, kind))


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
