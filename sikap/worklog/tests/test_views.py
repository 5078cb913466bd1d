"""The weekly Progres Harian page: every role, adding, confirming, submitting, deciding."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sikap.worklog import services
from sikap.worklog.models import Entry

DAY = dt.date(2026, 2, 10)
WEEK = "?minggu=2026-02-09"

# Who sees the pegawai's week (200) and who does not (404); anonymous is sent to sign in.
SEES = {
    "pegawai": 200,
    "penilai": 200,
    "lurah": 200,
    "camat": 200,
    "hr": 200,
    "other_hr": 404,
    "auditor": 200,
    "peer": 404,
    "outsider": 404,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), SEES.items())
def test_who_sees_the_week(personas, login, role, status):
    services.add_entry(employee=personas.pegawai, by=None, date=DAY, activity="Rapat staf")
    client = login(personas.user(role))
    response = client.get(reverse("worklog:week", args=[personas.pegawai.pk]) + WEEK)
    assert response.status_code == status
    if status == 200:
        assert "Rapat staf" in response.content.decode()


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client, personas):
    response = client.get(reverse("worklog:week", args=[personas.pegawai.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("penilai", 403),
        ("lurah", 403),
        ("camat", 403),
        ("hr", 403),
        ("auditor", 403),
        ("other_hr", 404),
        ("peer", 404),
    ],
)
def test_only_the_employee_adds_or_submits(personas, login, role, status):
    client = login(personas.user(role))
    url = reverse("worklog:week", args=[personas.pegawai.pk])
    data = {"date": DAY.isoformat(), "activity": "x", "realisation": 1, "location": "kantor"}
    assert client.post(url, data).status_code == status
    assert client.post(reverse("worklog:submit", args=[personas.pegawai.pk])).status_code == status
    assert not Entry.objects.exists()


@pytest.mark.django_db
def test_the_employee_adds_confirms_and_submits(personas, login):
    client = login(personas.user("pegawai"))
    url = reverse("worklog:week", args=[personas.pegawai.pk])
    data = {
        "minggu": "2026-02-09",
        "date": DAY.isoformat(),
        "start_time": "08:00",
        "end_time": "09:00",
        "activity": "Melayani warga",
        "realisation": 2,
        "satuan": "layanan",
        "location": "rumah",
    }
    response = client.post(url + WEEK, data)
    assert response.status_code == 302
    client.post(url + WEEK, {**data, "start_time": "08:30", "activity": "Rapat"})
    page = client.get(url + WEEK).content.decode()
    assert page.count("The times overlap another entry.") == 2 or page.count("⚠") == 2
    bad = client.post(url + WEEK, {**data, "end_time": "07:00"})
    assert bad.status_code == 200 and not Entry.objects.filter(end_time=dt.time(7)).exists()
    draft, _ = services.record_work_done(
        employee=personas.pegawai,
        source="surveys.service_record",
        source_id=9,
        date=DAY,
        activity="Layanan KTP",
    )
    client.post(reverse("worklog:confirm", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.confirmed
    client.post(reverse("worklog:submit", args=[personas.pegawai.pk]), {"minggu": "2026-02-09"})
    assert set(Entry.objects.values_list("status", flat=True)) == {"diajukan"}
    # Another's entry is not found.
    assert (
        login(personas.user("peer")).post(reverse("worklog:discard", args=[draft.pk])).status_code
        == 404
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("pegawai", 403),
        ("lurah", 403),
        ("camat", 403),
        ("hr", 403),
        ("auditor", 403),
        ("other_hr", 404),
    ],
)
def test_only_the_direct_penilai_decides(personas, login, role, status):
    services.add_entry(employee=personas.pegawai, by=None, date=DAY, activity="x")
    services.submit_week(employee=personas.pegawai, day=DAY, by=None)
    url = reverse("worklog:decide", args=[personas.pegawai.pk])
    data = {"minggu": "2026-02-09", "keputusan": "setujui"}
    assert login(personas.user(role)).post(url, data).status_code == status
    assert Entry.objects.get().status == "diajukan"


@pytest.mark.django_db
def test_the_penilai_approves_or_returns_the_week(personas, login):
    services.add_entry(employee=personas.pegawai, by=None, date=DAY, activity="x")
    services.submit_week(employee=personas.pegawai, day=DAY, by=None)
    client = login(personas.user("penilai"))
    url = reverse("worklog:decide", args=[personas.pegawai.pk])
    page = client.get(reverse("worklog:week", args=[personas.pegawai.pk]) + WEEK)
    assert "Approve the week" in page.content.decode() or "Setujui" in page.content.decode()
    client.post(url, {"minggu": "2026-02-09", "keputusan": "kembalikan"})
    assert Entry.objects.get().status == "diajukan"  # a return needs a note
    client.post(url, {"minggu": "2026-02-09", "keputusan": "setujui"})
    assert Entry.objects.get().status == "disetujui"
    assert client.get(url).status_code == 405


@pytest.mark.django_db
def test_the_week_costs_the_same_whatever_the_entries(
    personas, login, django_assert_max_num_queries
):
    client = login(personas.user("pegawai"))
    url = reverse("worklog:week", args=[personas.pegawai.pk]) + WEEK
    client.get(url)
    for n in range(30):
        services.add_entry(employee=personas.pegawai, by=None, date=DAY, activity=f"a{n}")
    with django_assert_max_num_queries(30):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_draft_shows_its_origin_and_is_confirmed_against_a_chosen_rencana_aksi(
    personas, login, rencana
):
    draft, _created = services.record_work_done(
        employee=personas.pegawai,
        source="development.training",
        source_id=4,
        date=DAY,
        activity="Mengikuti Bimtek",
        satuan="JP",
        evidence_url="/pengembangan/pegawai/1/",
    )
    assert draft.action_plan == rencana  # the only rencana aksi of the quarter
    draft.action_plan = None
    draft.save()
    client = login(personas.user("pegawai"))
    page = client.get(reverse("worklog:week", args=[personas.pegawai.pk]) + WEEK).content.decode()
    assert "dari pelatihan" in page and 'href="/pengembangan/pegawai/1/"' in page
    assert 'name="action_plan"' in page and f'value="{rencana.pk}"' in page
    url = reverse("worklog:confirm", args=[draft.pk])
    assert client.post(url, {"action_plan": "99999"}).status_code == 404
    client.post(url, {"action_plan": str(rencana.pk)})
    draft.refresh_from_db()
    assert draft.confirmed and draft.action_plan == rencana


@pytest.mark.django_db
def test_an_entry_without_an_end_shows_its_start_alone(personas, login):
    services.add_entry(
        employee=personas.pegawai,
        by=None,
        date=DAY,
        activity="Melayani warga",
        start_time=dt.time(9, 0),
    )
    services.add_entry(
        employee=personas.pegawai,
        by=None,
        date=DAY,
        activity="Rapat staf",
        start_time=dt.time(13, 0),
        end_time=dt.time(14, 0),
    )
    page = login(personas.user("pegawai")).get(
        reverse("worklog:week", args=[personas.pegawai.pk]) + WEEK
    )
    text = page.content.decode()
    assert "<strong>09:00</strong>" in text and "09:00–" not in text
    assert "13:00–14:00" in text
