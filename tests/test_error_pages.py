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


def test_someone_elses_skp_is_a_404_page_in_the_layout_with_a_way_back(personas, login):
    from sikap.planning.testing import make_plan

    plan = make_plan(personas.pegawai, penilai=personas.penilai)
    response = login(personas.user("outsider")).get(f"/skp/{plan.pk}/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text and "Kembali ke beranda" in response.text
    assert "Fajar Nugroho" in response.text  # the menu of the signed-in user is there


def test_the_403_page_in_both_languages(rf, personas):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = rf.get("/")
    request.user = personas.user("pegawai")
    with translation.override("id"):
        page = permission_denied(request, PermissionDenied()).content.decode()
    assert "Tidak diizinkan" in page and "Kembali ke beranda" in page
    with translation.override("en"):
        page = permission_denied(request, PermissionDenied()).content.decode()
    assert "Not allowed" in page and "Back to the home page" in page


def test_the_server_error_page_in_english(db):
    with translation.override("en"):
        response = server_error(RequestFactory().get("/"))
    assert b"Something went wrong" in response.content and b'lang="en"' in response.content


def test_a_form_sent_with_an_expired_token_explains_and_leads_back(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(
        personas.user("pegawai"), backend="sikap.accounts.backends.NipOrUsernameBackend"
    )
    form = "http://testserver/skp/baru/"
    response = client.post("/skp/baru/", {}, HTTP_REFERER=form)
    assert response.status_code == 403
    assert (
        "Formulir sudah kedaluwarsa" in response.text
        and "Tidak ada yang tersimpan" in response.text
    )
    assert f'href="{form}"' in response.text and "Kembali ke formulir" in response.text
    assert "Kembali ke beranda" in response.text


def test_the_expired_form_page_in_english_ignores_a_foreign_referer(db):
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = "en"
    response = client.post("/masuk/", {}, HTTP_REFERER="https://evil.example/x")
    assert response.status_code == 403
    assert "The form has expired" in response.text and "evil.example" not in response.text
    assert "Back to the form" not in response.text and 'href="/"' in response.text
