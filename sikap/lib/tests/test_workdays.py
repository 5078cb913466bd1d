from __future__ import annotations

import importlib.util
from datetime import date, timedelta

import pytest

from sikap.lib.holidays_id import (
    CUTI_BERSAMA,
    HOLIDAY_KINDS,
    HOLIDAY_SEEDS,
    LIBUR_NASIONAL,
    HolidaySeed,
    suggest_national_holidays,
)
from sikap.lib.workdays import (
    Pause,
    add_working_days,
    due_date_with_pauses,
    elapsed_working_days,
    is_working_day,
    working_days_between,
)

HOLIDAYS = frozenset(seed.date for seed in HOLIDAY_SEEDS)
D = date


# --- is_working_day -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(D(2025, 7, 4), True, id="fri-2025-07-04-ordinary-friday"),
        pytest.param(D(2025, 7, 5), False, id="sat-2025-07-05-weekend"),
        pytest.param(D(2025, 7, 6), False, id="sun-2025-07-06-weekend"),
        pytest.param(D(2025, 3, 31), False, id="mon-2025-03-31-idulfitri-hari-ke-1"),
        pytest.param(D(2025, 4, 7), False, id="mon-2025-04-07-cuti-bersama-idulfitri"),
        pytest.param(D(2025, 4, 8), True, id="tue-2025-04-08-first-day-back-after-idulfitri"),
        pytest.param(D(2025, 12, 24), True, id="wed-2025-12-24-no-cuti-bersama-in-2025"),
        pytest.param(D(2026, 12, 24), False, id="thu-2026-12-24-cuti-bersama-natal"),
        pytest.param(D(2026, 3, 18), False, id="wed-2026-03-18-cuti-bersama-nyepi"),
    ],
)
def test_is_working_day(day: date, expected: bool) -> None:
    assert is_working_day(day, HOLIDAYS) is expected


def test_is_working_day_accepts_any_collection_of_holidays() -> None:
    assert is_working_day(D(2025, 12, 25), [D(2025, 12, 25)]) is False
    assert is_working_day(D(2025, 12, 25), ()) is True


# --- add_working_days -----------------------------------------------------------------------

