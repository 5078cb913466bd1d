"""Reminders from the engagement page: who gets the buttons, and what the leader sees afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from sikap.org.testing import make_employee
from sikap.planning import nudges
from sikap.planning.models import Nudge, NudgeTopic

pytestmark = pytest.mark.django_db
URL = reverse("dashboards:engagement")
NOW = dt.datetime(2026, 11, 4, 9, 0, tzinfo=dt.UTC)


def _buttons(body: str) -> int:
    return body.count('name="one"')


@time_machine.travel(NOW)
def test_the_camat_may_remind_everyone_behind_and_sees_who_was_reminded(personas, login):
    nudges.send_nudge(
        employee=personas.peer,
        topic=NudgeTopic.NOT_SIGNED_IN,
        by=personas.user("lurah"),
        now=NOW - dt.timedelta(days=2),
    )
    body = login(personas.user("camat")).get(URL).content.decode()
    assert _buttons(body) == 5  # everyone below the camat: lurah, kasi, two staff and hr
    assert f'value="{personas.peer.pk}:not_signed_in"' in body
    assert "diingatkan 2 hari lalu" in body
    assert "Ingatkan semua yang terpilih" in body
    assert f'action="{reverse("planning:nudge")}"' in body


@time_machine.travel(NOW)
@pytest.mark.parametrize("persona", ["hr", "auditor", "city_hr", "superadmin"])
def test_readers_who_do_not_lead_see_no_buttons(personas, login, persona):
    response = login(personas.user(persona)).get(URL, {"unit": personas.kecamatan.pk})
    assert response.status_code == 200
    body = response.content.decode()
    expected = 6 if persona == "superadmin" else 0
    assert _buttons(body) == expected
    assert ("Ingatkan semua yang terpilih" in body) == bool(expected)


@time_machine.travel(NOW)
def test_the_lurah_gets_buttons_only_for_their_kelurahan(personas, login):
    body = login(personas.user("lurah")).get(URL).content.decode()
    assert f"{personas.pegawai.pk}:" in body
    assert f'value="{personas.camat.pk}:' not in body and f'value="{personas.hr.pk}:' not in body


@time_machine.travel(NOW)
def test_reminders_cost_no_query_per_person(personas, login, django_assert_max_num_queries):
    client = login(personas.user("camat"))
    with django_assert_max_num_queries(60) as few:
        client.get(URL, {"perbarui": "1"})
    for i in range(30):
        staff = make_employee(personas.pegawai.position, f"Staf Baru {i}")
        Nudge.objects.create(
            employee=staff, topic=NudgeTopic.NOT_SIGNED_IN, sent_at=NOW, subject="s", body="b"
        )
    with django_assert_max_num_queries(len(few)):
        body = client.get(URL, {"perbarui": "1"}).content.decode()
    assert body.count("diingatkan hari ini") == 30
