"""HR gives logins: e-mail link or printed slip, username = NIP, reset, audited, subtree only."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from sikap.accounts.models import LoginAction, LoginEvent, User
from sikap.org.testing import make_employee

pytestmark = pytest.mark.django_db


def _new_employee(personas, **fields):
    employee = make_employee(personas.pegawai.position, "Lina Marlina", **fields)
    user = employee.user
    employee.user = None
    employee.save()
    user.delete()
    employee.refresh_from_db()
    return employee


def _url(employee):
    return reverse("org:give_login", args=[employee.pk])


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("pegawai", 404),
        ("penilai", 403),
        ("lurah", 403),
        ("camat", 403),
        ("auditor", 403),
        ("other_hr", 404),
        ("outsider", 404),
        ("hr", 200),
        ("city_hr", 200),
        ("superadmin", 200),
    ],
)
def test_only_hr_of_the_subtree_gives_logins(personas, login, persona, status):
    employee = _new_employee(personas)
    client = login(personas.user(persona))
    assert client.get(_url(employee)).status_code == status
    response = client.post(_url(employee), {"method": "slip"})
    assert response.status_code == status
    employee.refresh_from_db()
    assert (employee.user_id is not None) == (status == 200)


def test_anonymous_is_sent_to_sign_in(client, personas):
    response = client.get(_url(_new_employee(personas)))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_hr_cannot_reset_their_own_account_here(personas, login):
    assert login(personas.user("hr")).get(_url(personas.hr)).status_code == 403


def test_wrong_method_is_405(personas, login):
    response = login(personas.user("hr")).put(_url(_new_employee(personas)))
    assert response.status_code == 405


def test_invite_by_email_creates_the_nip_account_and_mails_after_commit(
    personas, login, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://sikap.palembang.go.id"
    employee = _new_employee(personas)
    client = login(personas.user("hr"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(employee), {"method": "email"})
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.user.username == employee.nip
    assert not employee.user.has_usable_password()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == [employee.email]
    link = re.search(r"https://sikap\.palembang\.go\.id(/sandi/atur/\S+/)", body)
    assert link is not None
    event = LoginEvent.objects.get(user=employee.user)
    assert event.action == LoginAction.INVITED and event.by == personas.user("hr")
    # The employee follows the link and chooses a password, then signs in with the NIP.
    client.logout()
    page = client.get(link.group(1), follow=True)
    assert page.status_code == 200
    done = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Sungai-Musi-2026!", "new_password2": "Sungai-Musi-2026!"},
    )
    assert done.status_code == 302
    signed_in = client.post(
        reverse("accounts:login"),
        {"username": employee.nip_display, "password": "Sungai-Musi-2026!"},
    )
    assert signed_in.status_code == 302
    assert client.get("/").context["user"] == employee.user


def test_email_without_an_address_asks_for_a_slip(personas, login):
    employee = _new_employee(personas)
    employee.email = ""
    employee.save()
    response = login(personas.user("hr")).post(_url(employee), {"method": "email"})
    assert response.status_code == 200
    assert "login_no_email" in [
        e.code for e in response.context["form"].non_field_errors().as_data()
    ]
    employee.refresh_from_db()
    assert employee.user is None


def test_slip_prints_a_one_time_password_that_must_be_changed(personas, login, client):
    employee = _new_employee(personas)
    response = login(personas.user("hr")).post(_url(employee), {"method": "slip"})
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    employee.refresh_from_db()
    assert employee.nip in text
    password = re.search(r"Kata Sandi Awal\s*(\S{12})\n", text)
    assert password is not None, text
    assert LoginEvent.objects.get(user=employee.user).action == LoginAction.SLIP
    client.logout()
    signed_in = client.post(
        reverse("accounts:login"), {"username": employee.nip, "password": password.group(1)}
    )
    assert signed_in.status_code == 302
    home = client.get("/")
    assert home.status_code == 302 and home["Location"] == reverse("accounts:password_change")
    changed = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": password.group(1),
            "new_password1": "Sungai-Musi-2026!",
            "new_password2": "Sungai-Musi-2026!",
        },
    )
    assert changed.status_code == 302
    assert not User.objects.get(pk=employee.user_id).must_change_password
    assert client.get("/").status_code == 200


def test_reset_of_an_existing_account_keeps_the_account(personas, login):
    employee = personas.pegawai
    old = employee.user.password
    response = login(personas.user("hr")).post(_url(employee), {"method": "slip"})
    assert response.status_code == 200
    employee.user.refresh_from_db()
    assert employee.user.password != old and employee.user.must_change_password
    assert LoginEvent.objects.get(user=employee.user).action == LoginAction.RESET_SLIP


def test_accounts_with_an_assigned_role_are_reset_only_by_the_superadmin(personas, login):
    response = login(personas.user("city_hr")).post(_url(personas.hr), {"method": "slip"})
    assert response.status_code == 200
    codes = [e.code for e in response.context["form"].non_field_errors().as_data()]
    assert codes == ["login_privileged"]


def test_a_taken_username_is_refused(personas, login):
    employee = _new_employee(personas)
    User.objects.create(username=employee.nip)
    response = login(personas.user("hr")).post(_url(employee), {"method": "slip"})
    codes = [e.code for e in response.context["form"].non_field_errors().as_data()]
    assert codes == ["login_username_taken"]


def test_employee_page_links_to_the_login_page_for_hr_only(personas, login):
    employee = _new_employee(personas)
    page = reverse("org:employee", args=[employee.pk])
    assert _url(employee) in login(personas.user("hr")).get(page).content.decode()
    assert _url(employee) not in login(personas.user("lurah")).get(page).content.decode()


def _bulk(unit):
    return reverse("org:give_logins", args=[unit.pk])


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("pegawai", 404),
        ("penilai", 404),
        ("lurah", 403),
        ("camat", 403),
        ("auditor", 403),
        ("other_hr", 404),
        ("hr", 200),
        ("superadmin", 200),
    ],
)
def test_only_hr_of_the_subtree_gives_logins_in_bulk(personas, login, persona, status):
    employee = _new_employee(personas)
    client = login(personas.user(persona))
    assert client.get(_bulk(personas.kelurahan)).status_code == status
    client.post(_bulk(personas.kelurahan), {"method": "slip", "employee": [employee.pk]})
    employee.refresh_from_db()
    assert (employee.user_id is not None) == (status == 200)


def test_bulk_slips_print_one_slip_each_and_report_problems_by_row(personas, login):
    first = _new_employee(personas)
    second = make_employee(personas.pegawai.position, "Bayu Pratama")
    second.user.delete()
    second.refresh_from_db()
    outsider = personas.outsider
    client = login(personas.user("hr"))
    response = client.post(
        _bulk(personas.kelurahan),
        {"method": "slip", "employee": [first.pk, second.pk, outsider.pk]},
    )
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert first.nip in text and second.nip in text and outsider.nip not in text
    assert text.count("Kata Sandi Awal") == 2
    outsider.refresh_from_db()
    assert LoginEvent.objects.filter(action=LoginAction.SLIP).count() == 2


def test_bulk_email_names_the_people_without_an_address(personas, login):
    employee = _new_employee(personas)
    employee.email = ""
    employee.save()
    response = login(personas.user("hr")).post(
        _bulk(personas.kelurahan), {"method": "email", "employee": [employee.pk]}
    )
    assert response.status_code == 200
    assert employee.nip_display in response.content.decode()


def test_bulk_page_costs_the_same_whatever_the_headcount(
    personas, login, django_assert_max_num_queries
):
    client = login(personas.user("hr"))
    for n in range(15):
        make_employee(personas.pegawai.position, f"Pegawai {n}")
    with django_assert_max_num_queries(30):
        response = client.get(_bulk(personas.kecamatan))
    assert response.status_code == 200
    assert response.content.decode().count('name="employee"') >= 20
