"""The JP recap counted by the database (``selectors.with_jp``) gives the figures of the rules
(``jp_totals``, ``rules.yearly_target``, ``rules.below_target``) for every jenis ASN and at the
boundaries: the year's first and last day, events not attended, activities not verified."""

from __future__ import annotations

import datetime as dt

import pytest

from sikap.development import selectors
from sikap.development.models import ActivityStatus, OwnActivity
from sikap.development.testing import invite, make_event
from sikap.org.models import Employee, JenisAsn
from sikap.org.testing import make_employee

pytestmark = pytest.mark.django_db


def _activity(employee: Employee, day: dt.date, jp: int, status: str) -> None:
    OwnActivity.objects.create(
        employee=employee,
        name="Pelatihan",
        jenis_diklat=7,
        organiser="BPSDM",
        start_date=day,
        end_date=day,
        jp=jp,
        status=status,
    )


@pytest.fixture
def people(personas):
    pos = personas.pegawai.position
    made = {kind: make_employee(pos, f"Pegawai {kind}") for kind in JenisAsn.values}
    for kind, employee in made.items():
        Employee.objects.filter(pk=employee.pk).update(jenis_asn=kind)
    first = make_event(personas.kecamatan, jp=12, start=dt.date(2026, 1, 1))
    last = make_event(personas.kecamatan, jp=8, start=dt.date(2026, 12, 31))
    before = make_event(personas.kecamatan, jp=30, start=dt.date(2025, 12, 31))
    pns, pppk = made[JenisAsn.PNS], made[JenisAsn.PPPK]
    invite(first, pns, pppk)
    invite(last, pns)
    invite(before, pns, pppk)
    invite(make_event(personas.kecamatan, jp=40), made[JenisAsn.PPPK_PW], attended=False)
    _activity(pppk, dt.date(2026, 6, 1), 12, ActivityStatus.VERIFIED)
    _activity(pns, dt.date(2026, 6, 1), 50, ActivityStatus.PENDING)
    _activity(made[JenisAsn.PPPK_PW], dt.date(2026, 6, 1), 3, ActivityStatus.VERIFIED)
    return made


@pytest.mark.parametrize("pppk_target", [20, 24, 30, 0])
def test_the_database_counts_what_the_rules_count(personas, people, settings, pppk_target):
    settings.DEVELOPMENT_PPPK_TARGET_JP = pppk_target
    everyone = Employee.objects.filter(is_active=True).order_by("pk")
    by_sql = {e.pk: selectors.jp_row(e) for e in selectors.with_jp(everyone, 2026)}
    by_python = {r.employee.pk: r for r in selectors.jp_rows(list(everyone), 2026)}
    assert by_sql.keys() == by_python.keys()
    for pk, row in by_python.items():
        assert (by_sql[pk].jp, by_sql[pk].target, by_sql[pk].below) == (
            row.jp,
            row.target,
            row.below,
        ), row.employee.name
    pns = by_sql[people[JenisAsn.PNS].pk]
    assert (pns.jp, pns.target, pns.below) == (20, 20, False)  # exactly the target is enough
    pppk = by_sql[people[JenisAsn.PPPK].pk]
    assert pppk.jp == 24 and pppk.target == min(pppk_target, 24)


def test_the_units_are_summed_as_the_rows(personas, people):
    everyone = selectors.with_jp(Employee.objects.filter(is_active=True), 2026)
    rows = [selectors.jp_row(e) for e in everyone]
    [total] = [t for t in selectors.jp_unit_totals(everyone) if t.unit_id == personas.seksi.pk]
    mine = [r for r in rows if r.employee.unit_id == personas.seksi.pk]
    assert total.people == len(mine)
    assert total.jp == sum(r.jp for r in mine)
    assert total.below == sum(r.below for r in mine)
    below = everyone.filter(selectors.BELOW_TARGET)
    assert {e.pk for e in below} == {r.employee.pk for r in rows if r.below}
