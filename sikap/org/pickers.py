"""The one way a form offers positions and people: with their unit and jabatan.

A city has eight "Kepala Seksi Pemerintahan"; a bare name cannot be chosen. Every form field
that picks a :class:`Position` or an :class:`Employee` is one of the fields below, whose label
reads "Kepala Seksi Pemerintahan — Kelurahan Plaju Ulu" or "Nama (NIP) — Jabatan, Unit", and
whose queryset, whatever a view sets, joins what the label needs (no query per option).
``tests/test_pickers.py`` walks every form class and fails on a default label.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from sikap.lib.nip import printed_nip
from sikap.org.models import Employee, Position


def position_label(position: Position) -> str:
    """``Kepala Seksi Pemerintahan — Kelurahan Plaju Ulu``."""
    return f"{position.name} — {position.unit.name}"


def employee_label(employee: Employee) -> str:
    """``Nama (NIP) — Jabatan, Unit``; parts the record lacks are left out."""
    label = employee.display_name
    if employee.nip:
        label = f"{label} ({printed_nip(employee.nip)})"
    where = [part.name for part in (employee.position, employee.unit) if part is not None]
    return f"{label} — {', '.join(where)}" if where else label


class _Picker:
    """Joins the related rows of the label into whatever queryset the view sets."""

    joins: tuple[str, ...] = ()

    def _set_queryset(self, queryset: QuerySet[Any] | None) -> None:
        if queryset is not None:
            queryset = queryset.select_related(*self.joins)
        forms.ModelChoiceField._set_queryset(self, queryset)  # type: ignore[attr-defined]

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)  # type: ignore[attr-defined]


class PositionChoiceField(_Picker, forms.ModelChoiceField):
    joins = ("unit",)

    def __init__(self, queryset: Any = None, **kwargs: Any) -> None:
        super().__init__(Position.objects.none() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return position_label(obj)


class EmployeeChoiceField(_Picker, forms.ModelChoiceField):
    joins = ("position", "unit")

    def __init__(self, queryset: Any = None, **kwargs: Any) -> None:
        super().__init__(Employee.objects.none() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return employee_label(obj)


class EmployeeMultipleChoiceField(_Picker, forms.ModelMultipleChoiceField):
    joins = ("position", "unit")

    def __init__(self, queryset: Any = None, **kwargs: Any) -> None:
        super().__init__(Employee.objects.none() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return employee_label(obj)
