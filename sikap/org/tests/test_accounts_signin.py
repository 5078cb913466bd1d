"""Sign-in under attack: one lockout per account whatever alias, a budget per address, and a
rate-limited password reset."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.urls import reverse

from sikap.accounts.models import OutgoingEmail
from sikap.accounts.signin import axes_username
from sikap.org.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def _login(client, username, password=PASSWORD, ip="10.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def _spaced(nip: str) -> str:
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def test_the_lockout_counts_every_alias_of_one_account(personas, client, settings):
    nip = personas.camat.nip
    aliases = ["camat", "CAMAT", nip, _spaced(nip), "Camat"]
    for alias in aliases[: settings.AXES_FAILURE_LIMIT]:
        assert "_auth_user_id" not in _login(client, alias, "salah").wsgi_request.session
    # The right password, typed under yet another alias and from another address: still locked.
    assert _login(client, nip, ip="10.0.0.2").status_code == 429
    assert _login(client, "pegawai", ip="10.0.0.2").status_code == 302  # others are not locked


def test_the_axes_key_is_the_account_not_the_spelling(personas, rf):
    request = rf.post("/")
    nip = personas.camat.nip
    keys = {axes_username(request, {"username": alias}) for alias in ["CaMaT", nip, _spaced(nip)]}
    assert keys == {"camat"}
    assert axes_username(request, {"username": "Nobody"}) == "nobody"
    request = rf.post("/", {"username": "CAMAT"})
    assert axes_username(request, None) == "camat"


def test_password_spraying_from_one_address_is_stopped(personas, client, settings, monkeypatch):
    limit, window = settings.SIGNIN_ADDRESS_LIMIT
    # Fixed windows start on the clock: stay inside one, whenever the suite reaches this test.
    start = (int(time.time()) // window) * window + 1
    monkeypatch.setattr("sikap.lib.ratelimit.time", SimpleNamespace(time=lambda: float(start)))
    for number in range(limit):
        # One guess per account: no account reaches its own lockout.
        _login(client, f"pengguna{number}", "Plaju2026!")
    blocked = _login(client, "pegawai")
    assert blocked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert _login(client, "pegawai", ip="10.0.0.9").status_code == 302


def test_password_reset_is_rate_limited_per_address_and_per_email(personas, client, settings):
    limit, _window = settings.PASSWORD_RESET_LIMIT
    url = reverse("accounts:password_reset")
    for number in range(limit):
        response = client.post(url, {"email": f"x{number}@example.id"}, REMOTE_ADDR="10.0.1.1")
        assert response.status_code == 302
    refused = client.post(url, {"email": "camat@example.id"}, REMOTE_ADDR="10.0.1.1")
    assert refused.status_code == 429
    assert refused.context["form"].non_field_errors().as_data()[0].code == "reset_rate_limited"
    assert not OutgoingEmail.objects.exists()
    # One address asked for from many connections: only a few links are sent.
    for number in range(limit):
        client.post(url, {"email": "camat@example.id"}, REMOTE_ADDR=f"10.0.2.{number}")
    assert OutgoingEmail.objects.filter(to="camat@example.id").count() == max(1, limit // 2)
