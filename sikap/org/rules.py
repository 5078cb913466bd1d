"""Reference data of the civil service (domain.md §6.5) as plain values: golongan, eselon, jabatan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class GolonganPns:
    code: str
    siasn_id: int
    pangkat: str

    @property
    def label(self) -> str:
        """The form style ``Penata Muda Tingkat I, III/b``."""
        return f"{self.pangkat}, {self.code}"


GOLONGAN_PNS: tuple[GolonganPns, ...] = (
    GolonganPns("I/a", 11, "Juru Muda"),
    GolonganPns("I/b", 12, "Juru Muda Tingkat I"),
    GolonganPns("I/c", 13, "Juru"),
    GolonganPns("I/d", 14, "Juru Tingkat I"),
    GolonganPns("II/a", 21, "Pengatur Muda"),
    GolonganPns("II/b", 22, "Pengatur Muda Tingkat I"),
    GolonganPns("II/c", 23, "Pengatur"),
    GolonganPns("II/d", 24, "Pengatur Tingkat I"),
    GolonganPns("III/a", 31, "Penata Muda"),
    GolonganPns("III/b", 32, "Penata Muda Tingkat I"),
    GolonganPns("III/c", 33, "Penata"),
    GolonganPns("III/d", 34, "Penata Tingkat I"),
    GolonganPns("IV/a", 41, "Pembina"),
    GolonganPns("IV/b", 42, "Pembina Tingkat I"),
    GolonganPns("IV/c", 43, "Pembina Utama Muda"),
    GolonganPns("IV/d", 44, "Pembina Utama Madya"),
    GolonganPns("IV/e", 45, "Pembina Utama"),
)
GOLONGAN_PNS_BY_CODE = {g.code: g for g in GOLONGAN_PNS}

GOLONGAN_PPPK: tuple[str, ...] = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
)

ESELON: tuple[str, ...] = (
    "I.a",
    "I.b",
    "II.a",
    "II.b",
    "III.a",
    "III.b",
    "IV.a",
    "IV.b",
    "V.a",
    "V.b",
    "NON",
)


def normalise_golongan(raw: str, *, pppk: bool) -> str:
    """Return the canonical golongan code (``III/b`` or ``IX``); raise ValueError if unknown."""
    value = (raw or "").strip()
    if pppk:
        upper = value.upper()
        if upper in GOLONGAN_PPPK:
            return upper
        raise ValueError(
            _("golongan PPPK '%(value)s' is unknown (it must be I–XVII)") % {"value": value}
        )
    compact = value.replace(" ", "").replace(".", "/").replace("-", "/")
    if "/" in compact:
        roman, ruang = compact.split("/", 1)
        candidate = f"{roman.upper()}/{ruang.lower()}"
        if candidate in GOLONGAN_PNS_BY_CODE:
            return candidate
    for golongan in GOLONGAN_PNS:
        if str(golongan.siasn_id) == compact:
            return golongan.code
    raise ValueError(
        _("golongan PNS '%(value)s' is unknown (it must be I/a–IV/e)") % {"value": value}
    )


def golongan_label(code: str, *, pppk: bool) -> str:
    """How the golongan is printed on official forms."""
    if pppk:
        return f"Golongan {code}" if code else ""
    golongan = GOLONGAN_PNS_BY_CODE.get(code)
    return golongan.label if golongan else code


def eselon_for_jenis(jenis: str) -> tuple[str, ...]:
    """The eselon values that fit a jenis jabatan (SIASN ``eselon``)."""
    table = {
        "JPT": ("I.a", "I.b", "II.a", "II.b"),
        "ADMINISTRATOR": ("III.a", "III.b"),
        "PENGAWAS": ("IV.a", "IV.b"),
    }
    return table.get(jenis, ("NON",))


def display_name(name: str, front_title: str = "", back_title: str = "") -> str:
    """A name with its academic titles: ``Dr. Budi Santoso, S.Kom., M.Si.``."""
    full = name.strip()
    if front_title.strip():
        full = f"{front_title.strip()} {full}"
    if back_title.strip():
        full = f"{full}, {back_title.strip()}"
    return full


# HR is reminded this many days before a perjanjian kerja ends (issue 13, item 6).
CONTRACT_REMINDER_DAYS = 60


def contract_reminder_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The end dates whose contract HR should hear about today: from today to 60 days ahead."""
    return today, today + dt.timedelta(days=CONTRACT_REMINDER_DAYS)
