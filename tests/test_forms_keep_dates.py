"""Every date field of every form renders a value its browser input can read back.

The bug class: Django's ``DateInput`` renders the active language's first input format
(``27-11-2026`` in Indonesian), which ``<input type=date>`` shows as empty, so a re-save
stored NULL. Every form class of the project is found by walking the subclasses of
``BaseForm`` after importing every module that defines forms.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import pytest
from django import forms
from django.utils import timezone, translation

import sikap
from sikap.lib.widgets import IsoDateInput, IsoDateTimeInput, IsoMonthInput

DAY = dt.date(2026, 11, 27)
MOMENT = dt.datetime(2026, 11, 27, 9, 30)


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(sikap.__path__, "sikap."):
        name = module.name
        if ".tests" in name or ".migrations" in name or name.endswith(".demo"):
            continue
        if any(part in name for part in ("forms", "views", "admin")):
            importlib.import_module(name)
    found: list[type[forms.BaseForm]] = []
    stack: list[type[forms.BaseForm]] = [forms.BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("sikap.") and ".admin" not in sub.__module__:
                found.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


DATE_FIELDS = [
    pytest.param(form, name, id=f"{form.__module__}.{form.__qualname__}.{name}")
    for form in _project_forms()
    for name, field in form.base_fields.items()
    if isinstance(field, forms.DateField | forms.DateTimeField)
]


def test_the_walk_finds_the_date_fields_of_the_project():
    names = {p.id for p in DATE_FIELDS}
    assert "sikap.surveys.forms.FollowUpForm.target_date" in names
    assert "sikap.surveys.forms.ImportForm.survey_date" in names
    assert len(names) >= 15


@pytest.mark.parametrize(("form", "name"), DATE_FIELDS)
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_date_field_renders_iso_and_reads_its_own_value_back(form, name, language):
    field = form.base_fields[name]
    with translation.override(language):
        if isinstance(field, forms.DateTimeField):
            assert isinstance(field.widget, IsoDateTimeInput)
            value: dt.date = timezone.make_aware(MOMENT)
            rendered = field.widget.format_value(value)
            assert rendered == "2026-11-27T09:30"
        else:
            assert isinstance(field.widget, IsoDateInput)
            value = DAY
            rendered = field.widget.format_value(value)
            assert rendered == "2026-11-27"
        assert field.clean(rendered) == value


def test_month_inputs_use_the_iso_month_widget():
    fields = [
        (form, name)
        for form in _project_forms()
        for name, field in form.base_fields.items()
        if getattr(field.widget, "input_type", "") == "month"
    ]
    assert fields
    for form, name in fields:
        widget = form.base_fields[name].widget
        assert isinstance(widget, IsoMonthInput), (form, name)
        with translation.override("id"):
            assert widget.format_value(DAY) == "2026-11"
