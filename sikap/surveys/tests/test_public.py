"""The citizen's survey: by receipt, by unit link and at the kiosk; abuse control."""

from __future__ import annotations

import json
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from sikap.surveys import rules
from sikap.surveys.models import Channel, SurveyResponse, SurveySettings
from sikap.surveys.testing import make_record

ALL_THREE = {f"u{i}": "3" for i in range(1, 10)}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_receipt_survey_records_the_service_and_the_officer(personas, client, domisili):
    record = make_record(personas.kelurahan, domisili, [personas.pegawai])
    url = reverse("surveys:survey_receipt", args=[record.token])
    page = client.get(url)
    assert "Dewi Lestari" in page.content.decode()
    response = client.post(url, {**ALL_THREE, "u9": "", "gender": "P", "age": "40"})
    assert response.status_code == 302
    stored = SurveyResponse.objects.get()
    assert (stored.service_record, stored.officer, stored.channel) == (
        record,
        personas.pegawai,
        Channel.QR,
    )
    assert stored.u9 is None and stored.u1 == 3 and stored.gender == "P"
    again = client.get(url)
    assert "sudah diisi" in again.content.decode() or "already" in again.content.decode()
    client.post(url, ALL_THREE)
    assert SurveyResponse.objects.count() == 1


def test_a_receipt_with_two_officers_uses_the_one_in_the_link(personas, client, domisili):
    record = make_record(personas.kelurahan, domisili, [personas.pegawai, personas.peer])
    url = reverse("surveys:survey_receipt", args=[record.token]) + f"?petugas={personas.peer.pk}"
    client.post(url, ALL_THREE)
    assert SurveyResponse.objects.get().officer == personas.peer


def test_an_unknown_token_is_404(client, db):
    assert client.get(reverse("surveys:survey_receipt", args=["nope"])).status_code == 404


def test_the_survey_needs_at_least_one_answer(personas, client):
    response = client.post(reverse("surveys:survey_unit", args=[personas.kelurahan.pk]), {})
    assert response.status_code == 200
    assert not SurveyResponse.objects.exists()


def test_wrong_method_is_405(personas, client):
    assert (
        client.put(reverse("surveys:survey_unit", args=[personas.kelurahan.pk])).status_code == 405
    )


def test_a_unit_link_survey_is_stored_with_the_chosen_service(personas, client, domisili):
    url = reverse("surveys:survey_unit", args=[personas.kelurahan.pk])
    client.post(url, {**ALL_THREE, "service_type": domisili.pk, "education": "SMA"})
    stored = SurveyResponse.objects.get()
    assert (stored.service_type, stored.channel, stored.education) == (domisili, "link", "SMA")


def test_a_non_service_unit_has_no_survey(personas, client):
    assert client.get(reverse("surveys:survey_unit", args=[personas.seksi.pk])).status_code == 404


def test_the_honeypot_pretends_success_and_stores_nothing(personas, client):
    url = reverse("surveys:survey_unit", args=[personas.kelurahan.pk])
    response = client.post(url, {**ALL_THREE, "website": "http://spam"})
    assert response.status_code == 302
    assert not SurveyResponse.objects.exists()


def test_identical_answers_from_the_same_address_are_stored_once(personas, client):
    url = reverse("surveys:survey_unit", args=[personas.kelurahan.pk])
    client.post(url, ALL_THREE)
    page = client.post(url, ALL_THREE)
    assert page.status_code == 200
    assert "baru saja dikirim" in page.content.decode() or "just sent" in page.content.decode()
    assert SurveyResponse.objects.count() == 1
    client.post(url, {**ALL_THREE, "u1": "4"})
    assert SurveyResponse.objects.count() == 2


def test_the_form_is_rate_limited_per_address(personas, client):
    url = reverse("surveys:survey_unit", args=[personas.kelurahan.pk])
    for i in range(10):
        client.post(url, {**ALL_THREE, "age": str(20 + i)})
    blocked = client.post(url, {**ALL_THREE, "age": "60"})
    assert blocked.status_code == 429
    assert SurveyResponse.objects.count() == 10
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(url, {**ALL_THREE, "age": "61"}).status_code == 302


