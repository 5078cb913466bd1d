from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

import pytest

from sikap.surveys.rules import (
    BANDS,
    UNSUR,
    UNSUR_CODES,
    Band,
    IkmResult,
    Weight,
    classify,
    compute_ikm,
    ikm_from_totals,
    lowest_unsur,
    nrr,
    required_sample,
    sample_sufficient,
)

D = Decimal
Answer = int | None


def uniform(value: Answer, codes: tuple[str, ...] = UNSUR_CODES) -> dict[str, Answer]:
    """One response giving the same answer to every unsur."""
    return dict.fromkeys(codes, value)


def responses_with_total(respondents: int, total: int) -> list[dict[str, Answer]]:
    """Respondents answering all nine unsur whose answers add up to ``total`` (1s, then 4s)."""
    slots = respondents * len(UNSUR_CODES)
    assert slots <= total <= 4 * slots
    raised = total - slots
    values = []
    for _ in range(slots):
        step = min(3, raised)
        values.append(1 + step)
        raised -= step
    per = len(UNSUR_CODES)
    return [
        dict(zip(UNSUR_CODES, values[i * per : (i + 1) * per], strict=True))
        for i in range(respondents)
    ]


def responses_from_columns(columns: dict[str, list[int]]) -> list[dict[str, Answer]]:
    """Turn per-unsur answer lists (same length) into one mapping per respondent."""
    (length,) = {len(column) for column in columns.values()}
    return [{code: column[i] for code, column in columns.items()} for i in range(length)]


# The worked example of rennn9/GASPUL_BACKEND rumus_perhitungan_ikm_lengkap.md (Triwulan III):
# 29 respondents, answer counts per unsur given as (value, how many).
GASPUL_DISTRIBUTION = {
    "U1": [(4, 18), (3, 11)],
    "U2": [(4, 14), (3, 15)],
    "U3": [(4, 15), (3, 12), (2, 2)],
    "U4": [(4, 29)],
    "U5": [(4, 15), (3, 14)],
    "U6": [(4, 18), (3, 11)],
    "U7": [(4, 19), (3, 10)],
    "U8": [(4, 18), (3, 11)],
    "U9": [(4, 28), (3, 1)],
}
GASPUL_TOTALS = {
    "U1": (105, 29),
    "U2": (101, 29),
    "U3": (100, 29),
    "U4": (116, 29),
    "U5": (102, 29),
    "U6": (105, 29),
    "U7": (106, 29),
    "U8": (105, 29),
    "U9": (115, 29),
}


def gaspul_responses() -> list[dict[str, Answer]]:
    columns = {
        code: [value for value, times in counts for _ in range(times)]
        for code, counts in GASPUL_DISTRIBUTION.items()
    }
    return responses_from_columns(columns)


# --- the nine unsur -------------------------------------------------------------------------


def test_the_nine_unsur_are_in_questionnaire_order_with_their_official_names() -> None:
    assert [(u.code, u.name) for u in UNSUR] == [
        ("U1", "Persyaratan"),
        ("U2", "Sistem, Mekanisme, dan Prosedur"),
        ("U3", "Waktu Penyelesaian"),
        ("U4", "Biaya/Tarif"),
        ("U5", "Produk Spesifikasi Jenis Pelayanan"),
        ("U6", "Kompetensi Pelaksana"),
        ("U7", "Perilaku Pelaksana"),
        ("U8", "Sarana dan Prasarana"),
        ("U9", "Penanganan Pengaduan, Saran dan Masukan"),
    ]
    assert UNSUR_CODES == ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9")


def test_every_unsur_has_a_question_and_four_distinct_answer_labels() -> None:
    for unsur in UNSUR:
        assert unsur.question.startswith("Bagaimana ")
        assert unsur.question.endswith("?")
        assert len(unsur.answers) == 4
        assert len(set(unsur.answers)) == 4


