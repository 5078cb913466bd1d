"""Forms of the evaluation pages."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.evaluation.curve import ACTUAL_ORDER
from sikap.evaluation.models import (
    OrganisationPredicateChoices,
    Period,
    PeriodKindChoices,
    RoundingChoices,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)  # type: ignore[arg-type]


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2022, max_value=2100)
    period_kind = forms.ChoiceField(
        label=_("Period kind"), choices=PeriodKindChoices.choices,
        initial=PeriodKindChoices.TRIWULANAN,
    )  # fmt: skip
    plan_deadline = forms.DateField(
        label=_("SKP deadline"), required=False, widget=DateInput(),
        help_text=_("Empty: 31 January of the year."),
    )  # fmt: skip

    def __init__(self, *args: object, today: dt.date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].initial = today.year + (1 if today.month >= 10 else 0)


class PeriodForm(forms.ModelForm):
    class Meta:
        model = Period
        fields = ["name", "start_date", "end_date", "deadline", "is_final"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "deadline": DateInput(),
        }


class ReopenForm(forms.Form):
    reopened_until = forms.DateField(
        label=_("Reopen entry until"), required=False, widget=DateInput(),
        help_text=_("Leave empty to close entry at the deadline again."),
    )  # fmt: skip


class CalculatorForm(forms.Form):
    organisation_predicate = forms.ChoiceField(
        label=_("Predikat Kinerja Organisasi"), choices=OrganisationPredicateChoices.choices
    )
    headcount = forms.IntegerField(label=_("Number of employees"), min_value=0, max_value=5000)
    rounding = forms.ChoiceField(label=_("Rounding"), choices=RoundingChoices.choices)
    actual_sb = forms.IntegerField(label="Sangat Baik", min_value=0, required=False)
    actual_b = forms.IntegerField(label="Baik", min_value=0, required=False)
    actual_bp = forms.IntegerField(label="Butuh Perbaikan", min_value=0, required=False)
    actual_k = forms.IntegerField(label="Kurang/Misconduct", min_value=0, required=False)
    actual_sk = forms.IntegerField(label="Sangat Kurang", min_value=0, required=False)

    ACTUAL_FIELDS = ("actual_sb", "actual_b", "actual_bp", "actual_k", "actual_sk")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        values = [data.get(name) for name in self.ACTUAL_FIELDS]
        if all(v is None for v in values):
            data["actual"] = None
            return data
        counts = [v or 0 for v in values]
        headcount = data.get("headcount")
        if headcount is not None and sum(counts) != headcount:
            raise forms.ValidationError(
                _("The actual counts add up to %(sum)s, not to the %(n)s employees.")
                % {"sum": sum(counts), "n": headcount}
            )
        data["actual"] = dict(zip(ACTUAL_ORDER, counts, strict=True))
        return data
