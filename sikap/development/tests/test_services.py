from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sikap.development import selectors, services
from sikap.development.models import (
    ActivityStatus,
    AssessmentSource,
    PlanStatus,
    RequiredCompetency,
)
from sikap.development.testing import TODAY, invite, make_event
from sikap.lib.samplefiles import pdf_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()


def test_jp_comes_from_the_duration_when_not_given(personas):
    event = make_event(personas.kecamatan, jp=None, minutes=100)
    assert event.jp == 2


@pytest.mark.parametrize(("jp", "minutes"), [(None, None), (None, 44), (0, None)])
def test_an_event_needs_at_least_one_jp(personas, jp, minutes):
    with pytest.raises(ValidationError):
        make_event(personas.kecamatan, jp=jp, minutes=minutes)


def test_an_event_cannot_end_before_it_starts(personas):
    with pytest.raises(ValidationError):
        make_event(personas.kecamatan, start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 1))


def test_jp_count_attended_events_and_verified_activities_of_the_calendar_year(personas):
    kec, pegawai, peer = personas.kecamatan, personas.pegawai, personas.peer
    invite(make_event(kec, jp=16, start=dt.date(2026, 12, 31)), pegawai)
    invite(make_event(kec, jp=8, start=dt.date(2025, 12, 30), end=dt.date(2026, 1, 2)), pegawai)
    invite(make_event(kec, jp=7, start=dt.date(2025, 12, 31)), pegawai)  # last year
    invite(make_event(kec, jp=5), pegawai, peer, attended=False)
    activity = services.report_activity(
        employee=pegawai,
        name="E-learning",
        jenis_diklat=16,
        organiser="LAN",
        start_date=dt.date(2026, 5, 1),
        end_date=dt.date(2026, 5, 1),
        jp=3,
        certificate_number="A-1",
        by=None,
    )
    assert selectors.jp_totals([pegawai.pk, peer.pk], 2026) == {pegawai.pk: 24, peer.pk: 0}
    services.verify_activity(activity=activity, approve=True, by=None)
    assert selectors.jp_totals([pegawai.pk], 2026) == {pegawai.pk: 27}
    row = selectors.jp_rows([pegawai], 2026)[0]
    assert (row.target, row.below, row.percent, row.missing) == (20, False, 100, 0)


def test_pppk_target_is_a_setting_capped_at_24(personas, settings):
    assert selectors.target_for(personas.peer) == 20
    settings.DEVELOPMENT_PPPK_TARGET_JP = 30
    assert selectors.target_for(personas.peer) == 24


def test_a_self_reported_activity_needs_evidence_and_one_verification(personas):
    with pytest.raises(ValidationError):
        services.report_activity(
            employee=personas.pegawai,
            name="Seminar",
            jenis_diklat=9,
            organiser="X",
            start_date=TODAY,
            end_date=TODAY,
            jp=2,
            by=None,
        )
    activity = services.report_activity(
        employee=personas.pegawai,
        name="Seminar",
        jenis_diklat=9,
        organiser="X",
        start_date=TODAY,
        end_date=TODAY,
        duration_minutes=90,
        by=None,
        upload=SimpleUploadedFile("s.pdf", PDF, content_type="application/pdf"),
    )
    assert activity.jp == 2 and activity.certificate.name.endswith(".pdf")
    services.verify_activity(activity=activity, approve=False, by=None)
    assert activity.status == ActivityStatus.REJECTED
    with pytest.raises(ValidationError):
        services.verify_activity(activity=activity, approve=True, by=None)


def test_a_certificate_must_really_be_a_document(personas, event):
    [p] = invite(event, personas.pegawai)
    with pytest.raises(ValidationError):
        services.set_certificate(
            participant=p,
            number="1",
            by=None,
            upload=SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf"),
        )
    services.set_certificate(
        participant=p,
        number=" 12/PLJ ",
        by=None,
        upload=SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf"),
    )
    p.refresh_from_db()
    assert p.certificate_number == "12/PLJ" and p.certificate


def test_participants_are_invited_once(personas, event):
    assert services.add_participants(event=event, employees=[personas.pegawai], by=None) == 1
    assert (
        services.add_participants(event=event, employees=[personas.pegawai, personas.peer], by=None)
        == 1
    )


def test_reaction_survey_rules(personas, event):
    [absent] = invite(event, personas.peer, attended=False)
    [present] = invite(event, personas.pegawai)
    kwargs = {"relevance": 4, "usefulness": 5, "would_apply": 3, "by": None}
    with pytest.raises(ValidationError):
        services.submit_reaction(participant=absent, today=TODAY, **kwargs)
    with pytest.raises(ValidationError):
        services.submit_reaction(participant=present, today=dt.date(2026, 2, 11), **kwargs)
    with pytest.raises(ValidationError):
        services.submit_reaction(participant=present, today=TODAY, **{**kwargs, "usefulness": 6})
    services.submit_reaction(participant=present, today=TODAY, **kwargs)
    with pytest.raises(ValidationError):
        services.submit_reaction(participant=present, today=TODAY, **kwargs)
    with pytest.raises(ValidationError):
        services.set_attendance(participant=present, attended=False, by=None)
    stats = selectors.event_stats([event])[event.pk]
    assert (stats.invited, stats.attended, stats.reactions, stats.usefulness) == (2, 1, 1, 5)


