"""Close realisation and evidence of every period an employee already has a final evaluation in."""

from django.db import migrations


def close(apps, schema_editor):
    Evaluation = apps.get_model("evaluation", "Evaluation")
    EntryClosure = apps.get_model("cycle", "EntryClosure")
    seen = set(EntryClosure.objects.values_list("period_id", "employee_id"))
    rows = []
    for period_id, employee_id, at in Evaluation.objects.filter(status="final").values_list(
        "period_id", "employee_id", "finalised_at"
    ):
        if (period_id, employee_id) in seen or at is None:
            continue
        seen.add((period_id, employee_id))
        rows.append(
            EntryClosure(
                period_id=period_id, employee_id=employee_id, reason="penetapan", closed_at=at
            )
        )
    EntryClosure.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0003_move_periods_to_cycle"),
        ("cycle", "0002_entry_closures_and_reopenings"),
    ]

    operations = [migrations.RunPython(close, migrations.RunPython.noop)]
