"""The lazy chart answers exactly as the whole instance loaded at once, in bounded queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sikap.org import services
from sikap.org.hierarchy import OrgChart
from sikap.org.models import AssignmentKind, Employee, UnitKind
from sikap.org.testing import make_employee, make_position, make_unit

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 6, 15)


def _tangle(personas):
    """Plt. in a vacant post, an override across kecamatan, a vacancy in the middle of a line."""
    kel = personas.kelurahan
    kasi2 = make_position(
        kel, "Kepala Seksi Ketertiban", jenis="PENGAWAS", reports_to=personas.lurah.position
    )
    staff2 = make_position(kel, "Pengadministrasi Ketertiban", reports_to=kasi2)
    helper = make_employee(staff2, "Bayu Pratama")
    services.assign_acting(
        employee=personas.penilai,
        position=kasi2,
        kind=AssignmentKind.PLT,
        start_date=dt.date(2026, 6, 1),
        end_date=dt.date(2026, 6, 30),
        by=None,
    )
    vacant = make_position(
        kel, "Kepala Seksi Kosong", jenis="PENGAWAS", reports_to=personas.lurah.position
    )
    make_employee(make_position(kel, "Staf Seksi Kosong", reports_to=vacant), "Citra Kusuma")
    services.set_supervisor_override(
        employee=personas.outsider,
        penilai=personas.penilai,
        start_date=dt.date(2026, 6, 1),
        end_date=dt.date(2026, 6, 30),
        reason="Penugasan",
        by=None,
    )
    return helper


def test_every_answer_of_the_lazy_chart_equals_the_whole_chart(personas):
    _tangle(personas)
    full = OrgChart(DAY).load_all()
    for employee in Employee.objects.filter(is_active=True):
        lazy = OrgChart(DAY)
        chain, expected = lazy.chain_of(employee), full.chain_of(employee)
        assert (chain.penilai and chain.penilai.label) == (
            expected.penilai and expected.penilai.label
        ), employee
        assert (chain.atasan and chain.atasan.label) == (
            expected.atasan and expected.atasan.label
        ), employee
        assert {e.pk for e in OrgChart(DAY).direct_reports(employee)} == {
            e.pk for e in full.direct_reports(employee)
        }, employee
        assert OrgChart(DAY).all_reports(employee) == full.all_reports(employee), employee
        assert OrgChart(DAY).headed_units(employee) == full.headed_units(employee), employee
        assert [h.label for h in OrgChart(DAY).supervisor_chain(employee)] == [
            h.label for h in full.supervisor_chain(employee)
        ]


def test_the_acting_kasi_and_the_override_are_seen_from_below_and_above(personas):
    helper = _tangle(personas)
    assert OrgChart(DAY).penilai_of(helper).label.startswith("Plt. ")
    reports = OrgChart(DAY).direct_report_ids(personas.penilai.pk)
    assert {helper.pk, personas.outsider.pk, personas.pegawai.pk} <= reports
    assert personas.outsider.pk in OrgChart(DAY).all_report_ids(personas.camat.pk)


def _cost(employee):
    with CaptureQueriesContext(connection) as captured:
        chart = OrgChart(DAY)
        chart.all_report_ids(employee.pk)
        chart.direct_report_ids(employee.pk)
        chart.headed_units(employee)
        chart.chain_of(employee)
    return len(captured)


def test_the_questions_of_a_request_cost_the_same_queries_in_a_bigger_city(personas):
    before = _cost(personas.camat), _cost(personas.pegawai)
    other = make_unit("Kecamatan Kertapati", UnitKind.KECAMATAN, personas.kota)
    head = make_position(other, "Camat Kertapati", jenis="ADMINISTRATOR", is_unit_head=True)
    make_employee(head, "Camat Kertapati")
    for i in range(5):
        pos = make_position(other, f"Staf {i}", reports_to=head)
        make_employee(pos, f"Staf Kertapati {i}")
        make_employee(
            make_position(personas.seksi, f"Staf Plaju {i}", reports_to=personas.penilai.position),
            f"Staf Plaju {i}",
        )
    assert (_cost(personas.camat), _cost(personas.pegawai)) == before
