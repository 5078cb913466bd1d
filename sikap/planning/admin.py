from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sikap.lib.admin import ReadOnlyAdmin, ReadOnlyHistoryAdmin, ReadOnlyInline
from sikap.planning.models import (
    Evidence,
    Feedback,
    Indicator,
    Nudge,
    NudgeTemplate,
    OrganisationTarget,
    Plan,
    ReminderLog,
    WorkResult,
)

# The SKP workflow (status, version, revisions), its RHK, indicators, realisation, evidence and
# feedback change only through the planning services behind the pages; the back office reads.


class WorkResultInline(ReadOnlyInline, admin.TabularInline):
    model = WorkResult
    fk_name = "plan"
    extra = 0
    fields = ("category", "text", "intervenes", "organisation_target", "assigned_by", "order")
    raw_id_fields = ("intervenes", "organisation_target")


@admin.register(Plan)
class PlanAdmin(ReadOnlyHistoryAdmin):
    list_display = ("employee_name", "appraisal_year", "status", "version", "is_current")
    list_filter = ("status", "appraisal_year", "is_current")
    search_fields = ("employee_name", "employee_nip")
    raw_id_fields = ("employee", "penilai", "atasan", "revision_of")
    inlines = [WorkResultInline]


@admin.register(OrganisationTarget)
class OrganisationTargetAdmin(SimpleHistoryAdmin):
    list_display = ("sasaran", "indikator", "target", "unit", "appraisal_year")
    list_filter = ("appraisal_year",)


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyHistoryAdmin):
    list_display = ("text", "aspect", "target_value", "target_unit", "target_text")
    raw_id_fields = ("work_result",)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyHistoryAdmin):
    list_display = ("original_name", "link", "content_type", "size", "created_at")
    raw_id_fields = ("realisation",)


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyHistoryAdmin):
    list_display = ("plan", "period", "created_at")
    raw_id_fields = ("plan", "work_result")


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "sent_at")
    search_fields = ("key",)


# Reminders are a log written by ``nudges.send_nudge``; their templates change on the HR page.
@admin.register(Nudge)
class NudgeAdmin(ReadOnlyAdmin):
    list_display = ("employee", "topic", "sent_by", "sent_at")
    list_filter = ("topic",)
    raw_id_fields = ("employee", "sent_by")


@admin.register(NudgeTemplate)
class NudgeTemplateAdmin(ReadOnlyHistoryAdmin):
    list_display = ("topic", "unit", "subject")
    list_filter = ("topic",)