@pytest.mark.parametrize(
    ("code", "labels"),
    [
        ("U1", ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
        ("U4", ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
        ("U8", ("Buruk", "Cukup", "Baik", "Sangat Baik")),
        (
            "U9",
            (
                "Tidak ada",
                "Ada tetapi tidak berfungsi",
                "Berfungsi kurang maksimal",
                "Dikelola dengan baik",
            ),
        ),
    ],
)
def test_answer_labels_run_from_value_1_to_value_4(code: str, labels: tuple[str, ...]) -> None:
    unsur = next(u for u in UNSUR if u.code == code)
    assert unsur.answers == labels
    assert [unsur.answer_label(v) for v in (1, 2, 3, 4)] == list(labels)


@pytest.mark.parametrize("value", [0, 5, True])
def test_answer_label_rejects_a_value_outside_the_scale(value: int) -> None:
    with pytest.raises(ValueError, match="U4"):
        UNSUR[3].answer_label(value)


def test_the_default_unsur_cannot_be_changed_in_place() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        UNSUR[0].name = "Lain"


# --- weights --------------------------------------------------------------------------------


def test_the_default_weight_is_exactly_one_ninth() -> None:
    assert Weight.EXACT.factor() == Fraction(1, 9)


def test_the_worksheet_weight_is_0_111() -> None:
    assert Weight.WORKSHEET.factor() == D("0.111")
    assert Weight.WORKSHEET.factor() == Fraction(111, 1000)


def test_weights_are_stored_as_plain_strings() -> None:
    assert Weight("exact") is Weight.EXACT
    assert Weight("worksheet") is Weight.WORKSHEET


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1"), (3, "0.333"), (6, "0.166"), (7, "0.142"), (8, "0.125"), (9, "0.111")],
)
def test_the_worksheet_weight_cuts_one_over_n_to_three_decimals(count: int, expected: str) -> None:
    assert Weight.WORKSHEET.factor(count) == D(expected)


@pytest.mark.parametrize("count", range(1, 31))
def test_weights_over_all_unsur_never_exceed_one(count: int) -> None:
    assert Weight.EXACT.factor(count) * count == 1
    assert Weight.WORKSHEET.factor(count) * count <= 1


@pytest.mark.parametrize("weight", list(Weight))
@pytest.mark.parametrize("count", [0, -1])
def test_a_weight_needs_at_least_one_unsur(weight: Weight, count: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        weight.factor(count)


# --- NRR ------------------------------------------------------------------------------------


def test_nrr_is_the_exact_mean_of_the_answers_given() -> None:
    assert nrr({"U1": [4, 3, 3], "U2": [1, 2]}) == {"U1": Fraction(10, 3), "U2": Fraction(3, 2)}


def test_nrr_does_not_count_blank_answers() -> None:
    assert nrr({"U9": [4, None, 2, None]}) == {"U9": Fraction(3)}


def test_nrr_leaves_out_an_unsur_nobody_answered() -> None:
    assert nrr({"U1": [4], "U9": [None, None], "U8": []}) == {"U1": Fraction(4)}


def test_nrr_accepts_any_iterable_of_answers() -> None:
    assert nrr({"U3": (v for v in [2, 3])}) == {"U3": Fraction(5, 2)}


@pytest.mark.parametrize("bad", [0, 5, -1, 3.0, "3", D(3), True, False])
def test_nrr_rejects_an_answer_outside_1_to_4(bad: object) -> None:
    with pytest.raises(ValueError, match="U2"):
        nrr({"U2": [3, bad]})


def test_ikm_result_keeps_exact_nrr_and_a_four_decimal_display_value() -> None:
    result = compute_ikm([uniform(4), uniform(3), {**uniform(3), "U1": 3}])
    assert result.nrr_exact["U1"] == Fraction(10, 3)
    assert result.nrr["U1"] == D("3.3333")
    assert result.nrr == dict.fromkeys(UNSUR_CODES, D("3.3333"))
    assert list(result.nrr) == list(UNSUR_CODES)


def test_display_nrr_rounds_half_up() -> None:
    # 113 / 32 = 3.53125 exactly: half up gives 3.5313 (half even would give 3.5312).
    totals = dict.fromkeys(UNSUR_CODES, (29, 8))
    totals["U1"] = (113, 32)
    totals["U2"] = (11, 3)
    result = ikm_from_totals(totals)
    assert result.nrr_exact["U1"] == Fraction("3.53125")
    assert result.nrr["U1"] == D("3.5313")
    assert result.nrr["U2"] == D("3.6667")
    assert result.nrr["U3"] == D("3.6250")


# --- compute_ikm: extremes and worked cases ---------------------------------------------------


def test_all_answers_4_give_100_with_the_exact_weight() -> None:
    result = compute_ikm([uniform(4)] * 3)
    assert result.ikm == D("100.00")
    assert str(result.ikm) == "100.00"
    assert result.ikm_perception == D("4.0000")
    assert (result.quality, result.performance) == ("A", "Sangat Baik")


def test_all_answers_4_give_99_90_with_the_worksheet_weight() -> None:
    result = compute_ikm([uniform(4)] * 3, weight=Weight.WORKSHEET)
    assert result.ikm == D("99.90")
    assert str(result.ikm) == "99.90"
    assert result.ikm_perception_exact == Fraction("3.996")
    assert (result.quality, result.performance) == ("A", "Sangat Baik")


def test_all_answers_1_give_25_with_the_exact_weight() -> None:
    result = compute_ikm([uniform(1)])
    assert result.ikm == D("25.00")
    assert (result.quality, result.performance) == ("D", "Tidak Baik")


def test_all_answers_1_give_24_98_with_the_worksheet_weight_still_in_band_d() -> None:
    result = compute_ikm([uniform(1)], weight=Weight.WORKSHEET)
    assert result.ikm_perception_exact == Fraction("0.999")
    assert result.ikm == D("24.98")
    assert (result.quality, result.performance) == ("D", "Tidak Baik")


def test_all_answers_3_give_75_band_c() -> None:
    result = compute_ikm([uniform(3)] * 4)
    assert result.ikm == D("75.00")
    assert (result.quality, result.performance) == ("C", "Kurang Baik")


def test_the_gaspul_worked_example_is_91_48_with_the_exact_weight() -> None:
    # The document's own "weighted" steps print 90.56 because its NRR x 0.1111 products are
    # wrong (3.6207 x 0.1111 = 0.4023, not 0.3983); its plain mean gives 91.48, as here.
    result = compute_ikm(gaspul_responses())
    assert result.respondents == 29
    assert result.ikm_perception_exact == Fraction(955, 261)
    assert result.ikm_perception == D("3.6590")
    assert result.ikm == D("91.48")
    assert (result.quality, result.performance) == ("A", "Sangat Baik")
    assert result.nrr == {
        "U1": D("3.6207"),
        "U2": D("3.4828"),
        "U3": D("3.4483"),
        "U4": D("4.0000"),
        "U5": D("3.5172"),
        "U6": D("3.6207"),
        "U7": D("3.6552"),
        "U8": D("3.6207"),
        "U9": D("3.9655"),
    }
    assert result.weighted_nrr["U1"] == D("0.4023")
    assert result.weighted_nrr["U4"] == D("0.4444")
    assert lowest_unsur(result) == ["U3"]


def test_the_gaspul_worked_example_is_91_38_with_the_worksheet_weight() -> None:
    result = compute_ikm(gaspul_responses(), weight=Weight.WORKSHEET)
    assert result.weight_factor == Fraction(111, 1000)
    assert result.ikm_perception_exact == Fraction(111, 1000) * Fraction(955, 29)
    assert result.ikm == D("91.38")
    assert result.weighted_nrr["U1"] == D("0.4019")


def test_ikm_from_totals_reproduces_the_published_per_unsur_totals() -> None:
    from_totals = ikm_from_totals(GASPUL_TOTALS, respondents=29)
    assert from_totals == compute_ikm(gaspul_responses())
    assert from_totals.ikm == D("91.48")
    assert ikm_from_totals(GASPUL_TOTALS, weight=Weight.WORKSHEET).ikm == D("91.38")


def test_ikm_from_totals_takes_the_respondents_from_the_largest_count_by_default() -> None:
    totals = {**GASPUL_TOTALS, "U9": (50, 13)}
    assert ikm_from_totals(totals).respondents == 29
    assert ikm_from_totals(totals, respondents=31).respondents == 31


def test_the_ikm_is_rounded_only_at_the_end_and_half_up() -> None:
    # 8 respondents, 72 answers summing 225: IKM = 25 x 225 / 72 = 78.125 exactly.
    result = compute_ikm(responses_with_total(8, 225))
    assert result.ikm_perception_exact == Fraction(25, 8)
    assert result.ikm == D("78.13")
    # One respondent, sum 35, worksheet: 0.111 x 35 x 25 = 97.125 exactly.
    worksheet = compute_ikm(responses_with_total(1, 35), weight=Weight.WORKSHEET)
    assert worksheet.ikm == D("97.13")


def test_rounding_the_nrr_early_would_give_a_different_ikm() -> None:
    # 3 respondents: NRR 11/3 each; 11/3 x 25 = 91.666... -> 91.67, while the rounded NRR
    # 3.67 x 25 would give 91.75. Only the final value is rounded.
    result = compute_ikm([uniform(4), uniform(4), uniform(3)])
    assert result.ikm == D("91.67")


def test_the_ikm_is_the_mean_of_the_nrr_with_the_exact_weight() -> None:
    result = compute_ikm(gaspul_responses())
    mean = sum(result.nrr_exact.values(), Fraction(0)) / 9
    assert result.ikm_perception_exact == mean
    assert result.weight_factor == Fraction(1, 9)


# --- band edges -----------------------------------------------------------------------------

# (respondents, sum of all 9 x respondents answers, expected IKM): found by exhaustive search so
# that each lands on the edge after rounding; the exact value is in the comment.
EXACT_EDGES = [
    pytest.param(38, 889, "64.99", "D", "Tidak Baik", id="64.9854-D"),
    pytest.param(5, 117, "65.00", "C", "Kurang Baik", id="65.0000-C"),
    pytest.param(26, 717, "76.60", "C", "Kurang Baik", id="76.6026-C"),
    pytest.param(19, 524, "76.61", "B", "Baik", id="76.6082-B"),
    pytest.param(19, 604, "88.30", "B", "Baik", id="88.3041-B"),
    pytest.param(24, 763, "88.31", "A", "Sangat Baik", id="88.3102-A"),
]
WORKSHEET_EDGES = [
    pytest.param(19, 445, "64.99", "D", "Tidak Baik", id="64.9934-D"),
    pytest.param(26, 609, "65.00", "C", "Kurang Baik", id="64.9990-C"),
    pytest.param(38, 1049, "76.60", "C", "Kurang Baik", id="76.6046-C"),
    pytest.param(23, 635, "76.61", "B", "Baik", id="76.6141-B"),
    pytest.param(11, 350, "88.30", "B", "Baik", id="88.2955-B"),
    pytest.param(17, 541, "88.31", "A", "Sangat Baik", id="88.3103-A"),
]


@pytest.mark.parametrize(("n", "total", "ikm", "quality", "performance"), EXACT_EDGES)
def test_band_edges_with_the_exact_weight(
    n: int, total: int, ikm: str, quality: str, performance: str
) -> None:
    result = compute_ikm(responses_with_total(n, total))
    assert result.ikm_perception_exact == Fraction(total, 9 * n)
    assert result.ikm == D(ikm)
    assert (result.quality, result.performance) == (quality, performance)


@pytest.mark.parametrize(("n", "total", "ikm", "quality", "performance"), WORKSHEET_EDGES)
def test_band_edges_with_the_worksheet_weight(
    n: int, total: int, ikm: str, quality: str, performance: str
) -> None:
    result = compute_ikm(responses_with_total(n, total), weight=Weight.WORKSHEET)
    assert result.ikm_perception_exact == Fraction(111, 1000) * Fraction(total, n)
    assert result.ikm == D(ikm)
    assert (result.quality, result.performance) == (quality, performance)


def test_exactly_65_is_band_c_with_no_float_drift() -> None:
    # 5 x 9 answers summing 117: 117 / 45 = 2.6 exactly, x 25 = 65 exactly.
    result = compute_ikm(responses_with_total(5, 117))
    assert result.ikm_perception_exact == Fraction(13, 5)
    assert result.ikm == D("65.00")
    assert result.quality == "C"


def test_the_worksheet_weight_drops_a_unit_from_a_to_b_where_the_exact_weight_does_not() -> None:
    responses = responses_with_total(5, 159)
    exact = compute_ikm(responses)
    worksheet = compute_ikm(responses, weight=Weight.WORKSHEET)
    assert exact.ikm == D("88.33")
    assert (exact.quality, exact.performance) == ("A", "Sangat Baik")
    assert worksheet.ikm == D("88.25")
    assert (worksheet.quality, worksheet.performance) == ("B", "Baik")


@pytest.mark.parametrize(("n", "total", "ikm", "quality", "performance"), EXACT_EDGES)
def test_ikm_from_totals_agrees_with_compute_ikm_on_the_edges(
    n: int, total: int, ikm: str, quality: str, performance: str
) -> None:
    responses = responses_with_total(n, total)
    totals = {code: (sum(r[code] or 0 for r in responses), len(responses)) for code in UNSUR_CODES}
    assert ikm_from_totals(totals) == compute_ikm(responses)


# --- classify -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("25", ("D", "Tidak Baik")),
        ("25.00", ("D", "Tidak Baik")),
        ("64.99", ("D", "Tidak Baik")),
        ("64.994", ("D", "Tidak Baik")),
        ("64.9949999", ("D", "Tidak Baik")),
        ("64.995", ("C", "Kurang Baik")),
        ("65.00", ("C", "Kurang Baik")),
        ("65", ("C", "Kurang Baik")),
        ("76.60", ("C", "Kurang Baik")),
        ("76.6049", ("C", "Kurang Baik")),
        ("76.605", ("B", "Baik")),
        ("76.61", ("B", "Baik")),
        ("80", ("B", "Baik")),
        ("88.30", ("B", "Baik")),
        ("88.3049", ("B", "Baik")),
        ("88.305", ("A", "Sangat Baik")),
        ("88.31", ("A", "Sangat Baik")),
        ("99.999", ("A", "Sangat Baik")),
        ("100", ("A", "Sangat Baik")),
        ("100.00", ("A", "Sangat Baik")),
    ],
)
def test_classify_follows_the_interval_table_after_rounding_half_up(
    value: str, expected: tuple[str, str]
) -> None:
    assert classify(D(value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(25, ("D", "Tidak Baik")), (65, ("C", "Kurang Baik")), (100, ("A", "Sangat Baik"))],
)
def test_classify_accepts_whole_numbers(value: int, expected: tuple[str, str]) -> None:
    assert classify(value) == expected


