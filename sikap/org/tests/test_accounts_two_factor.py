"""Two-step verification: offered to everyone, required for Superadmin, Admin Kepegawaian and
Auditor, a second step after the password, recovery codes, switching off, and HR's reset."""

from __future__ import annotations

import io
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sikap.accounts import twofactor
from sikap.accounts.models import TwoFactorAction, TwoFactorEvent
from sikap.org.testing import PASSWORD

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
PAGE = reverse("accounts:two_factor")


@pytest.fixture(autouse=True)
def _required(settings):
    settings.TWO_FACTOR_REQUIRED = True
    # django-otp waits a second after a wrong code before the next try: not in these tests.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    cache.clear()
    yield
    cache.clear()


def code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    device = twofactor.pending_device(user)
    codes = twofactor.confirm_enrolment(device=device, token=code(device), by=user)
    assert codes is not None
    device.refresh_from_db()
    return device, codes


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


@pytest.mark.parametrize("persona", ["hr", "city_hr", "auditor", "superadmin", "other_hr"])
def test_required_roles_are_sent_to_enrolment_from_every_page(personas, login, persona):
    client = login(personas.user(persona))
    response = client.get("/org/")
    assert response.status_code == 302
    assert response["Location"].startswith(PAGE + "?next=")
    assert client.get(PAGE).status_code == 200


@pytest.mark.parametrize("persona", ["hr", "auditor"])
def test_api_and_htmx_get_a_403_with_a_message_instead_of_a_redirect(personas, login, persona):
    client = login(personas.user(persona))
    api = client.get("/api/org/me")
    assert api.status_code == 403 and api.json()["code"] == "two_factor_required"
    partial = client.get("/org/", **HTMX)
    assert partial.status_code == 403 and PAGE in partial.content.decode()


@pytest.mark.parametrize("persona", ["pegawai", "penilai", "camat", "lurah"])
def test_others_are_offered_but_not_forced(personas, login, persona):
    client = login(personas.user(persona))
    assert client.get("/").status_code == 200
    page = client.get(PAGE)
    assert page.status_code == 200 and b"<svg" in page.content


def test_enrolment_shows_a_local_qr_then_the_recovery_codes_once(personas, login):
    user = personas.user("hr")
    client = login(user)
    page = client.get(PAGE + "?next=/org/")
    body = page.content.decode()
    assert "<svg" in body and "http://" not in body.split("<svg", 1)[1].split("</svg>")[0]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert twofactor.secret_of(device).replace(" ", "") in body.replace(" ", "")
    wrong = client.post(PAGE, {"code": "000000", "next": "/org/"})
    assert wrong.status_code == 200 and wrong.context["form"].has_error(
        "code", "two_factor_invalid"
    )
    done = client.post(PAGE, {"code": code(device), "next": "/org/"})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == twofactor.RECOVERY_CODES and all(c in done.content.decode() for c in codes)
    download = client.get(reverse("accounts:two_factor_recovery_download"))
    assert download.status_code == 200 and all(c in download.content.decode() for c in codes)
    assert client.get(reverse("accounts:two_factor_recovery_download")).status_code == 404
    # Verified in this session: the pages open.
    assert client.get("/org/").status_code == 200
    assert TwoFactorEvent.objects.filter(user=user, action=TwoFactorAction.ENROLLED).count() == 1
    # Shown once: the page never shows them again.
    again = client.get(PAGE).content.decode()
    assert not any(c in again for c in codes)


def test_sign_in_asks_for_the_code_after_the_password(personas, client):
    user = personas.user("hr")
    device, _codes = enrol(user)
    response = sign_in(client, "HR")
    assert response["Location"] == reverse("accounts:two_factor_verify")
    assert "_auth_user_id" not in client.session
    assert client.get("/org/")["Location"].startswith(reverse("accounts:login"))
    wrong = client.post(reverse("accounts:two_factor_verify"), {"code": "123456"})
    assert wrong.context["form"].has_error("code", "two_factor_invalid")
    right = client.post(
        reverse("accounts:two_factor_verify"), {"code": code(device, steps_ahead=1)}
    )
    assert right.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/org/").status_code == 200


def test_a_recovery_code_signs_in_once(personas, client):
    user = personas.user("auditor")
    _device, codes = enrol(user)
    sign_in(client, "auditor")
    response = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0].upper()})
    assert response.status_code == 302 and client.get("/").status_code == 200
    client.post(reverse("accounts:logout"))
    sign_in(client, "auditor")
    reused = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    assert reused.status_code == 200 and "_auth_user_id" not in client.session
    assert StaticToken.objects.filter(device__user=user).count() == twofactor.RECOVERY_CODES - 1
    assert TwoFactorEvent.objects.filter(user=user, action=TwoFactorAction.RECOVERY_USED).exists()


def test_wrong_codes_send_the_user_back_to_the_password(personas, client, settings):
    enrol(personas.user("hr"))
    sign_in(client, "hr")
    for _ in range(settings.TWO_FACTOR_ATTEMPTS):
        assert (
            client.post(reverse("accounts:two_factor_verify"), {"code": "999999"}).status_code
            == 200
        )
    last = client.post(reverse("accounts:two_factor_verify"), {"code": "999999"})
    assert last["Location"] == reverse("accounts:login")
    assert client.get(reverse("accounts:two_factor_verify"))["Location"] == reverse(
        "accounts:login"
    )


def test_the_verify_step_without_a_password_goes_to_sign_in(client):
    assert client.get(reverse("accounts:two_factor_verify"))["Location"] == reverse(
        "accounts:login"
    )


