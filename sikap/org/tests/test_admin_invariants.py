"""The back office keeps the invariants the services maintain (issue 11.3)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.accounts.models import Role, RoleAssignment
from sikap.org.models import Employee, Unit, UnitKind
from sikap.org.scope import build_scope
from sikap.org.testing import make_user

pytestmark = pytest.mark.django_db


def _unit_form(unit: Unit | None = None, **changes):
    data = {
        "name": "",
        "kind": UnitKind.KECAMATAN,
        "parent": "",
        "bps_code": "",
        "address": "",
        "is_active": "on",
        "_save": "Simpan",
    }
    if unit is not None:
        data.update(
            name=unit.name,
            kind=unit.kind,
            parent=unit.parent_id or "",
            bps_code=unit.bps_code,
            address=unit.address,
        )
    data.update(changes)
    return data


def _seen_by(user) -> set[str]:
    scope = build_scope(user)
    return {e.name for e in Employee.objects.in_units(scope.read_paths)}


def test_a_unit_created_and_moved_in_the_admin_keeps_its_path_and_visibility(personas, login):
    client = login(personas.superadmin)
    response = client.post(
        reverse("admin:org_unit_add"),
        _unit_form(name="Kecamatan Kertapati", parent=personas.kota.pk, bps_code="1671032"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    new = Unit.objects.get(name="Kecamatan Kertapati")
    assert new.path == f"{personas.kota.path}{new.pk}/" and new.depth == 1
    assert new.history.latest().history_user == personas.superadmin
    auditor = make_user("auditor_kertapati")
    RoleAssignment.objects.create(user=auditor, role=Role.AUDITOR, unit=new)
    assert _seen_by(auditor) == set()

    # Move Kelurahan Plaju Ulu (and its seksi) under the new kecamatan.
    kel = personas.kelurahan
    response = client.post(
        reverse("admin:org_unit_change", args=[kel.pk]), _unit_form(kel, parent=new.pk)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    kel.refresh_from_db()
    personas.seksi.refresh_from_db()
    assert kel.path == f"{new.path}{kel.pk}/" and kel.depth == 2
    assert personas.seksi.path == f"{kel.path}{personas.seksi.pk}/" and personas.seksi.depth == 3
    moved = {"Siti Rahmawati", "Agus Setiawan", "Dewi Lestari", "Rudi Hartono"}
    assert _seen_by(auditor) == moved
    assert not moved & _seen_by(personas.auditor)  # Plaju's auditor no longer sees them
    assert "Fajar Nugroho" not in _seen_by(auditor)


def test_a_unit_cannot_be_moved_below_itself_or_deleted_in_the_admin(personas, login):
    client = login(personas.superadmin)
    kec = personas.kecamatan
    response = client.post(
        reverse("admin:org_unit_change", args=[kec.pk]), _unit_form(kec, parent=personas.seksi.pk)
    )
    kec.refresh_from_db()
    assert kec.parent_id == personas.kota.pk
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("parent", code="unit_below_itself")
    assert (
        client.post(reverse("admin:org_unit_delete", args=[kec.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Unit.objects.filter(pk=kec.pk).exists()


def test_a_role_on_a_unit_without_path_grants_nothing(personas):
    broken = Unit.objects.create(name="Tanpa path", kind=UnitKind.KECAMATAN)
    assert broken.path == ""
    auditor = make_user("auditor_broken")
    RoleAssignment.objects.create(user=auditor, role=Role.AUDITOR, unit=broken)
    assert _seen_by(auditor) == set()
    assert not build_scope(auditor).reads(personas.kelurahan)


def test_the_employee_admin_keeps_position_and_unit_and_checks_the_nip(personas, login):
    client = login(personas.superadmin)
    emp = personas.pegawai
    url = reverse("admin:org_employee_change", args=[emp.pk])
    page = client.get(url).content.decode()
    assert 'name="position"' not in page and 'name="unit"' not in page
    data = {
        "user": emp.user_id,
        "nip": emp.nip,
        "name": "Dewi Lestari Putri",
        "front_title": "",
        "back_title": "",
        "jenis_asn": emp.jenis_asn,
        "golongan": emp.golongan,
        "email": emp.email,
        "phone": "",
        "is_active": "on",
        "position": personas.camat.position_id,
        "assignments-TOTAL_FORMS": "0",
        "assignments-INITIAL_FORMS": "0",
        "_save": "Simpan",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    emp.refresh_from_db()
    assert emp.name == "Dewi Lestari Putri" and emp.position_id == personas.pegawai.position_id
    bad = client.post(url, {**data, "nip": "123"})
    assert bad.status_code == 200 and "NIP" in bad.content.decode()
    emp.refresh_from_db()
    assert emp.nip == personas.pegawai.nip
    assert client.get(reverse("admin:org_employee_add")).status_code == 403