def test_follow_up_opens_after_the_delay(personas, event, settings):
    [p] = invite(event, personas.pegawai)
    due = event.end_date + dt.timedelta(days=90)
    with pytest.raises(ValidationError):
        services.record_follow_up(
            participant=p,
            score=4,
            note="",
            today=due - dt.timedelta(days=1),
            by=personas.penilai.user,
        )
    with pytest.raises(ValidationError):
        services.record_follow_up(
            participant=p, score=0, note="", today=due, by=personas.penilai.user
        )
    services.record_follow_up(
        participant=p, score=4, note="ok", today=due, by=personas.penilai.user
    )
    with pytest.raises(ValidationError):
        services.record_follow_up(
            participant=p, score=4, note="", today=due, by=personas.penilai.user
        )
    [absent] = invite(event, personas.peer, attended=False)
    with pytest.raises(ValidationError):
        services.record_follow_up(
            participant=absent, score=3, note="", today=due, by=personas.penilai.user
        )
    settings.DEVELOPMENT_FOLLOW_UP_DAYS = 10
    assert selectors.follow_up_days() == 10
    stats = selectors.event_stats([event])
    jenis = selectors.jenis_stats([event], stats)[0]
    assert (jenis.events, jenis.jp_delivered, jenis.improvement) == (1, 4, 4)
    assert jenis.relevance is None and jenis.usefulness is None and jenis.would_apply is None


def test_gaps_biggest_first_and_b19_evaluations_count(personas):
    from sikap.planning.models import CoachingSession, CompetencyEvaluation
    from sikap.planning.testing import make_plan

    pos = personas.pegawai.position
    for name, level in (("Integritas", 1), ("Kerja Sama", 3), ("Komunikasi", 2)):
        services.set_required_competency(position=pos, competency=name, level=level, by=None)
    services.set_required_competency(position=pos, competency="Integritas", level=2, by=None)
    assert RequiredCompetency.objects.filter(position=pos).count() == 3
    services.record_assessment(
        employee=personas.pegawai,
        competency="Integritas",
        level=2,
        date=dt.date(2026, 3, 1),
        source=AssessmentSource.SELF,
        by=None,
    )
    plan = make_plan(personas.pegawai, texts=(), approve=False)
    session = CoachingSession.objects.create(
        plan=plan, kind="coaching", date=dt.date(2026, 4, 1), topic="Tatap muka"
    )
    CompetencyEvaluation.objects.create(
        session=session, competency="Komunikasi", score=1, reason="Perlu latihan"
    )
    older = CoachingSession.objects.create(
        plan=plan, kind="coaching", date=dt.date(2026, 2, 1), topic="Awal"
    )
    CompetencyEvaluation.objects.create(session=older, competency="Integritas", score=5, reason="-")
    rows = selectors.gap_rows(personas.pegawai)
    assert [(r.competency, r.gap) for r in rows] == [
        ("Kerja Sama", 3),
        ("Komunikasi", 1),
        ("Integritas", 0),
    ]
    assert rows[1].source.startswith("Format B.1.9") or "B.1.9" in rows[1].source


@pytest.mark.parametrize(
    ("competency", "level", "source"),
    [("", 2, "self"), ("Integritas", 6, "self"), ("Integritas", 2, "x")],
)
def test_assessment_validation(personas, competency, level, source):
    with pytest.raises(ValidationError):
        services.record_assessment(
            employee=personas.pegawai,
            competency=competency,
            level=level,
            date=TODAY,
            source=source,
            by=None,
        )


@pytest.mark.parametrize(("competency", "level"), [(" ", 2), ("Integritas", 0)])
def test_required_competency_validation(personas, competency, level):
    with pytest.raises(ValidationError):
        services.set_required_competency(
            position=personas.pegawai.position, competency=competency, level=level, by=None
        )


def test_idp_is_drafted_then_agreed_and_frozen(personas):
    plan = services.get_or_create_plan(employee=personas.pegawai, year=2026, by=None)
    assert services.get_or_create_plan(employee=personas.pegawai, year=2026, by=None) == plan
    with pytest.raises(ValidationError):
        services.agree_plan(plan=plan, by=personas.penilai.user)
    with pytest.raises(ValidationError):
        services.add_plan_item(plan=plan, competency=" ", jenis_diklat=8, target_jp=8, by=None)
    item = services.add_plan_item(
        plan=plan,
        competency="Komunikasi",
        jenis_diklat=8,
        target_jp=8,
        required_level=2,
        current_level=1,
        by=None,
    )
    assert item.gap == 1
    services.set_item_status(item=item, status="in_progress", by=None)
    with pytest.raises(ValidationError):
        services.set_item_status(item=item, status="bogus", by=None)
    services.agree_plan(plan=plan, by=personas.penilai.user)
    assert plan.status == PlanStatus.AGREED and plan.agreed_by == personas.penilai
    with pytest.raises(ValidationError):
        services.agree_plan(plan=plan, by=personas.penilai.user)
    with pytest.raises(ValidationError):
        services.add_plan_item(plan=plan, competency="X", jenis_diklat=8, target_jp=1, by=None)
