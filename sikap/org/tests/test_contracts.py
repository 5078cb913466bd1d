"""Perjanjian kerja of PPPK and PPPK Paruh Waktu (domain.md §8.1): records, page, HR reminder."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.org import services
from sikap.org.models import Contract, JenisAsn

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def _pw(personas):
    peer = personas.peer
    peer.jenis_asn = JenisAsn.PPPK_PW
    peer.save()
    return peer


def test_hr_records_a_contract_with_its_history(personas):
    peer = _pw(personas)
    contract = services.add_contract(
        employee=peer, start_date=START, end_date=END, number="800/12/PK/2026", by=personas.hr.user
    )
    assert contract.history.count() == 1
    assert contract.history.first().history_user == personas.hr.user


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        (START, START, "end_before_start"),
        (dt.date(2026, 12, 31), dt.date(2027, 12, 30), "overlap"),
    ],
)
def test_it_refuses_a_bad_term(personas, start, end, code):
    peer = _pw(personas)
    services.add_contract(employee=peer, start_date=START, end_date=END, by=None)
    with pytest.raises(ValidationError) as exc:
        services.add_contract(employee=peer, start_date=start, end_date=end, by=None)
    assert exc.value.error_dict[next(iter(exc.value.error_dict))][0].code == code


def test_the_next_term_starting_the_day_after_is_accepted(personas):
    peer = _pw(personas)
    services.add_contract(employee=peer, start_date=START, end_date=END, by=None)
    services.add_contract(
        employee=peer, start_date=dt.date(2027, 1, 1), end_date=dt.date(2027, 12, 31), by=None
    )
    assert peer.contracts.count() == 2


def test_a_pns_has_no_contract(personas):
    with pytest.raises(ValidationError) as exc:
        services.add_contract(employee=personas.pegawai, start_date=START, end_date=END, by=None)
    assert exc.value.error_list[0].code == "not_pppk"


def test_the_employee_page_shows_the_contract(client, personas):
    peer = _pw(personas)
    services.add_contract(employee=peer, start_date=START, end_date=END, number="PK-7", by=None)
    client.force_login(personas.hr.user)
    page = client.get(reverse("org:employee", args=[peer.pk])).content.decode()
    assert "PK-7" in page and "31 Desember 2026" in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("hr", 200),
        ("city_hr", 200),
        ("superadmin", 200),
        ("other_hr", 404),
        ("outsider", 404),
        ("auditor", 403),
        ("camat", 403),
        ("lurah", 403),
        ("penilai", 403),
        ("peer", 403),
        ("pegawai", 404),
    ],
)
def test_who_may_open_the_contract_form(client, personas, persona, status):
    peer = _pw(personas)
    client.force_login(personas.user(persona))
    assert client.get(reverse("org:employee_contract", args=[peer.pk])).status_code == status


def test_anonymous_is_sent_to_sign_in(client, personas):
    response = client.get(reverse("org:employee_contract", args=[personas.peer.pk]))
    assert response.status_code == 302


def test_the_form_saves_and_round_trips_iso_dates(client, personas):
    peer = _pw(personas)
    client.force_login(personas.hr.user)
    url = reverse("org:employee_contract", args=[peer.pk])
    response = client.post(url, {"start_date": "2026-01-01", "end_date": "2026-12-31"})
    assert response.status_code == 302
    assert Contract.objects.get(employee=peer).end_date == END
    again = client.post(url, {"start_date": "2026-01-01", "end_date": "2026-12-31"})
    assert again.status_code == 200 and Contract.objects.filter(employee=peer).count() == 1


def test_a_pns_has_no_contract_form(client, personas):
    client.force_login(personas.hr.user)
    url = reverse("org:employee_contract", args=[personas.pegawai.pk])
    assert client.get(url).status_code == 404
    assert client.put(url).status_code == 405
