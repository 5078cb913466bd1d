from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.lib.forms import model_field
from sikap.lib.widgets import IsoDateInput
from sikap.org.models import (
    PPPK_KINDS,
    AssignmentKind,
    Employee,
    JenisAsn,
    Position,
    Unit,
    UnitKind,
)
from sikap.org.pickers import EmployeeChoiceField, PositionChoiceField
from sikap.org.rules import GOLONGAN_PNS, GOLONGAN_PPPK


def golongan_choices() -> list[tuple[str, Any]]:
    return [
        ("", "—"),
        ("PNS", [(g.code, g.label) for g in GOLONGAN_PNS]),
        ("PPPK", [(code, f"Golongan {code}") for code in GOLONGAN_PPPK]),
    ]


class EmployeeForm(forms.ModelForm):
    golongan = forms.ChoiceField(label=_("golongan/ruang"), choices=golongan_choices)

    class Meta:
        model = Employee
        fields = [
            "nip",
            "front_title",
            "name",
            "back_title",
            "jenis_asn",
            "golongan",
            "email",
            "phone",
            "is_active",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        jenis, golongan = data.get("jenis_asn"), data.get("golongan", "")
        if jenis in PPPK_KINDS and golongan and golongan not in GOLONGAN_PPPK:
            self.add_error("golongan", _("A PPPK employee needs a PPPK golongan (I–XVII)."))
        if jenis == JenisAsn.PNS and golongan in GOLONGAN_PPPK:
            self.add_error("golongan", _("A PNS employee needs a golongan/ruang I/a–IV/e."))
        return data

    def _post_clean(self) -> None:
        # Uniqueness and NIP rules are checked by the service, with messages per field.
        pass


class NewEmployeeForm(EmployeeForm):
    position = PositionChoiceField(label=_("position"))
    start_date = forms.DateField(label=_("start date in the position"), widget=IsoDateInput())

    def __init__(self, *args: Any, positions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "position").queryset = positions


class TransferForm(forms.Form):
    position = PositionChoiceField(label=_("new position"))
    start_date = forms.DateField(label=_("start date"), widget=IsoDateInput())
    decree_number = forms.CharField(label=_("decree (SK) number"), max_length=100, required=False)
    note = forms.CharField(label=_("note"), max_length=255, required=False)

    def __init__(self, *args: Any, positions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "position").queryset = positions


class ActingForm(forms.Form):
    position = PositionChoiceField(label=_("position"))
    kind = forms.ChoiceField(
        label=_("kind"), choices=[(AssignmentKind.PLT, "Plt."), (AssignmentKind.PLH, "Plh.")]
    )
    start_date = forms.DateField(label=_("start date"), widget=IsoDateInput())
    end_date = forms.DateField(label=_("end date"), widget=IsoDateInput())
    decree_number = forms.CharField(label=_("decree (SK) number"), max_length=100, required=False)

    def __init__(self, *args: Any, positions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "position").queryset = positions


class OverrideForm(forms.Form):
    penilai = EmployeeChoiceField(label=_("Pejabat Penilai Kinerja"))
    atasan = EmployeeChoiceField(label=_("Atasan Pejabat Penilai Kinerja"), required=False)
    start_date = forms.DateField(label=_("start date"), widget=IsoDateInput())
    end_date = forms.DateField(label=_("end date"), widget=IsoDateInput())
    reason = forms.CharField(label=_("reason"), max_length=255)

    def __init__(self, *args: Any, employees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "penilai").queryset = employees
        model_field(self, "atasan").queryset = employees


class UnitForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=UnitKind.choices)
    bps_code = forms.CharField(label=_("BPS code"), max_length=10, required=False)
    address = forms.CharField(label=_("address"), max_length=255, required=False)

    def clean_bps_code(self) -> str:
        code: str = self.cleaned_data["bps_code"].strip()
        if code and not code.isdigit():
            raise forms.ValidationError(_("A BPS code has digits only."), code="bps_not_digits")
        if code and Unit.objects.filter(bps_code=code).exists():
            raise forms.ValidationError(
                _("This BPS code is already used by another unit."), code="bps_exists"
            )
        return code


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["name", "jenis", "jenjang", "eselon", "reports_to", "is_unit_head"]
        field_classes = {"reports_to": PositionChoiceField}

    def __init__(self, *args: Any, reports_to: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "reports_to").queryset = reports_to

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("jenjang") and data.get("jenis") != "FUNGSIONAL":
            self.add_error("jenjang", _("Only a jabatan fungsional has a jenjang."))
        return data


class ContractForm(forms.Form):
    start_date = forms.DateField(label=_("contract start"), widget=IsoDateInput())
    end_date = forms.DateField(label=_("contract end"), widget=IsoDateInput())
    number = forms.CharField(label=_("contract number"), max_length=80, required=False)