@pytest.mark.parametrize(
    "value", ["24.99", "24.999", "0", "-65", "100.01", "100.001", "NaN", "sNaN", "Infinity"]
)
def test_classify_rejects_a_value_outside_25_to_100(value: str) -> None:
    with pytest.raises(ValueError, match="between 25 and 100"):
        classify(D(value))


@pytest.mark.parametrize("value", [88.31, True, "88.31", Fraction(8831, 100)])
def test_classify_rejects_floats_and_other_types(value: object) -> None:
    with pytest.raises(TypeError):
        classify(value)


def test_the_default_interval_table_covers_25_to_100_in_steps_of_a_hundredth() -> None:
    assert BANDS[0].minimum == D("25.00")
    assert BANDS[-1].maximum == D("100.00")
    for lower, upper in itertools.pairwise(BANDS):
        assert upper.minimum - lower.maximum == D("0.01")
    assert [b.quality for b in BANDS] == ["D", "C", "B", "A"]


def test_classify_can_use_another_interval_table() -> None:
    bands = (
        Band("X", "Rendah", D("25.00"), D("49.99")),
        Band("Y", "Tinggi", D("50.00"), D("100.00")),
    )
    assert classify(D("49.994"), bands=bands) == ("X", "Rendah")
    assert classify(D("49.995"), bands=bands) == ("Y", "Tinggi")
    result = compute_ikm([uniform(3)], bands=bands)
    assert (result.quality, result.performance) == ("Y", "Tinggi")


