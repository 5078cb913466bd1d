"""Libur nasional and cuti bersama 2025-2026 (domain.md §4.6) and proposals for later years.

Source: SKB Menteri Agama, Menteri Ketenagakerjaan and MenPAN-RB No. 1017/2024, 2/2024, 2/2024
(2025), amended by No. 933/2025, 1/2025, 3/2025 (cuti bersama 18 August 2025), and
No. 1497/2025, 2/2025, 5/2025 (2026); ASN cuti bersama by Keppres 2/2025 and 42/2025.
Later years are entered by the HR admin from the new SKB; ``suggest_national_holidays``
only proposes the libur nasional, because cuti bersama are decided each year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

HolidayKind = Literal["libur_nasional", "cuti_bersama"]

LIBUR_NASIONAL: Final = "libur_nasional"
CUTI_BERSAMA: Final = "cuti_bersama"
HOLIDAY_KINDS: Final[tuple[HolidayKind, ...]] = (LIBUR_NASIONAL, CUTI_BERSAMA)


@dataclass(frozen=True, slots=True)
class HolidaySeed:
    """One non-working day of the official calendar."""

    date: date
    name: str
    kind: HolidayKind


HOLIDAY_SEEDS: Final[tuple[HolidaySeed, ...]] = (
    HolidaySeed(date(2025, 1, 1), "Tahun Baru 2025 Masehi", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 1, 27), "Isra Mikraj Nabi Muhammad SAW", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 1, 28), "Cuti bersama Tahun Baru Imlek 2576 Kongzili", CUTI_BERSAMA),
    HolidaySeed(date(2025, 1, 29), "Tahun Baru Imlek 2576 Kongzili", LIBUR_NASIONAL),
    HolidaySeed(
        date(2025, 3, 28),
        "Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1947)",
        CUTI_BERSAMA,
    ),
    HolidaySeed(date(2025, 3, 29), "Hari Suci Nyepi (Tahun Baru Saka 1947)", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 3, 31), "Idulfitri 1446 Hijriah (hari ke-1)", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 4, 1), "Idulfitri 1446 Hijriah (hari ke-2)", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 4, 2), "Cuti bersama Idulfitri 1446 Hijriah", CUTI_BERSAMA),
    HolidaySeed(date(2025, 4, 3), "Cuti bersama Idulfitri 1446 Hijriah", CUTI_BERSAMA),
    HolidaySeed(date(2025, 4, 4), "Cuti bersama Idulfitri 1446 Hijriah", CUTI_BERSAMA),
    HolidaySeed(date(2025, 4, 7), "Cuti bersama Idulfitri 1446 Hijriah", CUTI_BERSAMA),
    HolidaySeed(date(2025, 4, 18), "Wafat Yesus Kristus", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 4, 20), "Kebangkitan Yesus Kristus (Paskah)", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 5, 1), "Hari Buruh Internasional", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 5, 12), "Hari Raya Waisak 2569 BE", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 5, 13), "Cuti bersama Hari Raya Waisak 2569 BE", CUTI_BERSAMA),
    HolidaySeed(date(2025, 5, 29), "Kenaikan Yesus Kristus", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 5, 30), "Cuti bersama Kenaikan Yesus Kristus", CUTI_BERSAMA),
    HolidaySeed(date(2025, 6, 1), "Hari Lahir Pancasila", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 6, 6), "Iduladha 1446 Hijriah", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 6, 9), "Cuti bersama Iduladha 1446 Hijriah", CUTI_BERSAMA),
    HolidaySeed(date(2025, 6, 27), "1 Muharam Tahun Baru Islam 1447 Hijriah", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 8, 17), "Proklamasi Kemerdekaan Republik Indonesia", LIBUR_NASIONAL),
    HolidaySeed(
        date(2025, 8, 18),
        "Cuti bersama HUT ke-80 Kemerdekaan RI"
        " (tambahan via SKB perubahan No. 933 Tahun 2025 / No. 1 Tahun 2025 / No. 3 Tahun 2025)",
        CUTI_BERSAMA,
    ),
    HolidaySeed(date(2025, 9, 5), "Maulid Nabi Muhammad SAW", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 12, 25), "Kelahiran Yesus Kristus", LIBUR_NASIONAL),
    HolidaySeed(date(2025, 12, 26), "Cuti bersama Kelahiran Yesus Kristus", CUTI_BERSAMA),
    HolidaySeed(date(2026, 1, 1), "Tahun Baru 2026 Masehi", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 1, 16), "Isra Mikraj Nabi Muhammad SAW", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 2, 16), "Cuti bersama Tahun Baru Imlek 2577 Kongzili", CUTI_BERSAMA),
    HolidaySeed(date(2026, 2, 17), "Tahun Baru Imlek 2577 Kongzili", LIBUR_NASIONAL),
    HolidaySeed(
        date(2026, 3, 18),
        "Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1948)",
        CUTI_BERSAMA,
    ),
    HolidaySeed(date(2026, 3, 19), "Hari Suci Nyepi (Tahun Baru Saka 1948)", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 3, 20), "Cuti bersama Idulfitri 1447 Hijriah", CUTI_BERSAMA),
    HolidaySeed(date(2026, 3, 21), "Idulfitri 1447 Hijriah (hari ke-1)", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 3, 22), "Idulfitri 1447 Hijriah (hari ke-2)", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 3, 23), "Cuti bersama Idulfitri 1447 Hijriah", CUTI_BERSAMA),
    HolidaySeed(date(2026, 3, 24), "Cuti bersama Idulfitri 1447 Hijriah", CUTI_BERSAMA),
    HolidaySeed(date(2026, 4, 3), "Wafat Yesus Kristus", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 4, 5), "Kebangkitan Yesus Kristus (Paskah)", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 5, 1), "Hari Buruh Internasional", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 5, 14), "Kenaikan Yesus Kristus", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 5, 15), "Cuti bersama Kenaikan Yesus Kristus", CUTI_BERSAMA),
    HolidaySeed(date(2026, 5, 27), "Iduladha 1447 Hijriah", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 5, 28), "Cuti bersama Iduladha 1447 Hijriah", CUTI_BERSAMA),
    HolidaySeed(date(2026, 5, 31), "Hari Raya Waisak 2570 BE", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 6, 1), "Hari Lahir Pancasila", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 6, 16), "1 Muharam Tahun Baru Islam 1448 Hijriah", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 8, 17), "Proklamasi Kemerdekaan Republik Indonesia", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 8, 25), "Maulid Nabi Muhammad SAW", LIBUR_NASIONAL),
    HolidaySeed(date(2026, 12, 24), "Cuti bersama Kelahiran Yesus Kristus", CUTI_BERSAMA),
    HolidaySeed(date(2026, 12, 25), "Kelahiran Yesus Kristus", LIBUR_NASIONAL),
)


def suggest_national_holidays(year: int) -> list[HolidaySeed]:
    """Propose the libur nasional of year from the `holidays` package (never cuti bersama)."""
    import holidays  # lazy: only the admin's "propose a new year" action needs it

    language = "id" if "id" in holidays.list_localized_countries().get("ID", ()) else None
    # The package's "government" category holds cuti bersama; only "public" is libur nasional.
    calendar = holidays.country_holidays(
        "ID", years=year, language=language, categories=holidays.PUBLIC
    )
    return [
        HolidaySeed(day, name, LIBUR_NASIONAL)
        for day, name in sorted(calendar.items())
        if day.year == year
    ]
