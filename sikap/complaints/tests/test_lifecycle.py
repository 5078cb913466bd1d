"""The complaint lifecycle, derived from ``rules.TRANSITIONS``: every action from every state.

Each allowed move is taken through its service and lands on the status the table gives; each
refused one raises and changes nothing. The staff buttons are the table's actions for the role.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from sikap.complaints import access, rules, services
from sikap.complaints.models import OPEN_STATUSES, CloseReason, Complaint, Status
from sikap.complaints.testing import make_complaint

DAY = dt.date(2026, 11, 2)
STATES = list(itertools.product(rules.STATUSES, (False, True)))


class Rollback(Exception):
    pass


def _actions(personas: Any) -> dict[str, Callable[[Complaint], Any]]:
    hr = personas.user("hr")
    return {
        "verify": lambda c: services.verify(complaint=c, by=hr, complaint_class="normatif"),
        "reject": lambda c: services.reject(
            complaint=c, by=hr, reason=CloseReason.ARCHIVED, note="Sudah ditangani"
        ),
        "forward": lambda c: services.forward(
            complaint=c, by=hr, unit=personas.other_kecamatan, note="Wewenang kelurahan lain"
        ),
        "forward_out": lambda c: services.forward_out(
            complaint=c, by=hr, instansi="Dinas PUPR Kota Palembang", reference="PUPR/2026/17"
        ),
        "assign": lambda c: services.assign(complaint=c, by=hr, assignee=personas.pegawai),
        "extend": lambda c: services.extend(complaint=c, by=hr, days=3, reason="Perlu survei"),
        "start": lambda c: services.start(complaint=c, by=hr, note="Ditinjau"),
        "answer": lambda c: services.answer(complaint=c, by=hr, text="Sudah diperbaiki"),
        "pause": lambda c: services.pause(complaint=c, by=hr, reason="Foto?"),
        "resume": lambda c: services.resume(complaint=c, by=hr),
        "note": lambda c: services.add_note(complaint=c, by=hr, note="Catatan"),
        "reply": lambda c: services.citizen_reply(complaint=c, text="Terima kasih"),
        # Within the confirmation window, which ``_put`` ends the day before DAY.
        "reopen": lambda c: services.citizen_reply(
            complaint=c, text="Belum", reopen=True, on=DAY - dt.timedelta(days=1)
        ),
        "reopen_unassigned": lambda c: services.citizen_reply(
            complaint=c, text="Belum", reopen=True, on=DAY - dt.timedelta(days=1)
        ),
        "confirm": lambda c: services.confirm(complaint=c),
        "timeout": lambda c: services.close_timed_out(today=DAY),
    }


def _put(complaint: Complaint, status: str, paused: bool, *, assigned: bool, personas: Any) -> None:
    Complaint.objects.filter(pk=complaint.pk).update(
        status=status,
        is_paused=paused,
        confirmation_due=DAY - dt.timedelta(days=1),
        assignee=personas.pegawai if assigned else None,
        answered_on=DAY,
        close_reason=CloseReason.ARCHIVED if status == Status.CLOSED else "",
    )


def test_the_table_knows_every_status_of_the_model():
    assert set(rules.STATUSES) == set(Status.values)
    assert set(rules.OPEN) == set(OPEN_STATUSES)
    for step in rules.TRANSITIONS.values():
        assert set(step.moves) | set(step.moves.values()) <= set(rules.STATUSES)


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(rules.TRANSITIONS))
def test_every_action_from_every_state_follows_the_table(personas, action):
    complaint = make_complaint(personas.kelurahan, on=DAY)
    run = _actions(personas)[action]
    assigned = action != "reopen_unassigned"
    for status, paused in STATES:
        if not assigned and status in (Status.ASSIGNED, Status.IN_PROGRESS):
            continue  # the database refuses such a complaint
        _put(complaint, status, paused, assigned=assigned, personas=personas)
        allowed = rules.allows(action, status, paused=paused)
        try:
            with transaction.atomic():
                fresh = Complaint.objects.get(pk=complaint.pk)
                if action == "timeout":
                    assert run(fresh) == (1 if allowed else 0), (status, paused)
                elif allowed:
                    run(fresh)
                else:
                    with pytest.raises(ValidationError):
                        run(fresh)
                after = Complaint.objects.get(pk=complaint.pk).status
                expected = rules.next_status(action, status) if allowed else status
                assert after == expected, (action, status, paused)
                raise Rollback
        except Rollback:
            pass


def test_refusals_name_what_is_wrong():
    assert rules.refusal("verify", rules.ANSWERED, paused=False) == "status"
    assert rules.refusal("verify", rules.REGISTERED, paused=True) == "paused"
    assert rules.refusal("resume", rules.VERIFIED, paused=False) == "running"
    assert rules.refusal("resume", rules.VERIFIED, paused=True) is None
    assert rules.sources("confirm") == (rules.ANSWERED,)


@pytest.mark.parametrize(("status", "paused"), STATES)
def test_staff_buttons_are_the_tables_actions_for_the_role(status, paused):
    def table(actor: str) -> set[str]:
        return {
            name
            for name, step in rules.TRANSITIONS.items()
            if step.actor == actor and rules.allows(name, status, paused=paused)
        }

    manager = rules.staff_actions(status, paused=paused, manager=True, worker=True)
    worker = rules.staff_actions(status, paused=paused, manager=False, worker=True)
    assert set(manager) == table(rules.MANAGER) | table(rules.WORKER)
    assert set(worker) == table(rules.WORKER)
    assert rules.staff_actions(status, paused=paused, manager=False, worker=False) == []
    assert manager == [a for a in rules.STAFF_ACTIONS if a in manager]  # page order


@pytest.mark.django_db
def test_rights_offer_the_buttons_of_each_persona(personas):
    complaint = make_complaint(personas.kelurahan, on=DAY)
    lurah = access.rights(personas.user("lurah"), complaint)
    assert lurah.manages and lurah.works_on and lurah.sees_identity
    assert lurah.actions(complaint) == [
        "verify",
        "reject",
        "forward",
        "forward_out",
        "pause",
        "note",
    ]
    auditor = access.rights(personas.auditor, complaint)
    assert not (auditor.manages or auditor.works_on or auditor.sees_identity)
    assert auditor.actions(complaint) == []
    complaint.status, complaint.assignee = Status.ASSIGNED, personas.pegawai
    pegawai = access.rights(personas.user("pegawai"), complaint)
    assert not pegawai.manages and pegawai.works_on
    assert pegawai.actions(complaint) == ["start", "answer", "pause", "note"]
