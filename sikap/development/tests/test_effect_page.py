"""The "did the training help?" page: figures on a crafted office, roles and query count."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sikap.development import effect_data
from sikap.development.testing import invite, make_event
from sikap.org.testing import make_employee
from sikap.surveys.testing import make_response

pytestmark = pytest.mark.django_db

START = dt.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2026, 11, 27, 9, 0), tick=False):
        yield


def _answers(employee, unit, answer, day):
    when = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    for _ in range(10):
        make_response(unit, answer, officer=employee, when=when)


def _office(personas, n=6):
    """n participants whose answers rise from 2 to 3, n others in the seksi who stay at 2."""
    event = make_event(personas.kecamatan, name="Bimtek Pelayanan Prima", jenis=8, start=START)
    position = personas.pegawai.position
    people = [make_employee(position, f"Peserta {i}") for i in range(n)]
    others = [make_employee(position, f"Lainnya {i}") for i in range(n)]
    for person in people:
        _answers(person, personas.kelurahan, 2, START - dt.timedelta(days=30))
        _answers(person, personas.kelurahan, 3, START + dt.timedelta(days=30))
    for person in others:
        _answers(person, personas.kelurahan, 2, START - dt.timedelta(days=30))
        _answers(person, personas.kelurahan, 2, START + dt.timedelta(days=30))
    invite(event, *people)
    return event


def test_the_known_effect_on_ikm_is_measured(personas):
    event = _office(personas)
    result = effect_data.training_effect(event, dt.date(2026, 11, 27))
    ikm = next(s for s in result.signals if s.key == "ikm")
    assert not ikm.result.too_few
    assert ikm.result.n_participants == 6 and ikm.result.n_controls >= 6
    assert ikm.result.before_participants == 50.0 and ikm.result.after_participants == 75.0
    assert ikm.result.estimate.value == 25.0
    predicate = next(s for s in result.signals if s.key == "predicate")
    assert predicate.result.too_few


def test_below_the_minimum_the_page_says_too_few(personas, login):
    event = _office(personas, n=3)
    page = login(personas.user("camat")).get(
        reverse("development:effects") + f"?kegiatan={event.pk}"
    )
    assert page.status_code == 200
    assert "data-too-few" in page.text and "Bimtek Pelayanan Prima" in page.text


def test_the_camat_sees_the_figures_and_the_chart(personas, login):
    event = _office(personas)
    page = login(personas.user("camat")).get(reverse("development:effects"))
    assert page.status_code == 200
    assert 'data-signal="ikm"' in page.text and "25,00" in page.text
    assert "effect-data" in page.text and "chart.umd.min.js" in page.text
    assert event.name in page.text


def test_an_unfinished_window_shows_no_figures(personas, login):
    event = make_event(personas.kecamatan, name="Baru", start=dt.date(2026, 11, 1))
    invite(event, personas.pegawai)
    page = login(personas.user("hr")).get(reverse("development:effects") + f"?kegiatan={event.pk}")
    assert "data-not-ready" in page.text


@pytest.mark.parametrize("who", ["camat", "lurah", "hr", "auditor", "city_hr"])
def test_readers_open_the_page(personas, login, who):
    _office(personas, n=1)
    assert login(personas.user(who)).get(reverse("development:effects")).status_code == 200


def test_hr_of_another_kecamatan_does_not_see_the_training(personas, login):
    _office(personas, n=1)
    page = login(personas.user("other_hr")).get(reverse("development:effects"))
    assert page.status_code == 200 and "Bimtek Pelayanan Prima" not in page.text


@pytest.mark.parametrize("who", ["pegawai", "penilai", "outsider"])
def test_others_get_404(personas, login, who):
    assert login(personas.user(who)).get(reverse("development:effects")).status_code == 404


def test_anonymous_and_wrong_method(personas, client, login):
    assert client.get(reverse("development:effects")).status_code == 302
    assert login(personas.user("camat")).post(reverse("development:effects")).status_code == 405


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_page_runs_a_constant_number_of_queries(personas, login):
    client = login(personas.user("camat"))
    event = _office(personas, n=2)
    url = reverse("development:effects") + f"?kegiatan={event.pk}"
    few = _count(client, url)
    more = [make_employee(personas.pegawai.position, f"Tambahan {i}") for i in range(6)]
    invite(event, *more)
    assert _count(client, url) == few
    for i in range(3):
        invite(make_event(personas.kecamatan, name=f"Bimtek {i}", jenis=8, start=START), more[i])
    assert _count(client, url) <= few + 3 * 13  # each extra training of the jenis: 13 queries
