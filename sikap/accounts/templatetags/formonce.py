"""``{% form_once %}``: the one-time token of a create form (a builtin, see settings.TEMPLATES)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from sikap.accounts import formonce

register = template.Library()


@register.simple_tag
def form_once() -> SafeString:
    """A hidden field with a fresh token; the guarded view claims it once (one tag per form)."""
    return format_html(
        '<input type="hidden" name="{}" value="{}">', formonce.FIELD, formonce.new_token()
    )