def test_no_raw_address_is_kept_in_the_cache(personas, client):
    client.post(reverse("surveys:survey_unit", args=[personas.kelurahan.pk]), ALL_THREE)
    keys = list(cache._cache.keys())  # LocMemCache in tests
    assert keys and not any("127.0.0.1" in k for k in keys)


def _kiosk(personas):
    return SurveySettings.objects.get_or_create(unit=personas.kelurahan)[0].kiosk_key


def _payload(**extra):
    return {
        "id": str(uuid.uuid4()),
        "answered_at": "2026-11-27T03:00:00Z",
        "answers": {"U1": 4, "U2": 3, "U3": None},
        "gender": "L",
        "education": "SMA",
        **extra,
    }


def test_the_kiosk_stores_a_repeated_key_once(personas, domisili):
    key = _kiosk(personas)
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("surveys:kiosk", args=[key]))
    assert page.status_code == 200
    token = client.cookies["csrftoken"].value
    payload = _payload(service_type=domisili.pk)
    url = reverse("surveys:kiosk_submit", args=[key])
    for _ in range(3):
        response = client.post(
            url, json.dumps(payload), content_type="application/json", HTTP_X_CSRFTOKEN=token
        )
        assert response.status_code == 200
    assert response.json() == {"ok": True, "duplicate": True}
    stored = SurveyResponse.objects.get()
    assert (stored.channel, stored.u1, stored.u3, stored.service_type) == (
        "kiosk",
        4,
        None,
        domisili,
    )


def test_the_kiosk_endpoint_checks_csrf_and_offers_a_fresh_token(personas):
    key = _kiosk(personas)
    client = Client(enforce_csrf_checks=True)
    url = reverse("surveys:kiosk_submit", args=[key])
    assert (
        client.post(url, json.dumps(_payload()), content_type="application/json").status_code == 403
    )
    token = client.get(reverse("surveys:kiosk_token", args=[key])).json()["csrf"]
    ok = client.post(
        url, json.dumps(_payload()), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert ok.status_code == 200


def test_the_kiosk_rejects_bad_data_and_unknown_keys(personas, client):
    key = _kiosk(personas)
    url = reverse("surveys:kiosk_submit", args=[key])
    assert client.post(url, "{]", content_type="application/json").status_code == 400
    bad = _payload(answers={"U1": 7})
    assert client.post(url, json.dumps(bad), content_type="application/json").status_code == 400
    none = _payload(answers={})
    assert client.post(url, json.dumps(none), content_type="application/json").status_code == 400
    assert client.get(reverse("surveys:kiosk", args=["wrong"])).status_code == 404
    assert client.get(url).status_code == 405
    assert not SurveyResponse.objects.exists()


def test_the_kiosk_honeypot_stores_nothing(personas, client):
    url = reverse("surveys:kiosk_submit", args=[_kiosk(personas)])
    body = json.dumps(_payload(website="x"))
    assert client.post(url, body, content_type="application/json").json()["ok"] is True
    assert not SurveyResponse.objects.exists()


def test_the_kiosk_checks_answers_with_the_survey_form_and_drops_a_bad_profile(personas, client):
    url = reverse("surveys:kiosk_submit", args=[_kiosk(personas)])
    bad_profile = _payload(age=rules.MAX_AGE + 1, gender="X", education="S9", service_type=999)
    response = client.post(url, json.dumps(bad_profile), content_type="application/json")
    assert response.json() == {"ok": True, "duplicate": False}
    stored = SurveyResponse.objects.get()
    assert (stored.age, stored.gender, stored.education, stored.service_type) == (
        None,
        "",
        "",
        None,
    )
    kept = _payload(age=rules.MIN_AGE, gender="P")
    client.post(url, json.dumps(kept), content_type="application/json")
    assert SurveyResponse.objects.filter(age=rules.MIN_AGE, gender="P").exists()
    for answer in (rules.MIN_ANSWER - 1, rules.MAX_ANSWER + 1, True, "4x"):
        body = json.dumps(_payload(answers={"U1": answer}))
        assert client.post(url, body, content_type="application/json").status_code == 400
    assert (
        client.post(
            url, json.dumps(_payload(answers=[4])), content_type="application/json"
        ).status_code
        == 400
    )
    assert SurveyResponse.objects.count() == 2