def test_classify_reports_a_gap_in_a_custom_interval_table() -> None:
    bands = (Band("X", "Rendah", D("25.00"), D("49.99")),)
    with pytest.raises(ValueError, match="no band"):
        classify(D("60"), bands=bands)


# --- blank answers and unsur nobody answered -------------------------------------------------


def test_blank_answers_do_not_count_towards_the_nrr() -> None:
    responses = [uniform(4), {**uniform(3), "U9": None}]
    result = compute_ikm(responses)
    assert result.nrr_exact["U9"] == 4
    assert result.nrr_exact["U1"] == Fraction(7, 2)
    assert result.ikm_perception_exact == Fraction(8 * Fraction(7, 2) + 4, 9)
    assert result.ikm == D("88.89")
    assert result.unanswered == ()


def test_a_missing_key_is_a_blank_answer() -> None:
    with_none = compute_ikm([uniform(4), {**uniform(3), "U9": None}])
    without_key = compute_ikm([uniform(4), {c: 3 for c in UNSUR_CODES if c != "U9"}])
    assert with_none == without_key


def test_only_respondents_with_at_least_one_answer_are_counted() -> None:
    result = compute_ikm([uniform(4), uniform(None), {}, {"U5": 2}])
    assert result.respondents == 2
    assert result.nrr_exact["U5"] == 3
    assert result.nrr_exact["U1"] == 4


