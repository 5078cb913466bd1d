"""Reading rencana aksi (§8.2) for the SKP page, the PDF lampiran and the Progres Harian."""

from __future__ import annotations

from typing import Any

from sikap.cycle.models import Period
from sikap.planning.models import ActionPlan, Plan


def quarters_of(plan: Plan) -> list[Period]:
    """The periods of the SKP's year that carry rencana aksi, in order."""
    periods = Period.objects.filter(appraisal_year=plan.appraisal_year_id).select_related(
        "appraisal_year"
    )
    return [p for p in periods.order_by("start_date", "number") if p.has_action_plans]


def action_plan_sections(plan: Plan) -> list[dict[str, Any]]:
    """Rencana aksi grouped by quarter then RHK, for the SKP page and the PDF lampiran."""
    items = list(
        ActionPlan.objects.filter(work_result__plan=plan).select_related("work_result", "period")
    )
    sections = []
    for period in quarters_of(plan):
        rows = [a for a in items if a.period_id == period.pk]
        sections.append({"period": period, "rows": rows})
    return sections
