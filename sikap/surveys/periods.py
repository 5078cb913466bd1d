"""Survey periods (triwulan, semester, tahun) named by a short key such as ``2026-S1``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class SurveyPeriod:
    key: str
    label: str
    start: dt.date
    end: dt.date


def _quarter(year: int, q: int) -> SurveyPeriod:
    start = dt.date(year, 3 * q - 2, 1)
    end_month = 3 * q
    end = dt.date(year, 12, 31) if q == 4 else dt.date(year, end_month + 1, 1) - dt.timedelta(1)
    return SurveyPeriod(
        f"{year}-T{q}", f"Triwulan {['I', 'II', 'III', 'IV'][q - 1]} {year}", start, end
    )


def periods_of(year: int) -> list[SurveyPeriod]:
    """The year, its two semesters and its four quarters."""
    return [
        SurveyPeriod(str(year), f"Tahun {year}", dt.date(year, 1, 1), dt.date(year, 12, 31)),
        SurveyPeriod(f"{year}-S1", f"Semester I {year}", dt.date(year, 1, 1), dt.date(year, 6, 30)),
        SurveyPeriod(
            f"{year}-S2", f"Semester II {year}", dt.date(year, 7, 1), dt.date(year, 12, 31)
        ),
        *(_quarter(year, q) for q in range(1, 5)),
    ]


def parse_period(key: str | None, *, today: dt.date) -> SurveyPeriod:
    """The period named by ``key``; the current year when the key is missing or unknown."""
    if key:
        try:
            year = int(key[:4])
        except ValueError:
            year = 0
        if 2000 <= year <= 2100:
            for period in periods_of(year):
                if period.key == key:
                    return period
    return periods_of(today.year)[0]
