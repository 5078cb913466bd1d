"""The Progres Harian's answer to planning's ``hooks.REALISATION_HINTS`` (the quarter's roll-up)."""

from __future__ import annotations

from django.db.models import Count, Max, Sum

from sikap.lib.hooks import RealisationHint
from sikap.worklog.models import Entry, EntryStatus


def realisation_hints(indicator_ids: list[int], period_id: int) -> dict[int, RealisationHint]:
    """The approved total of each indicator's RHK over its rencana aksi of the period, in one query.

    The satuan is given only when all those rencana aksi share one.
    """
    key = "action_plan__work_result__indicators"
    rows = (
        Entry.objects.filter(
            status=EntryStatus.DISETUJUI,
            action_plan__period_id=period_id,
            **{f"{key}__in": indicator_ids},
        )
        .values(key)
        .annotate(
            total=Sum("realisation"),
            satuan=Max("action_plan__satuan"),
            kinds=Count("action_plan__satuan", distinct=True),
        )
    )
    return {
        row[key]: RealisationHint(
            total=row["total"] or 0, satuan=row["satuan"] if row["kinds"] == 1 else ""
        )
        for row in rows
    }
