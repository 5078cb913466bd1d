"""Forms of the development pages; validation of state lives in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.development import rules
from sikap.development.models import FollowUp, ItemStatus, ReactionSurvey
from sikap.lib.forms import model_field
from sikap.lib.widgets import IsoDateInput
from sikap.org.models import JenisJabatan, Unit
from sikap.org.pickers import EmployeeMultipleChoiceField, PositionChoiceField

JENIS_FIELD_HELP = _("SIASN jenisDiklat; the form decides whether it is klasikal or nonklasikal.")


def jenis_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Jenis diklat"),
        choices=rules.JENIS_DIKLAT_CHOICES,
        coerce=int,
        help_text=JENIS_FIELD_HELP,
    )


class _ActivityFields(forms.Form):
    name = forms.CharField(label=_("Name of the activity"), max_length=255)
    jenis_diklat = jenis_field()
    organiser = forms.CharField(label=_("Organiser (institusi penyelenggara)"), max_length=255)
    start_date = forms.DateField(label=_("Start date"), widget=IsoDateInput())
    end_date = forms.DateField(label=_("End date"), widget=IsoDateInput())
    jp = forms.IntegerField(
        label=_("JP"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("Jam pelajaran; leave empty to compute from the duration."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=1,
        required=False,
        help_text=_("1 JP = 45 minutes; only whole JP count (rounded down)."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("jp") is None and data.get("duration_minutes") is None:
            self.add_error("jp", _("Fill in the JP or the duration in minutes."))
        return data


class EventForm(_ActivityFields):
    location = forms.CharField(label=_("Location"), max_length=255, required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        help_text=_("Employees of this unit and its subunits may register."),
    )
    registration_open = forms.BooleanField(
        label=_("Open for registration (employees register themselves)"), required=False
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=10000,
        required=False,
        help_text=_("Empty = no limit. Beyond it, registrations go to the waiting list."),
    )
    check_in_opens = forms.TimeField(
        label=_("Check-in opens"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Each day of the event (WIB); empty = from 00:00."),
    )
    check_in_closes = forms.TimeField(
        label=_("Check-in closes"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Each day of the event (WIB); empty = until 23:59."),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "unit").queryset = units


class ActivityForm(_ActivityFields):
    certificate_number = forms.CharField(
        label=_("Certificate number"), max_length=100, required=False
    )
    certificate = forms.FileField(
        label=_("Certificate (PDF or photo)"),
        required=False,
        help_text=_("Attach the certificate or fill in its number."),
    )


class AddParticipantsForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Everyone in a unit"), queryset=Unit.objects.none(), required=False
    )
    employees = EmployeeMultipleChoiceField(
        label=_("Or pick employees"), required=False, widget=forms.CheckboxSelectMultiple
    )
    attended = forms.BooleanField(label=_("Mark them as attended"), required=False)

    def __init__(
        self, *args: Any, units: Any, employees: Any, shown: Any = (), **kwargs: Any
    ) -> None:
        """``employees`` are those that may be added (every employee HR manages); only
        ``shown`` (the ones HR found by name) are offered as check boxes: a list of the 800 of
        a kecamatan made the form 110 KB."""
        super().__init__(*args, **kwargs)
        model_field(self, "unit").queryset = units
        field = model_field(self, "employees")
        field.queryset = employees
        field.widget.choices = [(e.pk, field.label_from_instance(e)) for e in shown]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("unit") and not data.get("employees"):
            raise forms.ValidationError(_("Choose a unit or some employees."), code="no_audience")
        return data


class InviteForm(forms.Form):
    """Who to invite: the employees matching every criterion chosen (at least one)."""

    unit = forms.ModelChoiceField(
        label=_("Unit (with its subunits)"), queryset=Unit.objects.none(), required=False
    )
    jenis = forms.ChoiceField(
        label=_("Jenis jabatan"), choices=[("", "-"), *JenisJabatan.choices], required=False
    )
    competency = forms.CharField(
        label=_("Improvement area (kompetensi)"),
        max_length=200,
        required=False,
        help_text=_(
            "Employees whose IDP of this year has this kompetensi, or whose improvement "
            "areas name it."
        ),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "unit").queryset = units
        self.fields["competency"].widget.attrs["list"] = "competency-names"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("unit") or data.get("jenis") or data.get("competency")):
            raise forms.ValidationError(
                _("Choose a unit, a jenis jabatan or an improvement area."), code="no_audience"
            )
        return data


class ScoreForm(forms.Form):
    participant = forms.IntegerField(widget=forms.HiddenInput)
    pre_test = forms.IntegerField(
        label=_("Pre-test"), min_value=rules.SCORE_MIN, max_value=rules.SCORE_MAX, required=False
    )
    post_test = forms.IntegerField(
        label=_("Post-test"), min_value=rules.SCORE_MIN, max_value=rules.SCORE_MAX, required=False
    )


ScoreFormSet = forms.formset_factory(ScoreForm, extra=0)


class ScoreImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Columns NIP, pre, post with a header row; all rows are saved or none."),
    )


class CertificateForm(forms.Form):
    certificate_number = forms.CharField(
        label=_("Certificate number"), max_length=100, required=False
    )
    certificate = forms.FileField(label=_("Certificate file"), required=False)


class ReactionForm(forms.ModelForm):
    class Meta:
        model = ReactionSurvey
        fields = ["relevance", "usefulness", "would_apply", "comment"]
        widgets = {
            "relevance": forms.RadioSelect,
            "usefulness": forms.RadioSelect,
            "would_apply": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 3}),
        }


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["score", "note"]
        widgets = {"score": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}


class AssessmentForm(forms.Form):
    competency = forms.CharField(label=_("Kompetensi"), max_length=200)
    level = forms.TypedChoiceField(
        label=_("Current level"), choices=[(n, str(n)) for n in rules.LEVELS], coerce=int
    )
    date = forms.DateField(label=_("Date"), widget=IsoDateInput())
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class PlanItemForm(forms.Form):
    competency = forms.CharField(label=_("Kompetensi"), max_length=200)
    required_level = forms.TypedChoiceField(
        label=_("Required level"),
        choices=[("", "-")] + [(n, str(n)) for n in rules.LEVELS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    current_level = forms.TypedChoiceField(
        label=_("Current level"),
        choices=[("", "-")] + [(n, str(n)) for n in rules.LEVELS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    jenis_diklat = jenis_field()
    jenis_diklat.label = _("Bentuk pengembangan")
    target_jp = forms.IntegerField(label=_("Target JP"), min_value=0, max_value=999)
    schedule = forms.CharField(label=_("Schedule"), max_length=100, required=False)
    recommendation = forms.CharField(
        label=_("Recommendation in the Dokumen Evaluasi (if any)"), max_length=255, required=False
    )


class RequiredCompetencyForm(forms.Form):
    position = PositionChoiceField(label=_("Jabatan"))
    competency = forms.CharField(
        label=_("Kompetensi"),
        max_length=200,
        help_text=_("Manajerial, Perekat Bangsa, or any kompetensi teknis of the jabatan."),
    )
    level = forms.TypedChoiceField(
        label=_("Required level"), choices=[(n, str(n)) for n in rules.LEVELS], coerce=int
    )

    def __init__(self, *args: Any, positions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "position").queryset = positions
        self.fields["competency"].widget.attrs["list"] = "competency-names"


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
