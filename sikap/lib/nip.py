"""NIP PNS and NI PPPK parsing (Perka BKN 22/2007; domain.md §6.4).

A NIP PNS is 18 digits: birth date YYYYMMDD, TMT CPNS YYYYMM, gender digit (1 pria,
2 wanita) and a 3-digit sequence. An NI PPPK is also 18 digits; its layout is known only from
one implementation (UNCONFIRMED): birth date, TMT year (4 digits), the marker ``2``, one digit
for the intake (angkatan), the gender digit and a 3-digit sequence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

NIP_LENGTH = 18
MIN_AGE_AT_TMT = 18


class Gender(StrEnum):
    PRIA = "L"
    WANITA = "P"


class NipKind(StrEnum):
    PNS = "PNS"
    PPPK = "PPPK"


class NipError(ValueError):
    """A NIP that breaks one of the rules; the message is in the user's language."""


@dataclass(frozen=True)
class ParsedNip:
    nip: str
    kind: NipKind
    birth_date: dt.date
    tmt_year: int
    tmt_month: int | None
    gender: Gender
    sequence: int

    @property
    def formatted(self) -> str:
        """The printed form with groups separated by spaces."""
        return format_nip(self.nip, self.kind)


_SEPARATORS = re.compile(r"[\s.\-]")


def normalise_nip(raw: str) -> str:
    """Remove the spaces, dots and dashes people type inside a NIP."""
    return _SEPARATORS.sub("", raw or "")


def format_nip(nip: str, kind: NipKind = NipKind.PNS) -> str:
    """Print a NIP in groups: ``19660801 198803 1 001`` (PPPK: ``20001231 2024 2 1 1 001``)."""
    if len(nip) != NIP_LENGTH:
        return nip
    if kind is NipKind.PPPK:
        return f"{nip[:8]} {nip[8:12]} {nip[12]} {nip[13]} {nip[14]} {nip[15:]}"
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def printed_nip(raw: str) -> str:
    """Any stored NIP (spaced or not) printed one way; the NI PPPK has the marker 2 where a
    NIP PNS has the first digit of the TMT month (0 or 1)."""
    nip = normalise_nip(raw)
    if len(nip) != NIP_LENGTH or not nip.isdigit():
        return raw
    return format_nip(nip, NipKind.PPPK if nip[12] == "2" else NipKind.PNS)


def _birth_date(nip: str) -> dt.date:
    try:
        return dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipError(
            _("birth date %(date)s is not valid") % {"date": f"{nip[6:8]}-{nip[4:6]}-{nip[0:4]}"}
        ) from None


def _gender(digit: str) -> Gender:
    if digit == "1":
        return Gender.PRIA
    if digit == "2":
        return Gender.WANITA
    raise NipError(
        _("the gender digit must be 1 (male) or 2 (female), not %(digit)s") % {"digit": digit}
    )


def _check_shape(nip: str) -> None:
    if not nip.isdigit() or not nip.isascii():
        raise NipError(_("a NIP may only contain digits"))
    if len(nip) != NIP_LENGTH:
        raise NipError(
            _("a NIP has %(length)s digits, not %(found)s")
            % {"length": NIP_LENGTH, "found": len(nip)}
        )


def _check_tmt(birth: dt.date, tmt_year: int, tmt_month: int | None, today: dt.date) -> None:
    if tmt_month is not None and not 1 <= tmt_month <= 12:
        raise NipError(
            _("TMT month %(month)s is not valid (it must be 01–12)") % {"month": f"{tmt_month:02d}"}
        )
    if tmt_year <= birth.year:
        raise NipError(
            _("TMT %(year)s may not be before or in the year of birth") % {"year": tmt_year}
        )
    if tmt_year - birth.year < MIN_AGE_AT_TMT:
        raise NipError(
            _("the age at TMT %(year)s is under %(minimum)s years")
            % {"year": tmt_year, "minimum": MIN_AGE_AT_TMT}
        )
    if tmt_year > today.year + 1:
        raise NipError(_("TMT %(year)s is in the future") % {"year": tmt_year})


def parse_pns_nip(raw: str, *, today: dt.date | None = None) -> ParsedNip:
    """Parse and validate a NIP PNS; raise NipError saying what is wrong."""
    nip = normalise_nip(raw)
    _check_shape(nip)
    today = today or dt.date.today()
    birth = _birth_date(nip)
    if birth > today:
        raise NipError(_("the birth date is in the future"))
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    _check_tmt(birth, tmt_year, tmt_month, today)
    gender = _gender(nip[14])
    return ParsedNip(nip, NipKind.PNS, birth, tmt_year, tmt_month, gender, int(nip[15:]))


def looks_like_pppk(raw: str) -> bool:
    """Heuristic only: digit 13 is ``2`` in an NI PPPK (UNCONFIRMED layout)."""
    nip = normalise_nip(raw)
    return len(nip) == NIP_LENGTH and nip.isdigit() and nip[12] == "2"


def parse_pppk_nip(raw: str, *, today: dt.date | None = None) -> ParsedNip:
    """Parse and validate an NI PPPK per the heuristic layout; raise NipError on problems."""
    nip = normalise_nip(raw)
    _check_shape(nip)
    today = today or dt.date.today()
    birth = _birth_date(nip)
    if birth > today:
        raise NipError(_("the birth date is in the future"))
    tmt_year = int(nip[8:12])
    _check_tmt(birth, tmt_year, None, today)
    if nip[12] != "2":
        raise NipError(_("digit 13 of an NI PPPK must be 2 (the PPPK mark)"))
    gender = _gender(nip[14])
    return ParsedNip(nip, NipKind.PPPK, birth, tmt_year, None, gender, int(nip[15:]))


def parse_nip(raw: str, kind: NipKind, *, today: dt.date | None = None) -> ParsedNip:
    """Parse a NIP of the given kind of ASN."""
    if kind is NipKind.PPPK:
        return parse_pppk_nip(raw, today=today)
    return parse_pns_nip(raw, today=today)
