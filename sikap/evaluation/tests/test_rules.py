"""Tests of the pure evaluation rules (no Django, no database)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction

import pytest

from sikap.evaluation.rules import (
    CHART_ORDER,
    DEFAULT_ROUNDING,
    KOEFISIEN,
    PREDICATE_AK_PERCENT,
    PREDICATE_MATRIX,
    DistributionLimits,
    EmployeePredicate,
    GroupMinimum,
    Limit,
    OrganisationPredicate,
    Rating,
    Rounding,
    Violation,
    ViolationKind,
    angka_kredit,
    check_distribution,
    distribution_limits,
    employee_predicate,
    unit_head_result_rating,
)

SB = EmployeePredicate.SANGAT_BAIK
B = EmployeePredicate.BAIK
BP = EmployeePredicate.BUTUH_PERBAIKAN
K = EmployeePredicate.KURANG
SK = EmployeePredicate.SANGAT_KURANG
ATAS, SESUAI, BAWAH = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
ISTIMEWA = OrganisationPredicate.ISTIMEWA
O_BAIK = OrganisationPredicate.BAIK
O_BP = OrganisationPredicate.BUTUH_PERBAIKAN
O_KURANG = OrganisationPredicate.KURANG
O_SK = OrganisationPredicate.SANGAT_KURANG

HEADCOUNTS = range(1, 51)


def counts(**by_short_code: int) -> dict[EmployeePredicate, int]:
    """Build actual counts from short codes: counts(SB=3, B=2)."""
    by_code = {p.short_code: p for p in EmployeePredicate}
    return {by_code[code]: n for code, n in by_short_code.items()}


def compositions(n: int) -> Iterator[dict[EmployeePredicate, int]]:
    """Yield every way to split n employees over the five predicates."""
    preds = list(EmployeePredicate)
    for bars in itertools.combinations(range(n + 4), 4):
        edges = (-1, *bars, n + 4)
        yield {p: edges[i + 1] - edges[i] - 1 for i, p in enumerate(preds)}


def find_witness(limits: DistributionLimits) -> dict[EmployeePredicate, int] | None:
    """Construct a distribution that breaks no rule of limits, trying each plurality size."""
    n, preds, lead = limits.headcount, list(EmployeePredicate), limits.plurality
    for lead_count in range(n, -1, -1) if lead else [None]:
        got = {p: limits.per_predicate[p].min for p in preds}
        caps = {p: limits.per_predicate[p].max for p in preds}
        if lead is not None and lead_count is not None:
            got[lead] = lead_count
            caps = {p: lead_count if p is lead else min(c, lead_count) for p, c in caps.items()}
        if any(got[p] > caps[p] for p in preds):
            continue
        for group in limits.group_minimums:
            while sum(got[p] for p in group.predicates) < group.min:
                room = [p for p in group.predicates if got[p] < caps[p]]
                if not room:
                    break
                got[room[0]] += 1
        while sum(got.values()) < n:
            room = [p for p in preds if got[p] < caps[p]]
            if not room:
                break
            got[min(room, key=lambda p: got[p])] += 1
        if sum(got.values()) == n and not check_distribution(limits, got):
            return got
    return None


def is_feasible_exhaustively(limits: DistributionLimits) -> bool:
    """Say whether any distribution at all breaks no rule of limits."""
    return any(not check_distribution(limits, c) for c in compositions(limits.headcount))


def kinds(violations: list[Violation]) -> list[str]:
    """Return the kinds of violations, in order."""
    return [v.kind for v in violations]


# ----------------------------------------------------------------- enums


def test_ratings_have_form_labels_and_siasn_ids() -> None:
    assert [(r.value, r.label, r.siasn_id) for r in Rating] == [
        ("DI_ATAS", "Di Atas Ekspektasi", 1),
        ("SESUAI", "Sesuai Ekspektasi", 2),
        ("DI_BAWAH", "Di Bawah Ekspektasi", 3),
    ]


def test_employee_predicates_have_labels_short_codes_and_siasn_kuadran_ids() -> None:
    assert [(p.value, p.label, p.short_code, p.siasn_id) for p in EmployeePredicate] == [
        ("SANGAT_BAIK", "Sangat Baik", "SB", 1),
        ("BAIK", "Baik", "B", 2),
        ("BUTUH_PERBAIKAN", "Butuh Perbaikan", "BP", 3),
        ("KURANG", "Kurang/Misconduct", "K", 4),
        ("SANGAT_KURANG", "Sangat Kurang", "SK", 5),
    ]


def test_the_chart_runs_from_sangat_kurang_to_sangat_baik() -> None:
    assert [p.short_code for p in CHART_ORDER] == ["SK", "K", "BP", "B", "SB"]


def test_organisation_predicates_have_labels() -> None:
    assert [(p.value, p.label) for p in OrganisationPredicate] == [
        ("ISTIMEWA", "Istimewa"),
        ("BAIK", "Baik"),
        ("BUTUH_PERBAIKAN", "Butuh Perbaikan"),
        ("KURANG", "Kurang"),
        ("SANGAT_KURANG", "Sangat Kurang"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DI_ATAS", ATAS),
        ("di atas ekspektasi", ATAS),
        ("DIATAS ESPEKTASI", ATAS),
        ("  Sesuai   Ekspektasi ", SESUAI),
        ("sesuai espektasi", SESUAI),
        ("di_bawah", BAWAH),
        ("DIBAWAH ESPEKTASI", BAWAH),
    ],
)
def test_it_parses_a_rating_from_code_label_or_siasn_label(text: str, expected: Rating) -> None:
    assert Rating.parse(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SANGAT_BAIK", SB),
        ("sb", SB),
        ("SANGAT BAIK", SB),
        ("Baik", B),
        ("b", B),
        ("butuh perbaikan", BP),
        ("BP", BP),
        ("Kurang/Misconduct", K),
        ("kurang/misconduct", K),
        ("KURANG", K),
        ("k", K),
        ("Misconduct", K),
        ("Sangat Kurang", SK),
        ("sk", SK),
    ],
)
def test_it_parses_an_employee_predicate_from_code_or_label(
    text: str, expected: EmployeePredicate
) -> None:
    assert EmployeePredicate.parse(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("istimewa", ISTIMEWA),
        ("BAIK", O_BAIK),
        ("Butuh Perbaikan", O_BP),
        ("Cukup", O_BP),
        ("butuh perbaikan/cukup", O_BP),
        ("kurang", O_KURANG),
        ("SANGAT_KURANG", O_SK),
    ],
)
def test_it_parses_an_organisation_predicate_from_code_or_label(
    text: str, expected: OrganisationPredicate
) -> None:
    assert OrganisationPredicate.parse(text) is expected


def test_it_rejects_an_unknown_predicate_naming_the_accepted_values() -> None:
    with pytest.raises(
        ValueError, match=r"Unknown EmployeePredicate 'Luar Biasa'.*SANGAT_BAIK \(Sangat Baik\)"
    ):
        EmployeePredicate.parse("Luar Biasa")


@pytest.mark.parametrize("text", ["", "Istimewa!", "SANGAT"])
def test_it_rejects_an_unknown_organisation_predicate(text: str) -> None:
    with pytest.raises(ValueError, match="Unknown OrganisationPredicate"):
        OrganisationPredicate.parse(text)


def test_it_rejects_parsing_a_non_string() -> None:
    with pytest.raises(ValueError, match="expected a code or label"):
        Rating.parse(1)


@pytest.mark.parametrize("predicate", list(EmployeePredicate))
def test_it_maps_a_siasn_kuadran_id_back_to_the_predicate(predicate: EmployeePredicate) -> None:
    assert EmployeePredicate.from_siasn_id(predicate.siasn_id) is predicate


@pytest.mark.parametrize("rating", list(Rating))
def test_it_maps_a_siasn_rating_id_back_to_the_rating(rating: Rating) -> None:
    assert Rating.from_siasn_id(rating.siasn_id) is rating


@pytest.mark.parametrize("bad", [0, 6, True, "1", None])
def test_it_rejects_an_unknown_siasn_kuadran_id(bad: object) -> None:
    with pytest.raises(ValueError, match="Unknown SIASN id"):
        EmployeePredicate.from_siasn_id(bad)


def test_it_rejects_an_unknown_siasn_rating_id() -> None:
    with pytest.raises(ValueError, match=r"expected \[1, 2, 3\]"):
        Rating.from_siasn_id(4)


# ----------------------------------------------------------------- kuadran kinerja


@pytest.mark.parametrize(
    ("result", "behaviour", "expected"),
    [
        (ATAS, ATAS, SB),
        (ATAS, SESUAI, B),
        (ATAS, BAWAH, K),
        (SESUAI, ATAS, B),
        (SESUAI, SESUAI, B),
        (SESUAI, BAWAH, K),
        (BAWAH, ATAS, BP),
        (BAWAH, SESUAI, BP),
        (BAWAH, BAWAH, SK),
    ],
)
def test_each_kuadran_cell_gives_the_predicate_of_the_regulation(
    result: Rating, behaviour: Rating, expected: EmployeePredicate
) -> None:
    assert employee_predicate(result, behaviour) is expected


def test_high_results_with_behaviour_below_expectations_is_kurang_not_butuh_perbaikan() -> None:
    assert employee_predicate(ATAS, BAWAH) is K


def test_expected_results_with_behaviour_below_expectations_is_kurang() -> None:
    assert employee_predicate(SESUAI, BAWAH) is K


def test_sangat_baik_needs_both_ratings_above_expectations() -> None:
    assert employee_predicate(ATAS, SESUAI) is B
    assert employee_predicate(SESUAI, ATAS) is B


def test_results_below_expectations_with_good_behaviour_is_butuh_perbaikan() -> None:
    assert employee_predicate(BAWAH, ATAS) is BP


def test_the_kuadran_is_a_complete_lookup_table() -> None:
    assert set(PREDICATE_MATRIX) == set(itertools.product(Rating, Rating))


@pytest.mark.parametrize(
    ("result", "behaviour"), [("DI_ATAS", ATAS), (ATAS, "DI_ATAS"), (None, ATAS)]
)
def test_the_kuadran_rejects_anything_but_ratings(result: object, behaviour: object) -> None:
    with pytest.raises(ValueError, match="must be a member of Rating"):
        employee_predicate(result, behaviour)


# ----------------------------------------------------------------- kurva: documented formula


def documented_count(fraction: Fraction, rounding: Rounding, *, minimum: bool) -> int:
    """The module docstring's rounding, written independently of the implementation."""
    if rounding is Rounding.STRICT:
        value = math.ceil(fraction) if minimum else math.floor(fraction)
    elif rounding is Rounding.NEAREST:
        value = math.floor(fraction + Fraction(1, 2))
    else:
        value = math.floor(fraction) if minimum else math.ceil(fraction)
    return max(value, 1) if minimum and fraction > 0 else value