DEADLINES = [
    # Weekends, July 2025 has no holiday.
    pytest.param(D(2025, 7, 4), 1, D(2025, 7, 7), id="fri-0704+1-skips-weekend-mon-0707"),
    pytest.param(D(2025, 7, 4), 3, D(2025, 7, 9), id="fri-0704+3-mon-tue-wed-0709"),
    pytest.param(D(2025, 7, 4), 5, D(2025, 7, 11), id="fri-0704+5-mon-to-fri-0711"),
    pytest.param(D(2025, 7, 5), 1, D(2025, 7, 7), id="sat-0705+1-mon-0707"),
    pytest.param(D(2025, 7, 5), 3, D(2025, 7, 9), id="sat-0705+3-wed-0709"),
    pytest.param(D(2025, 7, 6), 1, D(2025, 7, 7), id="sun-0706+1-mon-0707"),
    pytest.param(D(2025, 7, 6), 5, D(2025, 7, 11), id="sun-0706+5-fri-0711"),
    pytest.param(
        D(2025, 7, 7), 5, D(2025, 7, 14), id="mon-0707+5-start-day-not-counted-next-mon-0714"
    ),
    # Idul Fitri 2025: Fri 28 Mar cuti Nyepi, Sat 29 Nyepi, Mon 31 Mar to Mon 7 Apr all off.
    pytest.param(D(2025, 3, 26), 1, D(2025, 3, 27), id="wed-2025-03-26+1-thu-0327-still-working"),
    pytest.param(D(2025, 3, 26), 2, D(2025, 4, 8), id="wed-2025-03-26+2-thu-0327-then-tue-0408"),
    pytest.param(
        D(2025, 3, 27),
        3,
        D(2025, 4, 10),
        id="thu-2025-03-27+3-fri28-cuti-nyepi-31mar-7apr-off-tue8-wed9-thu-0410",
    ),
    pytest.param(D(2025, 3, 27), 5, D(2025, 4, 14), id="thu-2025-03-27+5-apr-8-9-10-11-mon-0414"),
    pytest.param(
        D(2025, 3, 27),
        14,
        D(2025, 4, 28),
        id="thu-2025-03-27+14-apr-8to17-is-8-fri18-wafat-apr-21to25-is-13-mon-0428",
    ),
    pytest.param(
        D(2025, 3, 27),
        60,
        D(2025, 7, 11),
        id="thu-2025-03-27+60-apr16-may17-after-mayday-may33-jun51-jul-1to4-is-55-fri-0711",
    ),
    # Start day is a holiday or weekend holiday: the next working day is day 1.
    pytest.param(
        D(2025, 3, 31), 1, D(2025, 4, 8), id="start-on-idulfitri-mon-2025-03-31+1-tue-0408"
    ),
    pytest.param(
        D(2025, 3, 31), 3, D(2025, 4, 10), id="start-on-idulfitri-mon-2025-03-31+3-thu-0410"
    ),
    pytest.param(D(2025, 3, 29), 1, D(2025, 4, 8), id="start-on-nyepi-sat-2025-03-29+1-tue-0408"),
    # Idul Fitri 2026 with Nyepi: Wed 18 to Tue 24 Mar all off.
    pytest.param(D(2026, 3, 16), 1, D(2026, 3, 17), id="mon-2026-03-16+1-tue-0317"),
    pytest.param(
        D(2026, 3, 16), 2, D(2026, 3, 25), id="mon-2026-03-16+2-tue17-then-18to24-off-wed-0325"
    ),
    pytest.param(
        D(2026, 3, 17), 1, D(2026, 3, 25), id="tue-2026-03-17+1-nyepi-and-idulfitri-wed-0325"
    ),
    pytest.param(D(2026, 3, 17), 3, D(2026, 3, 27), id="tue-2026-03-17+3-wed25-thu26-fri-0327"),
    pytest.param(D(2026, 3, 17), 5, D(2026, 3, 31), id="tue-2026-03-17+5-25-26-27-mon30-tue-0331"),
    # The complaint window (10 hari kerja, §8.3) across the 2026 Idulfitri cuti bersama.
    pytest.param(
        D(2026, 3, 17),
        10,
        D(2026, 4, 8),
        id="tue-2026-03-17+10-mar25to-apr2-is-7-fri-apr3-wafat-apr6-7-8-wed-0408",
    ),
    pytest.param(
        D(2026, 3, 17),
        14,
        D(2026, 4, 14),
        id="tue-2026-03-17+14-mar25to-apr2-is-7-fri-apr3-wafat-apr6to10-is-12-tue-0414",
    ),
    pytest.param(D(2026, 3, 19), 1, D(2026, 3, 25), id="start-on-nyepi-thu-2026-03-19+1-wed-0325"),
    pytest.param(
        D(2026, 3, 21), 1, D(2026, 3, 25), id="start-on-idulfitri-sat-2026-03-21+1-wed-0325"
    ),
    # Christmas and New Year 2025/2026: 25 Dec libur, 26 Dec cuti, 1 Jan 2026 libur (Thu).
    pytest.param(D(2025, 12, 23), 3, D(2025, 12, 30), id="tue-2025-12-23+3-wed24-mon29-tue-1230"),
    pytest.param(
        D(2025, 12, 24), 1, D(2025, 12, 29), id="wed-2025-12-24+1-thu25-fri26-off-mon-1229"
    ),
    pytest.param(D(2025, 12, 24), 3, D(2025, 12, 31), id="wed-2025-12-24+3-29-30-wed-1231"),
    pytest.param(
        D(2025, 12, 24),
        5,
        D(2026, 1, 5),
        id="wed-2025-12-24+5-29-30-31-thu-jan1-off-fri-jan2-mon-2026-01-05",
    ),
    pytest.param(
        D(2025, 12, 24),
        14,
        D(2026, 1, 19),
        id="wed-2025-12-24+14-jan15-is-13-fri-jan16-isra-mikraj-mon-2026-01-19",
    ),
    pytest.param(
        D(2025, 12, 24),
        60,
        D(2026, 4, 2),
        id="wed-2025-12-24+60-jan23-feb41-imlek-mar17-is-53-mar25to-apr2-thu-2026-04-02",
    ),
    pytest.param(
        D(2026, 12, 23), 1, D(2026, 12, 28), id="wed-2026-12-23+1-thu24-cuti-fri25-mon-1228"
    ),
    pytest.param(D(2026, 12, 23), 3, D(2026, 12, 30), id="wed-2026-12-23+3-mon28-tue29-wed-1230"),
    # Zero days: the start day itself, even when it is not a working day.
    pytest.param(D(2025, 7, 7), 0, D(2025, 7, 7), id="zero-days-mon-returns-start"),
    pytest.param(D(2025, 7, 5), 0, D(2025, 7, 5), id="zero-days-sat-returns-start-unchanged"),
    pytest.param(
        D(2025, 3, 31), 0, D(2025, 3, 31), id="zero-days-idulfitri-returns-start-unchanged"
    ),
]


