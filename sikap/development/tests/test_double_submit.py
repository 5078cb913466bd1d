"""A double submit of each development create form (the same form token twice) creates once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.accounts.testing import Submit, assert_created_once
from sikap.development import services
from sikap.development.models import (
    CompetencyAssessment,
    FollowUp,
    OwnActivity,
    Participant,
    PlanItem,
    ReactionSurvey,
    TrainingEvent,
)
from sikap.development.testing import invite, make_event
from sikap.lib.samplefiles import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2026, 11, 27, 9, 0), tick=False):
        yield


def _assessment(personas: Any, login: Any) -> Submit:
    url = reverse("development:assessment", args=[personas.pegawai.pk])
    data = {"competency": "Komunikasi", "level": "2", "date": "2026-11-01"}
    return Submit(
        login(personas.user("pegawai")),
        url,
        data,
        CompetencyAssessment.objects.all(),
        page=reverse("development:mine"),
    )


def _idp_item(personas: Any, login: Any) -> Submit:
    services.set_required_competency(
        position=personas.pegawai.position, competency="Komunikasi", level=2, by=None
    )
    url = reverse("development:idp") + "?year=2026"
    data = {
        "competency": "Komunikasi",
        "required_level": "2",
        "current_level": "",
        "jenis_diklat": "8",
        "target_jp": "8",
        "schedule": "Triwulan I",
    }
    return Submit(login(personas.user("pegawai")), url, data, PlanItem.objects.all())


def _event(personas: Any, login: Any) -> Submit:
    data = {
        "name": "Bimtek Pelayanan Prima",
        "jenis_diklat": "8",
        "organiser": "BKPSDM",
        "start_date": "2026-04-22",
        "end_date": "2026-04-23",
        "jp": "16",
        "location": "Aula",
        "unit": str(personas.kecamatan.pk),
    }
    url = reverse("development:event_create")
    return Submit(login(personas.user("hr")), url, data, TrainingEvent.objects.all())


def _participants(personas: Any, login: Any) -> Submit:
    event = make_event(personas.kecamatan)
    url = reverse("development:event_participants", args=[event.pk])
    return Submit(
        login(personas.user("hr")),
        url,
        {"unit": str(personas.seksi.pk)},
        Participant.objects.filter(event=event),
        page=reverse("development:event", args=[event.pk]) + "?tambah=1",
    )


def _activity(personas: Any, login: Any) -> Submit:
    pdf = pdf_bytes()

    def data() -> dict[str, Any]:
        return {
            "name": "E-Learning Manajemen ASN",
            "jenis_diklat": "16",
            "organiser": "LAN",
            "start_date": "2026-10-01",
            "end_date": "2026-10-02",
            "duration_minutes": "460",
            "certificate": SimpleUploadedFile("c.pdf", pdf, content_type="application/pdf"),
        }

    url = reverse("development:activity_create")
    return Submit(login(personas.user("pegawai")), url, data, OwnActivity.objects.all())


def _reaction(personas: Any, login: Any) -> Submit:
    [attendee] = invite(make_event(personas.kecamatan), personas.pegawai)
    url = reverse("development:reaction", args=[attendee.pk])
    data = {"relevance": "5", "usefulness": "4", "would_apply": "4", "comment": "Bagus"}
    return Submit(login(personas.user("pegawai")), url, data, ReactionSurvey.objects.all())


def _follow_up(personas: Any, login: Any) -> Submit:
    [attendee] = invite(make_event(personas.kecamatan), personas.pegawai)
    url = reverse("development:follow_up", args=[attendee.pk])
    data = {"score": "4", "note": "Lebih cepat melayani"}
    return Submit(login(personas.user("penilai")), url, data, FollowUp.objects.all())


def _open_event(personas: Any, **fields: Any) -> TrainingEvent:
    """An event on the frozen day (27 November 2026) open for registration and check-in."""
    event = make_event(personas.kecamatan, start=dt.date(2026, 11, 27))
    TrainingEvent.objects.filter(pk=event.pk).update(registration_open=True, **fields)
    event.refresh_from_db()
    return event


def _invite(personas: Any, login: Any) -> Submit:
    event = _open_event(personas)
    url = reverse("development:event_invite", args=[event.pk])
    return Submit(
        login(personas.user("hr")),
        url,
        {"unit": str(personas.seksi.pk)},
        Participant.objects.filter(event=event),
        page=reverse("development:event", args=[event.pk]),
    )


def _register(personas: Any, login: Any) -> Submit:
    event = _open_event(personas)
    url = reverse("development:event_register", args=[event.pk])
    return Submit(
        login(personas.user("pegawai")),
        url,
        {},
        Participant.objects.filter(event=event, employee=personas.pegawai),
        page=reverse("development:event", args=[event.pk]),
    )


def _scores(personas: Any, login: Any) -> Submit:
    event = _open_event(personas)
    [row] = invite(event, personas.pegawai)
    data = {
        "s-TOTAL_FORMS": "1",
        "s-INITIAL_FORMS": "1",
        "s-0-participant": str(row.pk),
        "s-0-pre_test": "45",
        "s-0-post_test": "80",
    }
    url = reverse("development:event_scores", args=[event.pk])
    rows = Participant.objects.filter(pk=row.pk, post_test=80)
    return Submit(login(personas.user("hr")), url, data, rows)


def _scores_import(personas: Any, login: Any) -> Submit:
    event = _open_event(personas)
    [row] = invite(event, personas.pegawai)
    text = f"NIP,pre,post\n{personas.pegawai.nip},40,85\n"

    def data() -> dict[str, Any]:
        return {"file": SimpleUploadedFile("nilai.csv", text.encode(), content_type="text/csv")}

    url = reverse("development:event_scores_import", args=[event.pk])
    rows = Participant.objects.filter(pk=row.pk, post_test=85)
    return Submit(
        login(personas.user("hr")),
        url,
        data,
        rows,
        page=reverse("development:event_scores", args=[event.pk]),
    )


def _check_in(personas: Any, login: Any) -> Submit:
    event = _open_event(personas)
    invite(event, personas.pegawai, attended=False)
    url = reverse("development:check_in", args=[services.check_in_token(event)])
    rows = Participant.objects.filter(event=event, attended=True)
    return Submit(login(personas.user("pegawai")), url, {}, rows)


CASES: dict[str, Callable[[Any, Any], Submit]] = {
    "development:assessment": _assessment,
    "development:idp": _idp_item,
    "development:event_create": _event,
    "development:event_participants": _participants,
    "development:activity_create": _activity,
    "development:reaction": _reaction,
    "development:follow_up": _follow_up,
    "development:event_invite": _invite,
    "development:event_register": _register,
    "development:event_scores": _scores,
    "development:event_scores_import": _scores_import,
    "development:check_in": _check_in,
}


@pytest.mark.parametrize("view", CASES)
def test_a_double_submit_creates_one_record(view, personas, login):
    assert_created_once(CASES[view](personas, login))
