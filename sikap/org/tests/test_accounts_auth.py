"""Sign-in by NIP or username, lockout, logout, password change and reset, home per role."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sikap.accounts.models import Role
from sikap.accounts.outbox import send_due
from sikap.org.scope import build_scope
from sikap.org.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_it_signs_in_with_a_nip_typed_with_spaces(personas, client):
    nip = personas.pegawai.nip
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    response = _login(client, spaced)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")


def test_it_signs_in_with_a_username_in_any_case(personas, client):
    assert _login(client, "CAMAT").status_code == 302


def test_it_refuses_a_wrong_password_with_a_clear_message(personas, client):
    response = _login(client, "camat", "salah")
    assert response.status_code == 200
    assert (
        "password" in response.content.decode().lower()
        or "sandi" in response.content.decode().lower()
    )
    assert "_auth_user_id" not in client.session


def test_it_refuses_an_inactive_account(personas, client):
    user = personas.user("pegawai")
    user.is_active = False
    user.save()
    assert _login(client, "pegawai").status_code == 200


def test_it_locks_out_after_repeated_failures(personas, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "camat", "salah")
    response = _login(client, "camat")
    assert response.status_code == 429
    assert "Too many" in response.content.decode() or "Terlalu banyak" in response.content.decode()


def test_logout_needs_post(personas, login):
    client = login(personas.user("camat"))
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change(personas, login):
    client = login(personas.user("camat"))
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Kinerja-Plaju-88",
            "new_password2": "Kinerja-Plaju-88",
        },
    )
    assert response.status_code == 302
    client.post(reverse("accounts:logout"))
    assert _login(client, "camat", "Kinerja-Plaju-88").status_code == 302


def test_password_reset_by_email(personas, client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "camat@example.id"})
    assert response.status_code == 302
    send_due()  # the link leaves through the e-mail outbox
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/sandi/atur/\S+/)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Baru-Sekali-2026", "new_password2": "Baru-Sekali-2026"},
    )
    assert response.status_code == 302
    assert _login(client, "camat", "Baru-Sekali-2026").status_code == 302


def test_password_reset_for_an_unknown_address_sends_nothing(personas, client, mailoutbox):
    client.post(reverse("accounts:password_reset"), {"email": "tidak.ada@example.id"})
    send_due()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("persona", "roles"),
    [
        ("pegawai", {Role.PEGAWAI}),
        ("penilai", {Role.PEGAWAI, Role.PENILAI}),
        ("lurah", {Role.PEGAWAI, Role.PENILAI, Role.PIMPINAN}),
        ("camat", {Role.PEGAWAI, Role.PENILAI, Role.PIMPINAN}),
        ("hr", {Role.PEGAWAI, Role.ADMIN_KEPEGAWAIAN}),
        ("auditor", {Role.AUDITOR}),
        ("superadmin", {Role.SUPERADMIN}),
        ("other_hr", {Role.PEGAWAI, Role.ADMIN_KEPEGAWAIAN}),
    ],
)
def test_roles_are_derived_or_assigned(personas, persona, roles):
    assert build_scope(personas.user(persona)).roles == roles


def test_scope_paths(personas):
    camat = build_scope(personas.user("camat"))
    assert camat.read_paths == [personas.kecamatan.path]
    assert camat.subordinate_ids == {
        personas.lurah.pk,
        personas.penilai.pk,
        personas.pegawai.pk,
        personas.peer.pk,
        personas.hr.pk,
    }
    hr = build_scope(personas.user("hr"))
    assert hr.manages(personas.seksi) and not hr.manages(personas.other_kecamatan)
    assert not camat.manages(personas.seksi)
    assert camat.sees_employee(personas.pegawai) and not camat.sees_employee(personas.outsider)
    assert build_scope(personas.superadmin).sees_employee(personas.outsider)


@pytest.mark.parametrize(
    "persona",
    ["pegawai", "penilai", "lurah", "camat", "hr", "auditor", "superadmin", "other_hr", "outsider"],
)
def test_every_persona_has_a_home_page(personas, login, persona):
    response = login(personas.user(persona)).get(reverse("accounts:home"))
    assert response.status_code == 200


def test_home_shows_the_pejabat_penilai(personas, login):
    body = login(personas.user("pegawai")).get(reverse("accounts:home")).content.decode()
    assert "Agus Setiawan, S.IP." in body


def test_citizens_get_the_public_landing_page(client):
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 200
    body = response.content.decode()
    for name in (
        "surveys:public_units",
        "complaints:public_form",
        "complaints:track",
        "accounts:login",
    ):
        assert reverse(name) in body


def test_home_refuses_post(personas, login):
    assert login(personas.user("camat")).post(reverse("accounts:home")).status_code == 405


def test_language_switch_to_english(personas, login):
    client = login(personas.user("camat"))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("accounts:home")).content.decode()
    assert 'lang="en"' in body
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert 'lang="id"' in client.get(reverse("accounts:home")).content.decode()
