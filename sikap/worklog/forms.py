"""The Progres Harian entry form (ISO dates and times round-trip)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sikap.lib.textlimits import LIMITS
from sikap.lib.widgets import IsoDateInput
from sikap.planning.models import ActionPlan
from sikap.worklog.models import WorkLocation


class EntryForm(forms.Form):
    action_plan = forms.ModelChoiceField(
        label=_("Rencana Aksi"), queryset=ActionPlan.objects.none(), required=False
    )
    date = forms.DateField(label=_("Tanggal"), widget=IsoDateInput())
    start_time = forms.TimeField(
        label=_("Jam Mulai"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_time = forms.TimeField(
        label=_("Jam Selesai"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    activity = forms.CharField(
        label=_("Kegiatan Harian"), max_length=LIMITS.TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )
    realisation = forms.IntegerField(label=_("Realisasi"), min_value=0, initial=1)
    satuan = forms.CharField(label=_("Satuan"), max_length=40, required=False)
    evidence_url = forms.CharField(label=_("Bukti Dukung"), max_length=500, required=False)
    location = forms.ChoiceField(
        label=_("Work location"), choices=WorkLocation.choices, initial=WorkLocation.KANTOR
    )

    def __init__(self, *args: Any, action_plans: QuerySet[ActionPlan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["action_plan"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = action_plans
