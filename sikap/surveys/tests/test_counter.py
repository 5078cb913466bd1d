"""The officer's counter: record a service, complete it, print the receipt with its QR code."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sikap.surveys import services
from sikap.surveys.models import ServiceRecord
from sikap.surveys.testing import make_record, make_service_type

NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)


@time_machine.travel(NOW, tick=False)
def test_an_officer_records_a_service_and_gets_a_receipt(personas, login, domisili):
    client = login(personas.user("pegawai"))
    page = client.get(reverse("surveys:counter"))
    assert domisili.name in page.content.decode()
    received = timezone.localtime(NOW - dt.timedelta(minutes=12)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("surveys:counter"),
        {
            "service_type": domisili.pk,
            "received_at": received,
            "done": "on",
            "officers": [personas.pegawai.pk, personas.peer.pk],
            "citizen_initial": "ab",
        },
    )
    record = ServiceRecord.objects.get()
    assert response.url == reverse("surveys:receipt", args=[record.pk])
    assert (record.duration_minutes, record.on_time, record.citizen_initial) == (12, False, "AB")
    assert set(record.officers.all()) == {personas.pegawai, personas.peer}
    receipt = client.get(response.url).content.decode()
    assert "<svg" in receipt
    assert f"/survei/isi/{record.token}/?petugas={personas.pegawai.pk}" in receipt


@time_machine.travel(NOW, tick=False)
def test_a_service_left_open_is_completed_later(personas, login, domisili):
    record = make_record(
        personas.kelurahan,
        domisili,
        [personas.pegawai],
        received_at=NOW - dt.timedelta(minutes=9),
        minutes=None,
    )
    client = login(personas.user("peer"))
    client.post(reverse("surveys:counter_complete", args=[record.pk]))
    record.refresh_from_db()
    assert (record.duration_minutes, record.on_time) == (9, True)
    client.post(reverse("surveys:counter_complete", args=[record.pk]))  # already done: a message
    assert client.get(reverse("surveys:counter_complete", args=[record.pk])).status_code == 405


def test_the_counter_needs_an_employee_of_a_service_unit(personas, login):
    assert login(personas.user("auditor")).get(reverse("surveys:counter")).status_code == 403


def test_wrong_method_on_the_counter_is_405(personas, login):
    assert login(personas.user("pegawai")).put(reverse("surveys:counter")).status_code == 405


def test_an_outsider_sees_no_receipt_and_cannot_complete(personas, login, domisili):
    record = make_record(personas.kelurahan, domisili, [personas.pegawai], minutes=None)
    client = login(personas.user("outsider"))
    assert client.get(reverse("surveys:receipt", args=[record.pk])).status_code == 404
    assert client.post(reverse("surveys:counter_complete", args=[record.pk])).status_code == 404


def test_the_camat_cannot_complete_a_kelurahan_service(personas, login, domisili):
    record = make_record(personas.kelurahan, domisili, [personas.pegawai], minutes=None)
    client = login(personas.user("camat"))
    assert client.post(reverse("surveys:counter_complete", args=[record.pk])).status_code == 403


def test_the_register_rejects_impossible_records(personas, domisili):
    other = make_service_type(personas.kecamatan, "Legalisasi SKTM")
    now = timezone.now()
    cases = [
        {"service_type": other},
        {"officers": []},
        {"completed_at": now - dt.timedelta(hours=2)},
        {"received_at": now + dt.timedelta(hours=1)},
    ]
    for change in cases:
        kwargs = {
            "unit": personas.kelurahan,
            "service_type": domisili,
            "officers": [personas.pegawai],
            "received_at": now - dt.timedelta(hours=1),
            "by": personas.pegawai.user,
            **change,
        }
        with pytest.raises(ValidationError):
            services.record_service(**kwargs)
    record = make_record(personas.kelurahan, domisili, [personas.pegawai], minutes=None)
    with pytest.raises(ValidationError):
        services.complete_service(
            record=record,
            completed_at=record.received_at - dt.timedelta(1),
            by=personas.pegawai.user,
        )


def test_the_register_page_keeps_its_query_count(
    personas, login, domisili, django_assert_max_num_queries
):
    client = login(personas.user("pegawai"))
    for _ in range(5):
        make_record(personas.kelurahan, domisili, [personas.pegawai])
    client.get(reverse("surveys:counter"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("surveys:counter"))
    for _ in range(45):
        make_record(personas.kelurahan, domisili, [personas.pegawai, personas.peer])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("surveys:counter"))
    assert len(many) == len(few)


def test_the_kecamatan_counter_offers_only_kecamatan_staff(personas):
    from sikap.surveys.access import officers_of

    at_kecamatan = set(officers_of(personas.kecamatan))
    assert personas.hr in at_kecamatan and personas.camat in at_kecamatan
    assert personas.pegawai not in at_kecamatan
    assert personas.pegawai in set(officers_of(personas.kelurahan))
