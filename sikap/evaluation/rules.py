"""Pure regulatory rules of the evaluation domain (PermenPAN-RB 6/2022, SE MenPAN-RB 3/2023).

Everything here works on plain values: no Django, no database. See ``domain.md`` §1.6-§1.9,
§1.13 and §7.2.

Kurva distribusi: turning percentages into employee counts (UNCONFIRMED, a setting)
-----------------------------------------------------------------------------------
SE 3/2023 states its rules as percentages of the unit's employees; it does not say how to
round them for small units (a kelurahan may have 5-10 ASN). ``distribution_limits`` takes a
``Rounding`` mode, x being the exact value pct × N / 100:

* ``Rounding.STRICT`` (default): minimum = ceil(x), maximum = floor(x). A distribution
  that passes never has fewer than the stated minimum percentage nor more than the stated
  maximum percentage, so a "no violations" result is always literally compliant.
  Example: "maks 10% Sangat Baik" in a unit of 9 allows 0 (one would be 11%).
* ``Rounding.NEAREST``: minimum and maximum = x rounded half up; a positive minimum is at
  least 1.
* ``Rounding.LENIENT``: minimum = floor(x) but at least 1 when positive, maximum = ceil(x).

In every mode a positive "minimal" percentage therefore needs at least one employee, and
"tidak ada" is a maximum of 0. Every mode then applies the same small-unit fit, which only
changes a limit when the unit is too small for all rules of the organisation predicate to hold
at once, and lists each change in ``DistributionLimits.relaxations``:

1. The maximum of the "sebagian besar" predicate is raised to at least ceil(N / 5), the
   smallest count that can still be the largest of the five groups (only N = 1 under STRICT).
2. The defining predicate keeps its count (the 60% minimum, or one employee reserved for the
   "sebagian besar" predicate); each other minimum ("minimal 10%", "harus ada") is cut to the
   employees left over. Under STRICT this happens only for Baik with N = 1 and for Kurang and
   Sangat Kurang with N = 1 or 2.

With this fit every organisation predicate is feasible at every headcount in every mode. N = 0
gives all-zero limits.

"Sebagian besar (maksimal 70%)" is read as: the largest group (ties allowed) and at most 70%
(UNCONFIRMED reading). The result of ``check_distribution`` is a report for the penilai, not a
hard block: [P6] calls the pola distribusi a consideration for the pimpinan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Context, Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import TypeVar

from django.utils.translation import gettext as _

# --------------------------------------------------------------------------- enums


def _normalise(text: str) -> str:
    """Fold case, underscores and runs of spaces so codes and labels compare equal."""
    return " ".join(text.replace("_", " ").split()).casefold()


_E = TypeVar("_E", bound=StrEnum)


def _require(value: object, cls: type[StrEnum], name: str) -> None:
    """Raise ValueError unless value is a member of the enum cls."""
    if not isinstance(value, cls):
        raise ValueError(f"{name} must be a member of {cls.__name__}, got {value!r}")


def _parse(enum_cls: type[_E], text: object, names: Mapping[_E, tuple[str, ...]]) -> _E:
    """Return the member whose code or one of its names matches text, else raise ValueError."""
    if not isinstance(text, str):
        raise ValueError(f"{enum_cls.__name__}: expected a code or label, got {text!r}")
    wanted = _normalise(text)
    for member in enum_cls:
        if wanted in {_normalise(n) for n in (member.value, *names[member])}:
            return member
    accepted = ", ".join(f"{m.value} ({names[m][0]})" for m in enum_cls)
    raise ValueError(f"Unknown {enum_cls.__name__} {text!r}; expected one of: {accepted}")


def _from_siasn_id(enum_cls: type[_E], value: object, ids: Mapping[_E, int]) -> _E:
    """Return the member with this SIASN id, else raise ValueError."""
    for member, member_id in ids.items():
        if type(value) is int and value == member_id:
            return member
    raise ValueError(
        f"Unknown SIASN id {value!r} for {enum_cls.__name__}; expected {sorted(ids.values())}"
    )


class Rating(StrEnum):
    """Rating Hasil Kerja / Rating Perilaku Kerja (§1.6)."""

    DI_ATAS = "DI_ATAS"
    SESUAI = "SESUAI"
    DI_BAWAH = "DI_BAWAH"

    @property
    def label(self) -> str:
        """Return the label printed on the forms."""
        return _RATING_NAMES[self][0]

    @property
    def siasn_id(self) -> int:
        """Return the SIASN ``perilakuDanKinerja`` id."""
        return _RATING_SIASN_IDS[self]

    @classmethod
    def parse(cls, text: str) -> Rating:
        """Parse a code, form label or SIASN label, ignoring case."""
        return _parse(cls, text, _RATING_NAMES)

    @classmethod
    def from_siasn_id(cls, siasn_id: int) -> Rating:
        """Return the rating with this SIASN ``perilakuDanKinerja`` id."""
        return _from_siasn_id(cls, siasn_id, _RATING_SIASN_IDS)


_RATING_NAMES: Mapping[Rating, tuple[str, ...]] = MappingProxyType(
    {
        Rating.DI_ATAS: ("Di Atas Ekspektasi", "DIATAS ESPEKTASI"),
        Rating.SESUAI: ("Sesuai Ekspektasi", "SESUAI ESPEKTASI"),
        Rating.DI_BAWAH: ("Di Bawah Ekspektasi", "DIBAWAH ESPEKTASI"),
    }
)
_RATING_SIASN_IDS: Mapping[Rating, int] = MappingProxyType(
    {Rating.DI_ATAS: 1, Rating.SESUAI: 2, Rating.DI_BAWAH: 3}
)


class EmployeePredicate(StrEnum):
    """Predikat Kinerja Pegawai (§1.7)."""

    SANGAT_BAIK = "SANGAT_BAIK"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"

    @property
    def label(self) -> str:
        """Return the label printed on the forms."""
        return _EMPLOYEE_NAMES[self][0]

    @property
    def short_code(self) -> str:
        """Return the short code used on the kurva (SB, B, BP, K, SK)."""
        return _EMPLOYEE_NAMES[self][1]

    @property
    def siasn_id(self) -> int:
        """Return the SIASN ``kuadranNilai`` id."""
        return _EMPLOYEE_SIASN_IDS[self]

    @classmethod
    def parse(cls, text: str) -> EmployeePredicate:
        """Parse a code, short code, label or SIASN name, ignoring case."""
        return _parse(cls, text, _EMPLOYEE_NAMES)

    @classmethod
    def from_siasn_id(cls, siasn_id: int) -> EmployeePredicate:
        """Return the predicate with this SIASN ``kuadranNilai`` id."""
        return _from_siasn_id(cls, siasn_id, _EMPLOYEE_SIASN_IDS)


_EMPLOYEE_NAMES: Mapping[EmployeePredicate, tuple[str, ...]] = MappingProxyType(
    {
        EmployeePredicate.SANGAT_BAIK: ("Sangat Baik", "SB"),
        EmployeePredicate.BAIK: ("Baik", "B"),
        EmployeePredicate.BUTUH_PERBAIKAN: ("Butuh Perbaikan", "BP"),
        EmployeePredicate.KURANG: ("Kurang/Misconduct", "K", "Misconduct", "K/M"),
        EmployeePredicate.SANGAT_KURANG: ("Sangat Kurang", "SK"),
    }
)
_EMPLOYEE_SIASN_IDS: Mapping[EmployeePredicate, int] = MappingProxyType(
    {
        EmployeePredicate.SANGAT_BAIK: 1,
        EmployeePredicate.BAIK: 2,
        EmployeePredicate.BUTUH_PERBAIKAN: 3,
        EmployeePredicate.KURANG: 4,
        EmployeePredicate.SANGAT_KURANG: 5,
    }
)

CHART_ORDER: tuple[EmployeePredicate, ...] = (
    EmployeePredicate.SANGAT_KURANG,
    EmployeePredicate.KURANG,
    EmployeePredicate.BUTUH_PERBAIKAN,
    EmployeePredicate.BAIK,
    EmployeePredicate.SANGAT_BAIK,
)


class OrganisationPredicate(StrEnum):
    """Predikat Kinerja Organisasi / capaian kinerja organisasi (§1.8)."""

    ISTIMEWA = "ISTIMEWA"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"

    @property
    def label(self) -> str:
        """Return the label printed on the forms."""
        return _ORGANISATION_NAMES[self][0]

    @classmethod
    def parse(cls, text: str) -> OrganisationPredicate:
        """Parse a code or label (also "Cukup", the SE 3/2023 alias), ignoring case."""
        return _parse(cls, text, _ORGANISATION_NAMES)


_ORGANISATION_NAMES: Mapping[OrganisationPredicate, tuple[str, ...]] = MappingProxyType(
    {
        OrganisationPredicate.ISTIMEWA: ("Istimewa",),
        OrganisationPredicate.BAIK: ("Baik",),
        OrganisationPredicate.BUTUH_PERBAIKAN: (
            "Butuh Perbaikan",
            "Cukup",
            "Butuh Perbaikan/Cukup",
        ),
        OrganisationPredicate.KURANG: ("Kurang",),
        OrganisationPredicate.SANGAT_KURANG: ("Sangat Kurang",),
    }
)

# ------------------------------------------------------------------ kuadran kinerja

_A, _S, _W = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH

# Keys are (Rating Hasil Kerja, Rating Perilaku Kerja). A lookup on purpose: the max()
# formula some SIASN clients use gets (Di Atas, Di Bawah) wrong.
PREDICATE_MATRIX: Mapping[tuple[Rating, Rating], EmployeePredicate] = MappingProxyType(
    {
        (_A, _A): EmployeePredicate.SANGAT_BAIK,
        (_A, _S): EmployeePredicate.BAIK,
        (_A, _W): EmployeePredicate.KURANG,
        (_S, _A): EmployeePredicate.BAIK,
        (_S, _S): EmployeePredicate.BAIK,
        (_S, _W): EmployeePredicate.KURANG,
        (_W, _A): EmployeePredicate.BUTUH_PERBAIKAN,
        (_W, _S): EmployeePredicate.BUTUH_PERBAIKAN,
        (_W, _W): EmployeePredicate.SANGAT_KURANG,
    }
)


def employee_predicate(result_rating: Rating, behaviour_rating: Rating) -> EmployeePredicate:
    """Return the Predikat Kinerja Pegawai from the Kuadran Kinerja table of [P6]."""
    _require(result_rating, Rating, "result_rating")
    _require(behaviour_rating, Rating, "behaviour_rating")
    return PREDICATE_MATRIX[(result_rating, behaviour_rating)]


# ------------------------------------------------------------------ kurva distribusi


class Rounding(StrEnum):
    """How a percentage of the headcount becomes a count of employees (see module docstring)."""

    STRICT = "STRICT"
    NEAREST = "NEAREST"
    LENIENT = "LENIENT"


DEFAULT_ROUNDING = Rounding.STRICT


@dataclass(frozen=True)
class Limit:
    """Allowed number of employees with one predicate; percentages kept for messages."""

    min: int
    max: int
    min_percent: int | None = None
    max_percent: int | None = None
    forbidden: bool = False


@dataclass(frozen=True)
class GroupMinimum:
    """At least ``min`` employees whose predicates together fall in ``predicates``."""

    predicates: tuple[EmployeePredicate, ...]
    min: int
    min_percent: int | None = None
    must_exist: bool = False


@dataclass(frozen=True)
class DistributionLimits:
    """The kurva distribusi rules of one organisation predicate as counts for one unit."""

    organisation_predicate: OrganisationPredicate
    headcount: int
    rounding: Rounding
    per_predicate: dict[EmployeePredicate, Limit]
    group_minimums: tuple[GroupMinimum, ...]
    plurality: EmployeePredicate | None
    relaxations: tuple[str, ...] = ()


@dataclass(frozen=True)
class _CurveRule:
    """One SE 3/2023 rule, in percentages."""

    defining: EmployeePredicate
    plurality: bool = False
    minimums: Mapping[EmployeePredicate, int] = field(default_factory=dict)
    maximums: Mapping[EmployeePredicate, int] = field(default_factory=dict)
    forbidden: frozenset[EmployeePredicate] = frozenset()
    group: tuple[EmployeePredicate, ...] = ()
    group_percent: int | None = None  # None: "harus ada" without a percentage, i.e. one employee


_SB = EmployeePredicate.SANGAT_BAIK
_B = EmployeePredicate.BAIK
_BP = EmployeePredicate.BUTUH_PERBAIKAN
_K = EmployeePredicate.KURANG
_SK = EmployeePredicate.SANGAT_KURANG

_CURVE_RULES: Mapping[OrganisationPredicate, _CurveRule] = MappingProxyType(
    {
        OrganisationPredicate.ISTIMEWA: _CurveRule(
            defining=_SB, plurality=True, maximums=MappingProxyType({_SB: 70})
        ),
        OrganisationPredicate.BAIK: _CurveRule(
            defining=_B, plurality=True, maximums=MappingProxyType({_B: 70}), group=(_BP, _K)
        ),
        OrganisationPredicate.BUTUH_PERBAIKAN: _CurveRule(
            defining=_BP,
            minimums=MappingProxyType({_BP: 60}),
            maximums=MappingProxyType({_SB: 10}),
        ),
        OrganisationPredicate.KURANG: _CurveRule(
            defining=_K,
            minimums=MappingProxyType({_K: 60, _BP: 10}),
            maximums=MappingProxyType({_SB: 10}),
        ),
        OrganisationPredicate.SANGAT_KURANG: _CurveRule(
            defining=_SK,
            minimums=MappingProxyType({_SK: 60}),
            forbidden=frozenset({_SB}),
            group=(_K, _BP),
            group_percent=10,
        ),
    }
)


def _ceil_div(a: int, b: int) -> int:
    """Return ceil(a / b) for non-negative integers."""
    return -(-a // b)


def _minimum_count(percent: int, headcount: int, rounding: Rounding) -> int:
    """Return the count for "minimal percent%" of headcount under a rounding mode."""
    scaled = percent * headcount
    if rounding is Rounding.STRICT:
        count = _ceil_div(scaled, 100)
    elif rounding is Rounding.NEAREST:
        count = (2 * scaled + 100) // 200
    else:
        count = scaled // 100
    return max(count, 1) if scaled > 0 else 0


def _maximum_count(percent: int, headcount: int, rounding: Rounding) -> int:
    """Return the count for "maksimal percent%" of headcount under a rounding mode."""
    scaled = percent * headcount
    if rounding is Rounding.STRICT:
        return scaled // 100
    if rounding is Rounding.NEAREST:
        return (2 * scaled + 100) // 200
    return _ceil_div(scaled, 100)


def _group_label(predicates: tuple[EmployeePredicate, ...]) -> str:
    """Return "A dan/atau B" for the members of a group rule."""
    word = _("and/or")
    return f" {word} ".join(p.label for p in predicates)


def _lowered(label: str, old: int, new: int, reason: str) -> str:
    return _(
        "The minimum of %(predicate)s is lowered from %(old)s to %(new)s employees because "
        "%(reason)s."
    ) % {"predicate": label, "old": old, "new": new, "reason": reason}


def _check_headcount(headcount: object) -> int:
    """Return headcount if it is a non-negative int, else raise ValueError."""
    if type(headcount) is not int or headcount < 0:
        raise ValueError(f"headcount must be a non-negative integer, got {headcount!r}")
    return headcount


def distribution_limits(
    organisation_predicate: OrganisationPredicate,
    headcount: int,
    *,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> DistributionLimits:
    """Return the SE 3/2023 kurva distribusi limits, as counts, for a unit of headcount."""
    _require(organisation_predicate, OrganisationPredicate, "organisation_predicate")
    _require(rounding, Rounding, "rounding")
    n = _check_headcount(headcount)
    rule = _CURVE_RULES[organisation_predicate]
    relaxations: list[str] = []

    per_predicate: dict[EmployeePredicate, Limit] = {}
    for predicate in EmployeePredicate:
        min_pct = rule.minimums.get(predicate)
        max_pct = 0 if predicate in rule.forbidden else rule.maximums.get(predicate)
        low = 0 if min_pct is None else _minimum_count(min_pct, n, rounding)
        high = n if max_pct is None else _maximum_count(max_pct, n, rounding)
        per_predicate[predicate] = Limit(
            min=low,
            max=high,
            min_percent=min_pct,
            max_percent=max_pct,
            forbidden=predicate in rule.forbidden,
        )

    # Fit 1: the "sebagian besar" predicate must be able to be the largest of five groups.
    defining = per_predicate[rule.defining]
    if rule.plurality and defining.max < _ceil_div(n, 5):
        raised = _ceil_div(n, 5)
        relaxations.append(
            _(
                "The maximum of %(predicate)s is raised from %(old)s to %(new)s employees so "
                "that it can still be the largest group of %(n)s employees."
            )
            % {"predicate": rule.defining.label, "old": defining.max, "new": raised, "n": n}
        )
        per_predicate[rule.defining] = replace(defining, max=raised)

    # Fit 2: the defining predicate keeps its seats; other minimums take what is left.
    reserved = per_predicate[rule.defining].min or (1 if rule.plurality and n else 0)
    facts = {"predicate": rule.defining.label, "reserved": reserved, "n": n}
    reason = (
        _(
            "the minimum of %(predicate)s (%(percent)s%%) already needs %(reserved)s of %(n)s employees"
        )
        % {**facts, "percent": rule.minimums[rule.defining]}
        if rule.defining in rule.minimums
        else _("%(reserved)s of %(n)s employees must be %(predicate)s as the largest group") % facts
    )
    for predicate, limit in list(per_predicate.items()):
        if predicate is not rule.defining and limit.min > n - reserved:
            relaxations.append(_lowered(predicate.label, limit.min, n - reserved, reason))
            per_predicate[predicate] = replace(limit, min=n - reserved)

    group_minimums: tuple[GroupMinimum, ...] = ()
    if rule.group:
        if rule.group_percent is None:
            group_min = 1 if n else 0
        else:
            group_min = _minimum_count(rule.group_percent, n, rounding)
        if group_min > n - reserved:
            relaxations.append(_lowered(_group_label(rule.group), group_min, n - reserved, reason))
            group_min = n - reserved
        group_minimums = (
            GroupMinimum(
                predicates=rule.group,
                min=group_min,
                min_percent=rule.group_percent,
                must_exist=True,
            ),
        )

    return DistributionLimits(
        organisation_predicate=organisation_predicate,
        headcount=n,
        rounding=rounding,
        per_predicate=per_predicate,
        group_minimums=group_minimums,
        plurality=rule.defining if rule.plurality else None,
        relaxations=tuple(relaxations),
    )


class ViolationKind(StrEnum):
    """What a distribution breaks."""

    BELOW_MINIMUM = "below_minimum"
    ABOVE_MAXIMUM = "above_maximum"
    NOT_PLURALITY = "not_plurality"
    MUST_EXIST = "must_exist"
    MUST_NOT_EXIST = "must_not_exist"


@dataclass(frozen=True)
class Violation:
    """One broken kurva distribusi rule; ``predicates`` has one member unless a group rule."""

    kind: ViolationKind
    predicates: tuple[EmployeePredicate, ...]
    expected: int
    actual: int
    message: str


def _percent_suffix(percent: int | None) -> str:
    """Return " (70%)" for a percentage, or nothing."""
    return "" if percent is None else f" ({percent}%)"


def _at_least(facts: dict[str, object], limit: int, percent: int | None) -> str:
    return _("%(predicate)s: %(count)s employees, at least %(limit)s%(percent)s") % {
        **facts,
        "limit": limit,
        "percent": _percent_suffix(percent),
    }


def check_distribution(
    limits: DistributionLimits, actual: Mapping[EmployeePredicate, int]
) -> list[Violation]:
    """Return the rules of limits that the actual counts per predicate break (missing = 0)."""
    counts: dict[EmployeePredicate, int] = dict.fromkeys(EmployeePredicate, 0)
    for predicate, count in actual.items():
        if not isinstance(predicate, EmployeePredicate):
            raise ValueError(f"actual keys must be EmployeePredicate, got {predicate!r}")
        if type(count) is not int or count < 0:
            raise ValueError(f"{predicate.label}: count must be a non-negative integer")
        counts[predicate] = count
    if sum(counts.values()) != limits.headcount:
        raise ValueError(
            f"actual counts sum to {sum(counts.values())}, "
            f"but the limits are for {limits.headcount} employees"
        )

    violations: list[Violation] = []
    for predicate in EmployeePredicate:
        limit, count = limits.per_predicate[predicate], counts[predicate]
        facts = {"predicate": predicate.label, "count": count}
        if limit.forbidden and count > 0:
            violations.append(
                Violation(
                    ViolationKind.MUST_NOT_EXIST,
                    (predicate,),
                    0,
                    count,
                    _("%(predicate)s: %(count)s employees, there should be none") % facts,
                )
            )
        elif count > limit.max:
            violations.append(
                Violation(
                    ViolationKind.ABOVE_MAXIMUM,
                    (predicate,),
                    limit.max,
                    count,
                    _("%(predicate)s: %(count)s employees, at most %(limit)s%(percent)s")
                    % {**facts, "limit": limit.max, "percent": _percent_suffix(limit.max_percent)},
                )
            )
        if count < limit.min:
            violations.append(
                Violation(
                    ViolationKind.BELOW_MINIMUM,
                    (predicate,),
                    limit.min,
                    count,
                    _at_least(facts, limit.min, limit.min_percent),
                )
            )

    for group in limits.group_minimums:
        count = sum(counts[p] for p in group.predicates)
        if count >= group.min:
            continue
        facts = {"predicate": _group_label(group.predicates), "count": count}
        if group.must_exist and count == 0:
            kind = ViolationKind.MUST_EXIST
            message = _(
                "%(predicate)s: %(count)s employees, there must be at least %(limit)s%(percent)s"
            ) % {**facts, "limit": group.min, "percent": _percent_suffix(group.min_percent)}
        else:
            kind = ViolationKind.BELOW_MINIMUM
            message = _at_least(facts, group.min, group.min_percent)
        violations.append(Violation(kind, group.predicates, group.min, count, message))

    if limits.plurality is not None:
        leader = limits.plurality
        rivals = [p for p in CHART_ORDER[::-1] if p is not leader]
        largest = max(rivals, key=lambda p: counts[p])
        if counts[largest] > counts[leader]:
            violations.append(
                Violation(
                    ViolationKind.NOT_PLURALITY,
                    (leader,),
                    counts[largest],
                    counts[leader],
                    _(
                        "%(predicate)s: %(count)s employees, must be the largest group "
                        "(%(largest)s: %(largest_count)s employees)"
                    )
                    % {
                        "predicate": leader.label,
                        "count": counts[leader],
                        "largest": largest.label,
                        "largest_count": counts[largest],
                    },
                )
            )
    return violations


# ------------------------------------------------------------------ unit head

DEFAULT_UNIT_HEAD_RATING: Mapping[OrganisationPredicate, Rating] = MappingProxyType(
    {
        OrganisationPredicate.ISTIMEWA: Rating.DI_ATAS,
        OrganisationPredicate.BAIK: Rating.SESUAI,
        OrganisationPredicate.BUTUH_PERBAIKAN: Rating.DI_BAWAH,
        OrganisationPredicate.KURANG: Rating.DI_BAWAH,
        OrganisationPredicate.SANGAT_KURANG: Rating.DI_BAWAH,
    }
)


def unit_head_result_rating(
    organisation_predicate: OrganisationPredicate,
    mapping: Mapping[OrganisationPredicate, Rating] = DEFAULT_UNIT_HEAD_RATING,
) -> Rating:
    """Return the unit head's Rating Hasil Kerja for the unit's capaian (mapping UNCONFIRMED)."""
    _require(organisation_predicate, OrganisationPredicate, "organisation_predicate")
    rating = mapping.get(organisation_predicate)
    if not isinstance(rating, Rating):
        raise ValueError(f"No Rating mapped for {organisation_predicate.label}")
    return rating


# ------------------------------------------------------------------ angka kredit


@dataclass(frozen=True)
class Jenjang:
    """A jenjang jabatan fungsional with its annual angka kredit koefisien (§1.13)."""

    code: str
    name: str
    koefisien: Decimal
    siasn_koefisien_id: int  # the SIASN ``koefisien`` row for predikat Baik (100%)


KOEFISIEN: Mapping[str, Jenjang] = MappingProxyType(
    {
        j.code: j
        for j in (
            Jenjang("PT", "Ahli Pertama", Decimal("12.5"), 12),
            Jenjang("MU", "Ahli Muda", Decimal("25"), 22),
            Jenjang("MA", "Ahli Madya", Decimal("37.5"), 32),
            Jenjang("UT", "Ahli Utama", Decimal("50"), 42),
            Jenjang("PM", "Pemula", Decimal("3.75"), 52),
            Jenjang("TR", "Terampil", Decimal("5"), 62),
            Jenjang("MH", "Mahir", Decimal("12.5"), 72),
            Jenjang("PY", "Penyelia", Decimal("25"), 82),
        )
    }
)

PREDICATE_AK_PERCENT: Mapping[EmployeePredicate, int] = MappingProxyType(
    {_SB: 150, _B: 100, _BP: 75, _K: 50, _SK: 25}
)

# Enough digits that every terminating result is exact; others are rounded half even.
_AK_CONTEXT = Context(prec=28)


def angka_kredit(
    jenjang: str | Jenjang,
    predicate: EmployeePredicate,
    months: int = 12,
    *,
    places: int | None = None,
) -> Decimal:
    """Return AK = months / 12 × predikat % × koefisien; places rounds half up (5.625 → 5.63)."""
    if isinstance(jenjang, Jenjang):
        level = jenjang
    elif isinstance(jenjang, str) and jenjang.strip().upper() in KOEFISIEN:
        level = KOEFISIEN[jenjang.strip().upper()]
    else:
        raise ValueError(f"Unknown jenjang {jenjang!r}; expected one of {', '.join(KOEFISIEN)}")
    _require(predicate, EmployeePredicate, "predicate")
    if type(months) is not int or not 1 <= months <= 12:
        raise ValueError(f"months must be an integer from 1 to 12, got {months!r}")
    if places is not None and (type(places) is not int or places < 0):
        raise ValueError(f"places must be a non-negative integer, got {places!r}")

    exact = Fraction(level.koefisien) * PREDICATE_AK_PERCENT[predicate] * months / 1200
    if places is None:
        return _AK_CONTEXT.divide(Decimal(exact.numerator), Decimal(exact.denominator))
    scaled = exact * 10**places
    return Decimal((2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)).scaleb(
        -places
    )


# ------------------------------------------------------------------ 360° feedback (§1.12)

PEER_LEVELS: tuple[Rating, ...] = (Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH)


@dataclass(frozen=True)
class PeerValueCounts:
    """How many respondents saw one core value at each level (evidence, never a rating)."""

    value: str
    counts: tuple[tuple[Rating, int], ...]


def peer_aggregate(
    counts: Mapping[str, Mapping[str, int]], answered: int, minimum: int, values: tuple[str, ...]
) -> tuple[PeerValueCounts, ...] | None:
    """The counts per value and level once ``answered`` reaches ``minimum`` (at least 2), else None.

    Fewer answers would let the employee or the penilai tell who said what, so nothing is shown.
    """
    if answered < max(minimum, 2):
        return None
    return tuple(
        PeerValueCounts(
            value=value,
            counts=tuple(
                (level, int(counts.get(value, {}).get(level.value, 0))) for level in PEER_LEVELS
            ),
        )
        for value in values
    )


def add_peer_answer(
    counts: Mapping[str, Mapping[str, int]], answer: Mapping[str, str], values: tuple[str, ...]
) -> dict[str, dict[str, int]]:
    """The counts with one complete answer (one level for every value) added."""
    if set(answer) != set(values):
        raise ValueError("an answer gives one level for every core value")
    levels = {level.value for level in PEER_LEVELS}
    result = {value: {k: int(v) for k, v in counts.get(value, {}).items()} for value in values}
    for value, level in answer.items():
        if level not in levels:
            raise ValueError(f"unknown level {level!r}")
        result[value][level] = result[value].get(level, 0) + 1
    return result
