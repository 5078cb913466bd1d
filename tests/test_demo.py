"""The demo office: loaded once, a second run changes nothing, every persona can sign in."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from sikap.accounts.models import Role, User
from sikap.org.demo import DEMO_LOGINS, KELURAHAN
from sikap.org.models import Employee, Unit
from sikap.org.scope import build_scope

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_demo_loads_once_and_a_second_run_changes_nothing(settings) -> None:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    second = _counts()
    changed = {
        label: (first[label], second[label]) for label in first if first[label] != second[label]
    }
    assert changed == {}
    printed = out.getvalue()
    for username, _description in DEMO_LOGINS:
        assert username in printed
    assert settings.SIKAP_DEMO_PASSWORD in printed


def test_demo_is_kecamatan_plaju_with_its_seven_kelurahan() -> None:
    call_command("load_demo", stdout=io.StringIO())
    kec = Unit.objects.get(bps_code="1671031")
    assert kec.name == "Kecamatan Plaju"
    kelurahan = dict(
        Unit.objects.filter(parent=kec, kind="kelurahan").values_list("bps_code", "name")
    )
    assert kelurahan == {code: f"Kelurahan {name}" for code, name in KELURAHAN}
    people = Employee.objects.filter(unit__path__startswith=kec.path, is_active=True)
    assert 100 <= people.count() <= 140
    assert people.filter(jenis_asn="PPPK").exists() and people.filter(jenis_asn="PNS").exists()


DEMO_ROLES = {
    "admin": Role.SUPERADMIN,
    "kepegawaian": Role.ADMIN_KEPEGAWAIAN,
    "auditor": Role.AUDITOR,
    "camat": Role.PIMPINAN,
    "lurah": Role.PIMPINAN,
    "penilai": Role.PENILAI,
    "pegawai": Role.PEGAWAI,
    "pppk": Role.PEGAWAI,
    "kepegawaian.su2": Role.ADMIN_KEPEGAWAIAN,
}


def test_every_demo_login_has_its_role_and_signs_in(client, settings) -> None:
    call_command("load_demo", stdout=io.StringIO(), quiet_logins=True)
    assert set(DEMO_ROLES) == {username for username, _ in DEMO_LOGINS}
    for username, role in DEMO_ROLES.items():
        assert role in build_scope(User.objects.get(username=username)).roles, username
        response = client.post(
            "/masuk/", {"username": username, "password": settings.SIKAP_DEMO_PASSWORD}
        )
        assert response.status_code == 302, username
        client.post("/keluar/")
    pegawai = Employee.objects.get(user__username="pegawai")
    response = client.post(
        "/masuk/", {"username": pegawai.nip_display, "password": settings.SIKAP_DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert Employee.objects.get(user__username="pppk").jenis_asn == "PPPK"
