from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_calculator_shows_limits_and_violations(personas, login):
    client = login(personas.user("pegawai"))
    url = reverse("evaluation:calculator")
    assert client.get(url).status_code == 200
    response = client.get(
        url,
        {
            "organisation_predicate": "BAIK",
            "headcount": 5,
            "rounding": "STRICT",
            "actual_sb": 0,
            "actual_b": 5,
            "actual_bp": 0,
            "actual_k": 0,
            "actual_sk": 0,
        },
    )
    assert response.status_code == 200
    assert "harus ada" in response.text
    assert "calc-chart" in response.text


def test_the_htmx_partial_returns_only_the_result(personas, login):
    client = login(personas.user("auditor"))
    response = client.get(
        reverse("evaluation:calculator"),
        {"organisation_predicate": "ISTIMEWA", "headcount": 10, "rounding": "STRICT"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="result"' in response.text
    assert "HX-Request" in response["Vary"]


def test_counts_that_do_not_add_up_are_refused(personas, login):
    response = login(personas.user("hr")).get(
        reverse("evaluation:calculator"),
        {"organisation_predicate": "BAIK", "headcount": 5, "rounding": "STRICT", "actual_b": 2},
    )
    assert "add up to 2" in response.text or "berjumlah 2" in response.text


def test_the_calculator_needs_a_login_and_get(client, personas, login):
    assert client.get(reverse("evaluation:calculator")).status_code == 302
    assert login(personas.user("hr")).post(reverse("evaluation:calculator")).status_code == 405
