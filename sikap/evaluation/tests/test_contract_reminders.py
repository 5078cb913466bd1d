"""The daily HR reminder 60 days before a perjanjian kerja ends (domain.md §8.1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from sikap.org import services
from sikap.org.models import JenisAsn
from sikap.planning.models import Notification

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def _pw(personas):
    peer = personas.peer
    peer.jenis_asn = JenisAsn.PPPK_PW
    peer.save()
    return peer


@pytest.mark.parametrize(
    ("today", "sent"),
    [
        (dt.date(2026, 10, 31), 0),  # 61 days before the end
        (dt.date(2026, 11, 1), 1),  # 60 days before
        (dt.date(2026, 12, 31), 1),  # the last day
        (dt.date(2027, 1, 1), 0),  # ended
    ],
)
def test_hr_is_reminded_from_60_days_before_the_end(personas, today, sent):
    peer = _pw(personas)
    services.add_contract(employee=peer, start_date=START, end_date=END, by=None)
    call_command("send_contract_reminders", "--today", today.isoformat())
    to_hr = Notification.objects.filter(recipient=personas.hr.user).count()
    assert to_hr == sent
    assert not Notification.objects.filter(recipient=personas.other_hr).exists()


def test_the_reminder_goes_out_once_per_contract(personas):
    peer = _pw(personas)
    contract = services.add_contract(employee=peer, start_date=START, end_date=END, by=None)
    call_command("send_contract_reminders", "--today", "2026-11-01")
    call_command("send_contract_reminders", "--today", "2026-11-02")
    assert Notification.objects.filter(recipient=personas.hr.user).count() == 1
    contract.refresh_from_db()
    assert contract.reminded_on == dt.date(2026, 11, 1)
    note = Notification.objects.get(recipient=personas.hr.user)
    assert "31 Desember 2026" in note.title or "31 December 2026" in note.title
