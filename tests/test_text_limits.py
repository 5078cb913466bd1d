"""Every free-text field has a maximum length, on the model and on the form (issue 12, item 5)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models

import sikap


def _sikap_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("sikap.")]


def _file_copy(model: type[models.Model], field: object) -> bool:
    original = getattr(model, "instance_type", None)
    if original is None:
        return False
    try:
        source = original._meta.get_field(field.name)
    except Exception:
        return False
    return isinstance(source, models.FileField)


def test_every_text_field_of_every_model_has_a_limit() -> None:
    missing = []
    for model in _sikap_models():
        for field in model._meta.get_fields():
            if field.name == "history_change_reason" or _file_copy(model, field):
                continue  # written by simple-history: a reason we pass, or a generated file name
            if isinstance(field, models.TextField):
                limit = field.max_length
                checked = any(
                    isinstance(v, MaxLengthValidator) and v.limit_value == limit
                    for v in field.validators
                )
                if not limit or not checked:
                    missing.append(f"{model._meta.label}.{field.name}")
            elif isinstance(field, models.CharField) and not field.max_length:
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == [], missing


def _form_classes() -> list[type[forms.BaseForm]]:
    for info in pkgutil.walk_packages(sikap.__path__, "sikap."):
        if ".tests" in info.name or info.name.endswith((".testing", ".migrations")):
            continue
        if ".migrations." in info.name or info.name.rsplit(".", 1)[-1] in {"demo", "generate"}:
            continue
        importlib.import_module(info.name)
    found: list[type[forms.BaseForm]] = []
    todo: list[type] = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("sikap.") and ".tests." not in sub.__module__:
                found.append(sub)
    return found


@pytest.mark.django_db
def test_every_text_input_of_every_form_has_a_limit() -> None:
    missing = []
    for form in _form_classes():
        for name, field in form.base_fields.items():
            texts = (forms.CharField, forms.EmailField, forms.URLField, forms.RegexField)
            if type(field) in texts and not field.max_length:
                missing.append(f"{form.__module__}.{form.__name__}.{name}")
    assert missing == [], missing
