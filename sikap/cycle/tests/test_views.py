from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sikap.cycle.models import AppraisalYear, Period

pytestmark = pytest.mark.django_db


def test_hr_sees_the_years_with_their_periods(personas, login, year2026):
    response = login(personas.user("city_hr")).get(reverse("cycle:years"))
    assert response.status_code == 200
    assert "Triwulan IV/Akhir" in response.text
    assert reverse("cycle:year_create") in response.text


def test_auditor_reads_but_gets_no_change_links(personas, login, year2026):
    response = login(personas.user("auditor")).get(reverse("cycle:years"))
    assert response.status_code == 200
    assert reverse("cycle:year_create") not in response.text


@pytest.mark.parametrize("name", ["pegawai", "penilai", "camat", "outsider"])
def test_others_get_404(personas, login, year2026, name):
    assert login(personas.user(name)).get(reverse("cycle:years")).status_code == 404
    period = Period.objects.first()
    url = reverse("cycle:period_edit", args=[period.pk])
    assert login(personas.user(name)).post(url, {}).status_code == 404


def test_the_list_runs_the_same_queries_whatever_the_number_of_years(
    personas, login, django_assert_num_queries
):
    from sikap.cycle.services import setup_appraisal_year

    client = login(personas.user("city_hr"))
    setup_appraisal_year(year=2025, period_kind="triwulanan", by=None)
    client.get(reverse("cycle:years"))
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("cycle:years"))
    few = len(ctx.captured_queries)
    for year in range(2026, 2031):
        setup_appraisal_year(year=year, period_kind="bulanan", by=None)
    with django_assert_num_queries(few):
        client.get(reverse("cycle:years"))


def test_hr_creates_a_monthly_year(personas, login):
    client = login(personas.user("city_hr"))
    assert client.get(reverse("cycle:year_create")).status_code == 200
    response = client.post(reverse("cycle:year_create"), {"year": 2027, "period_kind": "bulanan"})
    assert response.status_code == 302
    year = AppraisalYear.objects.get(year=2027)
    assert year.periods.for_everyone().count() == 12
    # The four quarters of its PPPK Paruh Waktu (§8.1).
    assert year.periods.filter(pppk_pw_only=True).count() == 4
    assert list(year.periods.filter(is_final=True).values_list("name", flat=True)) == ["Desember"]
    assert year.history.first().history_user == personas.user("city_hr")


def test_a_year_cannot_be_created_twice(personas, login, year2026):
    response = login(personas.user("city_hr")).post(
        reverse("cycle:year_create"), {"year": 2026, "period_kind": "bulanan"}
    )
    assert response.status_code == 200
    assert "sudah ada" in response.text


def test_auditor_gets_403_on_changes(personas, login, year2026):
    client = login(personas.user("auditor"))
    period = Period.objects.first()
    assert client.get(reverse("cycle:year_create")).status_code == 403
    assert client.post(reverse("cycle:period_edit", args=[period.pk]), {}).status_code == 403
    assert client.post(reverse("cycle:period_reopen", args=[period.pk]), {}).status_code == 403


def test_wrong_method_is_405(personas, login, year2026):
    client = login(personas.user("city_hr"))
    period = Period.objects.first()
    assert client.post(reverse("cycle:years")).status_code == 405
    assert client.delete(reverse("cycle:period_edit", args=[period.pk])).status_code == 405
    assert client.put(reverse("cycle:period_reopen", args=[period.pk])).status_code == 405
    assert client.delete(reverse("cycle:year_create")).status_code == 405


def _edit(client, period, **changes):
    data = {
        "name": period.name,
        "start_date": period.start_date.isoformat(),
        "end_date": period.end_date.isoformat(),
        "deadline": period.deadline.isoformat(),
        "is_final": "on" if period.is_final else "",
    }
    data.update(changes)
    return client.post(reverse("cycle:period_edit", args=[period.pk]), data)


