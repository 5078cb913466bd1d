"""The work writes the log: each producer drafts one entry for the officer, with its evidence."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sikap.complaints import services as complaints
from sikap.complaints.testing import make_complaint
from sikap.complaints.work import offer_event
from sikap.development import services as development
from sikap.development.testing import invite, make_event
from sikap.planning.services import records
from sikap.planning.testing import make_plan
from sikap.surveys import services as surveys
from sikap.surveys.testing import make_record, make_service_type
from sikap.worklog import rules, services
from sikap.worklog.models import Entry
from sikap.worklog.tests.conftest import DAY


def _drafts(source: str) -> list[Entry]:
    return list(Entry.objects.filter(source=source).order_by("pk"))


@pytest.mark.django_db(transaction=True)
def test_a_desk_service_drafts_one_entry_per_officer(personas):
    unit = personas.pegawai.unit
    kind = make_service_type(unit)
    record = make_record(unit, kind, [personas.pegawai, personas.peer], minutes=8)
    drafts = Entry.objects.filter(source="surveys.service_record", source_id=record.pk)
    assert sorted(drafts.values_list("employee_id", flat=True)) == sorted(
        [personas.pegawai.pk, personas.peer.pk]
    )
    draft = drafts.get(employee=personas.pegawai)
    assert (draft.confirmed, draft.status, draft.satuan) == (False, "draf", "layanan")
    assert draft.activity == "Pelayanan Surat Keterangan Domisili"
    assert draft.start_time is not None and draft.end_time is not None
    assert draft.end_time > draft.start_time
    assert draft.evidence_url == reverse("surveys:receipt", args=[record.pk])
    assert draft.origin == "dari register layanan"


@pytest.mark.django_db
def test_completing_a_service_fills_the_same_draft(
    personas, rencana, django_capture_on_commit_callbacks
):
    unit = personas.pegawai.unit
    received = timezone.make_aware(dt.datetime.combine(DAY, dt.time(9, 5)))
    with django_capture_on_commit_callbacks(execute=True):
        record = make_record(
            unit, make_service_type(unit), [personas.pegawai], received_at=received, minutes=None
        )
    [draft] = _drafts("surveys.service_record")
    assert (draft.start_time, draft.end_time) == (dt.time(9, 5), None)
    # The only rencana aksi of the quarter with the satuan "layanan" is linked.
    assert draft.action_plan == rencana
    with django_capture_on_commit_callbacks(execute=True):
        surveys.complete_service(
            record=record,
            completed_at=received + dt.timedelta(minutes=20),
            by=personas.pegawai.user,
        )
    [draft] = _drafts("surveys.service_record")
    assert draft.end_time == dt.time(9, 25)


@pytest.mark.django_db
def test_complaint_actions_draft_for_the_officer_who_did_them(
    personas, django_capture_on_commit_callbacks
):
    lurah = personas.user("lurah")
    pegawai = personas.user("pegawai")
    on = dt.date(2026, 3, 2)
    with django_capture_on_commit_callbacks(execute=True):
        c = make_complaint(personas.kelurahan, on=on)  # by a citizen: no draft
        c = complaints.verify(complaint=c, by=lurah, complaint_class="normatif", on=on)
        c = complaints.assign(complaint=c, by=lurah, assignee=personas.pegawai, on=on)
        c = complaints.start(complaint=c, by=pegawai, note="Dicek ke lokasi", on=on)
        c = complaints.answer(complaint=c, by=pegawai, text="Lampu sudah diganti", on=on)
    link = reverse("complaints:detail", args=[c.pk])
    entries = list(Entry.objects.order_by("pk"))
    assert [(e.source, e.employee_id) for e in entries] == [
        ("complaints.verification", personas.lurah.pk),
        ("complaints.follow_up", personas.pegawai.pk),
        ("complaints.answer", personas.pegawai.pk),
    ]
    verified = entries[0]
    assert verified.activity == f"Memverifikasi pengaduan {c.tracking_code}"
    assert (verified.date, verified.evidence_url, verified.satuan) == (on, link, "pengaduan")
    assert verified.origin == "dari pengaduan"
    assert "Lampu" not in " ".join(e.activity for e in entries)  # never the citizen's text
    # A replay of the same action writes nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        offer_event(c.events.get(kind="answered"))
    assert Entry.objects.count() == 3


@pytest.mark.django_db
def test_forwarding_out_and_failed_saves(personas, django_capture_on_commit_callbacks):
    lurah = personas.user("lurah")
    on = dt.date(2026, 3, 2)
    c = make_complaint(personas.kelurahan, on=on)
    with django_capture_on_commit_callbacks(execute=True):
        # Refused (an unverified report cannot be answered): nothing is drafted.
        with pytest.raises(ValidationError):
            complaints.answer(complaint=c, by=lurah, text="x", on=on)
        # Saved, then rolled back: nothing is drafted either.
        with pytest.raises(RuntimeError), transaction.atomic():
            complaints.verify(complaint=c, by=lurah, complaint_class="normatif", on=on)
            raise RuntimeError
    assert not Entry.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        complaints.forward_out(
            complaint=c, by=lurah, instansi="Kantor Pertanahan", reference="BPN-7", on=on
        )
    [draft] = _drafts("complaints.forwarding")
    assert draft.employee == personas.lurah
    assert draft.activity == f"Meneruskan pengaduan {c.tracking_code} ke Kantor Pertanahan"


@pytest.mark.django_db
def test_a_training_attended_drafts_once_in_jp(personas, django_capture_on_commit_callbacks):
    event = make_event(personas.pegawai.unit, jp=4)
    with django_capture_on_commit_callbacks(execute=True):
        invite(event, personas.pegawai, attended=True)
        [absent] = invite(event, personas.peer, attended=False)
    [draft] = _drafts("development.training")
    assert draft.employee == personas.pegawai
    assert (draft.activity, draft.realisation, draft.satuan) == (
        "Mengikuti Sosialisasi SKP",
        4,
        "JP",
    )
    assert draft.date == event.start_date and draft.start_time is None
    assert draft.evidence_url.startswith(
        reverse("development:employee", args=[personas.pegawai.pk])
    )
    with django_capture_on_commit_callbacks(execute=True):
        mine = event.participants.get(employee=personas.pegawai)
        development.set_attendance(participant=mine, attended=True, by=None)  # a replay
        development.set_attendance(participant=absent, attended=True, by=None)
    drafts = _drafts("development.training")
    assert [d.employee_id for d in drafts] == [personas.pegawai.pk, personas.peer.pk]


@pytest.mark.django_db
def test_feedback_and_coaching_draft_for_the_penilai(personas, django_capture_on_commit_callbacks):
    plan = make_plan(personas.pegawai, penilai=personas.penilai)
    period = plan.appraisal_year.periods.order_by("start_date").first()
    penilai = personas.user("penilai")
    with django_capture_on_commit_callbacks(execute=True):
        feedback = records.give_feedback(
            plan=plan,
            period=period,
            by=penilai,
            text="Bagus",
            behaviour_value="pelayanan",
        )
        records.record_coaching(
            plan=plan, by=penilai, kind="counseling", date=DAY, topic="Disiplin waktu"
        )
    [given] = _drafts("planning.feedback")
    assert (given.employee, given.source_id) == (personas.penilai, feedback.pk)
    assert given.activity.startswith("Memberikan umpan balik berkelanjutan kepada")
    assert given.evidence_url == reverse("planning:feedback", args=[plan.pk])
    [coached] = _drafts("planning.coaching")
    assert coached.employee == personas.penilai and coached.date == DAY
    assert (
        "bimbingan kinerja (konseling)" in coached.activity and "Disiplin waktu" in coached.activity
    )
    assert coached.evidence_url == reverse("planning:coaching", args=[plan.pk])
    assert coached.origin == "dari bimbingan kinerja yang diberikan"


@pytest.mark.django_db
def test_an_edit_refreshes_an_untouched_draft_only(personas):
    def offer(activity):
        return services.record_work_done(
            employee=personas.pegawai,
            source="planning.coaching",
            source_id=3,
            date=DAY,
            activity=activity,
        )

    draft, created = offer("Bimbingan")
    assert created
    draft, created = offer("Bimbingan kinerja")
    assert not created and draft.activity == "Bimbingan kinerja"
    services.confirm_draft(entry=draft, employee=personas.pegawai, by=None)
    draft, _created = offer("Lain")
    draft.refresh_from_db()
    assert draft.activity == "Bimbingan kinerja" and Entry.objects.count() == 1


def test_the_rencana_aksi_is_inferred_only_when_it_can_be_told():
    two = [(1, "layanan"), (2, "dokumen")]
    assert rules.infer_action_plan(two, "", previous=2) == 2
    assert rules.infer_action_plan(two, "Layanan", previous=9) == 1
    assert rules.infer_action_plan(two, "", previous=None) is None
    assert rules.infer_action_plan([(1, "x"), (2, "x")], "x", previous=None) is None
    assert rules.infer_action_plan([(5, "dokumen")], "JP", previous=None) == 5
    assert rules.infer_action_plan([], "JP", previous=None) is None
