"""Progres Harian: transitions, warnings, the week's submission and approval, drafts from work."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sikap.lib import hooks
from sikap.worklog import rules, services
from sikap.worklog.models import Entry

DAY = dt.date(2026, 2, 10)  # a Tuesday in Triwulan I
T = dt.time


def test_the_transition_table():
    assert rules.can_transition("draf", "diajukan")
    assert rules.can_transition("diajukan", "disetujui")
    assert rules.can_transition("diajukan", "dikembalikan")
    assert rules.can_transition("dikembalikan", "diajukan")
    assert not rules.can_transition("disetujui", "draf")
    assert not rules.can_transition("draf", "disetujui")
    assert not rules.can_transition("unknown", "draf")
    assert rules.is_editable("dikembalikan") and not rules.is_editable("diajukan")


def test_overlaps_and_minutes_and_weeks():
    slots = [
        rules.Slot(1, T(8), T(10)),
        rules.Slot(2, T(9, 30), T(11)),
        rules.Slot(3, T(11), T(12)),
    ]
    assert rules.overlapping(slots) == {1, 2}
    assert rules.overlapping([]) == set()
    assert rules.minutes(T(8), T(9, 30)) == 90
    assert rules.minutes(T(9), T(8)) == 0
    assert rules.week_of(DAY) == (dt.date(2026, 2, 9), dt.date(2026, 2, 15))
    # A week across the turn of the year.
    assert rules.week_of(dt.date(2027, 1, 1)) == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))


@pytest.mark.django_db
def test_a_week_is_submitted_approved_and_rolls_up(personas, rencana):
    pegawai = personas.pegawai
    a = services.add_entry(
        employee=pegawai,
        by=None,
        date=DAY,
        activity="Melayani warga",
        action_plan=rencana,
        start_time=T(8),
        end_time=T(10),
        realisation=3,
    )
    b = services.add_entry(
        employee=pegawai,
        by=None,
        date=DAY,
        activity="Melayani warga lagi",
        action_plan=rencana,
        start_time=T(9),
        end_time=T(11),
        realisation=2,
        location="rumah",
    )
    assert a.satuan == "layanan"
    assert services.warnings_for(employee=pegawai, day=DAY) == {
        a.pk: ["overlap"],
        b.pk: ["overlap"],
    }
    assert services.submit_week(employee=pegawai, day=DAY, by=None) == 2
    with pytest.raises(ValidationError) as info:
        services.decide_week(employee=pegawai, day=DAY, approve=False, by=None)
    assert info.value.code == "note_required"
    assert services.decide_week(employee=pegawai, day=DAY, approve=True, by=None) == 2
    assert set(Entry.objects.values_list("status", flat=True)) == {"disetujui"}
    assert services.approved_realisation([rencana.pk]) == {rencana.pk: 5}


@pytest.mark.django_db
def test_a_returned_week_comes_back_editable(personas, rencana):
    pegawai = personas.pegawai
    services.add_entry(employee=pegawai, by=None, date=DAY, activity="Rapat")
    services.submit_week(employee=pegawai, day=DAY, by=None)
    services.decide_week(employee=pegawai, day=DAY, approve=False, by=None, note="Lengkapi")
    entry = Entry.objects.get()
    assert (entry.status, entry.return_note) == ("dikembalikan", "Lengkapi")
    assert services.submit_week(employee=pegawai, day=DAY, by=None) == 1


@pytest.mark.django_db
def test_entries_are_checked(personas, rencana):
    pegawai = personas.pegawai
    cases = [
        ({"activity": " "}, "activity_required"),
        ({"start_time": T(10), "end_time": T(9)}, "end_before_start"),
        ({"location": "pantai"}, "unknown_location"),
        ({"action_plan": rencana, "date": dt.date(2026, 5, 4)}, "outside_quarter"),
    ]
    for changes, code in cases:
        values = {"employee": pegawai, "by": None, "date": DAY, "activity": "x", **changes}
        with pytest.raises(ValidationError) as info:
            services.add_entry(**values)
        assert info.value.code == code
    with pytest.raises(ValidationError) as info:
        services.add_entry(
            employee=personas.peer, by=None, date=DAY, activity="x", action_plan=rencana
        )
    assert info.value.code == "other_action_plan"


@pytest.mark.django_db
def test_a_holiday_entry_is_warned_not_refused(personas, rencana):
    from sikap.complaints.models import Holiday

    Holiday.objects.get_or_create(
        date=dt.date(2026, 2, 17), defaults={"name": "Tahun Baru Imlek", "kind": "libur_nasional"}
    )
    entry = services.add_entry(
        employee=personas.pegawai, by=None, date=dt.date(2026, 2, 17), activity="Piket"
    )
    sunday = services.add_entry(
        employee=personas.pegawai, by=None, date=dt.date(2026, 2, 15), activity="Posyandu"
    )
    assert services.warnings_for(employee=personas.pegawai, day=entry.date) == {
        entry.pk: ["not_working_day"]
    }
    assert services.warnings_for(employee=personas.pegawai, day=sunday.date) == {
        sunday.pk: ["not_working_day"]
    }


@pytest.mark.django_db(transaction=True)
def test_work_done_writes_one_draft_to_confirm_or_discard(personas, rencana):
    user = personas.user("pegawai")
    event = hooks.WorkDone(
        source="surveys.service_record",
        source_id=41,
        user_id=user.pk,
        day=DAY,
        activity="Melayani surat keterangan domisili",
        start=T(9),
        end=T(9, 20),
        satuan="layanan",
        evidence_url="/layanan/41/",
    )
    hooks.emit_work_done(event)
    hooks.emit_work_done(event)  # no double entry
    draft = Entry.objects.get()
    assert (draft.confirmed, draft.status, draft.evidence_url) == (False, "draf", "/layanan/41/")
    assert services.submit_week(employee=personas.pegawai, day=DAY, by=None) == 0
    services.confirm_draft(entry=draft, employee=personas.pegawai, by=user, action_plan=rencana)
    assert services.submit_week(employee=personas.pegawai, day=DAY, by=None) == 1
    other = hooks.WorkDone(
        source="complaints.verification",
        source_id=5,
        user_id=user.pk,
        day=DAY,
        activity="Verifikasi pengaduan",
    )
    hooks.emit_work_done(other)
    second = Entry.objects.get(source="complaints.verification")
    services.discard_draft(entry=second, employee=personas.pegawai, by=user)
    hooks.emit_work_done(other)
    assert Entry.objects.filter(source="complaints.verification").count() == 1
    assert Entry.objects.get(source="complaints.verification").discarded
    with pytest.raises(ValidationError) as info:
        services.discard_draft(entry=draft, employee=personas.pegawai, by=user)
    assert info.value.code == "locked"
    with pytest.raises(ValidationError) as info:
        services.confirm_draft(entry=second, employee=personas.peer, by=None)
    assert info.value.code == "not_owner"
    hand = services.add_entry(employee=personas.pegawai, by=None, date=DAY, activity="x")
    services.discard_draft(entry=hand, employee=personas.pegawai, by=None)
    assert not Entry.objects.filter(pk=hand.pk).exists()
    # A user without an employee record gets nothing.
    hooks.emit_work_done(hooks.WorkDone("x", 1, personas.user("city_hr").pk, DAY, "x"))
    assert not Entry.objects.filter(source="x").exists()


def test_an_entry_without_a_problem_gets_no_warning(personas, rencana):
    pegawai = personas.pegawai
    fine = services.add_entry(
        employee=pegawai, by=None, date=DAY, activity="Rapat", start_time=T(8), end_time=T(9)
    )
    other = services.add_entry(
        employee=pegawai, by=None, date=DAY, activity="Surat", start_time=T(9), end_time=T(10)
    )
    assert services.warnings_for(employee=pegawai, day=DAY) == {}
    assert {fine.pk, other.pk} == set(Entry.objects.values_list("pk", flat=True))


def test_work_done_with_an_end_before_its_start_keeps_only_the_start(personas):
    entry, created = services.record_work_done(
        employee=personas.pegawai,
        source="test.work",
        source_id=1,
        date=DAY,
        activity="Melayani warga",
        start_time=T(10),
        end_time=T(9),
    )
    assert created and (entry.start_time, entry.end_time) == (T(10), None)