def test_an_unsur_nobody_answered_is_left_out_and_the_weight_spread_over_the_rest() -> None:
    # Chosen rule ([P14]: "Total unsur yang terisi"): the index is over the answered unsur
    # only, weight 1/8 here; counting U9 as zero would have given 66.67 instead of 75.00.
    responses = [{**uniform(3), "U9": None}] * 4
    result = compute_ikm(responses)
    assert result.unanswered == ("U9",)
    assert "U9" not in result.nrr
    assert "U9" not in result.nrr_exact
    assert result.weight_factor == Fraction(1, 8)
    assert result.ikm_perception_exact == 3
    assert result.ikm == D("75.00")


def test_an_unsur_nobody_answered_uses_one_over_n_cut_to_three_decimals_on_the_worksheet() -> None:
    responses = [{**uniform(4), "U9": None}, {**uniform(4), "U4": None, "U9": None}]
    result = compute_ikm(responses, weight=Weight.WORKSHEET)
    assert result.unanswered == ("U9",)
    assert result.weight_factor == D("0.125")
    assert result.ikm == D("100.00")
    seven = compute_ikm([{**uniform(4), "U8": None, "U9": None}], weight=Weight.WORKSHEET)
    assert seven.weight_factor == D("0.142")
    assert seven.ikm == D("99.40")