@pytest.mark.parametrize(("start", "days", "expected"), DEADLINES)
def test_add_working_days(start: date, days: int, expected: date) -> None:
    assert add_working_days(start, days, HOLIDAYS) == expected


@pytest.mark.parametrize(("start", "days", "expected"), DEADLINES)
def test_working_days_between_counts_back_the_deadline(
    start: date, days: int, expected: date
) -> None:
    assert working_days_between(start, expected, HOLIDAYS) == days


@pytest.mark.parametrize(("start", "days", "expected"), DEADLINES)
def test_due_date_without_pauses_equals_add_working_days(
    start: date, days: int, expected: date
) -> None:
    assert due_date_with_pauses(start, days, [], HOLIDAYS) == expected
    assert elapsed_working_days(start, expected, [], HOLIDAYS) == days


def test_add_working_days_rejects_negative_days() -> None:
    with pytest.raises(ValueError, match="days must be >= 0"):
        add_working_days(D(2025, 7, 7), -1, HOLIDAYS)


def test_add_working_days_accepts_a_list_of_holidays() -> None:
    assert add_working_days(D(2025, 12, 24), 1, [D(2025, 12, 25), D(2025, 12, 26)]) == D(
        2025, 12, 29
    )


def test_add_working_days_without_holidays_only_skips_weekends() -> None:
    assert add_working_days(D(2025, 12, 24), 3, ()) == D(2025, 12, 29)


# --- working_days_between -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(D(2025, 7, 7), D(2025, 7, 7), 0, id="same-day-is-0"),
        pytest.param(D(2025, 7, 8), D(2025, 7, 7), 0, id="end-before-start-is-0"),
        pytest.param(D(2025, 7, 5), D(2025, 7, 6), 0, id="sat-to-sun-is-0"),
        pytest.param(D(2025, 7, 4), D(2025, 7, 7), 1, id="fri-to-mon-counts-only-mon-1"),
        pytest.param(D(2025, 7, 6), D(2025, 7, 13), 5, id="sun-to-next-sun-one-full-week-5"),
        pytest.param(D(2025, 3, 27), D(2025, 4, 7), 0, id="thu-2025-03-27-to-mon-0407-all-off-0"),
        pytest.param(D(2026, 3, 17), D(2026, 3, 24), 0, id="tue-2026-03-17-to-tue-0324-all-off-0"),
        pytest.param(
            D(2025, 12, 31), D(2026, 1, 5), 2, id="wed-2025-12-31-to-mon-0105-fri2-mon5-is-2"
        ),
        pytest.param(
            D(2024, 12, 31),
            D(2025, 12, 31),
            261 - 13 - 11,
            id="year-2025-261-weekdays-less-13-weekday-libur-less-11-cuti-is-237",
        ),
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end, HOLIDAYS) == expected


