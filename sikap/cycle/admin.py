"""Back-office views of the appraisal calendar (changes go through the pages)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sikap.cycle.models import AppraisalYear, Period


class PeriodInline(admin.TabularInline):
    model = Period
    extra = 0


@admin.register(AppraisalYear)
class AppraisalYearAdmin(SimpleHistoryAdmin):
    list_display = ["year", "period_kind", "plan_deadline"]
    inlines = [PeriodInline]