def test_unanswered_unsur_are_listed_in_unsur_order() -> None:
    result = compute_ikm([{"U5": 4, "U2": 3}])
    assert result.unanswered == ("U1", "U3", "U4", "U6", "U7", "U8", "U9")
    assert list(result.nrr) == ["U2", "U5"]
    assert result.ikm == D("87.50")


def test_ikm_from_totals_treats_a_missing_or_zero_count_unsur_as_unanswered() -> None:
    totals = dict.fromkeys(UNSUR_CODES[:7], (30, 10))
    totals["U8"] = (0, 0)
    result = ikm_from_totals(totals)
    assert result.unanswered == ("U8", "U9")
    assert result.ikm == D("75.00")


@pytest.mark.parametrize(
    "responses",
    [[], [uniform(None)], [{}, {}], [{"U1": None}]],
    ids=["no-responses", "all-blank", "empty-mappings", "one-blank"],
)
def test_compute_ikm_needs_at_least_one_answer(responses: list[dict[str, Answer]]) -> None:
    with pytest.raises(ValueError, match="no unsur has any answer"):
        compute_ikm(responses)


# --- invalid input --------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [0, 5, -3, 10, 3.0, 2.5, "3", D(3), True, False, [3]])
def test_compute_ikm_rejects_an_answer_that_is_not_an_integer_1_to_4(bad: object) -> None:
    responses = [uniform(4), {**uniform(3), "U6": bad}]
    with pytest.raises(ValueError, match="U6"):
        compute_ikm(responses)