def test_year_2025_has_237_working_days_by_a_simple_count() -> None:
    days = [D(2025, 1, 1) + timedelta(days=i) for i in range(365)]
    weekday_holidays = [d for d in HOLIDAYS if d.year == 2025 and d.weekday() < 5]
    assert len(weekday_holidays) == 24
    assert sum(1 for d in days if d.weekday() < 5) == 261
    assert sum(1 for d in days if is_working_day(d, HOLIDAYS)) == 237


def test_working_days_between_ignores_duplicate_holidays() -> None:
    christmas = D(2025, 12, 25)
    assert working_days_between(D(2025, 12, 24), D(2025, 12, 26), [christmas, christmas]) == 1


@pytest.mark.parametrize("days", [0, 1, 2, 3, 5, 14, 60])
def test_working_days_between_inverts_add_working_days_for_every_start_in_2025_2026(
    days: int,
) -> None:
    start = D(2025, 1, 1)
    while start <= D(2026, 10, 1):
        due = add_working_days(start, days, HOLIDAYS)
        assert working_days_between(start, due, HOLIDAYS) == days, start
        if days:
            assert is_working_day(due, HOLIDAYS), start
            assert working_days_between(start, due - timedelta(days=1), HOLIDAYS) == days - 1
        start += timedelta(days=1)


# --- pausing the clock ----------------------------------------------------------------------

PAUSED = [
    pytest.param(
        D(2025, 7, 7),
        5,
        [(D(2025, 7, 9), D(2025, 7, 10))],
        D(2025, 7, 16),
        id="mon-0707+5-stopped-wed9-answered-thu10-resumes-fri11-tue8-fri11-14-15-wed-0716",
    ),
    pytest.param(
        D(2025, 7, 7),
        5,
        [(D(2025, 7, 9), D(2025, 7, 9))],
        D(2025, 7, 15),
        id="mon-0707+5-stopped-and-answered-wed9-only-wed9-lost-tue-0715",
    ),
    pytest.param(
        D(2025, 7, 7),
        5,
        [(D(2025, 7, 11), D(2025, 7, 14))],
        D(2025, 7, 16),
        id="mon-0707+5-paused-fri11-to-mon14-over-weekend-8-9-10-15-wed-0716",
    ),
    pytest.param(
        D(2025, 7, 7),
        5,
        [(D(2025, 7, 8), D(2025, 7, 8)), (D(2025, 7, 14), D(2025, 7, 15))],
        D(2025, 7, 17),
        id="mon-0707+5-two-pauses-tue8-and-mon14-tue15-9-10-11-16-thu-0717",
    ),
    pytest.param(
        D(2025, 7, 7),
        5,
        [(D(2025, 7, 9), D(2025, 7, 10)), (D(2025, 7, 10), D(2025, 7, 11))],
        D(2025, 7, 17),
        id="mon-0707+5-overlapping-pauses-wed9-to-fri11-8-14-15-16-thu-0717",
    ),
    pytest.param(
        D(2025, 7, 7),
        3,
        [(D(2025, 7, 3), D(2025, 7, 8))],
        D(2025, 7, 11),
        id="mon-0707+3-pause-from-before-start-to-tue8-9-10-fri-0711",
    ),
    pytest.param(
        D(2025, 7, 7),
        3,
        [(D(2025, 7, 14), D(2025, 7, 18))],
        D(2025, 7, 10),
        id="mon-0707+3-pause-after-the-due-date-changes-nothing-thu-0710",
    ),
    pytest.param(
        D(2025, 7, 7),
        3,
        [(D(2025, 7, 14), None)],
        D(2025, 7, 10),
        id="mon-0707+3-open-pause-from-mon14-after-due-thu-0710-keeps-it",
    ),
    pytest.param(
        D(2026, 3, 16),
        3,
        [(D(2026, 3, 17), D(2026, 3, 25))],
        D(2026, 3, 30),
        id="mon-2026-03-16+3-paused-tue17-to-wed25-over-idulfitri-26-27-mon-0330",
    ),
    pytest.param(
        D(2025, 3, 26),
        3,
        [(D(2025, 3, 27), D(2025, 4, 8))],
        D(2025, 4, 11),
        id="wed-2025-03-26+3-paused-thu-0327-to-tue-0408-over-idulfitri-9-10-fri-0411",
    ),
]


