"""Auto-closed complaints carry the day their confirmation window ended (issue 13, item 8).

Until now the daily job stamped the day it ran, so a backlog closed in January read as months of
handling. A row is fixed where its trail allows: it was closed for lack of a response, its
answer day is known, and the window counted from that day with the settings of its unit ends
before the recorded closing day. The reverse step leaves the corrected dates in place.
"""

from __future__ import annotations

from django.db import migrations

from sikap.lib.workdays import add_working_days, elapsed_working_days


def _timeout_days(settings_by_unit, default, path):
    for part in reversed([p for p in path.strip("/").split("/") if p]):
        found = settings_by_unit.get(int(part))
        if found is not None:
            return found
    return default


def fix_closing_days(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    ComplaintSettings = apps.get_model("complaints", "ComplaintSettings")
    Holiday = apps.get_model("complaints", "Holiday")
    Pause = apps.get_model("complaints", "Pause")
    default_row = ComplaintSettings.objects.filter(unit__isnull=True).order_by("pk").first()
    default = default_row.confirmation_timeout_days if default_row else 10
    by_unit = {
        s.unit_id: s.confirmation_timeout_days
        for s in ComplaintSettings.objects.filter(unit__isnull=False)
    }
    holidays = frozenset(Holiday.objects.values_list("date", flat=True))
    rows = Complaint.objects.filter(
        status="closed", close_reason="timeout", answered_on__isnull=False
    ).select_related("unit")
    changed = []
    for c in rows.iterator():
        ended = add_working_days(
            c.answered_on, _timeout_days(by_unit, default, c.unit.path), holidays
        )
        if c.closed_on is None or ended >= c.closed_on:
            continue
        pauses = [(p.started_on, p.ended_on) for p in Pause.objects.filter(complaint_id=c.pk)]
        c.closed_on = ended
        c.days_to_close = elapsed_working_days(c.registered_on, ended, pauses, holidays)
        changed.append(c)
    Complaint.objects.bulk_update(changed, ["closed_on", "days_to_close"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0005_forwarding_confidential_extension")]

    operations = [migrations.RunPython(fix_closing_days, migrations.RunPython.noop)]
