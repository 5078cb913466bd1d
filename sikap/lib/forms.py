"""Form helpers: a service's refusal back onto the form, and the typed fields set per request."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def apply_errors(form: Any, error: ValidationError) -> None:
    """Put each message on its field when the form has that field, otherwise on the whole form."""
    # The ValidationError items themselves are added, so their codes reach the form.
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        for item in error.error_list:
            form.add_error(None, item)


def errors_message(form: forms.BaseForm) -> str:
    """Every error of a bound, invalid form in one line, each field's under its label: for a
    form that is gone after the redirect, whose errors can only be told in a message."""
    return " ".join(
        str(error) if name == NON_FIELD_ERRORS else f"{form.fields[name].label}: {error}"
        for name, errors in form.errors.items()
        for error in errors
    )


def model_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's (multiple) model choice field of that name, to set its queryset per request."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's choice field of that name, to set its choices per request."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field
