"""Forms of the evaluation pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.evaluation.curve import ACTUAL_ORDER
from sikap.evaluation.models import (
    EvaluationSettings,
    OrganisationPredicateChoices,
    PeerRelation,
    RenewalDecision,
    RoundingChoices,
)
from sikap.evaluation.rules import PEER_LEVELS, Rating
from sikap.lib.textlimits import LIMITS
from sikap.lib.widgets import IsoDateInput


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
                _("The actual counts add up to %(sum)s, not to the %(n)s employees."),
                code="counts_mismatch",
                params={"sum": sum(counts), "n": headcount},
            )
        data["actual"] = dict(zip(ACTUAL_ORDER, counts, strict=True))
        return data


RATING_CHOICES = [(r.value, r.label) for r in Rating]


class EvaluationForm(forms.Form):
    result_rating = forms.ChoiceField(
        label="Rating Hasil Kerja", choices=RATING_CHOICES, widget=forms.RadioSelect
    )
    behaviour_rating = forms.ChoiceField(
        label="Rating Perilaku Kerja", choices=RATING_CHOICES, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        max_length=LIMITS.TEXT,
        label="Catatan/Rekomendasi",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, rows: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rhk_fields: list[tuple[object, forms.BoundField, forms.BoundField]] = []
        for row in rows:
            pk = row.work_result.pk
            self.fields[f"label_{pk}"] = forms.ChoiceField(
                label=_("Label (optional)"),
                required=False,
                choices=[("", "—"), *RATING_CHOICES],
                initial=row.label,
            )
            self.fields[f"feedback_{pk}"] = forms.CharField(
                max_length=LIMITS.NOTE,
                label=_("Umpan balik berkelanjutan berdasarkan bukti dukung"),
                required=False,
                initial=row.note,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.rhk_fields.append((row, self[f"label_{pk}"], self[f"feedback_{pk}"]))

    def work_result_notes(self) -> dict[str, dict[str, str]]:
        notes = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("label_"):
                pk = name.removeprefix("label_")
                notes[pk] = {
                    "label": value,
                    "feedback": self.cleaned_data.get(f"feedback_{pk}", ""),
                }
        return notes


class CalibrationForm(forms.Form):
    result_rating = forms.ChoiceField(label="Rating Hasil Kerja", choices=RATING_CHOICES)
    behaviour_rating = forms.ChoiceField(label="Rating Perilaku Kerja", choices=RATING_CHOICES)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500)


class DeterminationForm(forms.Form):
    early_close_reason = forms.CharField(
        label=_("Reason to close the period early"),
        required=False,
        max_length=LIMITS.TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only needed before the period has ended; it is recorded with the penetapan."),
    )


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=LIMITS.TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded with the new version; the documents of earlier versions are kept."),
    )


class OrganisationPredicateForm(forms.Form):
    predicate = forms.ChoiceField(
        label=_("Predikat Kinerja Organisasi"), choices=OrganisationPredicateChoices.choices
    )
    note = forms.CharField(
        max_length=LIMITS.NOTE,
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        max_length=LIMITS.LONG,
        label=_("Reason of the objection"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept with new ratings")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    result_rating = forms.ChoiceField(
        label="Rating Hasil Kerja", choices=[("", "—"), *RATING_CHOICES], required=False
    )
    behaviour_rating = forms.ChoiceField(
        label="Rating Perilaku Kerja", choices=[("", "—"), *RATING_CHOICES], required=False
    )
    decision_reason = forms.CharField(
        max_length=LIMITS.LONG,
        label=_("Reason of the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SettingsForm(forms.ModelForm):
    class Meta:
        model = EvaluationSettings
        fields = [
            "organisation_predicate_setter",
            "rounding",
            "pooling_threshold",
            "objection_days",
            "peer_feedback_minimum",
        ]


class PeerRequestForm(forms.Form):
    """Who is asked for umpan balik rekan kerja/bawahan, and by when."""

    deadline = forms.DateField(label=_("Answer deadline"), widget=IsoDateInput())
    respondents = forms.MultipleChoiceField(
        label=_("Rekan kerja and bawahan langsung to ask"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, candidates: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(c.employee.pk): c.employee for c in candidates}
        relation = dict(PeerRelation.choices)
        respondents = self.fields["respondents"]
        assert isinstance(respondents, forms.MultipleChoiceField)
        respondents.choices = [
            (
                str(c.employee.pk),
                f"{c.employee.display_name} · {c.employee.position or '-'}"
                f" · {c.employee.unit or '-'} ({relation[c.relation]})",
            )
            for c in candidates
        ]

    def chosen(self) -> list[Any]:
        return [self.people[pk] for pk in self.cleaned_data["respondents"]]


class PeerAnswerForm(forms.Form):
    """One level for each of the 7 BerAKHLAK values."""

    def __init__(
        self, *args: Any, values: Sequence[tuple[str, str, tuple[str, ...]]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.values = values
        choices = [(level.value, level.label) for level in PEER_LEVELS]
        for key, name, _indicators in values:
            self.fields[key] = forms.ChoiceField(
                label=name, choices=choices, widget=forms.RadioSelect
            )

    def rows(self) -> list[tuple[Any, tuple[str, ...]]]:
        return [(self[key], indicators) for key, _name, indicators in self.values]

    def answer(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key, _n, _i in self.values}


class RenewalForm(forms.Form):
    """The penilai's renewal recommendation for a PPPK Paruh Waktu (§8.1)."""

    decision = forms.ChoiceField(
        label=_("Recommendation"), choices=RenewalDecision.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("Reasons"), max_length=LIMITS.NOTE, widget=forms.Textarea(attrs={"rows": 4})
    )


class RenewalFilterForm(forms.Form):
    """The filters of HR's list of renewal recommendations."""

    tahun = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    rekomendasi = forms.ChoiceField(
        label=_("Recommendation"),
        required=False,
        choices=[("", _("All")), *RenewalDecision.choices],
    )
    berakhir_sebelum = forms.DateField(
        label=_("Contract ends before"), required=False, widget=IsoDateInput()
    )
