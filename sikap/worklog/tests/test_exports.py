"""The e-Kinerja Excel (opened with openpyxl) and the penilai's team summary."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sikap.worklog import rules, services

DAY = dt.date(2026, 2, 10)
T = dt.time


def test_hours_short_at_its_boundary():
    assert rules.minutes_short(5 * 450, 5) == 0
    assert rules.minutes_short(5 * 450 - 1, 5) == 1
    assert rules.minutes_short(9999, 5) == 0
    assert rules.minutes_short(0, 0) == 0


@pytest.mark.django_db
def test_the_excel_has_the_ekinerja_columns_in_order(personas, login):
    services.add_entry(
        employee=personas.pegawai,
        by=None,
        date=DAY,
        activity="=SUM(A1)",
        start_time=T(8),
        end_time=T(9),
        realisation=4,
        satuan="dokumen",
        evidence_url="/x/1/",
    )
    services.add_entry(employee=personas.pegawai, by=None, date=dt.date(2026, 5, 1), activity="no")
    url = reverse("worklog:ekinerja_xlsx", args=[personas.pegawai.pk])
    response = login(personas.user("pegawai")).get(url + "?dari=2026-01-01&sampai=2026-03-31")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:8] == rules.EKINERJA_COLUMNS
    assert len(rows) == 2
    assert rows[1][1:8] == (
        "2026-02-10",
        "08:00",
        "09:00",
        "=SUM(A1)",
        4,
        "dokumen",
        "http://testserver/x/1/",
    )
    assert sheet.cell(row=2, column=5).data_type == "s"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("pegawai", 200),
        ("penilai", 200),
        ("auditor", 200),
        ("other_hr", 404),
        ("peer", 404),
    ],
)
def test_who_downloads_the_excel(personas, login, role, status):
    url = reverse("worklog:ekinerja_xlsx", args=[personas.pegawai.pk])
    assert login(personas.user(role)).get(url).status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("penilai", 200),
        ("pegawai", 403),
        ("auditor", 403),
        ("other_hr", 403),
    ],
)
def test_who_sees_the_team_summary(personas, login, role, status):
    assert login(personas.user(role)).get(reverse("worklog:team")).status_code == status


@pytest.mark.django_db
def test_the_team_summary_shows_who_is_short_and_waiting(
    personas, login, django_assert_max_num_queries
):
    services.add_entry(
        employee=personas.pegawai,
        by=None,
        date=DAY,
        activity="x",
        start_time=T(8),
        end_time=T(16),
    )
    services.submit_week(employee=personas.pegawai, day=DAY, by=None)
    client = login(personas.user("penilai"))
    with django_assert_max_num_queries(25):
        response = client.get(reverse("worklog:team") + "?minggu=2026-02-09")
    rows = {r["employee"].pk: r for r in response.context["rows"]}
    mine = rows[personas.pegawai.pk]
    assert (mine["filled"], mine["hours"], mine["short"], mine["waiting"]) == (
        True,
        "8:00",
        "29:30",
        1,
    )
    assert rows[personas.peer.pk]["filled"] is False
    # The peer filled in nothing that week: the penilai may remind them, not the pegawai.
    assert rows[personas.peer.pk]["offer"].topic == "no_worklog"
    assert rows[personas.pegawai.pk]["offer"] is None
    assert f'value="{personas.peer.pk}:no_worklog"' in response.text


@pytest.mark.django_db
def test_a_week_ahead_offers_no_reminder(personas, login):
    response = login(personas.user("penilai")).get(reverse("worklog:team") + "?minggu=2099-01-05")
    assert response.status_code == 200
    assert 'name="one"' not in response.text
