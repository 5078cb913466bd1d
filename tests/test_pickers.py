"""Every field that picks a position or a person shows its unit and jabatan, in constant queries."""

from __future__ import annotations

import pytest
from django import forms

from sikap.org.forms import OverrideForm, TransferForm
from sikap.org.models import Employee, Position
from sikap.org.pickers import EmployeeChoiceField, EmployeeMultipleChoiceField, PositionChoiceField
from sikap.org.testing import make_employee, make_position, make_unit
from tests.test_forms_keep_dates import _project_forms

PICKERS = (PositionChoiceField, EmployeeChoiceField, EmployeeMultipleChoiceField)

PICKER_FIELDS = [
    pytest.param(form, name, id=f"{form.__module__}.{form.__qualname__}.{name}")
    for form in _project_forms()
    for name, field in form.base_fields.items()
    if isinstance(field, forms.ModelChoiceField) and field.queryset.model in (Position, Employee)
]


def test_the_walk_finds_the_position_and_people_pickers():
    names = {p.id for p in PICKER_FIELDS}
    assert "sikap.org.forms.TransferForm.position" in names
    assert "sikap.org.forms.PositionForm.reports_to" in names
    assert "sikap.complaints.forms.AssignForm.assignee" in names
    assert "sikap.surveys.forms.CounterForm.officers" in names
    assert len(names) >= 9


@pytest.mark.parametrize(("form", "name"), PICKER_FIELDS)
def test_no_picker_uses_the_default_label(form, name):
    field = form.base_fields[name]
    assert isinstance(field, PICKERS), f"{form.__qualname__}.{name} shows bare names"


def test_a_position_shows_its_unit_and_a_person_their_nip_jabatan_and_unit(
    personas, django_assert_num_queries
):
    form = TransferForm(positions=Position.objects.filter(unit=personas.seksi))
    with django_assert_num_queries(1):
        labels = [label for _value, label in form.fields["position"].choices][1:]
    assert "Kepala Seksi Pemerintahan — Seksi Pemerintahan" in labels

    override = OverrideForm(employees=Employee.objects.filter(pk=personas.penilai.pk))
    [(_value, label)] = list(override.fields["penilai"].choices)[1:]
    nip = personas.penilai.nip
    assert label == (
        f"Agus Setiawan, S.IP. ({nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]})"
        " — Kepala Seksi Pemerintahan, Seksi Pemerintahan"
    )


def test_the_options_cost_one_query_however_many_people(personas, django_assert_num_queries):
    for n in range(8):
        unit = make_unit(f"Kelurahan {n}", parent=personas.kecamatan)
        make_employee(make_position(unit, "Kepala Seksi Pemerintahan"), f"Pegawai {n}")
    form = OverrideForm(employees=Employee.objects.all())
    with django_assert_num_queries(1):
        html = str(form["penilai"])
    assert html.count("Kepala Seksi Pemerintahan, Kelurahan") == 8


def test_a_person_without_position_or_nip_is_shown_by_name():
    field = EmployeeChoiceField()
    assert field.label_from_instance(Employee(name="Wali Kota")) == "Wali Kota"
