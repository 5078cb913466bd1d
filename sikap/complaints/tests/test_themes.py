"""The complaint themes offered to the survey's suggestions page: categories and counts only."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from sikap.complaints.models import Category, Complaint
from sikap.complaints.testing import make_complaint
from sikap.complaints.themes import complaint_themes
from sikap.lib.hooks import ThemeQuery

OCTOBER = dt.date(2026, 10, 5)


def _query(unit, **fields):
    values = {
        "path": unit.path,
        "excluded": (),
        "start": dt.date(2026, 10, 1),
        "end": dt.date(2026, 12, 31),
    }
    values.update(fields)
    return ThemeQuery(**values)


def test_duplicates_are_left_out_and_a_complaint_without_category_has_its_own_theme(personas):
    kel = personas.kelurahan
    roads = Category.objects.create(name="Infrastruktur Jalan")
    first = make_complaint(kel, on=OCTOBER, category=roads)
    again = make_complaint(kel, on=OCTOBER, category=roads)
    Complaint.objects.filter(pk=again.pk).update(duplicate_of=first)
    make_complaint(kel, on=OCTOBER + dt.timedelta(days=3))
    with translation.override("id"):
        themes = complaint_themes(_query(kel))
    assert [(t.name, t.count, t.last) for t in themes] == [
        ("Infrastruktur Jalan", 1, OCTOBER),
        ("Tanpa kategori", 1, OCTOBER + dt.timedelta(days=3)),
    ]
    assert {t.source for t in themes} == {"complaints"}


def test_the_service_units_below_are_excluded_and_the_service_name_is_matched_loosely(personas):
    make_complaint(personas.kelurahan, on=OCTOBER, service_name="Surat Domisili")
    make_complaint(personas.kecamatan, on=OCTOBER, service_name="surat domisili")
    excluded = (personas.kelurahan.path,)
    kec = personas.kecamatan
    assert [t.count for t in complaint_themes(_query(kec, excluded=excluded))] == [1]
    assert [t.count for t in complaint_themes(_query(kec))] == [2]
    named = _query(kec, service="SURAT DOMISILI", excluded=excluded)
    assert [t.count for t in complaint_themes(named)] == [1]
    assert complaint_themes(_query(kec, service="KTP")) == []
