"""What to improve, from evidence: the officer's own service signals as improvement areas."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sikap.complaints.models import Complaint
from sikap.complaints.testing import make_complaint
from sikap.development import improve
from sikap.development.models import DevelopmentPlan, PlanItem, PlanStatus
from sikap.planning.models import Feedback
from sikap.planning.testing import make_plan
from sikap.surveys.models import SurveySettings
from sikap.surveys.testing import make_record, make_response, make_service_type

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 27)
U3_LOW = [3, 3, 2, 3, 3, 3, 3, 3, 3]


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2026, 11, 27, 9, 0), tick=False):
        yield


def _responses(personas, n, answers=U3_LOW, service=None):
    service = service or make_service_type(personas.kelurahan)
    when = timezone.now() - dt.timedelta(days=3)
    for _ in range(n):
        make_response(
            personas.kelurahan, answers, officer=personas.pegawai, service_type=service, when=when
        )
    return service


def _areas(personas):
    return improve.improvement_signals(personas.pegawai, 2026, TODAY)


def test_the_lowest_unsur_of_the_officers_responses_is_an_area_with_its_n(personas):
    _responses(personas, 10)
    signals = _areas(personas)
    (area,) = signals.areas
    assert area.key == "unsur-U3" and area.jenis_diklat == 24
    assert "10" in area.evidence[0] and "2,00" in area.evidence[0]
    assert signals.notes == []


def test_below_the_per_officer_minimum_the_unsur_is_hidden_with_a_note(personas):
    _responses(personas, 9)
    signals = _areas(personas)
    assert signals.areas == [] and "9" in signals.notes[0] and "10" in signals.notes[0]


def test_the_units_own_minimum_applies(personas):
    SurveySettings.objects.create(unit=personas.kelurahan, min_officer_responses=3)
    _responses(personas, 3)
    assert [a.key for a in _areas(personas).areas] == ["unsur-U3"]


def test_every_unsur_tied_lowest_is_shown(personas):
    _responses(personas, 10, answers=[3, 2, 2, 3, 3, 3, 3, 3, 3])
    assert [a.key for a in _areas(personas).areas] == ["unsur-U2", "unsur-U3"]


def test_no_signal_at_all_gives_no_area(personas):
    signals = _areas(personas)
    assert signals.areas == [] and signals.notes == []


def test_services_over_the_standard_time_are_an_area(personas):
    service = make_service_type(personas.kelurahan, standard_minutes=10)
    make_record(personas.kelurahan, service, [personas.pegawai], minutes=30)
    make_record(personas.kelurahan, service, [personas.pegawai], minutes=5)
    make_record(personas.kelurahan, service, [personas.peer], minutes=30)
    (area,) = _areas(personas).areas
    assert area.key == "services-late"
    assert "1 dari 2" in area.evidence[0]


def test_late_and_reopened_complaints_handled_are_areas(personas):
    late = make_complaint(personas.kelurahan, on=dt.date(2026, 10, 1))
    Complaint.objects.filter(pk=late.pk).update(
        assignee=personas.pegawai, status="in_progress", due_on=dt.date(2026, 10, 20)
    )
    reopened = make_complaint(personas.kelurahan, on=dt.date(2026, 11, 1))
    Complaint.objects.filter(pk=reopened.pk).update(
        assignee=personas.pegawai,
        status="answered",
        resolved_on=dt.date(2026, 11, 3),
        resolved_on_time=True,
        reopened=True,
    )
    areas = {a.key: a for a in _areas(personas).areas}
    assert set(areas) == {"complaints-late", "complaints-reopened"}
    assert late.tracking_code in areas["complaints-late"].evidence[0]
    assert reopened.tracking_code in areas["complaints-reopened"].evidence[0]


def test_berakhlak_feedback_of_the_penilai_is_an_area_per_value(personas):
    plan = make_plan(personas.pegawai, penilai=personas.penilai)
    period = plan.appraisal_year.periods.first()
    for text in ("Kurang ramah di loket", "Jawab pertanyaan warga dengan sabar", "Tiga", "Empat"):
        Feedback.objects.create(plan=plan, period=period, behaviour_value="pelayanan", text=text)
    (area,) = _areas(personas).areas
    assert area.key == "berakhlak-pelayanan" and area.competency == "Pelayanan Publik"
    assert len(area.evidence) == improve.FEEDBACK_PER_VALUE


def test_the_recommendation_is_cut_to_the_field_length():
    area = improve.Area("k", "s", "t" * 300, "Integritas", 14, 2)
    assert len(area.recommendation) == 255
    assert improve.Area("k", "s", "Judul", "Integritas", 14, 2, ["bukti"]).recommendation == (
        "Judul: bukti"
    )


def test_a_window_that_has_not_started_is_empty(personas):
    signals = improve.improvement_signals(personas.pegawai, 2027, TODAY)
    assert signals.areas == [] and signals.notes == []


# Pages ---------------------------------------------------------------------------------------


def test_the_penilai_sees_the_lowest_unsur_and_turns_it_into_an_idp_item(personas, login):
    _responses(personas, 10)
    client = login(personas.user("penilai"))
    url = reverse("development:employee", args=[personas.pegawai.pk])
    text = client.get(url).content.decode()
    assert 'data-area="unsur-U3"' in text and "Waktu Penyelesaian" in text
    assert "data-add-idp" in text and "NRR 2,00 dari 4, dari 10 responden" in text
    response = client.post(
        reverse("development:idp") + f"?year=2026&pegawai={personas.pegawai.pk}",
        {
            "competency": "Orientasi pada Hasil",
            "jenis_diklat": 24,
            "target_jp": 2,
            "recommendation": "Lowest unsur: U3 Waktu Penyelesaian",
        },
    )
    assert response.status_code == 302
    item = PlanItem.objects.get()
    assert item.plan.employee == personas.pegawai and item.jenis_diklat == 24
    mine = login(personas.user("pegawai")).get(reverse("development:mine")).content.decode()
    assert "Orientasi pada Hasil" in mine and 'data-area="unsur-U3"' in mine


@pytest.mark.parametrize("who", ["lurah", "camat"])
def test_the_line_above_sees_the_signals_without_the_button(personas, login, who):
    _responses(personas, 10)
    text = (
        login(personas.user(who))
        .get(reverse("development:employee", args=[personas.pegawai.pk]))
        .content.decode()
    )
    assert 'data-area="unsur-U3"' in text and "data-add-idp" not in text


@pytest.mark.parametrize("who", ["hr", "auditor", "city_hr"])
def test_hr_and_auditors_do_not_see_the_service_signals(personas, login, who):
    _responses(personas, 10)
    response = login(personas.user(who)).get(
        reverse("development:employee", args=[personas.pegawai.pk])
    )
    assert response.status_code == 200 and 'id="improve"' not in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "other_hr", "peer"])
def test_others_get_404(personas, login, who):
    response = login(personas.user(who)).get(
        reverse("development:employee", args=[personas.pegawai.pk])
    )
    assert response.status_code == 404


def test_anonymous_is_sent_to_sign_in(personas, client):
    response = client.get(reverse("development:employee", args=[personas.pegawai.pk]))
    assert response.status_code == 302


def test_an_agreed_idp_hides_the_button(personas, login):
    _responses(personas, 10)
    DevelopmentPlan.objects.create(
        employee=personas.pegawai,
        year=2026,
        status=PlanStatus.AGREED,
        agreed_by=personas.penilai,
        agreed_at=timezone.now(),
    )
    text = login(personas.user("pegawai")).get(reverse("development:mine")).content.decode()
    assert 'data-area="unsur-U3"' in text and "data-add-idp" not in text


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_page_runs_a_constant_number_of_queries(personas, login):
    client = login(personas.user("penilai"))
    url = reverse("development:employee", args=[personas.pegawai.pk])
    service = _responses(personas, 10)
    plan = make_plan(personas.pegawai, penilai=personas.penilai)
    period = plan.appraisal_year.periods.first()
    Feedback.objects.create(plan=plan, period=period, behaviour_value="pelayanan", text="a")
    make_record(personas.kelurahan, service, [personas.pegawai], minutes=30)
    few = _count(client, url)
    _responses(personas, 20, service=service)
    for value in ("akuntabel", "adaptif", "loyal"):
        Feedback.objects.create(plan=plan, period=period, behaviour_value=value, text="b")
    for _ in range(5):
        make_record(personas.kelurahan, service, [personas.pegawai], minutes=30)
    assert _count(client, url) == few


def test_an_officer_whose_responses_show_the_area_is_in_its_audience_without_an_idp(personas):
    from sikap.development import access, selectors

    _responses(personas, 10)
    (area,) = _areas(personas).areas
    managed = access.employees_managed(access.get_scope(personas.user("hr")))
    chosen = selectors.audience_by_competency(
        managed, competency=area.competency.upper(), year=2026, today=TODAY
    )
    assert chosen == [personas.pegawai]