def documented_limits(
    org: OrganisationPredicate, n: int, rounding: Rounding
) -> tuple[dict[EmployeePredicate, tuple[int, int]], int | None]:
    """(min, max) per predicate and the group minimum, per the module docstring."""

    def low(pct: int) -> int:
        return documented_count(Fraction(pct * n, 100), rounding, minimum=True)

    def high(pct: int) -> int:
        return documented_count(Fraction(pct * n, 100), rounding, minimum=False)

    free = (0, n)
    limits = dict.fromkeys(EmployeePredicate, free)
    group: int | None = None
    if org is ISTIMEWA:
        limits[SB] = (0, max(high(70), math.ceil(n / 5)))
    elif org is O_BAIK:
        limits[B] = (0, max(high(70), math.ceil(n / 5)))
        group = min(1, n - 1) if n else 0
    elif org is O_BP:
        limits[BP] = (low(60), n)
        limits[SB] = (0, high(10))
    elif org is O_KURANG:
        limits[K] = (low(60), n)
        limits[BP] = (min(low(10), n - low(60)), n)
        limits[SB] = (0, high(10))
    else:
        limits[SK] = (low(60), n)
        limits[SB] = (0, 0)
        group = min(low(10), n - low(60))
    return limits, group


@pytest.mark.parametrize("rounding", list(Rounding))
@pytest.mark.parametrize("n", HEADCOUNTS)
@pytest.mark.parametrize("org", list(OrganisationPredicate))
def test_limits_follow_the_documented_formula(
    org: OrganisationPredicate, n: int, rounding: Rounding
) -> None:
    limits = distribution_limits(org, n, rounding=rounding)
    expected, group = documented_limits(org, n, rounding)
    assert {p: (lim.min, lim.max) for p, lim in limits.per_predicate.items()} == expected
    assert [g.min for g in limits.group_minimums] == ([] if group is None else [group])
    assert limits.headcount == n
    assert limits.rounding is rounding
    assert limits.organisation_predicate is org


