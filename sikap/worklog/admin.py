from django.contrib import admin

from sikap.lib.admin import ReadOnlyHistoryAdmin
from sikap.worklog.models import Entry


@admin.register(Entry)
class EntryAdmin(ReadOnlyHistoryAdmin):
    """Read-only: entries move only through the services (the weekly page and its decisions)."""

    list_display = ["date", "employee", "activity", "realisation", "satuan", "status", "source"]
    list_filter = ["status", "location", "source"]
    search_fields = ["employee__name", "employee__nip", "activity"]
    date_hierarchy = "date"
    list_select_related = ["employee"]
    raw_id_fields = ["employee", "action_plan", "decided_by"]
