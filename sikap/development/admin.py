from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sikap.development.models import (
    CompetencyAssessment,
    DevelopmentPlan,
    OwnActivity,
    Participant,
    PlanItem,
    RequiredCompetency,
    TrainingEvent,
)
from sikap.lib.admin import ReadOnlyHistoryAdmin, ReadOnlyInline


@admin.register(RequiredCompetency)
class RequiredCompetencyAdmin(SimpleHistoryAdmin):
    list_display = ["position", "competency", "level"]
    list_filter = ["level"]
    search_fields = ["position__name", "competency"]
    autocomplete_fields = ["position"]


@admin.register(CompetencyAssessment)
class CompetencyAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["employee", "competency", "level", "date", "source"]
    list_filter = ["source"]
    search_fields = ["employee__name", "competency"]
    raw_id_fields = ["employee", "coaching_evaluation", "recorded_by"]


class PlanItemInline(ReadOnlyInline, admin.TabularInline):
    model = PlanItem
    extra = 0


@admin.register(DevelopmentPlan)
class DevelopmentPlanAdmin(ReadOnlyHistoryAdmin):
    # The IDP is agreed and its status moved on the pages (development services).
    list_display = ["employee", "year", "status"]
    list_filter = ["year", "status"]
    raw_id_fields = ["employee", "agreed_by"]
    inlines = [PlanItemInline]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    # A certificate file is uploaded on the pages, through the one upload check; the
    # verification code and the check-in time are made by SIKAP only.
    readonly_fields = ["certificate", "certificate_code", "checked_in_at"]
    raw_id_fields = ["employee"]


@admin.register(TrainingEvent)
class TrainingEventAdmin(SimpleHistoryAdmin):
    list_display = ["name", "jenis_diklat", "start_date", "jp", "unit"]
    list_filter = ["jenis_diklat"]
    search_fields = ["name"]
    inlines = [ParticipantInline]


@admin.register(OwnActivity)
class OwnActivityAdmin(ReadOnlyHistoryAdmin):
    # Verified by HR on the pages; the JP count follows the verification.
    list_display = ["employee", "name", "jp", "end_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["employee", "verified_by"]
