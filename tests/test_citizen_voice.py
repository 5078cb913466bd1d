"""Complaint themes beside the saran: complaints fills surveys' page through a hook, so the test
of both together lives here, above the app graph."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from sikap.complaints.models import Category
from sikap.complaints.testing import make_complaint
from sikap.surveys.testing import make_service_type

NOW = dt.datetime(2026, 11, 27, 4, 0, tzinfo=dt.UTC)


def _list_url(unit, query=""):
    return reverse("surveys:suggestions", args=[unit.pk]) + query


@time_machine.travel(NOW, tick=False)
def test_complaint_themes_of_the_unit_and_service_are_counted_without_their_text(personas, login):
    domisili = make_service_type(personas.kelurahan)
    roads = Category.objects.create(name="Infrastruktur Jalan")
    kel, kec = personas.kelurahan, personas.kecamatan
    make_complaint(kel, on=dt.date(2026, 10, 2), category=roads, service_name=domisili.name)
    make_complaint(kel, on=dt.date(2026, 10, 9), category=roads)
    make_complaint(kel, on=dt.date(2026, 8, 9), category=roads)  # another quarter
    make_complaint(kec, on=dt.date(2026, 10, 9), category=roads)  # the kecamatan office's own
    client = login(personas.user("camat"))
    page = client.get(_list_url(kel))
    themes = [(t.name, t.count, t.first, t.last) for t in page.context["themes"]]
    assert themes == [("Infrastruktur Jalan", 2, dt.date(2026, 10, 2), dt.date(2026, 10, 9))]
    html = page.content.decode()
    assert "Lampu jalan" not in html and "Bambang" not in html
    one = client.get(_list_url(kel, f"?layanan={domisili.pk}")).context["themes"]
    assert [t.count for t in one] == [1]
    at_kecamatan = client.get(_list_url(kec)).context["themes"]
    assert [t.count for t in at_kecamatan] == [1]
