"""The questions of ``Scope``: every reach, the superadmin, a missing unit, and the queryset filter."""

from __future__ import annotations

import pytest

from sikap.accounts.models import Role
from sikap.org.models import Employee, Unit
from sikap.org.scope import Scope, build_scope


def _unit(path: str, pk: int = 0) -> Unit:
    return Unit(pk=pk or int(path.strip("/").split("/")[-1]), name=path, path=path)


KEC, KEL, SEKSI, OTHER = _unit("/1/2/"), _unit("/1/2/3/"), _unit("/1/2/3/4/"), _unit("/1/9/")


def _scope(**paths: list[str]) -> Scope:
    scope = Scope(user_id=1, **paths)
    scope.read_paths = sorted(
        {*scope.manage_paths, *scope.headed_paths, *scope.audit_paths}, key=len
    )
    return scope


def test_a_superadmin_reaches_every_unit():
    scope = Scope(user_id=1, roles={Role.SUPERADMIN})
    for question in (scope.reads, scope.manages, scope.heads, scope.audits, scope.handles):
        assert question(OTHER)
        assert question(None)
    assert scope.heads(KEC, above=True)
    assert all(scope.reaches_any(r) for r in ("read", "manage", "head", "audit", "handle"))


def test_nobody_reaches_a_missing_unit():
    scope = _scope(manage_paths=["/1/"], headed_paths=["/1/"], audit_paths=["/1/"])
    for question in (scope.reads, scope.manages, scope.heads, scope.audits, scope.handles):
        assert not question(None)
    assert not scope.heads(None, above=True)


@pytest.mark.parametrize(
    ("reach", "paths", "inside", "outside"),
    [
        ("manage", "manage_paths", [KEC, KEL, SEKSI], [OTHER]),
        ("head", "headed_paths", [KEL, SEKSI], [KEC, OTHER]),
        ("audit", "audit_paths", [SEKSI], [KEC, KEL, OTHER]),
    ],
)
def test_each_reach_covers_its_subtree_only(reach, paths, inside, outside):
    scope = _scope(**{paths: [inside[0].path]})
    question = {"manage": scope.manages, "head": scope.heads, "audit": scope.audits}[reach]
    assert all(question(u) for u in inside)
    assert not any(question(u) for u in outside)
    assert all(scope.reads(u) for u in inside)
    assert not any(scope.reads(u) for u in outside)
    assert scope.reaches_any(reach)
    assert scope.reaches_any("read")
    assert scope.paths(reach) == [inside[0].path]


def test_handling_is_leading_or_managing_not_auditing():
    scope = _scope(headed_paths=[KEL.path], audit_paths=[OTHER.path])
    assert scope.handles(SEKSI)
    assert not scope.handles(OTHER)
    assert scope.reads(OTHER)
    assert scope.paths("handle") == [KEL.path]
    hr = _scope(manage_paths=[KEC.path], headed_paths=[KEL.path])
    assert hr.paths("handle") == [KEC.path]


def test_heading_above_a_unit_excludes_heading_the_unit_itself():
    lurah = _scope(headed_paths=[KEL.path])
    assert lurah.heads(KEL)
    assert not lurah.heads(KEL, above=True)
    assert lurah.heads(SEKSI, above=True)
    assert not lurah.heads(KEC, above=True)


def test_a_scope_without_roles_reaches_nothing():
    scope = Scope(user_id=None)
    assert not any(scope.reaches_any(r) for r in ("read", "manage", "head", "audit", "handle"))
    assert scope.paths() == []


def test_supervision_directly_or_through_the_chain():
    direct, below = Employee(pk=5), Employee(pk=6)
    scope = Scope(user_id=1, subordinate_ids={5, 6}, direct_report_ids={5})
    assert scope.supervises(direct) and scope.supervises(direct, directly=True)
    assert scope.supervises(below) and not scope.supervises(below, directly=True)
    assert not scope.supervises(Employee(pk=7))


def test_who_is_seen_as_an_employee():
    me = Employee(pk=1, unit=SEKSI)
    scope = Scope(user_id=1, employee=me, subordinate_ids={2}, read_paths=[KEL.path])
    assert scope.sees_employee(me)
    assert scope.sees_employee(Employee(pk=2, unit=OTHER))
    assert scope.sees_employee(Employee(pk=3, unit=SEKSI))
    assert not scope.sees_employee(Employee(pk=4, unit=OTHER))
    assert Scope(user_id=1, roles={Role.SUPERADMIN}).sees_employee(Employee(pk=4, unit=OTHER))
    assert not Scope(user_id=1).sees_employee(me)


@pytest.mark.django_db
def test_the_queryset_filter_keeps_the_reach_only(personas):
    hr = build_scope(personas.user("hr"))
    units = set(hr.filter_units(Unit.objects.all(), field=""))
    assert personas.kelurahan in units and personas.seksi in units
    assert personas.other_kecamatan not in units and personas.kota not in units
    employees = set(Employee.objects.filter(hr.units_q()))
    assert personas.pegawai in employees and personas.outsider not in employees
    lurah = build_scope(personas.user("lurah"))
    headed = set(lurah.filter_units(Employee.objects.all(), reach="head"))
    assert personas.pegawai in headed and personas.camat not in headed
    assert not lurah.filter_units(Employee.objects.all(), reach="manage").exists()
    assert not Employee.objects.filter(lurah.units_q(reach="audit")).exists()


@pytest.mark.django_db
def test_the_queryset_filter_of_a_superadmin_keeps_everything(personas):
    superadmin = build_scope(personas.superadmin)
    everyone = set(Employee.objects.all())
    assert set(superadmin.filter_units(Employee.objects.all())) == everyone
    assert set(Employee.objects.filter(superadmin.units_q(reach="manage"))) == everyone
    # Combined with another condition the superadmin filter still matches every row.
    assert set(Employee.objects.filter(superadmin.units_q() | ~superadmin.units_q())) == everyone


def test_the_user_themself():
    scope = Scope(user_id=1, employee=Employee(pk=1))
    assert scope.is_self(1)
    assert not scope.is_self(2) and not scope.is_self(None)
    assert not Scope(user_id=1).is_self(1)


@pytest.mark.django_db
def test_the_id_filter_keeps_the_same_rows_as_the_path_filter(personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for name, reach in (
        ("hr", "read"),
        ("lurah", "head"),
        ("lurah", "manage"),
        ("auditor", "audit"),
    ):
        scope = build_scope(personas.user(name))
        by_path = set(Employee.objects.filter(scope.units_q(reach=reach)))
        assert set(Employee.objects.filter(scope.units_in(reach=reach))) == by_path
        units_by_path = set(Unit.objects.filter(scope.units_q("", reach=reach)))
        assert set(Unit.objects.filter(scope.units_in("", reach=reach))) == units_by_path
    hr = build_scope(personas.user("hr"))
    hr.unit_ids()
    with CaptureQueriesContext(connection) as again:
        hr.unit_ids()
    assert len(again) == 0  # loaded once per scope and reach
    superadmin = build_scope(personas.superadmin)
    assert set(Employee.objects.filter(superadmin.units_in())) == set(Employee.objects.all())
    with pytest.raises(AssertionError):
        superadmin.unit_ids()
