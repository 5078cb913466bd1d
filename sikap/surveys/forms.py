"""Forms of the survey, the counter, the follow-up plan and the paper import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.lib.textlimits import LIMITS
from sikap.lib.widgets import IsoDateInput, IsoDateTimeInput
from sikap.org.models import Employee
from sikap.org.pickers import EmployeeMultipleChoiceField
from sikap.surveys import rules
from sikap.surveys.models import (
    GenderChoices,
    ServicePromise,
    ServiceType,
    SurveyQuestion,
    SurveySettings,
)


class SurveyForm(forms.Form):
    """The questionnaire: nine unsur (any may be left blank), an optional profile and a comment."""

    age = forms.IntegerField(
        label=_("Age (years)"), required=False, min_value=rules.MIN_AGE, max_value=rules.MAX_AGE
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        required=False,
        widget=forms.RadioSelect,
        choices=GenderChoices.choices,
    )
    education = forms.ChoiceField(label=_("Education"), required=False)
    occupation = forms.ChoiceField(label=_("Occupation"), required=False)
    comment = forms.CharField(
        label=_("Suggestions or comments (optional)"),
        required=False,
        max_length=LIMITS.TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Honeypot: hidden from people, filled in by naive bots.
    website = forms.CharField(max_length=LIMITS.NAME, required=False, label="Website")

    def __init__(
        self,
        *args: Any,
        questions: list[SurveyQuestion],
        settings: SurveySettings,
        service_types: list[ServiceType] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[q.field_name] = forms.TypedChoiceField(
                label=q.question,
                required=False,
                coerce=int,
                empty_value=None,
                choices=q.answers,
                widget=forms.RadioSelect,
            )
        blank = [("", _("— choose —"))]
        education = self.fields["education"]
        occupation = self.fields["occupation"]
        assert isinstance(education, forms.ChoiceField)
        assert isinstance(occupation, forms.ChoiceField)
        education.choices = blank + [(o, o) for o in settings.education_list]
        occupation.choices = blank + [(o, o) for o in settings.occupation_list]
        if service_types is not None:
            self.fields["service_type"] = forms.ModelChoiceField(
                label=_("Service received"),
                queryset=ServiceType.objects.filter(pk__in=[s.pk for s in service_types]),
                required=False,
                empty_label=_("— choose —"),
            )

    @property
    def question_fields(self) -> list[tuple[SurveyQuestion, Any]]:
        return [(q, self[q.field_name]) for q in self.questions]

    @property
    def answers(self) -> dict[str, int | None]:
        return {q.code: self.cleaned_data.get(q.field_name) for q in self.questions}

    @property
    def profile(self) -> dict[str, Any]:
        return {k: self.cleaned_data.get(k) for k in ("age", "gender", "education", "occupation")}

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and all(data.get(q.field_name) is None for q in self.questions):
            raise forms.ValidationError(
                _("Please answer at least one question."), code="no_answers"
            )
        return data


class CounterForm(forms.Form):
    """A service delivered at the counter, in a few taps."""

    service_type = forms.ModelChoiceField(
        label=_("Service"),
        queryset=ServiceType.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    received_at = forms.DateTimeField(
        label=_("Received at"),
        widget=IsoDateTimeInput(),
    )
    done = forms.BooleanField(label=_("Completed now"), required=False, initial=True)
    officers = EmployeeMultipleChoiceField(
        label=_("Served by"), widget=forms.CheckboxSelectMultiple
    )
    citizen_initial = forms.CharField(
        label=_("Citizen's initial (optional)"),
        required=False,
        max_length=3,
        help_text=_("Leave empty unless needed: collect no more personal data than necessary."),
    )

    def __init__(
        self, *args: Any, service_types: Any, officers: Any, me: Employee, **kwargs: Any
    ) -> None:
        kwargs.setdefault(
            "initial",
            {
                "received_at": timezone.localtime().replace(second=0, microsecond=0),
                "officers": [me.pk],
                "done": True,
            },
        )
        super().__init__(*args, **kwargs)
        service_field = self.fields["service_type"]
        officers_field = self.fields["officers"]
        assert isinstance(service_field, forms.ModelChoiceField)
        assert isinstance(officers_field, forms.ModelMultipleChoiceField)
        service_field.queryset = service_types
        officers_field.queryset = officers


class FollowUpForm(forms.Form):
    action = forms.CharField(
        label=_("Planned action"), widget=forms.Textarea(attrs={"rows": 3}), max_length=LIMITS.LONG
    )
    responsible = forms.CharField(label=_("Responsible"), required=False, max_length=200)
    target_date = forms.DateField(label=_("Target date"), required=False, widget=IsoDateInput())


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "Columns U1..U9 (1–4, empty = unanswered); optional: umur, jenis_kelamin, pendidikan, pekerjaan, jenis_layanan."
        ),
    )
    survey_date = forms.DateField(label=_("Date of the survey"), widget=IsoDateInput())


class SettingsForm(forms.ModelForm):
    class Meta:
        model = SurveySettings
        fields = ["weight", "min_officer_responses", "education_options", "occupation_options"]
        widgets = {
            "education_options": forms.Textarea(attrs={"rows": 5}),
            "occupation_options": forms.Textarea(attrs={"rows": 5}),
        }


class PromiseForm(forms.ModelForm):
    class Meta:
        model = ServicePromise
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class ServiceTypeForm(forms.ModelForm):
    class Meta:
        model = ServiceType
        fields = [
            "name",
            "standard_minutes",
            "order",
            "is_active",
            *[name for name, _published in ServiceType.COMPONENTS],
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in (
                "persyaratan",
                "prosedur",
                "pengaduan",
                "dasar_hukum",
                "sarana",
                "kompetensi",
                "pengawasan",
                "jaminan_pelayanan",
                "jaminan_keamanan",
                "evaluasi_kinerja",
            )
        }


NEW_PLAN = "new"


class SuggestionFollowUpForm(forms.Form):
    """A leader marks a saran as followed up: under an existing plan, or a new one for the period."""

    plan = forms.ChoiceField(label=_("Follow-up plan"))
    plan_action = forms.CharField(
        label=_("Planned action of the new plan"),
        required=False,
        max_length=LIMITS.LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        label=_("Action taken (shown to the public)"),
        max_length=LIMITS.SHORT,
        help_text=_("No names or personal data."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, plans: list[tuple[str, str]], new_label: str | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        plan = self.fields["plan"]
        assert isinstance(plan, forms.ChoiceField)
        plan.choices = plans + ([(NEW_PLAN, new_label)] if new_label else [])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("plan") == NEW_PLAN and not data.get("plan_action", "").strip():
            self.add_error(
                "plan_action",
                forms.ValidationError(_("Write the follow-up plan."), code="action_required"),
            )
        return data
