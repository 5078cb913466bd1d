from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sikap.org.models import Assignment, Employee, Position, SupervisorOverride, Unit


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "bps_code", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "bps_code"]
    readonly_fields = ["path", "depth"]


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "jenis", "jenjang", "eselon", "reports_to", "is_unit_head"]
    list_filter = ["jenis", "eselon", "is_unit_head"]
    search_fields = ["name", "unit__name"]
    list_select_related = ["unit", "reports_to"]
    autocomplete_fields = ["unit", "reports_to"]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["position", "unit"]


@admin.register(Employee)
class EmployeeAdmin(SimpleHistoryAdmin):
    list_display = ["display_name", "nip", "jenis_asn", "golongan", "position", "unit", "is_active"]
    list_filter = ["jenis_asn", "is_active", "unit"]
    search_fields = ["name", "nip"]
    list_select_related = ["position", "unit"]
    autocomplete_fields = ["position", "unit", "user"]
    inlines = [AssignmentInline]


@admin.register(SupervisorOverride)
class SupervisorOverrideAdmin(SimpleHistoryAdmin):
    list_display = ["employee", "penilai", "atasan", "start_date", "end_date"]
    autocomplete_fields = ["employee", "penilai", "atasan"]