def test_hr_edits_dates_and_deadline_and_it_is_in_the_history(personas, login, year2026):
    client = login(personas.user("city_hr"))
    period = year2026.periods.get(number=1)
    assert client.get(reverse("cycle:period_edit", args=[period.pk])).status_code == 200
    response = _edit(client, period, deadline="2026-04-20")
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.deadline == dt.date(2026, 4, 20)
    assert period.history.first().history_user == personas.user("city_hr")
    page = client.get(reverse("cycle:period_edit", args=[period.pk]))
    assert "20 April 2026" in page.text or "2026-04-20" in page.text


def test_a_deadline_before_the_end_is_refused(personas, login, year2026):
    client = login(personas.user("city_hr"))
    period = year2026.periods.get(number=1)
    response = _edit(client, period, deadline="2026-03-01")
    assert response.status_code == 200
    assert "Batas pengisian" in response.text


def test_making_another_period_final_moves_the_flag(personas, login, year2026):
    client = login(personas.user("city_hr"))
    third = year2026.periods.get(number=3)
    assert _edit(client, third, is_final="on").status_code == 302
    assert list(year2026.periods.filter(is_final=True)) == [third]


def test_the_only_final_period_cannot_be_unmarked(personas, login, year2026):
    client = login(personas.user("city_hr"))
    final = year2026.periods.get(is_final=True)
    response = _edit(client, final, is_final="")
    assert response.status_code == 200
    assert "tepat satu periode akhir" in response.text
    assert year2026.periods.filter(is_final=True).count() == 1


def test_hr_reopens_and_closes_entry(personas, login, year2026):
    client = login(personas.user("city_hr"))
    period = year2026.periods.get(number=1)
    url = reverse("cycle:period_reopen", args=[period.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reopened_until": "2026-12-15"}).status_code == 302
    period.refresh_from_db()
    assert period.reopened_until == dt.date(2026, 12, 15)
    assert period.is_open_for_entry(dt.date(2026, 12, 10))
    response = client.post(url, {"reopened_until": "2026-04-01"})
    assert response.status_code == 200
    assert client.post(url, {"reopened_until": ""}).status_code == 302
    period.refresh_from_db()
    assert period.reopened_until is None


def test_an_unknown_period_is_404(personas, login, year2026):
    client = login(personas.user("city_hr"))
    assert client.get(reverse("cycle:period_edit", args=[9999])).status_code == 404


def test_the_year_form_offers_quarters_and_a_tahunan_final_by_default(personas, login):
    client = login(personas.user("city_hr"))
    page = client.get(reverse("cycle:year_create"))
    assert 'name="annual_final"' in page.text
    assert page.context["form"]["annual_final"].value() is True
    assert page.context["form"]["period_kind"].value() == "triwulanan"
    response = client.post(
        reverse("cycle:year_create"),
        {"year": 2027, "period_kind": "triwulanan", "annual_final": "on"},
    )
    assert response.status_code == 302
    year = AppraisalYear.objects.get(year=2027)
    assert year.annual_final and year.periods.count() == 5


@pytest.mark.parametrize(
    ("name", "get_status", "post_status"),
    [
        ("city_hr", 200, 302),
        ("hr", 200, 403),
        ("other_hr", 200, 403),
        ("auditor", 200, 403),
        ("pegawai", 404, 404),
        ("penilai", 404, 404),
        ("lurah", 404, 404),
        ("camat", 404, 404),
    ],
)
def test_calendar_settings_are_city_hrs(personas, login, name, get_status, post_status):
    client = login(personas.user(name))
    url = reverse("cycle:settings")
    assert client.get(url).status_code == get_status
    response = client.post(url, {"default_period_kind": "bulanan"})
    assert response.status_code == post_status
    from sikap.cycle.models import CalendarSettings

    expected = "bulanan" if post_status == 302 else "triwulanan"
    assert CalendarSettings.current().default_period_kind == expected


def test_calendar_settings_ask_anonymous_to_sign_in(client):
    assert client.get(reverse("cycle:settings")).status_code == 302


def test_monthly_new_years_follow_the_setting(personas, login):
    from sikap.cycle.services import update_calendar_settings

    update_calendar_settings(by=None, default_period_kind="bulanan", default_annual_final=False)
    page = login(personas.user("city_hr")).get(reverse("cycle:year_create"))
    assert page.context["form"]["period_kind"].value() == "bulanan"
    assert page.context["form"]["annual_final"].value() is False
