from __future__ import annotations

import datetime as dt

import pytest

from sikap.evaluation import demo
from sikap.evaluation.curve import unit_curve
from sikap.evaluation.models import Determination, Evaluation

pytestmark = pytest.mark.django_db


def test_load_without_plans_does_nothing(personas, year2026):
    assert not demo.load(today=dt.date(2026, 11, 27))


def test_load_evaluates_past_periods_and_violates_one_curve(personas, plans, year2026):
    assert demo.load(today=dt.date(2026, 11, 27))
    periods = list(year2026.periods.order_by("start_date"))
    assert Evaluation.objects.filter(period=periods[3]).count() == 0
    for period in periods[:2]:
        assert set(Evaluation.objects.filter(period=period).values_list("status", flat=True)) == {
            "final"
        }
        assert Determination.objects.filter(period=period).exists()
        assert not unit_curve(personas.kecamatan, period).violations
    latest = unit_curve(personas.kecamatan, periods[2])
    assert latest.determination is None
    assert latest.violations
    assert not demo.load(today=dt.date(2026, 11, 27))
