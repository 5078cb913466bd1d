"""Working-day deadlines through the services and the seeded calendar (domain.md §4.4, §4.6)."""

from __future__ import annotations

import datetime as dt

import pytest

from sikap.complaints import services
from sikap.complaints.models import ComplaintClass, Holiday, Status

D = dt.date
pytestmark = pytest.mark.django_db


def test_the_migration_seeds_2025_and_2026() -> None:
    assert Holiday.objects.filter(date__year=2025).count() == 28
    assert Holiday.objects.filter(date__year=2026).count() == 25
    assert Holiday.objects.get(date=D(2025, 8, 18)).kind == "cuti_bersama"


def test_verification_due_skips_idul_fitri_2025(complaint_factory) -> None:
    # Thu 27 Mar 2025; Fri 28 cuti Nyepi, Sat 29 Nyepi, 31 Mar-7 Apr Idulfitri and cuti bersama.
    c = complaint_factory(on=D(2025, 3, 27))
    assert c.verification_due == D(2025, 4, 10)  # Tue 8, Wed 9, Thu 10
    assert c.due_on == c.verification_due


def test_verification_due_skips_idul_fitri_and_nyepi_2026(complaint_factory) -> None:
    # Tue 17 Mar 2026; 18 cuti Nyepi, 19 Nyepi, 20 cuti, 21-22 Idulfitri, 23-24 cuti.
    c = complaint_factory(on=D(2026, 3, 17))
    assert c.verification_due == D(2026, 3, 27)  # Wed 25, Thu 26, Fri 27


def test_christmas_and_new_year(complaint_factory, personas) -> None:
    # Wed 23 Dec 2026: 24 cuti, 25 Christmas, weekend, 28-31 work, 1 Jan 2027 not yet seeded.
    c = complaint_factory(on=D(2026, 12, 23))
    assert c.verification_due == D(2026, 12, 30)
    # Christmas 2025: Wed 24 Dec -> 25 and 26 off, weekend, 29, 30, 31 (1 Jan 2026 off).
    c = complaint_factory(on=D(2025, 12, 24))
    assert c.verification_due == D(2025, 12, 31)
    c = complaint_factory(on=D(2025, 12, 29))
    assert c.verification_due == D(2026, 1, 2)  # 30, 31, (1 Jan off), Fri 2


def test_start_day_never_counts_and_weekends_skip(complaint_factory) -> None:
    c = complaint_factory(on=D(2026, 11, 27))  # a Friday
    assert c.verification_due == D(2026, 12, 2)  # Mon 30, Tue 1, Wed 2
    c = complaint_factory(on=D(2026, 11, 28))  # a Saturday
    assert c.verification_due == D(2026, 12, 2)


def test_resolution_due_by_class_from_verification(complaint_factory, personas) -> None:
    c = complaint_factory(on=D(2026, 11, 23))
    c = services.verify(
        complaint=c,
        by=personas.user("lurah"),
        complaint_class=ComplaintClass.RINGAN,
        on=D(2026, 11, 24),
    )
    assert c.status == Status.VERIFIED
    assert c.resolution_due == D(2026, 11, 26)
    assert c.follow_up_due == D(2026, 12, 1)
    assert c.due_on == D(2026, 11, 26)  # the earlier of the two
    assert c.days_to_verify == 1


def test_a_holiday_added_later_moves_open_deadlines(complaint_factory, personas) -> None:
    c = complaint_factory(on=D(2027, 1, 4))
    assert c.verification_due == D(2027, 1, 7)
    services.add_holiday(
        by=personas.user("hr"), date=D(2027, 1, 5), name="Uji", kind="cuti_bersama"
    )
    c.refresh_from_db()
    assert c.verification_due == D(2027, 1, 8)


def test_pausing_stops_and_resuming_restarts_the_clock(complaint_factory, personas) -> None:
    lurah = personas.user("lurah")
    c = complaint_factory(on=D(2026, 11, 2))  # Monday; due Thu 5 Nov
    assert c.verification_due == D(2026, 11, 5)
    c = services.pause(complaint=c, by=lurah, reason="Mohon alamat lengkap.", on=D(2026, 11, 3))
    assert c.is_paused and c.due_on is None and c.verification_due is None
    c = services.citizen_reply(complaint=c, text="Jl. Kapten Abdullah No. 5", on=D(2026, 11, 5))
    # Tue 3 - Thu 5 do not count: Mon 2 -> (Tue paused) -> Fri 6, Mon 9, (the third day is) Tue 10
    assert not c.is_paused
    assert c.verification_due == D(2026, 11, 10)
    assert list(c.pauses.values_list("started_on", "ended_on")) == [
        (D(2026, 11, 3), D(2026, 11, 5))
    ]


def test_staff_can_resume_and_a_deadline_already_passed_stays(complaint_factory, personas) -> None:
    lurah = personas.user("lurah")
    c = complaint_factory(on=D(2026, 11, 2))
    c = services.pause(complaint=c, by=lurah, reason="Mohon foto.", on=D(2026, 11, 9))
    assert c.verification_due == D(2026, 11, 5)  # reached before the pause
    c = services.resume(complaint=c, by=lurah, on=D(2026, 11, 10))
    assert c.verification_due == D(2026, 11, 5)
