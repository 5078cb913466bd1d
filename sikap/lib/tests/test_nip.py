"""NIP PNS and NI PPPK rules of domain.md §6.4, each at its edge."""

from __future__ import annotations

import datetime as dt

import pytest

from sikap.lib.nip import (
    Gender,
    NipError,
    NipKind,
    format_nip,
    looks_like_pppk,
    normalise_nip,
    parse_nip,
    parse_pns_nip,
    parse_pppk_nip,
)

TODAY = dt.date(2026, 11, 27)
VALID = "196608011988031001"


def test_it_parses_the_regulation_example() -> None:
    parsed = parse_pns_nip(VALID, today=TODAY)
    assert parsed.birth_date == dt.date(1966, 8, 1)
    assert (parsed.tmt_year, parsed.tmt_month) == (1988, 3)
    assert parsed.gender is Gender.PRIA
    assert parsed.sequence == 1
    assert parsed.formatted == "19660801 198803 1 001"


def test_it_accepts_spaces_dots_and_dashes_as_people_type_them() -> None:
    assert parse_pns_nip("19660801 198803 1 001", today=TODAY).nip == VALID
    assert normalise_nip("19660801.198803-1.001") == VALID


def test_it_reads_a_woman_from_digit_15() -> None:
    assert parse_pns_nip("198501152010012002", today=TODAY).gender is Gender.WANITA


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("19660801198803100", "NIP harus 18 digit, bukan 17 digit"),
        ("1966080119880310011", "NIP harus 18 digit, bukan 19 digit"),
        ("1966080119880310O1", "hanya boleh berisi angka"),
        ("19661301198803 1001", "tanggal lahir"),  # month 13
        ("196602301988031001", "tanggal lahir 30-02-1966 tidak valid"),
        ("196608011988131001", "bulan TMT 13 tidak valid"),
        ("196608011988001001", "bulan TMT 00 tidak valid"),
        ("196608011988033001", r"digit jenis kelamin harus 1 \(pria\) atau 2 \(wanita\), bukan 3"),
        ("196608011988030001", "bukan 0"),
        ("196608011960031001", "tidak boleh sebelum atau sama dengan tahun lahir"),
        ("196608011966031001", "tidak boleh sebelum atau sama dengan tahun lahir"),
        ("196608011980031001", "kurang dari 18 tahun"),
        ("202701011990031001", "masa depan"),
        ("１９６６０８０１１９８８０３１００１", "hanya boleh berisi angka"),
    ],
    ids=[
        "17-digits",
        "19-digits",
        "letter-O",
        "month-13",
        "30-february",
        "tmt-month-13",
        "tmt-month-00",
        "gender-3",
        "gender-0",
        "tmt-before-birth",
        "tmt-in-birth-year",
        "tmt-at-age-14",
        "birth-in-future",
        "full-width-digits",
    ],
)
def test_it_rejects_invalid_nips(nip: str, message: str) -> None:
    with pytest.raises(NipError, match=message):
        parse_pns_nip(nip, today=TODAY)


def test_it_accepts_tmt_exactly_at_18() -> None:
    assert parse_pns_nip("196608011984031001", today=TODAY).tmt_year == 1984


def test_it_accepts_29_february_in_a_leap_year_only() -> None:
    assert parse_pns_nip("198402292010011001", today=TODAY).birth_date == dt.date(1984, 2, 29)
    with pytest.raises(NipError, match="29-02-1985"):
        parse_pns_nip("198502292010011001", today=TODAY)


def test_it_parses_an_ni_pppk_with_the_heuristic_layout() -> None:
    parsed = parse_pppk_nip("200012312024211001", today=TODAY)
    assert parsed.kind is NipKind.PPPK
    assert parsed.tmt_year == 2024
    assert parsed.tmt_month is None
    assert parsed.gender is Gender.PRIA
    assert parsed.formatted == "20001231 2024 2 1 1 001"
    assert looks_like_pppk("200012312024211001")
    assert not looks_like_pppk(VALID)


def test_it_rejects_an_ni_pppk_without_the_marker_digit() -> None:
    with pytest.raises(NipError, match="digit ke-13 NI PPPK harus 2"):
        parse_pppk_nip("200012312024111001", today=TODAY)


def test_it_rejects_an_ni_pppk_with_gender_digit_3() -> None:
    with pytest.raises(NipError, match="bukan 3"):
        parse_pppk_nip("200012312024213001", today=TODAY)


def test_it_rejects_an_ni_pppk_born_in_the_future() -> None:
    with pytest.raises(NipError, match="masa depan"):
        parse_pppk_nip("202712312024211001", today=TODAY)


def test_it_dispatches_on_the_kind() -> None:
    assert parse_nip(VALID, NipKind.PNS, today=TODAY).kind is NipKind.PNS
    assert parse_nip("200012312024211001", NipKind.PPPK, today=TODAY).kind is NipKind.PPPK


def test_format_leaves_a_malformed_value_alone() -> None:
    assert format_nip("123") == "123"
