"""Issue 10 item 11: a past curve counts the people who served in its units during that period."""

from __future__ import annotations

import datetime as dt

from sikap.evaluation.curve import unit_curve
from sikap.org import services as org_services
from sikap.org.models import Assignment, AssignmentKind
from sikap.org.testing import make_employee, make_position


def _join(position, name: str, start: dt.date):
    employee = make_employee(position, name)
    Assignment.objects.filter(employee=employee).update(start_date=start)
    return employee


def test_staff_who_joined_after_a_period_are_not_in_its_curve(personas, plans, year2026):
    q1 = year2026.periods.get(number=1)  # 1 January - 31 March 2026
    q2 = year2026.periods.get(number=2)
    staff = make_position(personas.seksi, "Pengadministrasi Umum")
    _join(staff, "Joined In May", dt.date(2026, 5, 4))
    _join(staff, "Joined On The Last Day", dt.date(2026, 3, 31))
    _join(staff, "Joined The Day After", dt.date(2026, 4, 1))
    before = {e.name for e in unit_curve(personas.kecamatan, q1).employees}
    assert "Joined On The Last Day" in before
    assert "Joined The Day After" not in before and "Joined In May" not in before
    assert unit_curve(personas.kecamatan, q1).headcount == 7
    during = {e.name for e in unit_curve(personas.kecamatan, q2).employees}
    assert {"Joined In May", "Joined The Day After", "Joined On The Last Day"} <= during
    assert unit_curve(personas.kecamatan, q2).headcount == 9


def test_a_mutasi_after_the_period_leaves_them_in_the_curve_they_served(personas, plans, year2026):
    q1 = year2026.periods.get(number=1)
    q3 = year2026.periods.get(number=3)
    elsewhere = make_position(personas.other_kecamatan, "Analis Pemerintahan")
    org_services.transfer_employee(
        employee=personas.peer, position=elsewhere, start_date=dt.date(2026, 4, 1), by=None
    )
    assert personas.peer in unit_curve(personas.kecamatan, q1).employees
    assert personas.peer not in unit_curve(personas.kecamatan, q3).employees
    assert personas.peer in unit_curve(personas.other_kecamatan, q3).employees
    assert personas.peer not in unit_curve(personas.other_kecamatan, q1).employees


def test_an_employee_without_riwayat_jabatan_counts_by_the_current_unit(personas, plans, q1):
    newcomer = make_employee(make_position(personas.seksi, "Pengadministrasi Data"), "No History")
    Assignment.objects.filter(employee=newcomer).delete()
    assert newcomer in unit_curve(personas.kecamatan, q1).employees
    acting = make_employee(None, "Acting Only")
    acting.unit = personas.seksi
    acting.save()
    Assignment.objects.create(
        employee=acting,
        position=personas.lurah.position,
        unit=personas.kelurahan,
        kind=AssignmentKind.PLH,
        start_date=dt.date(2026, 1, 5),
        end_date=dt.date(2026, 1, 9),
    )
    assert acting in unit_curve(personas.kecamatan, q1).employees