def test_compute_ikm_rejects_an_unknown_unsur_code() -> None:
    with pytest.raises(ValueError, match="unknown unsur: U10"):
        compute_ikm([{**uniform(4), "U10": None}])


def test_compute_ikm_accepts_a_one_shot_iterator() -> None:
    def generate() -> Iterator[dict[str, Answer]]:
        yield uniform(4)
        yield uniform(2)

    result = compute_ikm(generate())
    assert result.respondents == 2
    assert result.ikm == D("75.00")


def test_compute_ikm_can_use_another_list_of_unsur() -> None:
    codes = ("A", "B", "C")
    result = compute_ikm([{"A": 4, "B": 2, "C": 3}], unsur_codes=codes)
    assert result.ikm == D("75.00")
    assert result.weight_factor == Fraction(1, 3)
    worksheet = compute_ikm([uniform(4, codes)], unsur_codes=codes, weight=Weight.WORKSHEET)
    assert worksheet.ikm == D("99.90")
    with pytest.raises(ValueError, match="unknown unsur: U1"):
        compute_ikm([{"U1": 4}], unsur_codes=codes)


@pytest.mark.parametrize(
    ("totals", "message"),
    [
        ({"U1": (41, 10)}, "impossible"),
        ({"U1": (9, 10)}, "impossible"),
        ({"U1": (3, 0)}, "impossible"),
        ({"U1": (0, -1)}, "U1 count"),
        ({"U1": (-4, 1)}, "U1 sum"),
        ({"U1": (4.0, 1)}, "U1 sum"),
        ({"U1": (4, True)}, "U1 count"),
        ({"U1": (4, 1), "X": (4, 1)}, "unknown unsur: X"),
        ({}, "no unsur has any answer"),
        ({"U1": (0, 0)}, "no unsur has any answer"),
    ],
)
def test_ikm_from_totals_rejects_impossible_totals(totals: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ikm_from_totals(totals)


@pytest.mark.parametrize("respondents", [28, -1, True])
def test_ikm_from_totals_rejects_fewer_respondents_than_answers(respondents: int) -> None:
    with pytest.raises(ValueError, match="respondents"):
        ikm_from_totals(GASPUL_TOTALS, respondents=respondents)


# --- result object and lowest unsur ---------------------------------------------------------


def test_the_result_cannot_be_changed_in_place() -> None:
    result = compute_ikm([uniform(4)])
    assert isinstance(result, IkmResult)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.ikm = D("1")


def test_the_result_records_the_weight_used() -> None:
    assert compute_ikm([uniform(4)]).weight is Weight.EXACT
    assert compute_ikm([uniform(4)], weight=Weight.WORKSHEET).weight is Weight.WORKSHEET


def test_lowest_unsur_returns_every_unsur_tied_for_lowest_in_order() -> None:
    result = compute_ikm([{**uniform(4), "U7": 2, "U2": 2}, {**uniform(3), "U7": 3, "U2": 3}])
    assert lowest_unsur(result) == ["U2", "U7"]


def test_lowest_unsur_compares_exact_values_not_display_values() -> None:
    # 10/3 and 33333/10000 both display as 3.3333; only U2 is the lowest.
    totals = dict.fromkeys(UNSUR_CODES, (4, 1))
    totals["U1"] = (10, 3)
    totals["U2"] = (33333, 10000)
    result = ikm_from_totals(totals)
    assert result.nrr["U1"] == result.nrr["U2"] == D("3.3333")
    assert lowest_unsur(result) == ["U2"]


def test_lowest_unsur_ignores_unanswered_unsur() -> None:
    result = compute_ikm([{"U1": 4, "U2": 3}])
    assert lowest_unsur(result) == ["U2"]


def test_all_unsur_equal_are_all_lowest() -> None:
    assert lowest_unsur(compute_ikm([uniform(3)])) == list(UNSUR_CODES)


# --- sample size (Krejcie & Morgan 1970, Table 1) -------------------------------------------

KREJCIE_MORGAN_TABLE = [
    (10, 10),
    (15, 14),
    (20, 19),
    (25, 24),
    (30, 28),
    (35, 32),
    (40, 36),
    (45, 40),
    (50, 44),
    (55, 48),
    (60, 52),
    (65, 56),
    (70, 59),
    (75, 63),
    (80, 66),
    (85, 70),
    (90, 73),
    (95, 76),
    (100, 80),
    (110, 86),
    (120, 92),
    (130, 97),
    (140, 103),
    (150, 108),
    (160, 113),
    (170, 118),
    (180, 123),
    (190, 127),
    (200, 132),
    (210, 136),
    (220, 140),
    (230, 144),
    (240, 148),
    (250, 152),
    (260, 155),
    (270, 159),
    (280, 162),
    (290, 165),
    (300, 169),
    (320, 175),
    (340, 181),
    (360, 186),
    (380, 191),
    (400, 196),
    (420, 201),
    (440, 205),
    (460, 210),
    (480, 214),
    (500, 217),
    (550, 226),
    (600, 234),
    (650, 242),
    (700, 248),
    (750, 254),
    (800, 260),
    (850, 265),
    (900, 269),
    (950, 274),
    (1000, 278),
    (1100, 285),
    (1200, 291),
    (1300, 297),
    (1400, 302),
    (1500, 306),
    (1600, 310),
    (1700, 313),
    (1800, 317),
    (1900, 320),
    (2000, 322),
    (2200, 327),
    (2400, 331),
    (2600, 335),
    (2800, 338),
    (3000, 341),
    (3500, 346),
    (4000, 351),
    (4500, 354),
    (5000, 357),
    (6000, 361),
    (7000, 364),
    (8000, 367),
    (9000, 368),
    (10000, 370),
    (15000, 375),
    (20000, 377),
    (30000, 379),
    (40000, 380),
    (50000, 381),
    (75000, 382),
    (1000000, 384),
]


def test_the_krejcie_morgan_table_has_all_ninety_rows() -> None:
    assert len(KREJCIE_MORGAN_TABLE) == 90
    assert len({n for n, _ in KREJCIE_MORGAN_TABLE}) == 90


@pytest.mark.parametrize(("population", "sample"), KREJCIE_MORGAN_TABLE)
def test_required_sample_reproduces_the_published_table(population: int, sample: int) -> None:
    assert required_sample(population) == sample


def test_required_sample_rounds_half_up_not_up() -> None:
    # N = 1,700 gives 313.43...: rounding up would give 314, the table prints 313.
    assert required_sample(1700) == 313


@pytest.mark.parametrize("population", [1, 2, 3, 5, 9])
def test_a_tiny_population_is_surveyed_whole(population: int) -> None:
    assert required_sample(population) == population


def test_required_sample_never_exceeds_the_population_and_never_falls_as_it_grows() -> None:
    previous = 0
    for population in range(1, 3001):
        sample = required_sample(population)
        assert previous <= sample <= population
        previous = sample


def test_required_sample_levels_off_at_384() -> None:
    assert required_sample(10**12) == 384


@pytest.mark.parametrize("population", [0, -1, True, 10.0, "100", D(100)])
def test_required_sample_rejects_a_population_below_one_or_not_an_integer(
    population: object,
) -> None:
    with pytest.raises(ValueError, match="population"):
        required_sample(population)


@pytest.mark.parametrize(
    ("respondents", "population", "expected"),
    [
        (217, 500, True),
        (216, 500, False),
        (300, 500, True),
        (10, 10, True),
        (9, 10, False),
        (0, 1, False),
        (384, 1000000, True),
        (383, 1000000, False),
    ],
)
def test_sample_sufficient_compares_with_the_required_sample(
    respondents: int, population: int, expected: bool
) -> None:
    assert sample_sufficient(respondents, population) is expected


@pytest.mark.parametrize(("respondents", "population"), [(-1, 100), (5, 0), (True, 10)])
def test_sample_sufficient_rejects_impossible_numbers(respondents: int, population: int) -> None:
    with pytest.raises(ValueError):
        sample_sufficient(respondents, population)