@pytest.mark.parametrize("rounding", list(Rounding))
@pytest.mark.parametrize("n", HEADCOUNTS)
@pytest.mark.parametrize("org", list(OrganisationPredicate))
def test_every_organisation_predicate_is_feasible_at_every_headcount(
    org: OrganisationPredicate, n: int, rounding: Rounding
) -> None:
    limits = distribution_limits(org, n, rounding=rounding)
    witness = find_witness(limits)
    assert witness is not None
    assert sum(witness.values()) == n
    assert check_distribution(limits, witness) == []


def test_the_default_rounding_is_strict() -> None:
    assert DEFAULT_ROUNDING is Rounding.STRICT
    assert distribution_limits(O_BP, 9).rounding is Rounding.STRICT


# Hand-computed STRICT limits for N = 1..10 (index 0 is N = 1).
STRICT_TABLE = {
    "istimewa_sb_max": [1, 1, 2, 2, 3, 4, 4, 5, 6, 7],
    "baik_b_max": [1, 1, 2, 2, 3, 4, 4, 5, 6, 7],
    "baik_bp_or_k_min": [0, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    "sixty_percent_min": [1, 2, 2, 3, 3, 4, 5, 5, 6, 6],
    "ten_percent_sb_max": [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    "kurang_bp_min": [0, 0, 1, 1, 1, 1, 1, 1, 1, 1],
    "sangat_kurang_k_or_bp_min": [0, 0, 1, 1, 1, 1, 1, 1, 1, 1],
}


@pytest.mark.parametrize("n", range(1, 11))
def test_strict_limits_for_small_units_match_the_hand_computed_table(n: int) -> None:
    row = {key: values[n - 1] for key, values in STRICT_TABLE.items()}
    ist, baik = distribution_limits(ISTIMEWA, n), distribution_limits(O_BAIK, n)
    bp, kur, sk = (distribution_limits(o, n) for o in (O_BP, O_KURANG, O_SK))
    assert ist.per_predicate[SB].max == row["istimewa_sb_max"]
    assert baik.per_predicate[B].max == row["baik_b_max"]
    assert baik.group_minimums[0].min == row["baik_bp_or_k_min"]
    assert bp.per_predicate[BP].min == row["sixty_percent_min"]
    assert kur.per_predicate[K].min == row["sixty_percent_min"]
    assert sk.per_predicate[SK].min == row["sixty_percent_min"]
    assert bp.per_predicate[SB].max == row["ten_percent_sb_max"]
    assert kur.per_predicate[SB].max == row["ten_percent_sb_max"]
    assert kur.per_predicate[BP].min == row["kurang_bp_min"]
    assert sk.group_minimums[0].min == row["sangat_kurang_k_or_bp_min"]
    assert sk.per_predicate[SB].max == 0


@pytest.mark.parametrize(
    ("org", "n", "predicate", "rounding", "expected"),
    [
        (O_BP, 5, SB, Rounding.STRICT, (0, 0)),
        (O_BP, 5, SB, Rounding.NEAREST, (0, 1)),
        (O_BP, 5, SB, Rounding.LENIENT, (0, 1)),
        (O_BP, 14, SB, Rounding.NEAREST, (0, 1)),
        (O_BP, 15, SB, Rounding.NEAREST, (0, 2)),
        (O_BP, 15, SB, Rounding.LENIENT, (0, 2)),
        (O_BP, 15, SB, Rounding.STRICT, (0, 1)),
        (O_KURANG, 7, K, Rounding.STRICT, (5, 7)),
        (O_KURANG, 7, K, Rounding.NEAREST, (4, 7)),
        (O_KURANG, 7, K, Rounding.LENIENT, (4, 7)),
        (O_KURANG, 8, K, Rounding.NEAREST, (5, 8)),
        (O_KURANG, 8, K, Rounding.LENIENT, (4, 8)),
        (O_KURANG, 3, BP, Rounding.NEAREST, (1, 3)),
        (O_KURANG, 3, BP, Rounding.LENIENT, (1, 3)),
        (ISTIMEWA, 7, SB, Rounding.STRICT, (0, 4)),
        (ISTIMEWA, 7, SB, Rounding.NEAREST, (0, 5)),
        (ISTIMEWA, 7, SB, Rounding.LENIENT, (0, 5)),
        (ISTIMEWA, 1, SB, Rounding.NEAREST, (0, 1)),
    ],
)
def test_rounding_modes_turn_percentages_into_counts(
    org: OrganisationPredicate,
    n: int,
    predicate: EmployeePredicate,
    rounding: Rounding,
    expected: tuple[int, int],
) -> None:
    limit = distribution_limits(org, n, rounding=rounding).per_predicate[predicate]
    assert (limit.min, limit.max) == expected


def test_a_minimum_of_sixty_percent_of_one_employee_is_that_employee() -> None:
    for org, predicate in ((O_BP, BP), (O_KURANG, K), (O_SK, SK)):
        for rounding in Rounding:
            assert distribution_limits(org, 1, rounding=rounding).per_predicate[predicate].min == 1


def test_the_limits_keep_the_regulation_percentages_for_messages() -> None:
    limits = distribution_limits(O_KURANG, 10)
    assert limits.per_predicate[K] == Limit(6, 10, min_percent=60)
    assert limits.per_predicate[BP] == Limit(1, 10, min_percent=10)
    assert limits.per_predicate[SB] == Limit(0, 1, max_percent=10)
    assert limits.per_predicate[B] == Limit(0, 10)


def test_sangat_kurang_forbids_sangat_baik_and_requires_kurang_or_butuh_perbaikan() -> None:
    limits = distribution_limits(O_SK, 20)
    assert limits.per_predicate[SB] == Limit(0, 0, max_percent=0, forbidden=True)
    assert limits.group_minimums == (GroupMinimum((K, BP), 2, min_percent=10, must_exist=True),)
    assert limits.plurality is None


def test_baik_requires_one_butuh_perbaikan_or_kurang_and_baik_as_largest_group() -> None:
    limits = distribution_limits(O_BAIK, 10)
    assert limits.group_minimums == (GroupMinimum((BP, K), 1, must_exist=True),)
    assert limits.plurality is B
    assert limits.per_predicate[B] == Limit(0, 7, max_percent=70)


def test_istimewa_requires_sangat_baik_as_largest_group() -> None:
    limits = distribution_limits(ISTIMEWA, 10)
    assert limits.plurality is SB
    assert limits.group_minimums == ()


STRICT_RELAXED = {(ISTIMEWA, 1), (O_BAIK, 1), (O_KURANG, 1), (O_KURANG, 2), (O_SK, 1), (O_SK, 2)}


@pytest.mark.parametrize("n", HEADCOUNTS)
@pytest.mark.parametrize("org", list(OrganisationPredicate))
def test_strict_limits_are_only_relaxed_for_the_smallest_units(
    org: OrganisationPredicate, n: int
) -> None:
    relaxations = distribution_limits(org, n).relaxations
    assert bool(relaxations) is ((org, n) in STRICT_RELAXED)


def unrelaxed(limits: DistributionLimits) -> DistributionLimits:
    """Rebuild limits with the literal percentages, before the small-unit fit."""
    n, rounding = limits.headcount, limits.rounding

    def count(pct: int | None, *, minimum: bool, default: int) -> int:
        if pct is None:
            return default
        return documented_count(Fraction(pct * n, 100), rounding, minimum=minimum)

    per_predicate = {
        p: Limit(
            min=count(lim.min_percent, minimum=True, default=0),
            max=count(lim.max_percent, minimum=False, default=n),
            min_percent=lim.min_percent,
            max_percent=lim.max_percent,
            forbidden=lim.forbidden,
        )
        for p, lim in limits.per_predicate.items()
    }
    groups = tuple(
        GroupMinimum(
            g.predicates,
            count(g.min_percent, minimum=True, default=1),
            g.min_percent,
            g.must_exist,
        )
        for g in limits.group_minimums
    )
    return DistributionLimits(
        limits.organisation_predicate, n, rounding, per_predicate, groups, limits.plurality
    )


@pytest.mark.parametrize("rounding", list(Rounding))
@pytest.mark.parametrize("n", range(1, 11))
@pytest.mark.parametrize("org", list(OrganisationPredicate))
def test_the_small_unit_fit_only_acts_when_the_literal_rules_cannot_all_hold(
    org: OrganisationPredicate, n: int, rounding: Rounding
) -> None:
    limits = distribution_limits(org, n, rounding=rounding)
    literal = unrelaxed(limits)
    assert (literal == limits) is (limits.relaxations == ())
    assert is_feasible_exhaustively(literal) is (limits.relaxations == ())


def test_the_fit_explains_each_relaxation_in_indonesian() -> None:
    assert distribution_limits(O_KURANG, 2).relaxations == (
        "Minimal Butuh Perbaikan diturunkan dari 1 menjadi 0 pegawai karena minimal "
        "Kurang/Misconduct (60%) sudah memerlukan 2 dari 2 pegawai.",
    )
    assert distribution_limits(O_BAIK, 1).relaxations == (
        "Maksimal Baik dinaikkan dari 0 menjadi 1 pegawai agar tetap dapat menjadi kelompok "
        "terbesar dari 1 pegawai.",
        "Minimal Butuh Perbaikan dan/atau Kurang/Misconduct diturunkan dari 1 menjadi 0 "
        "pegawai karena 1 dari 1 pegawai harus Baik sebagai kelompok terbesar.",
    )


@pytest.mark.parametrize("rounding", list(Rounding))
@pytest.mark.parametrize("org", list(OrganisationPredicate))
def test_an_empty_unit_gets_all_zero_limits(org: OrganisationPredicate, rounding: Rounding) -> None:
    limits = distribution_limits(org, 0, rounding=rounding)
    assert all((lim.min, lim.max) == (0, 0) for lim in limits.per_predicate.values())
    assert all(g.min == 0 for g in limits.group_minimums)
    assert limits.relaxations == ()
    assert check_distribution(limits, {}) == []


@pytest.mark.parametrize("headcount", [-1, True, 2.0, "5", None])
def test_it_rejects_a_headcount_that_is_not_a_non_negative_integer(headcount: object) -> None:
    with pytest.raises(ValueError, match="headcount"):
        distribution_limits(O_BAIK, headcount)


def test_it_rejects_an_organisation_predicate_given_as_plain_text() -> None:
    with pytest.raises(
        ValueError, match="organisation_predicate must be a member of OrganisationPredicate"
    ):
        distribution_limits("BAIK", 5)


def test_it_rejects_an_unknown_rounding() -> None:
    with pytest.raises(ValueError, match="rounding must be a member of Rounding"):
        distribution_limits(O_BAIK, 5, rounding="STRICT")


# ----------------------------------------------------------------- kurva: checking


def test_violation_kinds_are_the_stable_codes() -> None:
    assert [k.value for k in ViolationKind] == [
        "below_minimum",
        "above_maximum",
        "not_plurality",
        "must_exist",
        "must_not_exist",
    ]


def test_it_reports_missing_butuh_perbaikan_for_baik() -> None:
    limits = distribution_limits(O_BAIK, 5)
    violations = check_distribution(limits, counts(SB=2, B=3))
    assert violations == [
        Violation(
            ViolationKind.MUST_EXIST,
            (BP, K),
            1,
            0,
            "Butuh Perbaikan dan/atau Kurang/Misconduct: 0 pegawai, harus ada minimal 1",
        )
    ]


@pytest.mark.parametrize("actual", [counts(B=3, BP=1, SB=1), counts(B=3, K=1, SK=1)])
def test_one_butuh_perbaikan_or_one_kurang_satisfies_baik(
    actual: dict[EmployeePredicate, int],
) -> None:
    assert check_distribution(distribution_limits(O_BAIK, 5), actual) == []


def test_it_reports_sangat_baik_in_a_sangat_kurang_unit() -> None:
    violations = check_distribution(distribution_limits(O_SK, 10), counts(SK=8, K=1, SB=1))
    assert violations == [
        Violation(
            ViolationKind.MUST_NOT_EXIST,
            (SB,),
            0,
            1,
            "Sangat Baik: 1 pegawai, seharusnya tidak ada",
        )
    ]


def test_it_reports_a_sangat_kurang_unit_without_kurang_or_butuh_perbaikan() -> None:
    violations = check_distribution(distribution_limits(O_SK, 20), counts(SK=18, B=2))
    assert violations == [
        Violation(
            ViolationKind.MUST_EXIST,
            (K, BP),
            2,
            0,
            "Kurang/Misconduct dan/atau Butuh Perbaikan: 0 pegawai, harus ada minimal 2 (10%)",
        )
    ]


def test_it_reports_too_few_kurang_or_butuh_perbaikan_in_a_sangat_kurang_unit() -> None:
    violations = check_distribution(distribution_limits(O_SK, 20), counts(SK=18, BP=1, B=1))
    assert violations == [
        Violation(
            ViolationKind.BELOW_MINIMUM,
            (K, BP),
            2,
            1,
            "Kurang/Misconduct dan/atau Butuh Perbaikan: 1 pegawai, minimal 2 (10%)",
        )
    ]


def test_exactly_ten_percent_kurang_or_butuh_perbaikan_satisfies_sangat_kurang() -> None:
    limits = distribution_limits(O_SK, 20)
    assert check_distribution(limits, counts(SK=12, K=1, BP=1, B=6)) == []


def test_it_reports_sangat_baik_not_being_the_largest_group_in_an_istimewa_unit() -> None:
    violations = check_distribution(distribution_limits(ISTIMEWA, 10), counts(SB=3, B=4, BP=3))
    assert violations == [
        Violation(
            ViolationKind.NOT_PLURALITY,
            (SB,),
            4,
            3,
            "Sangat Baik: 3 pegawai, harus menjadi kelompok terbesar (Baik: 4 pegawai)",
        )
    ]


def test_it_reports_baik_not_being_the_largest_group_in_a_baik_unit() -> None:
    violations = check_distribution(distribution_limits(O_BAIK, 6), counts(B=2, BP=3, SB=1))
    assert kinds(violations) == ["not_plurality"]
    assert violations[0].message.endswith("(Butuh Perbaikan: 3 pegawai)")


def test_a_tie_for_the_largest_group_counts_as_largest() -> None:
    assert check_distribution(distribution_limits(ISTIMEWA, 6), counts(SB=3, B=3)) == []
    assert check_distribution(distribution_limits(O_BAIK, 2), counts(B=1, K=1)) == []


def test_exactly_seventy_percent_sangat_baik_is_allowed_for_istimewa() -> None:
    assert check_distribution(distribution_limits(ISTIMEWA, 10), counts(SB=7, B=3)) == []


def test_more_than_seventy_percent_sangat_baik_is_reported_for_istimewa() -> None:
    violations = check_distribution(distribution_limits(ISTIMEWA, 10), counts(SB=8, B=2))
    assert violations == [
        Violation(
            ViolationKind.ABOVE_MAXIMUM, (SB,), 7, 8, "Sangat Baik: 8 pegawai, maksimal 7 (70%)"
        )
    ]


def test_seventy_percent_of_five_allows_three_sangat_baik() -> None:
    violations = check_distribution(distribution_limits(ISTIMEWA, 5), counts(SB=4, B=1))
    assert [v.message for v in violations] == ["Sangat Baik: 4 pegawai, maksimal 3 (70%)"]


def test_seventy_percent_boundary_for_baik() -> None:
    limits = distribution_limits(O_BAIK, 10)
    assert check_distribution(limits, counts(B=7, BP=1, SB=2)) == []
    assert [v.message for v in check_distribution(limits, counts(B=8, BP=1, SB=1))] == [
        "Baik: 8 pegawai, maksimal 7 (70%)"
    ]


@pytest.mark.parametrize(
    ("org", "predicate"), [(O_BP, BP), (O_KURANG, K), (O_SK, SK)], ids=["BP", "K", "SK"]
)
def test_exactly_sixty_percent_meets_the_minimum(
    org: OrganisationPredicate, predicate: EmployeePredicate
) -> None:
    actual = {predicate: 6, K if predicate is not K else BP: 2, B: 2}
    assert check_distribution(distribution_limits(org, 10), actual) == []


@pytest.mark.parametrize(
    ("org", "predicate"), [(O_BP, BP), (O_KURANG, K), (O_SK, SK)], ids=["BP", "K", "SK"]
)
def test_below_sixty_percent_is_reported(
    org: OrganisationPredicate, predicate: EmployeePredicate
) -> None:
    actual = {predicate: 5, K if predicate is not K else BP: 2, B: 3}
    violations = check_distribution(distribution_limits(org, 10), actual)
    assert violations == [
        Violation(
            ViolationKind.BELOW_MINIMUM,
            (predicate,),
            6,
            5,
            f"{predicate.label}: 5 pegawai, minimal 6 (60%)",
        )
    ]


@pytest.mark.parametrize(
    ("org", "allowed", "too_many"),
    [
        (O_BP, counts(SB=1, BP=6, K=3), counts(SB=2, BP=6, K=2)),
        (O_KURANG, counts(SB=1, BP=3, K=6), counts(SB=2, BP=2, K=6)),
    ],
    ids=["BP", "K"],
)
def test_exactly_ten_percent_sangat_baik_is_the_most_allowed(
    org: OrganisationPredicate,
    allowed: dict[EmployeePredicate, int],
    too_many: dict[EmployeePredicate, int],
) -> None:
    limits = distribution_limits(org, 10)
    assert check_distribution(limits, allowed) == []
    assert [v.message for v in check_distribution(limits, too_many)] == [
        "Sangat Baik: 2 pegawai, maksimal 1 (10%)"
    ]


def test_strict_rounding_allows_no_sangat_baik_in_a_butuh_perbaikan_unit_of_nine() -> None:
    violations = check_distribution(distribution_limits(O_BP, 9), counts(SB=1, BP=8))
    assert [v.message for v in violations] == ["Sangat Baik: 1 pegawai, maksimal 0 (10%)"]


def test_lenient_rounding_allows_one_sangat_baik_in_a_butuh_perbaikan_unit_of_nine() -> None:
    limits = distribution_limits(O_BP, 9, rounding=Rounding.LENIENT)
    assert check_distribution(limits, counts(SB=1, BP=8)) == []


def test_exactly_ten_percent_butuh_perbaikan_meets_the_kurang_minimum() -> None:
    limits = distribution_limits(O_KURANG, 20)
    assert check_distribution(limits, counts(K=12, BP=2, B=6)) == []
    violations = check_distribution(limits, counts(K=12, BP=1, B=7))
    assert violations == [
        Violation(
            ViolationKind.BELOW_MINIMUM,
            (BP,),
            2,
            1,
            "Butuh Perbaikan: 1 pegawai, minimal 2 (10%)",
        )
    ]


def test_it_reports_every_broken_rule_in_a_stable_order() -> None:
    limits = distribution_limits(O_KURANG, 10)
    violations = check_distribution(limits, counts(SB=3, K=4, B=3))
    assert kinds(violations) == ["above_maximum", "below_minimum", "below_minimum"]
    assert [v.predicates for v in violations] == [(SB,), (BP,), (K,)]


def test_missing_predicates_count_as_zero() -> None:
    assert check_distribution(distribution_limits(O_BP, 3), {BP: 3}) == []


def test_it_rejects_counts_that_do_not_add_up_to_the_headcount() -> None:
    with pytest.raises(ValueError, match="sum to 4, but the limits are for 5 employees"):
        check_distribution(distribution_limits(O_BP, 5), counts(BP=4))


@pytest.mark.parametrize(
    "actual",
    [{"BAIK": 5}, {B: -1, BP: 6}, {B: 2.0, BP: 3}, {B: True, BP: 4}],
    ids=["plain-string-key", "negative", "float", "bool"],
)
def test_it_rejects_malformed_counts(actual: Mapping[EmployeePredicate, int]) -> None:
    with pytest.raises(ValueError, match="must be"):
        check_distribution(distribution_limits(O_BP, 5), actual)


# ----------------------------------------------------------------- unit head


@pytest.mark.parametrize(
    ("org", "expected"),
    [
        (ISTIMEWA, ATAS),
        (O_BAIK, SESUAI),
        (O_BP, BAWAH),
        (O_KURANG, BAWAH),
        (O_SK, BAWAH),
    ],
)
def test_the_unit_head_result_rating_follows_the_unit_capaian(
    org: OrganisationPredicate, expected: Rating
) -> None:
    assert unit_head_result_rating(org) is expected


def test_the_unit_head_mapping_can_be_configured() -> None:
    mapping = dict.fromkeys(OrganisationPredicate, SESUAI) | {O_BP: BAWAH}
    assert unit_head_result_rating(ISTIMEWA, mapping) is SESUAI
    assert unit_head_result_rating(O_BP, mapping) is BAWAH


def test_it_rejects_a_unit_head_mapping_without_the_predicate() -> None:
    with pytest.raises(ValueError, match="No Rating mapped for Kurang"):
        unit_head_result_rating(O_KURANG, {ISTIMEWA: ATAS})


def test_it_rejects_a_unit_head_predicate_given_as_plain_text() -> None:
    with pytest.raises(ValueError, match="organisation_predicate"):
        unit_head_result_rating("ISTIMEWA")


# ----------------------------------------------------------------- angka kredit


def test_the_koefisien_table_has_every_jenjang_with_its_siasn_id() -> None:
    assert [(j.code, j.name, j.koefisien, j.siasn_koefisien_id) for j in KOEFISIEN.values()] == [
        ("PT", "Ahli Pertama", Decimal("12.5"), 12),
        ("MU", "Ahli Muda", Decimal("25"), 22),
        ("MA", "Ahli Madya", Decimal("37.5"), 32),
        ("UT", "Ahli Utama", Decimal("50"), 42),
        ("PM", "Pemula", Decimal("3.75"), 52),
        ("TR", "Terampil", Decimal("5"), 62),
        ("MH", "Mahir", Decimal("12.5"), 72),
        ("PY", "Penyelia", Decimal("25"), 82),
    ]


def test_the_angka_kredit_percentages_follow_the_predicate() -> None:
    assert PREDICATE_AK_PERCENT == {SB: 150, B: 100, BP: 75, K: 50, SK: 25}


# domain.md §1.13: SB, B, BP, K, SK per jenjang.
AK_TABLE = {
    "PT": ("18.75", "12.5", "9.375", "6.25", "3.125"),
    "MU": ("37.5", "25", "18.75", "12.5", "6.25"),
    "MA": ("56.25", "37.5", "28.125", "18.75", "9.375"),
    "UT": ("75", "50", "37.5", "25", "12.5"),
    "PM": ("5.625", "3.75", "2.8125", "1.875", "0.9375"),
    "TR": ("7.5", "5", "3.75", "2.5", "1.25"),
    "MH": ("18.75", "12.5", "9.375", "6.25", "3.125"),
    "PY": ("37.5", "25", "18.75", "12.5", "6.25"),
}


@pytest.mark.parametrize(
    ("jenjang", "predicate", "expected"),
    [
        (code, predicate, Decimal(value))
        for code, values in AK_TABLE.items()
        for predicate, value in zip((SB, B, BP, K, SK), values, strict=True)
    ],
)
def test_annual_angka_kredit_matches_the_table(
    jenjang: str, predicate: EmployeePredicate, expected: Decimal
) -> None:
    result = angka_kredit(jenjang, predicate)
    assert isinstance(result, Decimal)
    assert result == expected


@pytest.mark.parametrize(
    ("jenjang", "predicate", "months", "expected"),
    [
        ("PT", B, 6, "6.25"),
        ("PT", SB, 1, "1.5625"),
        ("MA", BP, 4, "9.375"),
        ("UT", SK, 3, "3.125"),
        ("PM", K, 12, "1.875"),
        ("TR", B, 9, "3.75"),
        ("PT", B, 5, "5.208333333333333333333333333"),
    ],
)
def test_angka_kredit_is_pro_rated_by_months(
    jenjang: str, predicate: EmployeePredicate, months: int, expected: str
) -> None:
    assert angka_kredit(jenjang, predicate, months) == Decimal(expected)


@pytest.mark.parametrize(
    ("predicate", "expected"), [(SB, "5.63"), (BP, "2.81"), (K, "1.88"), (SK, "0.94")]
)
def test_angka_kredit_can_be_rounded_half_up_like_e_kinerja(
    predicate: EmployeePredicate, expected: str
) -> None:
    result = angka_kredit("PM", predicate, places=2)
    assert result == Decimal(expected)
    assert str(result) == expected


def test_angka_kredit_rounds_a_partial_year_only_when_asked() -> None:
    assert angka_kredit("PT", B, 5, places=2) == Decimal("5.21")
    assert angka_kredit("PT", SB, places=0) == Decimal("19")


def test_angka_kredit_accepts_a_jenjang_object_or_a_code_in_any_case() -> None:
    assert angka_kredit(KOEFISIEN["MU"], B) == angka_kredit(" mu ", B) == Decimal("25")


@pytest.mark.parametrize("months", [0, 13, -1, True, 6.0, "12"])
def test_angka_kredit_rejects_months_outside_one_to_twelve(months: object) -> None:
    with pytest.raises(ValueError, match="months must be an integer from 1 to 12"):
        angka_kredit("PT", B, months)


@pytest.mark.parametrize("jenjang", ["XX", "", "Ahli Pertama", 12])
def test_angka_kredit_rejects_an_unknown_jenjang(jenjang: object) -> None:
    with pytest.raises(ValueError, match="Unknown jenjang"):
        angka_kredit(jenjang, B)


def test_angka_kredit_rejects_a_predicate_given_as_plain_text() -> None:
    with pytest.raises(ValueError, match="predicate must be a member of EmployeePredicate"):
        angka_kredit("PT", "BAIK")


@pytest.mark.parametrize("places", [-1, 1.0, True])
def test_angka_kredit_rejects_bad_decimal_places(places: object) -> None:
    with pytest.raises(ValueError, match="places"):
        angka_kredit("PT", B, places=places)
