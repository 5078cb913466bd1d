from __future__ import annotations

import datetime as dt

import pytest

from sikap.complaints import demo
from sikap.complaints.models import Complaint, EscalationNotice, SatisfactionRating, Status
from sikap.org import demo as org_demo

pytestmark = pytest.mark.django_db


def test_demo_covers_every_state_and_is_idempotent() -> None:
    today = dt.date(2026, 11, 27)
    org_demo.load(today=today)
    assert demo.load(today=today) is True
    qs = Complaint.objects.all()
    assert qs.count() > 150
    assert set(qs.values_list("status", flat=True)) == set(Status.values)
    assert qs.overdue(today).exists()
    assert qs.filter(is_paused=True).exists()
    assert qs.filter(reopened=True).exists()
    assert (
        qs.filter(close_reason="timeout").exists() and qs.filter(close_reason="confirmed").exists()
    )
    assert qs.filter(channel="lapor").exclude(lapor_reference="").exists()
    assert qs.values("unit").distinct().count() == 8
    assert SatisfactionRating.objects.exists()
    assert EscalationNotice.objects.exists()
    before = qs.count()
    assert demo.load(today=today) is False
    assert Complaint.objects.count() == before
