"""Survei Kepuasan Masyarakat (SKM) and its index (IKM) per PermenPAN-RB 14/2017 (domain.md §3).

All arithmetic is exact (``Fraction``); only values meant for display are turned into
``Decimal``, and the IKM itself is rounded once, at the end, to 2 decimals half up.

An unsur that no respondent answered is left out of the index: the weight is spread over the
unsur that were answered ("Total unsur yang terisi" in [P14]), so the index stays on the
25-100 scale instead of being dragged down by an empty question. The result lists such unsur
in ``IkmResult.unanswered`` so that the report can say so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

MIN_ANSWER = 1
MAX_ANSWER = 4
MIN_AGE = 10  # respondents' age as asked on the questionnaire
MAX_AGE = 120
CONVERSION_FACTOR = 25
IKM_MIN = Decimal(25)
IKM_MAX = Decimal(100)
IKM_PLACES = 2
DISPLAY_PLACES = 4
WORKSHEET_PLACES = 3

# Krejcie & Morgan (1970): chi-square for 1 df at 95 %, population proportion, margin of error.
CHI_SQUARE = Fraction("3.841")
PROPORTION = Fraction(1, 2)
MARGIN = Fraction(1, 20)


@dataclass(frozen=True, slots=True)
class Unsur:
    """One of the service elements asked in the questionnaire, with its four answer labels."""

    code: str
    name: str
    question: str
    answers: tuple[str, str, str, str]

    def answer_label(self, value: int) -> str:
        """The label shown for an answer value 1..4."""
        _check_answer(self.code, value)
        return self.answers[value - 1]


UNSUR: tuple[Unsur, ...] = (
    Unsur(
        "U1",
        "Persyaratan",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
        "pelayanannya?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Unsur(
        "U2",
        "Sistem, Mekanisme, dan Prosedur",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    Unsur(
        "U3",
        "Waktu Penyelesaian",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    Unsur(
        "U4",
        "Biaya/Tarif",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    Unsur(
        "U5",
        "Produk Spesifikasi Jenis Pelayanan",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
        "dalam standar pelayanan dengan hasil yang diberikan?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Unsur(
        "U6",
        "Kompetensi Pelaksana",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    Unsur(
        "U7",
        "Perilaku Pelaksana",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
        "dan keramahan?",
        (
            "Tidak sopan dan ramah",
            "Kurang sopan dan ramah",
            "Sopan dan ramah",
            "Sangat sopan dan ramah",
        ),
    ),
    Unsur(
        "U8",
        "Sarana dan Prasarana",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        ("Buruk", "Cukup", "Baik", "Sangat Baik"),
    ),
    Unsur(
        "U9",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        (
            "Tidak ada",
            "Ada tetapi tidak berfungsi",
            "Berfungsi kurang maksimal",
            "Dikelola dengan baik",
        ),
    ),
)

UNSUR_CODES: tuple[str, ...] = tuple(u.code for u in UNSUR)


@dataclass(frozen=True, slots=True)
class Band:
    """A row of the interval table on the converted (25-100) scale, both ends inclusive."""

    quality: str
    performance: str
    minimum: Decimal
    maximum: Decimal


BANDS: tuple[Band, ...] = (
    Band("D", "Tidak Baik", Decimal("25.00"), Decimal("64.99")),
    Band("C", "Kurang Baik", Decimal("65.00"), Decimal("76.60")),
    Band("B", "Baik", Decimal("76.61"), Decimal("88.30")),
    Band("A", "Sangat Baik", Decimal("88.31"), Decimal("100.00")),
)


class Weight(StrEnum):
    """How each unsur is weighted: exact 1/n, or 1/n cut to 3 decimals (0.111 for nine)."""

    EXACT = "exact"
    WORKSHEET = "worksheet"

    def factor(self, unsur_count: int = len(UNSUR)) -> Fraction:
        """The weight of one unsur when ``unsur_count`` unsur have answers."""
        if unsur_count < 1:
            raise ValueError("unsur_count must be at least 1")
        exact = Fraction(1, unsur_count)
        if self is Weight.EXACT:
            return exact
        # Cut rather than rounded (1/9 gives 0.111 either way) so n x weight never exceeds 1.
        return Fraction(_to_decimal(exact, WORKSHEET_PLACES, truncate=True))


@dataclass(frozen=True)
class IkmResult:
    """The index of one survey period; exact values are kept next to the display values."""

    respondents: int
    weight: Weight
    weight_factor: Fraction
    nrr_exact: dict[str, Fraction]
    nrr: dict[str, Decimal]
    unanswered: tuple[str, ...]
    ikm_perception_exact: Fraction
    ikm_perception: Decimal
    ikm: Decimal
    quality: str
    performance: str

    @property
    def weighted_nrr(self) -> dict[str, Decimal]:
        """NRR tertimbang per answered unsur (NRR x weight), for the report table."""
        return {
            code: _to_decimal(value * self.weight_factor, DISPLAY_PLACES)
            for code, value in self.nrr_exact.items()
        }


def _to_decimal(value: Fraction, places: int, *, truncate: bool = False) -> Decimal:
    """A non-negative exact value at ``places`` decimals, rounded half up (or cut)."""
    scaled = value * 10**places
    whole = math.floor(scaled if truncate else scaled + Fraction(1, 2))
    return Decimal(whole).scaleb(-places)


def _check_answer(code: str, value: object) -> int:
    """Return a valid answer 1..4 or raise ValueError naming the unsur."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{code}: answer must be an integer 1-4, got {value!r}")
    if not MIN_ANSWER <= value <= MAX_ANSWER:
        raise ValueError(f"{code}: answer must be 1-4, got {value}")
    return value


