"""Seed the working-day calendar with libur nasional and cuti bersama 2025-2026 (domain.md §4.6)."""

from django.db import migrations


def seed(apps, schema_editor):
    from sikap.lib.holidays_id import HOLIDAY_SEEDS

    Holiday = apps.get_model("complaints", "Holiday")
    existing = set(Holiday.objects.values_list("date", flat=True))
    Holiday.objects.bulk_create(
        Holiday(date=s.date, name=s.name, kind=s.kind) for s in HOLIDAY_SEEDS if s.date not in existing
    )


def unseed(apps, schema_editor):
    from sikap.lib.holidays_id import HOLIDAY_SEEDS

    Holiday = apps.get_model("complaints", "Holiday")
    Holiday.objects.filter(date__in=[s.date for s in HOLIDAY_SEEDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
