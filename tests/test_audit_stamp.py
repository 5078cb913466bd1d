from __future__ import annotations

import datetime as dt

import pytest

from sikap.cycle.models import AppraisalYear
from sikap.lib.audit import stamp

pytestmark = pytest.mark.django_db


def test_the_stamped_actor_and_reason_are_in_the_history(personas):
    year = AppraisalYear(year=2030, period_kind="bulanan", plan_deadline=dt.date(2030, 1, 31))
    assert stamp(year, personas.user("hr"), reason="Tahun baru") is year
    year.save()
    row = year.history.get()
    assert (row.history_user, row.history_change_reason) == (personas.user("hr"), "Tahun baru")


def test_without_a_reason_none_is_recorded(personas):
    year = stamp(
        AppraisalYear(year=2031, period_kind="bulanan", plan_deadline=dt.date(2031, 1, 31)), None
    )
    year.save()
    row = year.history.get()
    assert (row.history_user, row.history_change_reason) == (None, None)
