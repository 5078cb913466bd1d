"""Headers every response carries, the API schema kept for staff, bodies refused past their limit."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from config.security import body_limit_for

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = [
    p
    for p in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("sikap/*/templates/**/*.html")]
    if "/pdf/" not in str(p) and not p.name.endswith("_pdf.html")
]


@pytest.mark.django_db
def test_pages_send_a_strict_csp_and_a_permissions_policy(client):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert re.search(r"'nonce-[\w-]{16,}'", directives["script-src"])
    assert directives["script-src-attr"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    again = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    assert again != csp  # a fresh nonce for every response


def test_no_template_has_an_inline_script_or_an_event_handler_attribute():
    offenders = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*nonce=)[^>]*>", text):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
        for match in re.finditer(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
        if "javascript:" in text:
            offenders.append(f"{path.relative_to(ROOT)}: javascript: URL")
    assert offenders == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["api:openapi-json", "api:openapi-view"])
def test_the_api_schema_and_docs_are_for_signed_in_staff_only(name, personas, login):
    url = reverse(name)
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/masuk/" in anonymous["Location"]
    assert login(personas.user("pegawai")).get(url).status_code == 200


class _Unreadable(io.RawIOBase):
    def read(self, *args):  # pragma: no cover - reading is the failure being tested
        raise AssertionError("the body was read")

    readinto = read


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/pengaduan/", "/accounts/login/", "/api/org/me"])
def test_a_body_past_the_limit_is_refused_before_it_is_read(path):
    limit = body_limit_for(path)
    response = Client().generic(
        "POST",
        path,
        CONTENT_LENGTH=str(limit + 1),
        CONTENT_TYPE="multipart/form-data; boundary=x",
        **{"wsgi.input": _Unreadable()},
    )
    assert response.status_code == 413
    assert response["Connection"] == "close"


def test_upload_pages_get_room_for_their_files_and_plain_paths_little(settings):
    assert body_limit_for("/pengaduan/baru/") >= 3 * settings.UPLOAD_MAX_BYTES
    assert body_limit_for("/api/development/me") == settings.REQUEST_BODY_MAX_BYTES
    assert settings.REQUEST_BODY_MAX_BYTES <= 1024 * 1024
