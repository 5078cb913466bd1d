"""A new appraisal year submitted twice (the same form token) is created once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.accounts.testing import Submit, assert_created_once
from sikap.cycle.models import AppraisalYear

pytestmark = pytest.mark.django_db


def test_a_new_year_submitted_twice_is_created_once(personas, login):
    data = {"year": 2027, "period_kind": "bulanan"}
    rows = AppraisalYear.objects.filter(year=2027)
    client = login(personas.user("city_hr"))
    assert_created_once(Submit(client, reverse("cycle:year_create"), data, rows))
