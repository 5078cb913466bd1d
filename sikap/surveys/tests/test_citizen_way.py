"""The citizen's way (issue 14 item 8): from the landing card to the survey, the thank-you page,
the survey only after the service is completed, every officer credited, Indonesian by default."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sikap.surveys import rules, services
from sikap.surveys.evidence import service_evidence
from sikap.surveys.models import SurveyResponse, SurveySettings
from sikap.surveys.periods import parse_period
from sikap.surveys.stats import unit_index
from sikap.surveys.testing import make_record

# The complaint form (the complaints app sits beside surveys: no URL name across, see
# tests/test_import_direction.py).
COMPLAINT_FORM = "/pengaduan/lapor/"
ALL_THREE = {f"u{i}": "3" for i in range(1, 10)}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("answers", "unhappy"),
    [
        ({"U1": 3, "U2": 4}, False),
        ({"U1": 3, "U2": 2}, True),
        ({"U1": 1}, True),
        ({"U1": None, "U2": 3}, False),
        ({}, False),
    ],
)
def test_a_citizen_is_unhappy_with_any_unsur_at_2_or_below(answers, unhappy):
    assert rules.is_unhappy(answers) is unhappy


def test_the_landing_card_opens_the_survey_and_the_results_are_their_own_card(client, personas):
    page = client.get("/").content.decode()
    assert f'href="{reverse("surveys:start")}"' in page
    assert f'href="{reverse("surveys:public_units")}"' in page
    start = client.get(reverse("surveys:start")).content.decode()
    assert reverse("surveys:survey_unit", args=[personas.kelurahan.pk]) in start
    assert reverse("surveys:survey_unit", args=[personas.seksi.pk]) not in start


def test_an_unhappy_citizen_is_offered_the_complaint_form_of_that_office(client, personas):
    url = reverse("surveys:survey_unit", args=[personas.kelurahan.pk])
    done = client.post(url, {**ALL_THREE, "u4": "2"})
    assert done.status_code == 302
    assert done["Location"] == f"{reverse('surveys:thanks')}?unit={personas.kelurahan.pk}&kurang=1"
    page = client.get(done["Location"]).content.decode()
    assert f"{COMPLAINT_FORM}?unit={personas.kelurahan.pk}" in page
    assert reverse("surveys:public", args=[personas.kelurahan.pk]) in page
    form = client.get(f"{COMPLAINT_FORM}?unit={personas.kelurahan.pk}")
    assert form.context["form"]["unit"].value() == personas.kelurahan.pk


def test_a_happy_citizen_sees_the_results_but_no_complaint_button(client, personas):
    done = client.post(reverse("surveys:survey_unit", args=[personas.kelurahan.pk]), ALL_THREE)
    assert "kurang" not in done["Location"]
    page = client.get(done["Location"]).content.decode()
    assert COMPLAINT_FORM not in page
    assert reverse("surveys:public", args=[personas.kelurahan.pk]) in page


def test_the_thank_you_page_ignores_a_unit_that_is_not_a_service_unit(client, personas):
    page = client.get(f"{reverse('surveys:thanks')}?unit={personas.seksi.pk}&kurang=1")
    assert page.status_code == 200
    assert page.context["unit"] is None
    assert reverse("surveys:public_units") in page.content.decode()


def test_the_survey_of_a_service_opens_only_once_it_is_completed(client, personas, domisili):
    record = make_record(personas.kelurahan, domisili, [personas.pegawai], minutes=None)
    url = reverse("surveys:survey_receipt", args=[record.token])
    page = client.get(url)
    assert page.templates[0].name == "surveys/not_completed.html"
    client.post(url, ALL_THREE)
    assert not SurveyResponse.objects.exists()
    services.complete_service(record=record, completed_at=timezone.now(), by=personas.pegawai.user)
    assert client.get(url).templates[0].name == "surveys/survey.html"
    assert client.post(url, ALL_THREE).status_code == 302
    assert SurveyResponse.objects.count() == 1


def test_a_receipt_survey_credits_every_officer_who_served(client, personas, domisili):
    SurveySettings.objects.update_or_create(
        unit=personas.kelurahan, defaults={"min_officer_responses": 1}
    )
    record = make_record(personas.kelurahan, domisili, [personas.pegawai, personas.peer])
    # Even with one officer named in the link, both who served are credited.
    url = reverse("surveys:survey_receipt", args=[record.token]) + f"?petugas={personas.peer.pk}"
    client.post(url, {**ALL_THREE, "u1": "4"})
    today = timezone.localdate()
    index = unit_index(personas.kelurahan, parse_period(None, today=today))
    rows = {row.pk: row for row in index.officers}
    assert rows[personas.pegawai.pk].respondents == rows[personas.peer.pk].respondents == 1
    assert index.respondents == 1
    evidence = service_evidence(
        [personas.pegawai.pk, personas.peer.pk], today - dt.timedelta(days=1), today
    )
    assert evidence[personas.pegawai.pk].responses == evidence[personas.peer.pk].responses == 1
    assert evidence[personas.pegawai.pk].ikm == evidence[personas.peer.pk].ikm is not None


def test_a_browser_set_to_english_still_gets_indonesian(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = client.get("/")
    assert page["Content-Language"] == "id"
    assert "Survei kepuasan" in page.content.decode()


def test_english_once_chosen_with_the_switch(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/")
    assert page["Content-Language"] == "en"
    assert "Satisfaction survey" in page.content.decode()


def test_an_unknown_language_cookie_falls_back_to_indonesian(db):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get("/")["Content-Language"] == "id"
