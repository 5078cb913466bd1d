"""Forms of the appraisal calendar pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.cycle.models import CalendarSettings, Period, PeriodKindChoices
from sikap.lib.textlimits import LIMITS
from sikap.lib.widgets import IsoDateInput


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2022, max_value=2100)
    period_kind = forms.ChoiceField(
        label=_("Period kind"),
        choices=PeriodKindChoices.choices,
        initial=PeriodKindChoices.TRIWULANAN,
    )
    annual_final = forms.BooleanField(
        label=_("Separate annual final period (Tahunan Final)"),
        required=False,
        help_text=_("The 2025-2026 model: realisation and evidence per RHK, no rencana aksi."),
    )
    plan_deadline = forms.DateField(
        label=_("SKP deadline"),
        required=False,
        widget=IsoDateInput(),
        help_text=_("Empty: 31 January of the year."),
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = today.year + (1 if today.month >= 10 else 0)
        chosen = CalendarSettings.current()
        self.fields["period_kind"].initial = chosen.default_period_kind
        self.fields["annual_final"].initial = chosen.default_annual_final


class CalendarSettingsForm(forms.ModelForm):
    class Meta:
        model = CalendarSettings
        fields = ["default_period_kind", "default_annual_final"]


class PeriodForm(forms.ModelForm):
    class Meta:
        model = Period
        fields = ["name", "start_date", "end_date", "deadline", "is_final"]
        widgets = {
            "start_date": IsoDateInput(),
            "end_date": IsoDateInput(),
            "deadline": IsoDateInput(),
        }


class ReopenForm(forms.Form):
    reopened_until = forms.DateField(
        label=_("Reopen entry until"),
        required=False,
        widget=IsoDateInput(),
        help_text=_("Leave empty to close entry at the deadline again."),
    )
    reason = forms.CharField(
        max_length=LIMITS.NOTE,
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a period with a signed penetapan or final evaluations."),
    )
