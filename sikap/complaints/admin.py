from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sikap.complaints import services
from sikap.complaints.models import (
    Category,
    Complaint,
    ComplaintEvent,
    ComplaintSettings,
    EscalationNotice,
    Holiday,
    ResponseTemplate,
)
from sikap.lib.admin import ReadOnlyHistoryAdmin


@admin.register(Holiday)
class HolidayAdmin(ReadOnlyHistoryAdmin):
    # The calendar is kept on its page, whose services recompute the open deadlines.
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "is_active"]
    search_fields = ["name"]


@admin.register(ResponseTemplate)
class ResponseTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "step", "is_active"]
    list_filter = ["step", "is_active"]

    def save_model(self, request, obj, form, change):
        services.save_response_template(by=request.user, template=obj)


@admin.register(ComplaintSettings)
class ComplaintSettingsAdmin(ReadOnlyHistoryAdmin):
    # Changed on the settings page, whose service recomputes the open deadlines of the subtree.
    list_display = ["__str__", "verification_days", "follow_up_days", "retention_days"]


class EventInline(admin.TabularInline):
    model = ComplaintEvent
    extra = 0
    can_delete = False
    readonly_fields = [
        "kind",
        "at",
        "by",
        "by_citizen",
        "from_status",
        "to_status",
        "note",
        "is_public",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyHistoryAdmin):
    # State changes go through the pages (services); the back office only reads.
    list_display = ["tracking_code", "subject", "unit", "status", "due_on", "assignee"]
    list_filter = ["status", "channel", "classification", "complaint_class"]
    search_fields = ["tracking_code", "subject", "lapor_reference"]
    list_select_related = ["unit", "assignee"]
    inlines = [EventInline]


@admin.register(EscalationNotice)
class EscalationNoticeAdmin(admin.ModelAdmin):
    list_display = ["complaint", "level", "due_on", "recipient", "sent_at", "emailed"]
    list_filter = ["level", "emailed"]
