"""Each page stays under 150 KB transferred on first load (gzip, as whitenoise and proxies serve it)."""

from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

BUDGET = 150 * 1024
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')


def transferred(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content
    total = len(gzip.compress(html))
    for path in set(ASSET.findall(html.decode())):
        found = finders.find(path.removeprefix("/static/"))
        assert found, f"missing static file {path}"
        with open(found, "rb") as handle:
            total += len(gzip.compress(handle.read()))
    return total


@pytest.mark.django_db
def test_login_page_is_light(client):
    assert transferred(client, reverse("accounts:login")) < BUDGET


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "tree", "unit", "employee"])
def test_foundation_pages_are_light(personas, login, page):
    client = login(personas.user("camat"))
    url = {
        "home": reverse("accounts:home"),
        "tree": reverse("org:tree"),
        "unit": reverse("org:unit", args=[personas.kelurahan.pk]),
        "employee": reverse("org:employee", args=[personas.pegawai.pk]),
    }[page]
    assert transferred(client, url) < BUDGET


@pytest.mark.django_db
def test_public_landing_page_is_light(client):
    assert transferred(client, reverse("accounts:home")) < BUDGET
