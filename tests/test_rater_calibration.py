"""The calibration page shows each penilai's ratings beside the team's objective signals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sikap.cycle.services import setup_appraisal_year
from sikap.evaluation import services
from sikap.evaluation.curve import unit_curve
from sikap.evaluation.rater_signals import team_signals
from sikap.org.testing import make_employee
from sikap.planning.testing import make_plan
from sikap.surveys.testing import make_response

pytestmark = pytest.mark.django_db

# Surveys sit above evaluation, so this test of the two together lives at the project level.


@pytest.fixture
def year2026(db):
    return setup_appraisal_year(year=2026, period_kind="triwulanan", by=None)


@pytest.fixture
def q1(year2026):
    return year2026.periods.get(number=1)


@pytest.fixture
def plans(personas, year2026):
    return {"pegawai": make_plan(personas.pegawai, year2026, penilai=personas.penilai)}


IN_Q1 = timezone.make_aware(dt.datetime(2026, 2, 16, 10, 0))


def _staff(personas, year, penilai, n, *, answers, rating, prefix):
    for i in range(n):
        employee = make_employee(personas.hr.position, f"{prefix} {i}")
        plan = make_plan(employee, year, penilai=penilai)
        for _ in range(10):
            make_response(personas.kecamatan, answers(i), officer=employee, when=IN_Q1)
        services.set_ratings(
            plan=plan,
            period=year.periods.get(number=1),
            by=penilai.user,
            result_rating=rating(i),
            behaviour_rating="SESUAI",
        )


def test_a_lenient_penilai_is_flagged_and_a_consistent_one_is_not(personas, year2026, q1, login):
    # The camat rates 12 officers with weak survey results all above expectations; the lurah
    # rates the stronger half of their 12 above and the weaker half as expected.
    _staff(
        personas,
        year2026,
        personas.camat,
        12,
        answers=lambda i: 2,
        rating=lambda i: "DI_ATAS",
        prefix="Longgar",
    )
    _staff(
        personas,
        year2026,
        personas.lurah,
        12,
        answers=lambda i: 4 if i % 2 else 2,
        rating=lambda i: "DI_ATAS" if i % 2 else "SESUAI",
        prefix="Sesuai",
    )
    rows = {r.penilai_name: r for r in team_signals(unit_curve(personas.kecamatan, q1))}
    camat, lurah = rows[personas.camat.display_name], rows[personas.lurah.display_name]
    assert camat.result.flag == "lenient" and camat.above_share == 100
    assert camat.mean_ikm == 50.0 and camat.result.rated == 12
    assert lurah.result.tested and lurah.result.flag is None
    page = login(personas.user("camat")).get(
        reverse("evaluation:calibration", args=[personas.kecamatan.pk, q1.pk])
    )
    assert page.status_code == 200
    assert 'data-penilai-flag="lenient"' in page.text and 'id="penilai-signals"' in page.text
    auditor = login(personas.user("auditor")).get(
        reverse("evaluation:calibration", args=[personas.kecamatan.pk, q1.pk])
    )
    assert 'data-penilai-flag="lenient"' in auditor.text


def test_with_few_people_nobody_is_tested(personas, plans, q1, login):
    services.set_ratings(
        plan=plans["pegawai"],
        period=q1,
        by=personas.user("penilai"),
        result_rating="DI_ATAS",
        behaviour_rating="SESUAI",
    )
    rows = team_signals(unit_curve(personas.kecamatan, q1))
    assert [(r.result.rated, r.result.tested, r.above_share) for r in rows] == [(1, False, 100)]
    page = login(personas.user("camat")).get(
        reverse("evaluation:calibration", args=[personas.kecamatan.pk, q1.pk])
    )
    assert 'data-penilai-flag=""' in page.text


def test_an_unrated_curve_has_no_rows(personas, plans, q1):
    assert team_signals(unit_curve(personas.kecamatan, q1)) == []
