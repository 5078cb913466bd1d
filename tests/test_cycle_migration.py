"""The move of appraisal years and periods into ``sikap.cycle`` keeps every row of a live database.

The database is populated through the services, taken back to the migration state before the
cycle app existed, given more rows through that old state, and migrated forward again.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sikap.cycle.models import AppraisalYear, Period
from sikap.cycle.services import setup_appraisal_year
from sikap.evaluation import services as evaluation_services
from sikap.evaluation.models import Evaluation, OrganisationAssessment
from sikap.evaluation.tests.conftest import make_plan
from sikap.planning.models import Plan

BEFORE = [("cycle", None)]
OLD_STATE = [("evaluation", "0002_evaluations_and_curve"), ("planning", "0001_initial")]
TABLES = (
    "evaluation_appraisalyear",
    "evaluation_historicalappraisalyear",
    "evaluation_period",
    "evaluation_historicalperiod",
    "evaluation_evaluation",
    "evaluation_organisationassessment",
    "planning_plan",
)


def _counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        result = {}
        for table in TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (fixed names)
            result[table] = cursor.fetchone()[0]
        return result


def _migrate(targets: list[tuple[str, str | None]]) -> Any:
    """Migrate to the targets and return the models of the migration state reached."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(OLD_STATE).apps


def _migrate_to_the_end() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_moving_the_calendar_to_cycle_keeps_every_row(personas: Any) -> None:
    year = setup_appraisal_year(year=2026, period_kind="triwulanan", by=personas.user("hr"))
    q1 = year.periods.get(number=1)
    plan = make_plan(personas.pegawai, year, penilai=personas.penilai, atasan=personas.lurah)
    evaluation_services.set_ratings(
        plan=plan,
        period=q1,
        by=personas.user("penilai"),
        result_rating="SESUAI",
        behaviour_rating="SESUAI",
    )
    change_period = Permission.objects.get(
        content_type__app_label="cycle", content_type__model="period", codename="change_period"
    )
    group = Group.objects.create(name="Kalender")
    group.permissions.add(change_period)
    period_type_id = change_period.content_type_id
    before = _counts()

    try:
        old = _migrate(BEFORE)
        assert ContentType.objects.get(pk=period_type_id).app_label == "evaluation"
        old_year = old.get_model("evaluation", "AppraisalYear").objects.create(
            year=2027, period_kind="bulanan", plan_deadline="2027-01-31"
        )
        old_period = old.get_model("evaluation", "Period").objects.create(
            appraisal_year=old_year,
            number=1,
            name="Januari",
            start_date="2027-01-01",
            end_date="2027-01-31",
            deadline="2027-02-10",
            is_final=True,
        )
        old.get_model("evaluation", "OrganisationAssessment").objects.create(
            unit_id=personas.kecamatan.pk, period_id=old_period.pk, predicate="BAIK"
        )
    finally:
        _migrate_to_the_end()

    after = _counts()
    assert after["evaluation_appraisalyear"] == before["evaluation_appraisalyear"] + 1
    assert after["evaluation_period"] == before["evaluation_period"] + 1
    assert after["evaluation_organisationassessment"] == 1
    for table in ("evaluation_historicalperiod", "evaluation_evaluation", "planning_plan"):
        assert after[table] == before[table], table
    assert [p.name for p in Period.objects.filter(appraisal_year__year=2026)] == [
        "Triwulan I",
        "Triwulan II",
        "Triwulan III",
        "Triwulan IV/Akhir",
    ]
    assert Evaluation.objects.get().period == q1
    assert Plan.objects.get().appraisal_year == year
    assert OrganisationAssessment.objects.get().period.appraisal_year == AppraisalYear.objects.get(
        year=2027
    )
    assert q1.history.first().history_user == personas.user("hr")
    moved = ContentType.objects.get(pk=period_type_id)
    assert (moved.app_label, moved.model) == ("cycle", "period")
    assert group.permissions.get() == change_period