@pytest.mark.parametrize(("start", "days", "pauses", "expected"), PAUSED)
def test_due_date_with_pauses(start: date, days: int, pauses: list[Pause], expected: date) -> None:
    assert due_date_with_pauses(start, days, pauses, HOLIDAYS) == expected


@pytest.mark.parametrize(("start", "days", "pauses", "expected"), PAUSED)
def test_elapsed_working_days_reaches_the_deadline_on_the_due_date(
    start: date, days: int, pauses: list[Pause], expected: date
) -> None:
    assert elapsed_working_days(start, expected, pauses, HOLIDAYS) == days
    assert elapsed_working_days(start, expected - timedelta(days=1), pauses, HOLIDAYS) < days


@pytest.mark.parametrize(
    "pauses",
    [
        pytest.param([(D(2025, 7, 9), None)], id="mon-0707+5-open-pause-from-wed9-before-due"),
        pytest.param(
            [(D(2025, 7, 14), None)], id="mon-0707+5-open-pause-from-mon14-the-would-be-due-day"
        ),
        pytest.param(
            [(D(2025, 7, 8), D(2025, 7, 8)), (D(2025, 7, 10), None)],
            id="mon-0707+5-closed-pause-tue8-then-open-pause-from-thu10",
        ),
    ],
)
def test_an_open_pause_leaves_no_due_date(pauses: list[Pause]) -> None:
    assert due_date_with_pauses(D(2025, 7, 7), 5, pauses, HOLIDAYS) is None


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(D(2025, 7, 7), 0, id="on-the-start-day-0"),
        pytest.param(D(2025, 7, 1), 0, id="before-the-start-day-0"),
        pytest.param(D(2025, 7, 8), 1, id="tue8-counts-1"),
        pytest.param(D(2025, 7, 9), 1, id="wed9-clock-stopped-still-1"),
        pytest.param(D(2025, 7, 31), 1, id="thu31-still-waiting-for-the-citizen-1"),
    ],
)
def test_elapsed_working_days_stops_at_an_open_pause(now: date, expected: int) -> None:
    assert elapsed_working_days(D(2025, 7, 7), now, [(D(2025, 7, 9), None)], HOLIDAYS) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(D(2025, 7, 8), 1, id="tue8-1"),
        pytest.param(D(2025, 7, 9), 1, id="wed9-stopped-1"),
        pytest.param(D(2025, 7, 10), 1, id="thu10-citizen-answers-still-1"),
        pytest.param(D(2025, 7, 11), 2, id="fri11-clock-resumes-2"),
        pytest.param(D(2025, 7, 13), 2, id="sun13-weekend-2"),
        pytest.param(D(2025, 7, 16), 5, id="wed16-5"),
    ],
)
def test_elapsed_working_days_resumes_the_day_after_the_answer(now: date, expected: int) -> None:
    pauses = [(D(2025, 7, 9), D(2025, 7, 10))]
    assert elapsed_working_days(D(2025, 7, 7), now, pauses, HOLIDAYS) == expected


def test_elapsed_working_days_counts_an_overlap_of_pauses_once() -> None:
    pauses = [(D(2025, 7, 9), D(2025, 7, 11)), (D(2025, 7, 10), D(2025, 7, 10))]
    assert elapsed_working_days(D(2025, 7, 7), D(2025, 7, 18), pauses, HOLIDAYS) == 6


def test_due_date_with_pauses_zero_days_returns_start() -> None:
    assert due_date_with_pauses(D(2025, 7, 5), 0, [(D(2025, 7, 1), None)], HOLIDAYS) == D(
        2025, 7, 5
    )


def test_due_date_with_pauses_rejects_negative_days() -> None:
    with pytest.raises(ValueError, match="days must be >= 0"):
        due_date_with_pauses(D(2025, 7, 7), -5, [], HOLIDAYS)


def test_due_date_with_pauses_rejects_a_pause_answered_before_it_stopped() -> None:
    with pytest.raises(ValueError, match="before it stopped"):
        due_date_with_pauses(D(2025, 7, 7), 5, [(D(2025, 7, 10), D(2025, 7, 9))], HOLIDAYS)


