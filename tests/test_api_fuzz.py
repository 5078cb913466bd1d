"""Schemathesis against /api/openapi.json, bounded: no input makes the API answer 5xx.

The schema is generated from the same NinjaAPI that serves it; every operation is called
through Django's WSGI handler as a signed-in superadmin (who may read the most) with
generated path and query values, including out-of-range numbers and long strings.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings

from config.api import api

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api"))
schema.app = WSGIHandler()


@pytest.fixture
def session_cookie(personas):
    # Requests run inside the test's transaction, as Django's test client runs them.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    client.force_login(
        personas.user("superadmin"), backend="sikap.accounts.backends.NipOrUsernameBackend"
    )
    yield {"sessionid": client.cookies["sessionid"].value}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_api_operation_answers_a_server_error(case, session_cookie):
    response = case.call(cookies=session_cookie)
    assert response.status_code < 500, case.as_curl_command()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/development/me", "/api/development/recap"])
@pytest.mark.parametrize("year", ["0", "99999999", "-5"])
def test_an_out_of_range_year_is_a_422_not_a_500(path, year, personas, login):
    response = login(personas.user("camat")).get(path, {"year": year})
    assert response.status_code == 422


@pytest.mark.django_db
def test_an_id_past_the_database_integer_is_a_422(personas, login):
    client = login(personas.user("superadmin"))
    assert client.get(f"/api/org/employees/{2**70}").status_code == 422
    assert client.get("/api/planning/skp/0").status_code == 422


@pytest.mark.django_db
def test_the_fuzzed_schema_is_the_one_served_at_api_openapi_json(personas, login):
    served = login(personas.user("hr")).get("/api/openapi.json")
    assert served.status_code == 200
    assert set(served.json()["paths"]) == set(schema.raw_schema["paths"])
