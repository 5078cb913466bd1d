"""Back-office views of the evaluation records (read mostly; changes go through the pages)."""

from __future__ import annotations

from django.contrib import admin

from sikap.evaluation.models import (
    Determination,
    Evaluation,
    EvaluationSettings,
    Objection,
    OrganisationAssessment,
)
from sikap.lib.admin import ReadOnlyHistoryAdmin

# Ratings, the penetapan, keberatan and the settings change only through the evaluation services
# behind the pages (which lock what is signed and write the audit reasons): the back office reads.


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyHistoryAdmin):
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
class OrganisationAssessmentAdmin(ReadOnlyHistoryAdmin):
    list_display = ["unit", "period", "predicate", "set_by"]


@admin.register(Determination)
class DeterminationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["unit", "period", "organisation_predicate", "signed_by_name", "signed_at"]


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["evaluation", "status", "filed_at", "decided_at"]


@admin.register(EvaluationSettings)
class EvaluationSettingsAdmin(ReadOnlyHistoryAdmin):
    list_display = [
        "organisation_predicate_setter",
        "rounding",
        "pooling_threshold",
        "objection_days",
    ]
