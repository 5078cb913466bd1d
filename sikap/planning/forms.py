"""Forms of the SKP pages; the services do the checking that needs the database."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.cycle.models import AppraisalYear
from sikap.lib.forms import choice_field, model_field
from sikap.lib.textlimits import LIMITS
from sikap.lib.widgets import IsoDateInput
from sikap.planning import rules
from sikap.planning.models import (
    Approach,
    Aspect,
    CascadeKind,
    Category,
    CoachingKind,
    FormKind,
    NudgeTopic,
    OrganisationTarget,
    Perspektif,
    WorkResult,
)

DATE = IsoDateInput()


class PlanCreateForm(forms.Form):
    appraisal_year = forms.ModelChoiceField(
        label=_("Appraisal year"), queryset=AppraisalYear.objects.all(), empty_label=None
    )
    start_date = forms.DateField(
        label=_("Start date"),
        required=False,
        widget=DATE,
        help_text=_(
            "Leave empty for 1 January. A later date starts a new SKP after a change of position."
        ),
    )
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE)
    approach = forms.ChoiceField(label=_("Approach"), choices=Approach.choices)
    form_kind = forms.ChoiceField(label=_("Form"), choices=FormKind.choices)


class _WorkResultChoiceField(forms.ModelChoiceField[WorkResult]):
    def label_from_instance(self, obj: WorkResult) -> str:
        return obj.text


class WorkResultForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    text = forms.CharField(
        max_length=LIMITS.TEXT,
        label=_("Rencana Hasil Kerja"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    intervenes = _WorkResultChoiceField(
        label=_("Rencana Hasil Kerja Pimpinan yang Diintervensi"),
        queryset=WorkResult.objects.none(),
        required=False,
        help_text=_("An RHK of your current pejabat penilai. Required for an UTAMA result."),
    )
    organisation_target = forms.ModelChoiceField(
        label=_("Sasaran/indikator kinerja organisasi"),
        queryset=OrganisationTarget.objects.none(),
        required=False,
        help_text=_("For unit heads: the organisation target this result carries."),
    )
    assigned_by = forms.CharField(
        label=_("Penugasan dari"),
        required=False,
        max_length=200,
        help_text=_("Only when someone other than your supervisor assigned this result."),
    )
    cascade_kind = forms.ChoiceField(
        label=_("Cascade"), required=False, choices=[("", "—"), *CascadeKind.choices]
    )
    perspektif = forms.ChoiceField(
        label=_("Perspektif (JPT form)"), required=False, choices=[("", "—"), *Perspektif.choices]
    )

    def __init__(self, *args: Any, leader_results: Any, targets: Any, jpt: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        model_field(self, "intervenes").queryset = leader_results
        model_field(self, "organisation_target").queryset = targets
        if not targets.exists():
            del self.fields["organisation_target"]
        if not jpt:
            del self.fields["perspektif"]


class IndicatorForm(forms.Form):
    aspect = forms.ChoiceField(label=_("Aspek"), choices=Aspect.choices)
    text = forms.CharField(
        max_length=LIMITS.TEXT,
        label=_("Indikator Kinerja Individu"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    target_value = forms.DecimalField(
        label=_("Target (number)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    target_unit = forms.CharField(label=_("Target unit"), required=False, max_length=40)
    target_text = forms.CharField(
        label=_("Target (in words, kualitatif approach)"), required=False, max_length=300
    )


# The usual three aspects of an RHK's indicators (domain.md 1.4); further rows start at Kuantitas.
ROW_ASPECTS = (Aspect.KUANTITAS, Aspect.KUALITAS, Aspect.WAKTU)
MAX_INDICATOR_ROWS = 10


class _IndicatorRows(forms.BaseFormSet):
    """The indicator rows of the RHK form: every row optional, an untouched row skipped."""

    def initial_form_count(self) -> int:
        # The initial aspects only pre-select a row; no row is an existing object to require.
        return 0

    def filled(self) -> list[tuple[int, dict[str, Any]]]:
        """The rows the employee filled in, with their position on the form."""
        return [
            (index, form.cleaned_data)
            for index, form in enumerate(self.forms)
            if form.has_changed() and form.cleaned_data
        ]


IndicatorRowsBase = forms.formset_factory(
    IndicatorForm,
    formset=_IndicatorRows,
    extra=len(ROW_ASPECTS),
    max_num=MAX_INDICATOR_ROWS,
    absolute_max=MAX_INDICATOR_ROWS,
    validate_max=True,
)


def indicator_rows(data: Any = None, *, add_row: bool = False) -> Any:
    """The indicator rows of a new RHK; ``add_row`` re-shows posted rows with one more."""
    if data is not None and add_row:
        data = data.copy()
        key = "iki-TOTAL_FORMS"
        rows = int(data.get(key, "0")) if str(data.get(key, "0")).isdigit() else 0
        data[key] = str(min(rows + 1, MAX_INDICATOR_ROWS))
    initial = [
        {"aspect": ROW_ASPECTS[i] if i < len(ROW_ASPECTS) else Aspect.KUANTITAS}
        for i in range(MAX_INDICATOR_ROWS)
    ]
    return IndicatorRowsBase(data, prefix="iki", initial=initial)


class ExpectationsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, name, _indicators in rules.BERAKHLAK:
            self.fields[key] = forms.CharField(
                max_length=LIMITS.TEXT,
                label=name,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )


class AnnexForm(forms.Form):
    resources = forms.CharField(
        max_length=LIMITS.TEXT,
        label=_("Dukungan Sumber Daya"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One item per line."),
    )
    accountability = forms.CharField(
        max_length=LIMITS.TEXT,
        label=_("Skema Pertanggungjawaban"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One item per line."),
    )
    consequences = forms.CharField(
        max_length=LIMITS.TEXT,
        label=_("Konsekuensi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One item per line."),
    )


class DialogueForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    notes = forms.CharField(
        max_length=LIMITS.LONG, label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        max_length=LIMITS.NOTE,
        label=_("What must be fixed"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RealisationForm(forms.Form):
    value = forms.DecimalField(
        label=_("Realisation (number)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    text = forms.CharField(
        max_length=LIMITS.TEXT,
        label=_("Realisation (in words)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)
    file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("PDF, image or office document; the type is checked from the content."),
    )
    link = forms.URLField(
        label=_("Evidence link"), required=False, max_length=500, assume_scheme="https"
    )
    description = forms.CharField(label=_("Evidence description"), required=False, max_length=255)


class FeedbackForm(forms.Form):
    subject = forms.ChoiceField(label=_("About"))
    text = forms.CharField(
        max_length=LIMITS.TEXT, label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, work_results: list[WorkResult], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(f"rhk-{r.pk}", f"RHK: {r.text}") for r in work_results]
        choices += [(f"value-{key}", name) for key, name, _ in rules.BERAKHLAK]
        choice_field(self, "subject").choices = choices


class ReplyForm(forms.Form):
    text = forms.CharField(
        max_length=LIMITS.TEXT, label=_("Reply"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CoachingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CoachingKind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE)
    topic = forms.CharField(label=_("Topic"), max_length=255)
    notes = forms.CharField(
        max_length=LIMITS.LONG,
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


SCALE = [(str(i), str(i)) for i in range(1, 6)]


class CoachingFeedbackForm(forms.Form):
    comment = forms.CharField(
        max_length=LIMITS.NOTE,
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = {}
        for index, statement in enumerate(rules.COACHING_STATEMENTS, start=1):
            fields[f"q{index}"] = forms.TypedChoiceField(
                label=f"{index}. {statement}",
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
            )
        fields["comment"] = self.fields["comment"]
        self.fields = fields

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"q{i}"] for i in range(1, len(rules.COACHING_STATEMENTS) + 1)]


class CompetencyForm(forms.Form):
    competency = forms.CharField(label=_("Kompetensi"), max_length=200)
    score = forms.TypedChoiceField(label=_("Nilai (skala 1-5)"), choices=SCALE, coerce=int)
    reason = forms.CharField(
        max_length=LIMITS.NOTE, label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CascadeForm(forms.Form):
    employees = forms.MultipleChoiceField(
        label=_("Subordinates"), widget=forms.CheckboxSelectMultiple
    )
    cascade_kind = forms.ChoiceField(
        label=_("Cascade"), required=False, choices=[("", "—"), *CascadeKind.choices]
    )

    def __init__(self, *args: Any, subordinates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(e.pk), e.display_name) for e in subordinates]
        choice_field(self, "employees").choices = choices


class TargetForm(forms.Form):
    sasaran = forms.CharField(
        max_length=LIMITS.TEXT,
        label=_("Sasaran kinerja organisasi"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    indikator = forms.CharField(
        max_length=LIMITS.TEXT,
        label=_("Indikator kinerja organisasi"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    target = forms.CharField(label=_("Target"), required=False, max_length=100)


class ActionPlanForm(forms.Form):
    """One rencana aksi: the RHK and quarter it serves, what will be done, target and satuan."""

    work_result = forms.ModelChoiceField(
        label=_("Rencana Hasil Kerja"), queryset=WorkResult.objects.none()
    )
    period = forms.ModelChoiceField(label=_("Quarter"), queryset=AppraisalYear.objects.none())
    text = forms.CharField(
        label=_("Rencana Aksi"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    target = forms.IntegerField(label=_("Target"), min_value=0, max_value=2_000_000_000)
    satuan = forms.CharField(label=_("Satuan"), max_length=40)

    def __init__(self, *args: Any, work_results: Any, periods: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "work_result").queryset = work_results
        model_field(self, "period").queryset = periods


class _Values(forms.Field):
    """Every value of a repeated POST key, as a list of strings (checked by the form's clean)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        return [str(v) for v in value or []]


class NudgeForm(forms.Form):
    """Who to remind of what: one ``one`` button, or the ticked ``pick`` boxes, as "id:topic"."""

    one = forms.CharField(required=False, max_length=40)
    pick = _Values(required=False)
    next = forms.CharField(required=False, max_length=300)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw = [data["one"]] if data.get("one") else list(data.get("pick") or [])
        if not raw:
            raise forms.ValidationError(_("Tick at least one person to remind."), code="nobody")
        targets: list[tuple[int, str]] = []
        for value in raw:
            pk, _sep, topic = value.partition(":")
            if not pk.isdigit() or topic not in NudgeTopic.values:
                raise forms.ValidationError(_("Unknown reminder topic."), code="unknown_topic")
            if (int(pk), topic) not in targets:
                targets.append((int(pk), topic))
        data["targets"] = targets
        return data


class NudgeTemplateForm(forms.Form):
    """The wording of one topic's reminder; {nama} and {pengirim} are filled in when sent."""

    topic = forms.ChoiceField(choices=NudgeTopic.choices, widget=forms.HiddenInput)
    subject = forms.CharField(label=_("Subject"), max_length=LIMITS.NAME)
    body = forms.CharField(
        label=_("Message"),
        max_length=LIMITS.NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("{nama} becomes the person's name and {pengirim} the sender's."),
    )


class RealisationRowForm(forms.Form):
    """One row of the realisation table: value (or words), a bukti dukung, a note."""

    value = forms.DecimalField(
        label=_("Realisation (number)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    text = forms.CharField(
        max_length=LIMITS.TEXT,
        label=_("Realisation (in words)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
    )
    file = forms.FileField(label=_("Evidence file"), required=False)
    existing = forms.ChoiceField(label=_("Or choose a bukti dukung already given"), required=False)
    link = forms.URLField(
        label=_("Evidence link"), required=False, max_length=500, assume_scheme="https"
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)

    def __init__(
        self,
        *args: Any,
        numeric: bool,
        words: bool,
        existing: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not numeric:
            del self.fields["value"]
        if not words:
            del self.fields["text"]
        if existing:
            choice_field(self, "existing").choices = [("", "—"), *existing]
        else:
            del self.fields["existing"]


class BaseRealisationFormSet(forms.BaseFormSet):
    """One form per indicator row; ``rows`` gives each form its fields and choices."""

    def __init__(self, *args: Any, rows: list[dict[str, Any]], **kwargs: Any) -> None:
        self.rows = rows
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        row = self.rows[index or 0]
        return {"numeric": row["numeric"], "words": row["words"], "existing": row["choices"]}


# django-stubs types formset_factory's result as the plain BaseFormSet, not the subclass given.
RealisationFormSet = cast(
    "type[BaseRealisationFormSet]",
    forms.formset_factory(RealisationRowForm, formset=BaseRealisationFormSet, extra=0),
)
