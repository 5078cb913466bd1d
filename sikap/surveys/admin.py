from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sikap.lib.admin import ReadOnlyHistoryAdmin
from sikap.surveys.models import (
    FollowUpPlan,
    IkmSnapshot,
    PaperImport,
    ServicePromise,
    ServiceRecord,
    ServiceType,
    SurveyQuestion,
    SurveyResponse,
    SurveySettings,
)


@admin.register(ServiceType)
class ServiceTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "standard_minutes", "biaya", "is_active", "order"]
    list_filter = ["is_active", "unit"]
    search_fields = ["name", "unit__name"]
    fieldsets = [
        (None, {"fields": ["unit", "name", "standard_minutes", "order", "is_active"]}),
        (
            "A. Komponen penyampaian pelayanan (dipublikasikan)",
            {"fields": ["persyaratan", "prosedur", "jangka_waktu", "biaya", "produk", "pengaduan"]},
        ),
        (
            "B. Komponen pengelolaan pelayanan",
            {
                "fields": [
                    "dasar_hukum",
                    "sarana",
                    "kompetensi",
                    "pengawasan",
                    "jumlah_pelaksana",
                    "jaminan_pelayanan",
                    "jaminan_keamanan",
                    "evaluasi_kinerja",
                ]
            },
        ),
    ]


@admin.register(ServicePromise)
class ServicePromiseAdmin(ReadOnlyHistoryAdmin):
    # Signed on the unit's settings page (services.save_promise).
    list_display = ["unit", "signed_by", "signed_on"]
    raw_id_fields = ["signed_by"]


@admin.register(SurveySettings)
class SurveySettingsAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "weight", "min_officer_responses"]
    readonly_fields = ["kiosk_key"]


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "position", "name"]
    list_editable = ["position"]
    ordering = ["position"]


@admin.register(ServiceRecord)
class ServiceRecordAdmin(ReadOnlyHistoryAdmin):
    # Recorded at the counter; "on time" is derived by the service.
    list_display = ["service_type", "unit", "received_at", "duration_minutes", "on_time"]
    list_filter = ["unit", "on_time"]
    date_hierarchy = "received_at"
    raw_id_fields = ["officers", "recorded_by", "service_type"]
    list_select_related = ["service_type", "unit"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ["unit", "service_type", "channel", "submitted_at"]
    list_filter = ["channel", "unit"]
    date_hierarchy = "submitted_at"
    raw_id_fields = ["service_record", "officer", "service_type", "paper_import"]
    list_select_related = ["unit", "service_type"]


@admin.register(FollowUpPlan)
class FollowUpPlanAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "period_start", "period_end", "unsur"]


@admin.register(IkmSnapshot)
class IkmSnapshotAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "period_label", "ikm", "quality", "published_at"]


@admin.register(PaperImport)
class PaperImportAdmin(admin.ModelAdmin):
    list_display = ["filename", "unit", "rows", "imported_at"]
