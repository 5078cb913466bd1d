"""Development transitions re-read their row under a lock: a stale copy changes nothing twice."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sikap.development import services
from sikap.development.models import ActivityStatus, DevelopmentPlan, OwnActivity, PlanStatus
from sikap.development.testing import TODAY
from sikap.planning.tests.test_races import _burst, postgres_only

pytestmark = pytest.mark.django_db


def test_an_idp_agreed_from_a_stale_copy_is_agreed_once(personas):
    plan = services.get_or_create_plan(employee=personas.pegawai, year=2026, by=None)
    services.add_plan_item(plan=plan, competency="Komunikasi", jenis_diklat=8, target_jp=8, by=None)
    first, stale = DevelopmentPlan.objects.get(pk=plan.pk), DevelopmentPlan.objects.get(pk=plan.pk)
    services.agree_plan(plan=first, by=personas.penilai.user)
    with pytest.raises(ValidationError) as caught:
        services.agree_plan(plan=stale, by=personas.lurah.user)
    assert caught.value.code == "idp_approved"
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED and plan.agreed_by == personas.penilai
    with pytest.raises(ValidationError):
        services.add_plan_item(plan=stale, competency="X", jenis_diklat=8, target_jp=1, by=None)
    assert plan.items.count() == 1


def test_an_activity_verified_from_a_stale_copy_is_verified_once(personas):
    activity = services.report_activity(
        employee=personas.pegawai,
        name="Seminar",
        jenis_diklat=9,
        organiser="X",
        start_date=TODAY,
        end_date=TODAY,
        jp=2,
        certificate_number="A-1",
        by=None,
    )
    first, stale = OwnActivity.objects.get(pk=activity.pk), OwnActivity.objects.get(pk=activity.pk)
    services.verify_activity(activity=first, approve=True, by=None)
    with pytest.raises(ValidationError) as caught:
        services.verify_activity(activity=stale, approve=False, by=None)
    assert caught.value.code == "verified_already"
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.VERIFIED


def test_the_idp_of_a_year_is_created_once(personas):
    for _ in range(2):
        services.get_or_create_plan(employee=personas.pegawai, year=2026, by=None)
    assert DevelopmentPlan.objects.filter(employee=personas.pegawai, year=2026).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_agreements_agree_the_idp_once(personas):
    plan = services.get_or_create_plan(employee=personas.pegawai, year=2026, by=None)
    services.add_plan_item(plan=plan, competency="Komunikasi", jenis_diklat=8, target_jp=8, by=None)
    penilai = personas.penilai.user
    results = _burst(
        8, lambda: services.agree_plan(plan=DevelopmentPlan.objects.get(pk=plan.pk), by=penilai)
    )
    agreed = [r for r in results if isinstance(r, DevelopmentPlan)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(agreed) == 1 and len(refused) == 7
    assert plan.history.filter(status=PlanStatus.AGREED).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_idp_openings_make_one_plan(personas):
    employee = personas.pegawai
    results = _burst(
        6, lambda: services.get_or_create_plan(employee=employee, year=2026, by=None).pk
    )
    assert len(set(results)) == 1
    assert DevelopmentPlan.objects.filter(employee=employee, year=2026).count() == 1
