"""SIKAP sends its pages, htmx swaps and JSON gzipped; binary downloads and static files as they are."""

from __future__ import annotations

import gzip

import pytest
from django.urls import reverse

from config.compression import is_compressible

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("text/html; charset=utf-8", True),
        ("text/csv", True),
        ("application/json", True),
        ("application/problem+json", True),
        ("application/vnd.oai.openapi+json", True),
        ("Application/JSON; charset=utf-8", True),
        ("image/svg+xml", True),
        ("application/pdf", False),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
        ("image/png", False),
        ("application/octet-stream", False),
        ("", False),
    ],
)
def test_only_text_answers_are_compressible(content_type, expected):
    assert is_compressible(content_type) is expected


@pytest.mark.django_db
def test_a_page_leaves_gzipped_for_a_browser_that_accepts_it(personas, login):
    client = login(personas.user("camat"))
    url = reverse("org:unit", args=[personas.kelurahan.pk])
    plain = client.get(url)
    packed = client.get(url, **GZIP)
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert personas.kelurahan.name in html
    assert len(packed.content) < len(plain.content) / 3


@pytest.mark.django_db
def test_an_htmx_swap_and_the_api_leave_gzipped(personas, login):
    client = login(personas.user("camat"))
    swap = client.get(
        reverse("org:unit", args=[personas.kecamatan.pk]) + "?q=a",
        headers={"HX-Request": "true"},
        **GZIP,
    )
    assert swap["Content-Encoding"] == "gzip"
    assert b"<html" not in gzip.decompress(swap.content)
    api = client.get(f"/api/org/units/{personas.kelurahan.pk}/employees", **GZIP)
    assert api.status_code == 200
    assert api["Content-Encoding"] == "gzip"
    assert gzip.decompress(api.content).startswith((b"{", b"["))


@pytest.mark.django_db
def test_a_spreadsheet_download_is_sent_as_it_is(personas, login):
    client = login(personas.user("camat"))
    response = client.get(reverse("planning:unit_export", args=[personas.kelurahan.pk]), **GZIP)
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    assert "Content-Encoding" not in response
    body = b"".join(response) if response.streaming else response.content
    assert body.startswith(b"PK")
