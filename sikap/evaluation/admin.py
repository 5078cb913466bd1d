"""Back-office views of the evaluation records (read mostly; changes go through the pages)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sikap.evaluation.models import (
    Determination,
    Evaluation,
    EvaluationSettings,
    Objection,
    OrganisationAssessment,
)


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = [
        "employee",
        "period",
        "result_rating",
        "behaviour_rating",
        "predicate",
        "status",
    ]
    list_filter = ["status", "period__appraisal_year", "predicate"]
    search_fields = ["employee__name", "employee__nip"]
    readonly_fields = ["predicate"]
    list_select_related = ["employee", "period__appraisal_year"]


@admin.register(OrganisationAssessment)
class OrganisationAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "period", "predicate", "set_by"]


@admin.register(Determination)
class DeterminationAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "period", "organisation_predicate", "signed_by_name", "signed_at"]


@admin.register(Objection)
class ObjectionAdmin(SimpleHistoryAdmin):
    list_display = ["evaluation", "status", "filed_at", "decided_at"]


@admin.register(EvaluationSettings)
class EvaluationSettingsAdmin(SimpleHistoryAdmin):
    list_display = [
        "organisation_predicate_setter",
        "rounding",
        "pooling_threshold",
        "objection_days",
    ]
