"""A double submit of each evaluation create form (the same form token twice) creates one record."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from sikap.accounts.testing import Submit, assert_created_once
from sikap.evaluation import peer
from sikap.evaluation.models import Objection, PeerFeedbackInvitation, PeerFeedbackRequest
from sikap.evaluation.tests.test_evaluation_views import _final
from sikap.org.testing import make_employee
from sikap.planning.rules import BEHAVIOUR_KEYS

pytestmark = pytest.mark.django_db


def test_a_keberatan_submitted_twice_is_filed_once(personas, plans, q1, login):
    evaluation = _final(personas, plans, q1)
    url = reverse("evaluation:objection_create", args=[evaluation.pk])
    rows = Objection.objects.filter(evaluation=evaluation)
    assert_created_once(Submit(login(personas.user("pegawai")), url, {"reason": "Mohon"}, rows))


def test_a_peer_feedback_request_submitted_twice_is_made_once(personas, plans, year2026, login):
    q4 = year2026.periods.get(number=4)
    colleagues = [
        make_employee(personas.pegawai.position, name, username=name.split()[0].lower())
        for name in ("Bayu Pratama", "Citra Ayu")
    ]
    url = reverse("evaluation:peer_request", args=[plans["pegawai"].pk, q4.pk])
    people = [personas.peer.pk, *(c.pk for c in colleagues)]
    data = {"deadline": "2099-01-10", "respondents": people}
    rows = PeerFeedbackRequest.objects.filter(employee=personas.pegawai)
    assert_created_once(Submit(login(personas.user("pegawai")), url, data, rows))


def test_a_peer_answer_submitted_twice_is_counted_once(personas, plans, year2026, login):
    colleagues = [
        make_employee(personas.pegawai.position, name, username=name.split()[0].lower())
        for name in ("Bayu Pratama", "Citra Ayu")
    ]
    with time_machine.travel(dt.datetime(2026, 11, 21, 9, 0), tick=False):
        asked = peer.request_feedback(
            plan=plans["pegawai"],
            period=year2026.periods.get(number=4),
            deadline=dt.date(2026, 12, 5),
            respondents=[personas.peer, *colleagues],
            by=None,
            today=dt.date(2026, 11, 20),
        )
        invitation = asked.invitations.get(respondent=personas.peer)
        url = reverse("evaluation:peer_answer", args=[invitation.pk])
        rows = PeerFeedbackInvitation.objects.filter(pk=invitation.pk, answered=True)
        data = dict.fromkeys(BEHAVIOUR_KEYS, "SESUAI")
        assert_created_once(Submit(login(personas.user("peer")), url, data, rows))
    asked.refresh_from_db()
    assert asked.answered == 1
