"""Umpan balik rekan kerja/bawahan (360°) on the 7 BerAKHLAK values (issue 10, item 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from sikap.accounts.models import OutgoingEmail
from sikap.evaluation import peer, rules
from sikap.evaluation.models import (
    EvaluationSettings,
    PeerFeedbackInvitation,
    PeerFeedbackRequest,
)
from sikap.org.testing import make_employee
from sikap.planning.models import Notification
from sikap.planning.rules import BEHAVIOUR_KEYS

TODAY = dt.date(2026, 11, 20)
ALL_SESUAI = dict.fromkeys(BEHAVIOUR_KEYS, "SESUAI")


@pytest.fixture
def colleagues(personas):
    """Two more colleagues of the pegawai (the same position, the same penilai)."""
    position = personas.pegawai.position
    return [
        make_employee(position, "Bayu Pratama", username="bayu"),
        make_employee(position, "Citra Ayu", username="citra"),
    ]


@pytest.fixture
def asked(personas, plans, colleagues, year2026):
    q4 = year2026.periods.get(number=4)
    return peer.request_feedback(
        plan=plans["pegawai"],
        period=q4,
        deadline=dt.date(2026, 12, 5),
        respondents=[personas.peer, *colleagues],
        by=personas.pegawai.user,
        today=TODAY,
    )


def _answer(request, respondent, answer=None, today=TODAY):
    invitation = request.invitations.get(respondent=respondent)
    peer.answer_feedback(invitation=invitation, answer=answer or ALL_SESUAI, by=None, today=today)


# ------------------------------------------------------------------------------ rules


def test_the_aggregate_needs_the_minimum_of_answers():
    counts = {"loyal": {"SESUAI": 2}}
    assert rules.peer_aggregate(counts, 2, 3, ("loyal",)) is None
    shown = rules.peer_aggregate(counts, 3, 3, ("loyal",))
    assert shown is not None
    assert dict(shown[0].counts) == {
        rules.Rating.DI_ATAS: 0,
        rules.Rating.SESUAI: 2,
        rules.Rating.DI_BAWAH: 0,
    }
    # Never below two answers, whatever the setting.
    assert rules.peer_aggregate(counts, 1, 1, ("loyal",)) is None


def test_an_answer_gives_a_known_level_for_every_value():
    with pytest.raises(ValueError):
        rules.add_peer_answer({}, {"loyal": "SESUAI"}, ("loyal", "adaptif"))
    with pytest.raises(ValueError):
        rules.add_peer_answer({}, {"loyal": "BAGUS"}, ("loyal",))
    once = rules.add_peer_answer({}, {"loyal": "DI_ATAS"}, ("loyal",))
    assert rules.add_peer_answer(once, {"loyal": "DI_ATAS"}, ("loyal",)) == {
        "loyal": {"DI_ATAS": 2}
    }


# ------------------------------------------------------------------------------ services


@pytest.mark.django_db
def test_candidates_are_rekan_kerja_and_bawahan_langsung(personas, colleagues):
    of_pegawai = peer.candidates(employee=personas.pegawai, day=TODAY)
    assert {c.employee.pk for c in of_pegawai} == {personas.peer.pk, *(c.pk for c in colleagues)}
    assert {c.relation for c in of_pegawai} == {"rekan"}
    of_penilai = {
        c.employee.pk: c.relation for c in peer.candidates(employee=personas.penilai, day=TODAY)
    }
    assert of_penilai[personas.pegawai.pk] == "bawahan"
    assert personas.lurah.pk not in of_penilai and personas.penilai.pk not in of_penilai


@pytest.mark.django_db
def test_a_request_notifies_each_respondent_in_the_app_and_by_email(personas, asked, colleagues):
    assert asked.invitations.count() == 3
    for person in (personas.peer, *colleagues):
        assert Notification.objects.filter(recipient=person.user).exists()


@pytest.mark.django_db
def test_a_respondent_with_an_address_gets_an_email(personas, plans, colleagues, year2026):
    for n, person in enumerate([personas.peer, *colleagues]):
        person.user.email = f"orang{n}@example.org"
        person.user.save()
    peer.request_feedback(
        plan=plans["pegawai"],
        period=year2026.periods.get(number=4),
        deadline=dt.date(2026, 12, 5),
        respondents=[personas.peer, *colleagues],
        by=None,
        today=TODAY,
    )
    sent = OutgoingEmail.objects.filter(to__endswith="@example.org")
    assert sent.count() == 3
    assert "Dewi Lestari" in sent.first().body and "5 Desember 2026" in sent.first().body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "deadline", "code"),
    [
        ("few", dt.date(2026, 12, 5), "too_few"),
        ("outsider", dt.date(2026, 12, 5), "not_a_peer"),
        ("ok", dt.date(2026, 11, 1), "deadline_past"),
    ],
)
def test_a_request_is_refused(personas, plans, colleagues, year2026, who, deadline, code):
    people = {
        "few": [personas.peer, colleagues[0]],
        "outsider": [personas.peer, *colleagues, personas.outsider],
        "ok": [personas.peer, *colleagues],
    }[who]
    with pytest.raises(ValidationError) as exc:
        peer.request_feedback(
            plan=plans["pegawai"],
            period=year2026.periods.get(number=4),
            deadline=deadline,
            respondents=people,
            by=None,
            today=TODAY,
        )
    assert exc.value.code == code


@pytest.mark.django_db
def test_one_request_per_employee_and_period(personas, plans, asked, colleagues):
    with pytest.raises(ValidationError) as exc:
        peer.request_feedback(
            plan=plans["pegawai"],
            period=asked.period,
            deadline=asked.deadline,
            respondents=[personas.peer, *colleagues],
            by=None,
            today=TODAY,
        )
    assert exc.value.code == "exists"


@pytest.mark.django_db
def test_answers_are_shown_only_as_counts_from_three_on(personas, asked, colleagues):
    _answer(asked, personas.peer, {**ALL_SESUAI, "loyal": "DI_ATAS"})
    _answer(asked, colleagues[0])
    asked.refresh_from_db()
    assert peer.aggregate(asked) is None
    _answer(asked, colleagues[1])
    asked.refresh_from_db()
    shown = {row.value: dict(row.counts) for row in peer.aggregate(asked)}
    assert shown["loyal"][rules.Rating.DI_ATAS] == 1
    assert shown["loyal"][rules.Rating.SESUAI] == 2
    # No record says who answered what: no history rows for the answers.
    assert asked.history.count() == 1
    assert not hasattr(PeerFeedbackInvitation, "level")


@pytest.mark.django_db
def test_the_minimum_is_a_setting(personas, asked, colleagues):
    settings = EvaluationSettings.load()
    settings.peer_feedback_minimum = 2
    settings.save()
    _answer(asked, personas.peer)
    _answer(asked, colleagues[0])
    asked.refresh_from_db()
    assert peer.aggregate(asked) is not None


@pytest.mark.django_db
def test_one_answer_per_person_until_the_deadline(personas, asked, colleagues):
    _answer(asked, personas.peer)
    with pytest.raises(ValidationError) as exc:
        _answer(asked, personas.peer)
    assert exc.value.code == "answered"
    with pytest.raises(ValidationError) as exc:
        _answer(asked, colleagues[0], today=dt.date(2026, 12, 6))
    assert exc.value.code == "deadline_passed"
    with pytest.raises(ValidationError) as exc:
        _answer(asked, colleagues[1], {"loyal": "SESUAI"})
    assert exc.value.code == "incomplete"


@pytest.mark.django_db
def test_reminders_go_once_to_those_who_have_not_answered(personas, asked, colleagues):
    _answer(asked, personas.peer)
    before = Notification.objects.count()
    call_command("send_peer_feedback_reminders", "--today", "2026-12-01")
    assert Notification.objects.count() == before
    call_command("send_peer_feedback_reminders", "--today", "2026-12-03")
    assert Notification.objects.count() == before + 2
    call_command("send_peer_feedback_reminders", "--today", "2026-12-04")
    assert Notification.objects.count() == before + 2


# ------------------------------------------------------------------------------ pages

ROLES_THAT_SEE = ["pegawai", "penilai", "lurah", "camat", "hr", "city_hr", "auditor"]


def _request_url(asked):
    return reverse("evaluation:peer_request", args=[asked.plan_id, asked.period_id])


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ROLES_THAT_SEE, "other_hr", "outsider"])
def test_who_sees_the_request_page(personas, login, asked, role):
    response = login(personas.user(role)).get(_request_url(asked))
    assert response.status_code == (200 if role in ROLES_THAT_SEE else 404)


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client, asked):
    assert client.get(_request_url(asked)).status_code == 302
    assert client.get(reverse("evaluation:peer_inbox")).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("pegawai", 302),
        ("penilai", 302),
        ("lurah", 403),
        ("camat", 403),
        ("hr", 403),
        ("city_hr", 403),
        ("auditor", 403),
        ("other_hr", 404),
        ("outsider", 404),
    ],
)
def test_who_may_ask(personas, login, plans, colleagues, year2026, role, status):
    q4 = year2026.periods.get(number=4)
    url = reverse("evaluation:peer_request", args=[plans["pegawai"].pk, q4.pk])
    client = login(personas.user(role))
    people = [personas.peer.pk, *(c.pk for c in colleagues)]
    response = client.post(url, {"deadline": "2099-01-10", "respondents": people})
    assert response.status_code == status
    assert PeerFeedbackRequest.objects.exists() is (status == 302)


@pytest.mark.django_db
def test_the_request_form_shows_position_and_unit(personas, login, plans, colleagues, year2026):
    q4 = year2026.periods.get(number=4)
    url = reverse("evaluation:peer_request", args=[plans["pegawai"].pk, q4.pk])
    response = login(personas.user("pegawai")).get(url)
    assert "Rudi Hartono · Pengadministrasi Pemerintahan · Seksi Pemerintahan" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["pegawai", "penilai", "hr", "auditor", "superadmin", "camat"])
def test_only_the_respondent_opens_the_answer_page(personas, login, asked, role):
    invitation = asked.invitations.get(respondent=personas.peer)
    url = reverse("evaluation:peer_answer", args=[invitation.pk])
    assert login(personas.user(role)).get(url).status_code == 404
    assert login(personas.user("peer")).get(url).status_code == 200


@pytest.mark.django_db
def test_the_respondent_answers_from_the_page(personas, login, asked, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 21, 9, 0))
    invitation = asked.invitations.get(respondent=personas.peer)
    client = login(personas.user("peer"))
    home = client.get(reverse("evaluation:peer_inbox"))
    assert reverse("evaluation:peer_answer", args=[invitation.pk]) in home.text
    url = reverse("evaluation:peer_answer", args=[invitation.pk])
    page = client.get(url)
    assert "Berorientasi Pelayanan" in page.text and "Bertindak proaktif" in page.text
    assert client.post(url, {"loyal": "SESUAI"}).status_code == 200  # incomplete, shown again
    assert client.post(url, ALL_SESUAI).status_code == 302
    invitation.refresh_from_db()
    assert invitation.answered
    assert client.post(url, ALL_SESUAI).status_code == 302  # a second answer is refused
    asked.refresh_from_db()
    assert asked.answered == 1


@pytest.mark.django_db
def test_the_evaluation_page_shows_the_aggregate_beside_the_behaviour_feedback(
    personas, login, asked, colleagues
):
    url = reverse("evaluation:evaluate", args=[asked.plan_id, asked.period_id])
    client = login(personas.user("penilai"))
    _answer(asked, personas.peer, {**ALL_SESUAI, "adaptif": "DI_BAWAH"})
    _answer(asked, colleagues[0])
    cell = 'data-label="Di Bawah Ekspektasi">1</td>'
    before = client.get(url).text
    assert 'id="rekan"' in before and cell not in before
    _answer(asked, colleagues[1])
    assert cell in client.get(url).text


@pytest.mark.django_db
def test_the_minimum_is_edited_on_the_settings_page(personas, login):
    client = login(personas.user("city_hr"))
    data = {
        "organisation_predicate_setter": "parent_head",
        "rounding": "STRICT",
        "pooling_threshold": 10,
        "objection_days": 14,
        "peer_feedback_minimum": 4,
    }
    assert client.post(reverse("evaluation:settings"), data).status_code == 302
    assert EvaluationSettings.load().peer_feedback_minimum == 4
    data["peer_feedback_minimum"] = 1
    assert client.post(reverse("evaluation:settings"), data).status_code == 200
