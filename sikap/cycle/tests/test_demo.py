from __future__ import annotations

import datetime as dt

import pytest

from sikap.cycle import demo
from sikap.cycle.models import AppraisalYear

pytestmark = pytest.mark.django_db


def test_load_is_idempotent(db):
    assert demo.load(today=dt.date(2026, 11, 27))
    assert not demo.load(today=dt.date(2026, 11, 27))
    assert AppraisalYear.objects.get().periods.count() == 4