def test_a_pending_sign_in_expires(personas, client, settings):
    device, _codes = enrol(personas.user("hr"))
    sign_in(client, "hr")
    settings.TWO_FACTOR_PENDING_SECONDS = -1
    late = client.post(reverse("accounts:two_factor_verify"), {"code": code(device, steps_ahead=1)})
    assert late["Location"] == reverse("accounts:login") and "_auth_user_id" not in client.session


def test_a_user_without_devices_signs_in_with_the_password_alone(personas, client):
    response = sign_in(client, "pegawai")
    assert response["Location"] == reverse("accounts:home")


def test_switch_off_and_set_up_again_needs_a_code(personas, login):
    user = personas.user("pegawai")
    client = login(user)
    device = twofactor.pending_device(user)
    client.post(PAGE, {"code": code(device)})
    assert twofactor.is_enrolled(user)
    refused = client.post(PAGE, {"code": "000000", "action": "disable"})
    assert refused.status_code == 200 and twofactor.is_enrolled(user)
    client.post(PAGE, {"code": code(device, steps_ahead=1), "action": "disable"})
    assert not twofactor.has_devices(user)
    new = client.get(PAGE)
    assert b"<svg" in new.content
    assert TwoFactorEvent.objects.filter(user=user, action=TwoFactorAction.DISABLED).exists()


def test_new_recovery_codes_replace_the_old_ones(personas, login):
    user = personas.user("pegawai")
    device, old = enrol(user)
    client = login(user)
    response = client.post(PAGE, {"code": code(device, steps_ahead=1), "action": "recovery"})
    new = response.context["codes"]
    assert set(new).isdisjoint(old)
    assert twofactor.verify(user, old[0]) is None and twofactor.verify(user, new[0]) is not None


def test_a_signed_in_user_with_a_device_verifies_on_the_page(personas, login):
    user = personas.user("hr")
    device, _codes = enrol(user)
    client = login(user)  # a session that has not done the second step
    assert client.get("/org/").status_code == 302
    response = client.post(PAGE, {"code": code(device, steps_ahead=1), "next": "/org/"})
    assert response["Location"] == "/org/"
    assert client.get("/org/").status_code == 200


def test_next_must_stay_on_this_site(personas, login):
    user = personas.user("hr")
    device, _codes = enrol(user)
    client = login(user)
    response = client.post(
        PAGE, {"code": code(device, steps_ahead=1), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("accounts:home")


RESET_STATUS = {
    "hr": 302,
    "city_hr": 302,
    "superadmin": 302,
    "other_hr": 404,
    "auditor": 403,
    "camat": 403,
    "lurah": 403,
    "penilai": 404,
    "pegawai": 404,
    "outsider": 404,
}


@pytest.mark.parametrize(("persona", "status"), RESET_STATUS.items())
def test_hr_resets_the_two_factor_of_their_subtree(personas, login, persona, status):
    target = personas.user("pegawai")
    enrol(target)
    viewer = personas.user(persona)
    if twofactor.requires_two_factor(viewer):
        enrol(viewer)
    client = login(viewer)
    if twofactor.requires_two_factor(viewer):
        session = client.session
        session["otp_device_id"] = twofactor.verified_device(viewer).persistent_id
        session.save()
    url = reverse("org:two_factor_reset", args=[target.pk])
    response = client.post(url, {"reason": "HP hilang"})
    assert response.status_code == status, persona
    assert twofactor.has_devices(target) == (status != 302)
    if status == 302:
        event = TwoFactorEvent.objects.get(user=target, action=TwoFactorAction.RESET)
        assert event.by == viewer and event.reason == "HP hilang"
        assert client.get(url).status_code == 200


def test_reset_refuses_anonymous_and_needs_a_reason(personas, client, login):
    target = personas.user("pegawai")
    enrol(target)
    url = reverse("org:two_factor_reset", args=[target.pk])
    assert client.post(url, {"reason": "x"})["Location"].startswith(reverse("accounts:login"))
    superadmin = login(personas.user("superadmin"))
    session = superadmin.session
    session["otp_device_id"] = enrol(personas.user("superadmin"))[0].persistent_id
    session.save()
    assert superadmin.post(url, {"reason": ""}).status_code == 200
    assert twofactor.has_devices(target)
    assert superadmin.get(reverse("org:two_factor_reset", args=[999999])).status_code == 404


def test_the_employee_page_links_to_the_reset_for_hr(personas, login, settings):
    settings.TWO_FACTOR_REQUIRED = False
    url = reverse("org:two_factor_reset", args=[personas.pegawai.user_id])
    page = login(personas.user("hr")).get(reverse("org:employee", args=[personas.pegawai.pk]))
    assert url in page.content.decode()


def test_the_demo_enrols_its_required_users_with_the_printed_secret(client, settings):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert settings.SIKAP_DEMO_TOTP_SECRET in out.getvalue()
    printed = io.StringIO()
    call_command("demo_totp_code", stdout=printed)
    sign_in(client, "kepegawaian", settings.SIKAP_DEMO_PASSWORD)
    response = client.post(
        reverse("accounts:two_factor_verify"), {"code": printed.getvalue().strip()}
    )
    assert response.status_code == 302 and client.get("/org/").status_code == 200
    client.post(reverse("accounts:logout"))
    # Employees without a required role are left alone.
    assert sign_in(client, "pegawai", settings.SIKAP_DEMO_PASSWORD)["Location"] == "/"


def test_admin_sign_in_goes_through_the_two_steps(personas, client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )
