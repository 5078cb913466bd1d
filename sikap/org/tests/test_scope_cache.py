"""A user's scope is kept in the shared cache, and every change to what it follows from replaces
it at once: roles, units, positions, employees, acting assignments and overrides, through
``save()``, ``delete()``, ``QuerySet.update`` and the bulk writes alike."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sikap.accounts.models import Role, RoleAssignment, User
from sikap.org import chart, services
from sikap.org.models import Assignment, AssignmentKind, Employee, Position, SupervisorOverride
from sikap.org.scope import get_scope
from sikap.org.testing import make_employee

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kept(settings):
    settings.SCOPE_CACHE_SECONDS = 300


def fresh(user: User):
    """The scope as the next request sees it (a new user object, as each request loads)."""
    return get_scope(User.objects.get(pk=user.pk))


def test_the_next_request_reads_the_kept_scope_without_working_it_out(personas):
    first = fresh(personas.user("camat"))
    with CaptureQueriesContext(connection) as queries:
        again = fresh(personas.user("camat"))
    assert [q["sql"] for q in queries if "org_" in q["sql"]] == []
    assert again.subordinate_ids == first.subordinate_ids
    assert again.headed_paths == first.headed_paths
    assert again.employee == first.employee and again.employee.unit == first.employee.unit


def test_a_kept_scope_does_not_carry_the_requests_chart(personas):
    scope = fresh(personas.user("camat"))
    assert scope.supervises(personas.pegawai)
    scope.chart.penilai_of(personas.pegawai)  # loaded for this request
    kept = pickle.loads(pickle.dumps(scope))  # noqa: S301 - our own bytes, as the cache does
    assert kept._chart is None
    assert kept.subordinate_ids == scope.subordinate_ids


def test_a_removed_role_is_gone_on_the_next_request(personas):
    hr = personas.user("hr")
    assert fresh(hr).manages(personas.kelurahan)
    RoleAssignment.objects.filter(user=hr).delete()
    assert not fresh(hr).manages(personas.kelurahan)
    RoleAssignment.objects.create(user=hr, role=Role.AUDITOR, unit=personas.kecamatan)
    assert fresh(hr).audits(personas.kelurahan)


def test_a_role_changed_in_bulk_is_seen_too(personas):
    hr = personas.user("hr")
    assert fresh(hr).has(Role.ADMIN_KEPEGAWAIAN)
    RoleAssignment.objects.filter(user=hr).update(role=Role.AUDITOR)
    scope = fresh(hr)
    assert not scope.has(Role.ADMIN_KEPEGAWAIAN) and scope.has(Role.AUDITOR)


def test_a_position_moved_by_update_changes_who_supervises(personas):
    penilai = personas.user("penilai")
    assert personas.pegawai.pk in fresh(penilai).direct_report_ids
    Position.objects.filter(pk=personas.pegawai.position_id).update(
        reports_to=personas.lurah.position
    )
    assert personas.pegawai.pk not in fresh(penilai).direct_report_ids
    assert personas.pegawai.pk in fresh(personas.user("lurah")).direct_report_ids


def test_an_employee_who_leaves_is_no_longer_supervised(personas):
    penilai = personas.user("penilai")
    assert fresh(penilai).supervises(personas.pegawai)
    Employee.objects.filter(pk=personas.pegawai.pk).update(is_active=False)
    assert not fresh(penilai).supervises(personas.pegawai)


def test_new_staff_created_in_bulk_join_the_team(personas):
    penilai = personas.user("penilai")
    before = fresh(penilai).direct_report_ids
    [made] = Employee.objects.bulk_create(
        [
            Employee(
                name="Staf Impor",
                nip="199001012020121001",
                position=personas.pegawai.position,
                unit=personas.pegawai.unit,
                golongan="III/a",
            )
        ]
    )
    assert fresh(penilai).direct_report_ids == before | {made.pk}


def test_an_acting_assignment_and_an_override_are_seen_at_once(personas):
    today = timezone.localdate()
    peer = personas.user("peer")
    assert not fresh(peer).supervises(personas.pegawai)
    Employee.objects.filter(pk=personas.penilai.pk).update(is_active=False)
    services.assign_acting(
        employee=personas.peer,
        position=personas.penilai.position,
        kind=AssignmentKind.PLT,
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=30),
        by=None,
    )
    assert fresh(peer).supervises(personas.pegawai, directly=True)
    Assignment.objects.filter(employee=personas.peer, kind=AssignmentKind.PLT).delete()
    assert not fresh(peer).supervises(personas.pegawai)
    SupervisorOverride.objects.create(
        employee=personas.pegawai,
        penilai=personas.camat,
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=30),
        reason="Penilai cuti panjang",
    )
    assert personas.pegawai.pk in fresh(personas.user("camat")).direct_report_ids


def test_a_unit_renamed_by_update_changes_the_version(personas):
    from sikap.org.models import Unit

    version = chart.version()
    Unit.objects.filter(pk=personas.seksi.pk).update(name="Seksi Baru")
    assert chart.version() != version


def test_the_version_starts_afresh_when_the_cache_lost_it():
    from django.core.cache import cache

    cache.delete(chart.KEY)
    chart.changed()  # no counter to add one to: a new, different start
    first = chart.version()
    chart.changed()
    assert chart.version() > first


def test_a_new_superuser_flag_is_seen_at_once(personas):
    user = personas.user("pegawai")
    assert not fresh(user).is_superadmin
    User.objects.filter(pk=user.pk).update(is_superuser=True)
    assert fresh(user).is_superadmin


def test_without_keeping_every_request_works_it_out(personas, settings):
    settings.SCOPE_CACHE_SECONDS = 0
    fresh(personas.user("camat"))
    with CaptureQueriesContext(connection) as queries:
        fresh(personas.user("camat"))
    assert any("org_employee" in q["sql"] for q in queries)


def test_made_employees_are_seen_through_save(personas):
    penilai = personas.user("penilai")
    before = fresh(penilai).direct_report_ids
    made = make_employee(personas.pegawai.position, "Staf Baru")
    assert fresh(penilai).direct_report_ids == before | {made.pk}


def test_an_unreachable_cache_fails_no_save_and_no_page(personas, monkeypatch, caplog):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    for name in ("get", "set", "add", "incr"):
        monkeypatch.setattr(cache, name, broken)
    made = make_employee(personas.pegawai.position, "Staf Saat Redis Mati")  # the save goes on
    assert Employee.objects.filter(pk=made.pk).exists()
    scope = fresh(personas.user("penilai"))  # worked out without the cache
    assert made.pk in scope.direct_report_ids
    assert "could not mark the kept scopes out of date" in caplog.text
    assert "working the scope out for this request" in caplog.text
