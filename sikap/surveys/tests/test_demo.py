"""The demo data: a catalogue for every Plaju unit and a year of visibly different results."""

from __future__ import annotations

import datetime as dt

from sikap.org import demo as org_demo
from sikap.org.models import Unit
from sikap.surveys import demo
from sikap.surveys.models import IkmSnapshot, ServiceRecord, ServiceType, SurveyResponse
from sikap.surveys.periods import parse_period
from sikap.surveys.stats import unit_index

TODAY = dt.date(2026, 11, 27)


def test_the_demo_is_complete_varied_and_idempotent(db):
    org_demo.load(today=TODAY)
    assert demo.load(today=TODAY) is True
    units = list(
        Unit.objects.filter(kind__in=["kecamatan", "kelurahan"], bps_code__startswith="1671031")
    )
    assert len(units) == 8
    assert all(ServiceType.objects.filter(unit=u).count() >= 5 for u in units)
    counts = (
        ServiceRecord.objects.count(),
        SurveyResponse.objects.count(),
        IkmSnapshot.objects.count(),
    )
    assert counts[0] > 5000 and counts[1] > 2000 and counts[2] >= 8
    first, last = (
        ServiceRecord.objects.order_by("received_at").values_list("received_at", flat=True)[:1][0],
        ServiceRecord.objects.latest("received_at").received_at,
    )
    assert first.year == 2026 and last.date() <= TODAY
    year = parse_period("2026", today=TODAY)
    ikms = {u.name: unit_index(u, year).result.ikm for u in units}
    assert max(ikms.values()) - min(ikms.values()) > 3  # units differ visibly
    assert demo.load(today=TODAY) is False
    assert ServiceRecord.objects.count() == counts[0]
