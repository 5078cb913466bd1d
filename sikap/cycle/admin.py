"""Back-office views of the appraisal calendar (changes go through the pages)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sikap.cycle.models import (
    AppraisalYear,
    CalendarSettings,
    EntryClosure,
    Period,
    PeriodReopening,
)
from sikap.lib.admin import ReadOnlyAdmin


class PeriodInline(admin.TabularInline):
    # A reopening goes through cycle.services.reopen_period (signed periods: superadmin, reason).
    model = Period
    extra = 0
    readonly_fields = ["reopened_until"]


@admin.register(AppraisalYear)
class AppraisalYearAdmin(SimpleHistoryAdmin):
    list_display = ["year", "period_kind", "annual_final", "plan_deadline"]
    inlines = [PeriodInline]


@admin.register(EntryClosure)
class EntryClosureAdmin(ReadOnlyAdmin):
    list_display = ["period", "employee", "reason", "closed_at"]
    list_filter = ["reason", "period__appraisal_year"]
    raw_id_fields = ["employee"]


@admin.register(PeriodReopening)
class PeriodReopeningAdmin(ReadOnlyAdmin):
    list_display = ["period", "until", "overrides_closures", "by", "at"]


@admin.register(CalendarSettings)
class CalendarSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["default_period_kind", "default_annual_final"]
