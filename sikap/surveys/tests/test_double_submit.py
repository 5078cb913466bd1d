"""A double submit of each survey create form (the same form token twice) creates one record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sikap.accounts.testing import Submit, assert_created_once
from sikap.surveys.models import ServiceRecord, ServiceType, SurveyResponse
from sikap.surveys.testing import make_record

pytestmark = pytest.mark.django_db

ANSWERS = {f"u{i}": "3" for i in range(1, 10)}
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield
    cache.clear()


def _counter(personas: Any, login: Any, client: Any, domisili: Any) -> Submit:
    received = timezone.localtime(NOW - dt.timedelta(minutes=12)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "service_type": domisili.pk,
        "received_at": received,
        "done": "on",
        "officers": [personas.pegawai.pk],
        "citizen_initial": "ab",
    }
    return Submit(
        login(personas.user("pegawai")),
        reverse("surveys:counter"),
        data,
        ServiceRecord.objects.all(),
    )


def _by_unit(personas: Any, login: Any, client: Any, domisili: Any) -> Submit:
    url = reverse("surveys:survey_unit", args=[personas.kelurahan.pk])
    return Submit(client, url, ANSWERS, SurveyResponse.objects.all())


def _by_receipt(personas: Any, login: Any, client: Any, domisili: Any) -> Submit:
    record = make_record(personas.kelurahan, domisili, [personas.pegawai])
    url = reverse("surveys:survey_receipt", args=[record.token])
    return Submit(client, url, ANSWERS, SurveyResponse.objects.filter(service_record=record))


def _service_type(personas: Any, login: Any, client: Any, domisili: Any) -> Submit:
    data = {
        "name": "Surat Keterangan Usaha",
        "standard_minutes": "20",
        "order": "1",
        "is_active": "on",
        "biaya": "Gratis",
        "persyaratan": "Pengantar RT/RW",
    }
    url = reverse("surveys:service_type_create", args=[personas.kelurahan.pk])
    rows = ServiceType.objects.filter(name=data["name"])
    return Submit(login(personas.user("lurah")), url, data, rows)


def _paper(personas: Any, login: Any, client: Any, domisili: Any) -> Submit:
    text = "U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,4\n3,3,3,3,3,3,3,3,3\n"

    def data() -> dict[str, Any]:
        upload = SimpleUploadedFile("kertas.csv", text.encode(), content_type="text/csv")
        return {"file": upload, "survey_date": "2026-10-01"}

    url = reverse("surveys:import", args=[personas.kelurahan.pk])
    return Submit(login(personas.user("hr")), url, data, SurveyResponse.objects.all())


CASES: dict[str, Callable[..., Submit]] = {
    "surveys:counter": _counter,
    "surveys:survey_unit": _by_unit,
    "surveys:survey_receipt": _by_receipt,
    "surveys:service_type_create": _service_type,
    "surveys:import": _paper,
}


@pytest.mark.parametrize("view", CASES)
def test_a_double_submit_creates_one_record(view, personas, login, client, domisili):
    assert_created_once(CASES[view](personas, login, client, domisili))
