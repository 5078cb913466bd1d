"""The Progres Harian API: every role, the owner's journey, the penilai's decision, query counts."""

from __future__ import annotations

import datetime as dt

import pytest

from sikap.worklog import services
from sikap.worklog.models import Entry
from sikap.worklog.tests.conftest import DAY

WEEK = "2026-02-09"


def _url(personas, what: str) -> str:
    return f"/api/worklog/employees/{personas.pegawai.pk}/{what}"


def _post(client, url: str, data: dict | None = None):
    return client.post(url, data or {}, content_type="application/json")


def _draft(personas, source_id: int = 1) -> Entry:
    entry, _created = services.record_work_done(
        employee=personas.pegawai,
        source="complaints.answer",
        source_id=source_id,
        date=DAY,
        activity="Memberikan tanggapan atas pengaduan",
        evidence_url="/pengaduan/1/",
    )
    return entry


READS = {
    "pegawai": 200,
    "penilai": 200,
    "hr": 200,
    "auditor": 200,
    "peer": 404,
    "other_hr": 404,
    "outsider": 404,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), READS.items())
def test_who_reads_the_week(personas, login, role, status):
    _draft(personas)
    response = login(personas.user(role)).get(_url(personas, f"week?minggu={WEEK}"))
    assert response.status_code == status
    if status == 200:
        data = response.json()
        assert data["monday"] == WEEK and data["may_change"] == (role == "pegawai")
        assert data["may_decide"] == (role == "penilai")
        [entry] = data["entries"]
        assert (entry["origin"], entry["evidence_url"]) == ("dari pengaduan", "/pengaduan/1/")


@pytest.mark.django_db
def test_anonymous_and_bad_input_are_refused(client, personas, login):
    assert client.get(_url(personas, "week")).status_code == 401
    owner = login(personas.user("pegawai"))
    assert owner.get(_url(personas, "week?minggu=2026-13-01")).status_code == 422
    assert owner.get("/api/worklog/employees/99999999999/week").status_code == 422


@pytest.mark.django_db
def test_the_owner_keeps_the_week_and_the_penilai_approves_it(personas, login, rencana):
    owner = login(personas.user("pegawai"))
    entry = {
        "date": DAY.isoformat(),
        "activity": "Rapat staf",
        "start_time": "08:00",
        "end_time": "09:00",
        "location": "rumah",
    }
    created = _post(owner, _url(personas, "entries"), entry)
    assert created.status_code == 201 and created.json()["confirmed"]
    bad = _post(owner, _url(personas, "entries"), {**entry, "end_time": "07:00"})
    assert (bad.status_code, bad.json()["code"]) == (400, "end_before_start")
    assert (
        _post(owner, _url(personas, "entries"), {**entry, "location": "pasar"}).status_code == 422
    )
    keep, drop = _draft(personas, 1), _draft(personas, 2)
    confirmed = _post(
        owner, f"/api/worklog/entries/{keep.pk}/confirm", {"action_plan_id": rencana.pk}
    )
    assert confirmed.status_code == 200
    assert (confirmed.json()["confirmed"], confirmed.json()["action_plan_id"]) == (True, rencana.pk)
    assert _post(owner, f"/api/worklog/entries/{drop.pk}/discard").status_code == 204
    drop.refresh_from_db()
    assert drop.discarded
    week = owner.get(_url(personas, f"week?minggu={WEEK}")).json()
    assert sorted(e["id"] for e in week["entries"]) == sorted([created.json()["id"], keep.pk])
    assert _post(owner, _url(personas, "submit"), {"minggu": WEEK}).json() == {"count": 2}
    again = _post(owner, f"/api/worklog/entries/{keep.pk}/confirm")
    assert (again.status_code, again.json()["code"]) == (400, "locked")
    penilai = login(personas.user("penilai"))
    refused = _post(penilai, _url(personas, "decide"), {"minggu": WEEK, "approve": False})
    assert (refused.status_code, refused.json()["code"]) == (400, "note_required")
    decided = _post(penilai, _url(personas, "decide"), {"minggu": WEEK, "approve": True})
    assert decided.json() == {"count": 2}
    assert set(Entry.objects.filter(discarded=False).values_list("status", flat=True)) == {
        "disetujui"
    }
    assert services.approved_realisation([rencana.pk]) == {rencana.pk: 1}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "change", "decide"),
    [
        ("pegawai", None, 403),
        ("penilai", 403, None),
        ("hr", 403, 403),
        ("auditor", 403, 403),
        ("peer", 404, 404),
        ("other_hr", 404, 404),
        ("outsider", 404, 404),
    ],
)
def test_only_the_owner_changes_and_only_the_penilai_decides(personas, login, role, change, decide):
    draft = _draft(personas)
    client = login(personas.user(role))
    entry = {"date": DAY.isoformat(), "activity": "Rapat"}
    if change is not None:
        assert _post(client, _url(personas, "entries"), entry).status_code == change
        assert _post(client, _url(personas, "submit"), {"minggu": WEEK}).status_code == change
        # Another's entry is not found, whoever sees the week.
        assert _post(client, f"/api/worklog/entries/{draft.pk}/confirm").status_code == 404
        assert _post(client, f"/api/worklog/entries/{draft.pk}/discard").status_code == 404
    if decide is not None:
        data = {"minggu": WEEK, "approve": True}
        assert _post(client, _url(personas, "decide"), data).status_code == decide
    draft.refresh_from_db()
    assert (draft.confirmed, draft.discarded, Entry.objects.count()) == (False, False, 1)


@pytest.mark.django_db
def test_the_week_costs_the_same_with_many_entries(personas, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    owner = login(personas.user("pegawai"))
    _draft(personas, 100)
    owner.get(_url(personas, f"week?minggu={WEEK}"))
    with CaptureQueriesContext(connection) as few:
        owner.get(_url(personas, f"week?minggu={WEEK}"))
    for n in range(30):
        day = DAY + dt.timedelta(days=n % 5)
        _draft(personas, n + 1)
        services.add_entry(employee=personas.pegawai, by=None, date=day, activity=f"Kerja {n}")
    with CaptureQueriesContext(connection) as many:
        data = owner.get(_url(personas, f"week?minggu={WEEK}")).json()
    assert len(many) == len(few)
    assert len(data["entries"]) == 61
