from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_me_returns_roles_and_chain(personas, login):
    data = login(personas.user("pegawai")).get("/api/org/me").json()
    assert data["peran"] == ["pegawai"]
    assert data["pegawai"]["pejabat_penilai"]["nama"] == "Agus Setiawan, S.IP."
    assert data["pegawai"]["atasan_pejabat_penilai"]["nama"] == "Siti Rahmawati, S.Sos."


def test_employee_endpoint_follows_access_rules(personas, login):
    url = f"/api/org/employees/{personas.pegawai.pk}"
    assert login(personas.user("camat")).get(url).status_code == 200
    assert login(personas.user("other_hr")).get(url).status_code == 404
    assert login(personas.user("peer")).get(url).status_code == 404


def test_unit_people_endpoint(personas, login):
    data = (
        login(personas.user("lurah"))
        .get(f"/api/org/units/{personas.kelurahan.pk}/employees")
        .json()
    )
    assert {p["nama"] for p in data} >= {"Dewi Lestari", "Rudi Hartono"}
    assert (
        login(personas.user("outsider"))
        .get(f"/api/org/units/{personas.kelurahan.pk}/employees")
        .status_code
        == 404
    )


def test_api_needs_a_session(client):
    assert client.get("/api/org/me").status_code == 401


def test_openapi_docs_are_served(personas, login):
    client = login(personas.user("camat"))
    assert client.get("/api/docs").status_code == 200
    schema = client.get("/api/openapi.json").json()
    assert "/api/org/me" in schema["paths"]


def test_api_docs_use_local_assets_not_a_cdn(personas, login):
    body = login(personas.user("camat")).get("/api/docs").content.decode()
    assert "cdn" not in body.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in body


def test_unit_people_endpoint_pages_by_name(personas, login):
    client = login(personas.user("camat"))
    url = f"/api/org/units/{personas.kecamatan.pk}/employees"
    everyone = [p["nama"] for p in client.get(url).json()]
    assert len(everyone) > 2 and everyone == sorted(everyone)
    first = client.get(url, {"limit": 2}).json()
    second = client.get(url, {"limit": 2, "offset": 2}).json()
    assert [p["nama"] for p in first + second] == everyone[:4]
    assert client.get(url, {"limit": 501}).status_code == 422
    assert client.get(url, {"limit": 0}).status_code == 422
    assert client.get(url, {"offset": -1}).status_code == 422
