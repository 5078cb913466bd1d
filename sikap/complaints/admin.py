from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sikap.complaints.models import (
    Category,
    Complaint,
    ComplaintEvent,
    ComplaintSettings,
    EscalationNotice,
    Holiday,
    ResponseTemplate,
)


@admin.register(Holiday)
class HolidayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
    search_fields = ["name"]


@admin.register(ResponseTemplate)
class ResponseTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["title", "step", "is_active"]
    list_filter = ["step", "is_active"]


@admin.register(ComplaintSettings)
class ComplaintSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "verification_days", "follow_up_days", "retention_days"]


class EventInline(admin.TabularInline):
    model = ComplaintEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "at", "by", "by_citizen", "from_status", "to_status", "note", "is_public"]  # fmt: skip

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Complaint)
class ComplaintAdmin(SimpleHistoryAdmin):
    # State changes go through the pages (services); the back office only reads.
    list_display = ["tracking_code", "subject", "unit", "status", "due_on", "assignee"]
    list_filter = ["status", "channel", "classification", "complaint_class"]
    search_fields = ["tracking_code", "subject", "lapor_reference"]
    list_select_related = ["unit", "assignee"]
    inlines = [EventInline]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(EscalationNotice)
class EscalationNoticeAdmin(admin.ModelAdmin):
    list_display = ["complaint", "level", "due_on", "recipient", "sent_at", "emailed"]
    list_filter = ["level", "emailed"]