def _check_count(name: str, value: object) -> int:
    """Return a non-negative int or raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    return value


def nrr(answers_per_unsur: Mapping[str, Iterable[int | None]]) -> dict[str, Fraction]:
    """NRR per unsur: sum of answers / number of answers; blanks and unanswered unsur skipped."""
    result: dict[str, Fraction] = {}
    for code, answers in answers_per_unsur.items():
        given = [_check_answer(code, a) for a in answers if a is not None]
        if given:
            result[code] = Fraction(sum(given), len(given))
    return result


def classify(ikm_value: Decimal | int, *, bands: Sequence[Band] = BANDS) -> tuple[str, str]:
    """Mutu pelayanan and kinerja unit for a converted IKM, compared at 2 decimals half up."""
    if isinstance(ikm_value, bool) or not isinstance(ikm_value, Decimal | int):
        raise TypeError(f"IKM must be a Decimal or int, got {type(ikm_value).__name__}")
    value = Decimal(ikm_value)
    if not value.is_finite() or not IKM_MIN <= value <= IKM_MAX:
        raise ValueError(f"IKM must be between {IKM_MIN} and {IKM_MAX}, got {ikm_value}")
    rounded = value.quantize(Decimal(1).scaleb(-IKM_PLACES), rounding=ROUND_HALF_UP)
    for band in bands:
        if band.minimum <= rounded <= band.maximum:
            return band.quality, band.performance
    raise ValueError(f"IKM {rounded} falls in no band of the interval table")


def ikm_from_totals(
    totals: Mapping[str, tuple[int, int]],
    *,
    weight: Weight = Weight.EXACT,
    respondents: int | None = None,
    unsur_codes: Sequence[str] = UNSUR_CODES,
    bands: Sequence[Band] = BANDS,
) -> IkmResult:
    """IKM from per-unsur (sum of answers, number of answers), as printed in SKM reports."""
    unknown = set(totals) - set(unsur_codes)
    if unknown:
        raise ValueError(f"unknown unsur: {', '.join(sorted(unknown))}")
    exact: dict[str, Fraction] = {}
    unanswered: list[str] = []
    largest_count = 0
    for code in unsur_codes:
        total, count = totals.get(code, (0, 0))
        _check_count(f"{code} sum", total)
        _check_count(f"{code} count", count)
        if not MIN_ANSWER * count <= total <= MAX_ANSWER * count:
            raise ValueError(f"{code}: sum {total} is impossible for {count} answers of 1-4")
        if count:
            exact[code] = Fraction(total, count)
            largest_count = max(largest_count, count)
        else:
            unanswered.append(code)
    if not exact:
        raise ValueError("no unsur has any answer: the IKM cannot be computed")
    if respondents is None:
        respondents = largest_count
    elif _check_count("respondents", respondents) < largest_count:
        raise ValueError(f"respondents ({respondents}) is fewer than the answers to one unsur")
    factor = weight.factor(len(exact))
    perception = sum(exact.values(), Fraction(0)) * factor
    ikm = _to_decimal(perception * CONVERSION_FACTOR, IKM_PLACES)
    # The cut worksheet weight puts all-1 answers at 24.98, below the scale: lowest band.
    quality, performance = classify(max(ikm, IKM_MIN), bands=bands)
    return IkmResult(
        respondents=respondents,
        weight=weight,
        weight_factor=factor,
        nrr_exact=exact,
        nrr={code: _to_decimal(value, DISPLAY_PLACES) for code, value in exact.items()},
        unanswered=tuple(unanswered),
        ikm_perception_exact=perception,
        ikm_perception=_to_decimal(perception, DISPLAY_PLACES),
        ikm=ikm,
        quality=quality,
        performance=performance,
    )


def compute_ikm(
    responses: Iterable[Mapping[str, int | None]],
    *,
    weight: Weight = Weight.EXACT,
    unsur_codes: Sequence[str] = UNSUR_CODES,
    bands: Sequence[Band] = BANDS,
) -> IkmResult:
    """IKM of a set of responses (unsur code -> answer 1..4, None or absent when blank)."""
    known = set(unsur_codes)
    totals = {code: [0, 0] for code in unsur_codes}
    respondents = 0
    for response in responses:
        unknown = set(response) - known
        if unknown:
            raise ValueError(f"unknown unsur: {', '.join(sorted(unknown))}")
        answered = False
        for code, value in response.items():
            if value is None:
                continue
            totals[code][0] += _check_answer(code, value)
            totals[code][1] += 1
            answered = True
        if answered:
            respondents += 1
    return ikm_from_totals(
        {code: (total, count) for code, (total, count) in totals.items()},
        weight=weight,
        respondents=respondents,
        unsur_codes=unsur_codes,
        bands=bands,
    )


def lowest_unsur(result: IkmResult) -> list[str]:
    """Codes of the answered unsur with the lowest NRR (all of them on a tie), in unsur order."""
    lowest = min(result.nrr_exact.values())
    return [code for code, value in result.nrr_exact.items() if value == lowest]


def required_sample(population: int) -> int:
    """Krejcie & Morgan sample size for a population, rounded to the nearest integer half up."""
    if isinstance(population, bool) or not isinstance(population, int) or population < 1:
        raise ValueError(f"population must be a positive integer, got {population!r}")
    variance = PROPORTION * (1 - PROPORTION)
    size = (CHI_SQUARE * population * variance) / (
        MARGIN**2 * (population - 1) + CHI_SQUARE * variance
    )
    return math.floor(size + Fraction(1, 2))


def sample_sufficient(respondents: int, population: int) -> bool:
    """Whether the number of respondents reaches the Krejcie & Morgan sample for the population."""
    return _check_count("respondents", respondents) >= required_sample(population)


# An answer of 1 (tidak baik) or 2 (kurang baik) on any unsur: the thank-you page then offers
# the complaint form. A decision of ours (the regulation says nothing about it).
UNHAPPY_AT_MOST = 2


def is_unhappy(answers: Mapping[str, int | None]) -> bool:
    """True when the citizen rated at least one unsur 1 or 2 (skipped unsur do not count)."""
    return any(v is not None and v <= UNHAPPY_AT_MOST for v in answers.values())
