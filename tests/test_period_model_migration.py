"""The 2025-2026 period model leaves the years that exist alone (cycle/0003)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cycle", "0002_entry_closures_and_reopenings")]
AFTER = [("cycle", "0003_period_model_2025")]


@pytest.mark.django_db(transaction=True)
def test_existing_years_keep_their_periods_and_new_ones_get_a_tahunan_final() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    year = old.get_model("cycle", "AppraisalYear").objects.create(
        year=2025, period_kind="triwulanan", plan_deadline="2025-01-31"
    )
    Period = old.get_model("cycle", "Period")
    for number in range(1, 5):
        Period.objects.create(
            appraisal_year=year,
            number=number,
            name=f"Triwulan {number}",
            start_date=f"2025-{3 * number - 2:02d}-01",
            end_date=f"2025-{3 * number:02d}-28",
            deadline=f"2025-{3 * number:02d}-28",
            is_final=number == 4,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from sikap.cycle.models import AppraisalYear
    from sikap.cycle.services import setup_appraisal_year

    kept = AppraisalYear.objects.get(year=2025)
    assert kept.annual_final is False
    assert kept.periods.count() == 4
    assert kept.periods.get(is_final=True).number == 4
    assert all(p.has_action_plans for p in kept.periods.all())
    assert AppraisalYear(year=2030, plan_deadline="2030-01-31").annual_final is True
    new = setup_appraisal_year(year=2027, period_kind="triwulanan", annual_final=True, by=None)
    assert new.periods.count() == 5