def test_elapsed_working_days_rejects_a_pause_answered_before_it_stopped() -> None:
    with pytest.raises(ValueError, match="before it stopped"):
        elapsed_working_days(
            D(2025, 7, 7), D(2025, 7, 14), [(D(2025, 7, 10), D(2025, 7, 9))], HOLIDAYS
        )


# --- seed data ------------------------------------------------------------------------------


def test_seed_has_every_row_of_the_2025_and_2026_tables() -> None:
    assert sum(1 for s in HOLIDAY_SEEDS if s.date.year == 2025) == 28
    assert sum(1 for s in HOLIDAY_SEEDS if s.date.year == 2026) == 25
    assert len(HOLIDAY_SEEDS) == 53


def test_seed_dates_are_unique_sorted_and_kinds_valid() -> None:
    dates = [s.date for s in HOLIDAY_SEEDS]
    assert len(set(dates)) == len(dates)
    assert dates == sorted(dates)
    assert {s.kind for s in HOLIDAY_SEEDS} == set(HOLIDAY_KINDS) == {LIBUR_NASIONAL, CUTI_BERSAMA}
    assert all(s.name.strip() == s.name and s.name for s in HOLIDAY_SEEDS)


def test_seed_kind_counts() -> None:
    def count(year: int, kind: str) -> int:
        return sum(1 for s in HOLIDAY_SEEDS if s.date.year == year and s.kind == kind)

    assert (count(2025, LIBUR_NASIONAL), count(2025, CUTI_BERSAMA)) == (17, 11)
    assert (count(2026, LIBUR_NASIONAL), count(2026, CUTI_BERSAMA)) == (17, 8)


@pytest.mark.parametrize(
    "seed",
    [
        HolidaySeed(
            D(2025, 8, 18),
            "Cuti bersama HUT ke-80 Kemerdekaan RI (tambahan via SKB perubahan No. 933 Tahun 2025"
            " / No. 1 Tahun 2025 / No. 3 Tahun 2025)",
            CUTI_BERSAMA,
        ),
        HolidaySeed(D(2026, 3, 21), "Idulfitri 1447 Hijriah (hari ke-1)", LIBUR_NASIONAL),
        HolidaySeed(D(2025, 1, 1), "Tahun Baru 2025 Masehi", LIBUR_NASIONAL),
        HolidaySeed(D(2025, 4, 7), "Cuti bersama Idulfitri 1446 Hijriah", CUTI_BERSAMA),
        HolidaySeed(
            D(2026, 3, 18), "Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1948)", CUTI_BERSAMA
        ),
        HolidaySeed(D(2026, 12, 24), "Cuti bersama Kelahiran Yesus Kristus", CUTI_BERSAMA),
        HolidaySeed(D(2026, 12, 25), "Kelahiran Yesus Kristus", LIBUR_NASIONAL),
    ],
    ids=lambda s: s.date.isoformat(),
)
def test_seed_spot_check(seed: HolidaySeed) -> None:
    assert seed in HOLIDAY_SEEDS


def test_seed_rows_are_immutable() -> None:
    with pytest.raises(AttributeError):
        HOLIDAY_SEEDS[0].name = "x"


@pytest.mark.skipif(importlib.util.find_spec("holidays") is None, reason="holidays not installed")
def test_suggest_national_holidays_2027_proposes_only_libur_nasional_in_2027() -> None:
    suggested = suggest_national_holidays(2027)
    assert len(suggested) >= 14
    assert all(s.kind == LIBUR_NASIONAL for s in suggested)
    assert all(s.date.year == 2027 for s in suggested)
    assert all(s.name for s in suggested)
    dates = [s.date for s in suggested]
    assert dates == sorted(set(dates))
    assert {D(2027, 1, 1), D(2027, 5, 1), D(2027, 6, 1), D(2027, 8, 17), D(2027, 12, 25)} <= set(
        dates
    )
    assert not any("cuti" in s.name.lower() for s in suggested)
