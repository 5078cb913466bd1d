from __future__ import annotations

import datetime as dt

import pytest

from sikap.development import rules


def test_the_siasn_jenis_diklat_table_has_the_25_rows_exactly():
    assert list(rules.JENIS_DIKLAT) == list(range(1, 26))
    assert rules.JENIS_DIKLAT[7] == "Sosialisasi"
    assert rules.JENIS_DIKLAT[8] == "Bimbingan Teknis"
    assert (
        rules.JENIS_DIKLAT[13] == "Pengembangan Kompetensi Dalam Bentuk Pelatihan klasikal lainnya"
    )
    assert rules.JENIS_DIKLAT[16] == "E-Learning"
    assert rules.JENIS_DIKLAT[21] == "Pertukaran Antara PNS Dengan Pegawai Swasta/BUMN/BUMD"
    assert rules.JENIS_DIKLAT[25] == (
        "Pengembangan Kompetensi Dalam Bentuk Pelatihan Nonklasikal Lainnya"
    )


@pytest.mark.parametrize(
    ("jenis", "classical"),
    [
        (1, True),
        (4, True),
        (7, True),
        (8, True),
        (9, True),
        (10, False),
        (11, True),
        (12, True),
        (13, True),
        (14, False),
        (16, False),
        (22, False),
        (25, False),
    ],
)
def test_it_splits_klasikal_and_nonklasikal(jenis, classical):
    assert rules.is_classical(jenis) is classical


@pytest.mark.parametrize("jenis", [0, 26])
def test_it_rejects_an_unknown_jenis_diklat(jenis):
    with pytest.raises(ValueError):
        rules.is_classical(jenis)


def test_the_competencies_are_the_eight_manajerial_and_perekat_bangsa():
    assert len(rules.MANAJERIAL) == 8
    assert rules.COMPETENCIES[-1] == "Perekat Bangsa"
    assert rules.competency_kind("Integritas") == "manajerial"
    assert rules.competency_kind("Perekat Bangsa") == "sosial_kultural"
    assert rules.competency_kind("Pengelolaan Arsip") == "teknis"


@pytest.mark.parametrize(
    ("minutes", "jp"), [(0, 0), (44, 0), (45, 1), (89, 1), (90, 2), (134, 2), (135, 3), (900, 20)]
)
def test_only_whole_45_minute_lessons_count(minutes, jp):
    assert rules.jp_from_minutes(minutes) == jp


def test_negative_minutes_are_refused():
    with pytest.raises(ValueError):
        rules.jp_from_minutes(-1)


def test_yearly_targets():
    assert rules.yearly_target("PNS") == 20
    assert rules.yearly_target("PPPK") == 20
    assert rules.yearly_target("PPPK", pppk_target=24) == 24
    assert rules.yearly_target("PPPK", pppk_target=30) == 24
    assert rules.yearly_target("PPPK", pppk_target=-3) == 0
    assert rules.yearly_target("NON_ASN") is None


@pytest.mark.parametrize(("jp", "below"), [(0, True), (19, True), (20, False), (21, False)])
def test_twenty_jp_is_enough(jp, below):
    assert rules.below_target(jp, 20) is below


def test_no_target_is_never_below():
    assert rules.below_target(0, None) is False


@pytest.mark.parametrize(
    ("jp", "target", "percent"),
    [
        (0, 20, 0),
        (10, 20, 50),
        (19, 20, 95),
        (20, 20, 100),
        (40, 20, 100),
        (3, None, 100),
        (3, 0, 100),
    ],
)
def test_progress_percent(jp, target, percent):
    assert rules.progress_percent(jp, target) == percent


@pytest.mark.parametrize(
    ("required", "current", "gap"), [(3, 1, 2), (3, 3, 0), (2, 4, -2), (3, None, 3), (1, 5, -4)]
)
def test_gap_is_required_minus_current(required, current, gap):
    assert rules.gap(required, current) == gap


def test_dates_and_averages():
    assert rules.year_of(dt.date(2026, 12, 31)) == 2026
    assert rules.follow_up_due_on(dt.date(2026, 1, 1)) == dt.date(2026, 4, 1)
    assert rules.follow_up_due_on(dt.date(2026, 1, 1), days=10) == dt.date(2026, 1, 11)
    assert rules.average([]) is None
    assert rules.average([None]) is None
    assert rules.average([4, None, 5]) == 4.5
    assert rules.jenis_diklat_name(4) == "Workshop"
