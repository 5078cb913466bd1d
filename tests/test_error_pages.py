"""The 403, 404 and 500 pages speak the user's language and offer a way back."""

from __future__ import annotations

from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error


def test_a_missing_page_says_so_in_indonesian_with_a_way_back(db):
    response = Client().get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text and "Kembali ke beranda" in response.text


def test_a_missing_page_in_english(db):
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text and "Back to the home page" in response.text


def test_the_server_error_page_renders_without_a_request_context(db):
    with translation.override("id"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Terjadi kesalahan" in response.content
