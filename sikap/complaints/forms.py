"""Forms of the complaint pages; the rules live in services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.complaints.models import (
    REJECT_REASONS,
    Category,
    Channel,
    Classification,
    ComplaintClass,
    ComplaintSettings,
    Holiday,
    HolidayKind,
    ResponseTemplate,
)
from sikap.lib.forms import model_field
from sikap.lib.textlimits import LIMITS
from sikap.lib.widgets import IsoDateInput, IsoMonthInput
from sikap.org.models import Unit, UnitKind
from sikap.org.pickers import EmployeeChoiceField


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ComplaintForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Office concerned"))
    classification = forms.ChoiceField(
        label=_("Type of report"), choices=Classification.choices, initial=Classification.PENGADUAN
    )
    category = forms.ModelChoiceField(
        queryset=Category.objects.filter(is_active=True), label=_("Category"), required=False
    )
    service_name = forms.CharField(
        label=_("Service concerned"),
        max_length=200,
        required=False,
        help_text=_("For example: surat keterangan domisili, KTP, PBB."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(
        max_length=LIMITS.LONG, label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 5})
    )
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Attachments (photos or documents, up to 3)"),
        required=False,
        help_text=_("PDF, JPG, PNG or an office document. Staff only; never published."),
    )
    is_anonymous = forms.BooleanField(
        label=_("Anonim: send without a name or contact (we ask and keep none)"), required=False
    )
    is_confidential = forms.BooleanField(
        label=_("Rahasia: my identity is seen only by the officer who verifies the report"),
        required=False,
    )
    reporter_name = forms.CharField(label=_("Your name (optional)"), max_length=150, required=False)
    reporter_phone = forms.CharField(
        label=_("Phone / WhatsApp (optional)"), max_length=40, required=False
    )
    reporter_email = forms.EmailField(label=_("E-mail (optional)"), required=False)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            units = Unit.objects.filter(
                is_active=True, kind__in=[UnitKind.KECAMATAN, UnitKind.KELURAHAN]
            ).order_by("path")
        model_field(self, "unit").queryset = units


class PublicComplaintForm(ComplaintForm):
    # A field people never see; bots fill it in.
    website = forms.CharField(max_length=LIMITS.NAME, required=False, label=_("Leave this empty"))

    def visible_fields(self) -> list[Any]:
        return [f for f in super().visible_fields() if f.name != "website"]


class StaffComplaintForm(ComplaintForm):
    channel = forms.ChoiceField(label=_("Received through"), choices=Channel.choices)
    lapor_reference = forms.CharField(
        label=_("LAPOR! tracking number"), max_length=40, required=False
    )
    field_order = ["channel", "lapor_reference"]


class VerifyForm(forms.Form):
    complaint_class = forms.ChoiceField(
        label=_("Complaint class"), choices=ComplaintClass.choices, initial=ComplaintClass.NORMATIF
    )
    category = forms.ModelChoiceField(
        queryset=Category.objects.filter(is_active=True), label=_("Category"), required=False
    )
    note = forms.CharField(
        max_length=LIMITS.NOTE,
        label=_("Message to the citizen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[(r.value, r.label) for r in REJECT_REASONS]
    )
    duplicate_code = forms.CharField(
        label=_("Tracking code of the original report"), max_length=12, required=False
    )
    note = forms.CharField(
        max_length=LIMITS.NOTE,
        label=_("Explanation to the citizen"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AssignForm(forms.Form):
    assignee = EmployeeChoiceField(label=_("Assign to"))
    note = forms.CharField(max_length=LIMITS.NOTE, label=_("Internal note"), required=False)

    def __init__(self, *args: Any, employees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "assignee").queryset = employees


class ForwardForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Unit.objects.none(), label=_("Competent unit")
    )
    note = forms.CharField(
        max_length=LIMITS.NOTE,
        label=_("Explanation to the citizen"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "unit").queryset = units


class ForwardOutForm(forms.Form):
    instansi = forms.CharField(label=_("Instansi"), max_length=200)
    reference = forms.CharField(label=_("Reference given by the instansi"), max_length=80)
    note = forms.CharField(
        max_length=LIMITS.NOTE,
        label=_("Message to the citizen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Working days more"), min_value=1, max_value=60)
    reason = forms.CharField(
        max_length=LIMITS.NOTE,
        label=_("Reason (shown to the citizen)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StartForm(forms.Form):
    note = forms.CharField(
        max_length=LIMITS.NOTE,
        label=_("Follow-up (shown to the citizen)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        max_length=LIMITS.LONG,
        label=_("Tanggapan to the citizen"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PauseForm(forms.Form):
    reason = forms.CharField(
        max_length=LIMITS.NOTE,
        label=_("Question to the citizen"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResumeForm(forms.Form):
    note = forms.CharField(max_length=LIMITS.NOTE, label=_("Internal note"), required=False)


class NoteForm(forms.Form):
    note = forms.CharField(
        max_length=LIMITS.NOTE, label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 2})
    )


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)


class CitizenReplyForm(forms.Form):
    text = forms.CharField(
        max_length=LIMITS.NOTE, label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 3})
    )
    reopen = forms.BooleanField(
        label=_("The answer did not settle my complaint: reopen it (once)"), required=False
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with the handling?"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        max_length=LIMITS.NOTE,
        label=_("Comment (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HolidayForm(forms.ModelForm):
    class Meta:
        model = Holiday
        fields = ["date", "name", "kind"]
        widgets = {"date": IsoDateInput()}


class BulkHolidayForm(forms.Form):
    text = forms.CharField(
        max_length=LIMITS.DOCUMENT,
        label=_("Days of the SKB, one per line"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "date | name | kind, e.g. 2027-01-01 | Tahun Baru 2027 Masehi | libur_nasional "
            "(kind: libur_nasional or cuti_bersama)."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rows = []
        for number, line in enumerate((data.get("text") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            try:
                day = dt.date.fromisoformat(parts[0])
                name, kind = parts[1], parts[2]
                if not name or kind not in HolidayKind.values:
                    raise ValueError
            except (ValueError, IndexError):
                raise forms.ValidationError(
                    _("Line %(n)d is not 'date | name | kind'."),
                    code="bad_line",
                    params={"n": number},
                ) from None
            rows.append((day, name, kind))
        data["rows"] = rows
        return data


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "is_active"]


class ResponseTemplateForm(forms.ModelForm):
    """A template of a subtree the user manages; the city-level HR may leave the unit empty."""

    class Meta:
        model = ResponseTemplate
        fields = ["unit", "step", "title", "body", "is_active"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, units: Any, scope: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = model_field(self, "unit")
        field.queryset = units
        field.required = not scope.owns_instance
        if scope.owns_instance:
            field.empty_label = _("Every unit (instance-wide)")


class ProposeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2025, max_value=2100)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ComplaintSettings
        fields = [
            "verification_days",
            "follow_up_days",
            "ringan_days",
            "normatif_days",
            "tidak_berkadar_days",
            "berkadar_days",
            "confirmation_timeout_days",
            "warning_days",
            "camat_after_days",
            "retention_days",
        ]


class ReportForm(forms.Form):
    month = forms.CharField(label=_("Month"), widget=IsoMonthInput(), required=False, max_length=7)
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Unit.objects.none(), label=_("Unit"), required=False
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "unit").queryset = units
