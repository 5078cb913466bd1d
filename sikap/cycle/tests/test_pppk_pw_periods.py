"""Quarterly evaluation always on for PPPK Paruh Waktu, also in a monthly year (§8.1)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from sikap.cycle.rules import PeriodKind, period_applies, pppk_pw_quarters
from sikap.cycle.services import setup_appraisal_year

D = dt.date


def test_a_monthly_year_has_four_extra_quarters_and_a_quarterly_year_none() -> None:
    assert [(s.start_month, s.end_month) for s in pppk_pw_quarters("bulanan")] == [
        (1, 3),
        (4, 6),
        (7, 9),
        (10, 12),
    ]
    assert pppk_pw_quarters(PeriodKind.TRIWULANAN) == []


@pytest.mark.parametrize(
    ("jenis", "kind", "is_final", "only", "expected"),
    [
        (
            jenis,
            kind,
            is_final,
            only,
            (True if is_final else only if jenis == "PPPK_PW" and kind == "bulanan" else not only),
        )
        for jenis, kind, is_final, only in itertools.product(
            ["PNS", "PPPK", "PPPK_PW", "NON_ASN"],
            ["bulanan", "triwulanan"],
            [True, False],
            [True, False],
        )
    ],
)
def test_who_is_evaluated_in_which_period(jenis, kind, is_final, only, expected) -> None:
    applies = period_applies(
        jenis_asn=jenis, period_kind=kind, is_final=is_final, pppk_pw_only=only
    )
    assert applies is expected


def test_the_rule_spells_out_the_cases() -> None:
    month = {"period_kind": "bulanan", "is_final": False, "pppk_pw_only": False}
    quarter = {**month, "pppk_pw_only": True}
    assert period_applies(jenis_asn="PNS", **month) and not period_applies(
        jenis_asn="PNS", **quarter
    )
    assert period_applies(jenis_asn="PPPK_PW", **quarter)
    assert not period_applies(jenis_asn="PPPK_PW", **month)
    assert period_applies(
        jenis_asn="PPPK_PW", period_kind="triwulanan", is_final=False, pppk_pw_only=False
    )


@pytest.mark.django_db
@pytest.mark.parametrize("annual_final", [False, True])
def test_quarter_boundaries_of_the_pppk_pw_periods_across_two_years(annual_final) -> None:
    y2026 = setup_appraisal_year(
        year=2026, period_kind="bulanan", annual_final=annual_final, by=None
    )
    y2027 = setup_appraisal_year(
        year=2027, period_kind="bulanan", annual_final=annual_final, by=None
    )
    q26 = list(y2026.periods.filter(pppk_pw_only=True).order_by("start_date"))
    assert [(p.name, p.start_date, p.end_date) for p in q26] == [
        ("Triwulan I", D(2026, 1, 1), D(2026, 3, 31)),
        ("Triwulan II", D(2026, 4, 1), D(2026, 6, 30)),
        ("Triwulan III", D(2026, 7, 1), D(2026, 9, 30)),
        ("Triwulan IV", D(2026, 10, 1), D(2026, 12, 31)),
    ]
    assert not any(p.is_final for p in q26)
    # SIASN receives them as quarterly results (periodikId 2); the months stay 1.
    assert q26[0].siasn_periodik_id == 2
    assert y2026.periods.get(number=1).siasn_periodik_id == 1
    # The last quarter's batas pengisian falls in the next year; the next year starts afresh.
    assert q26[-1].deadline == D(2027, 1, 10)
    first_2027 = y2027.periods.filter(pppk_pw_only=True).order_by("start_date").first()
    assert (first_2027.start_date, first_2027.end_date) == (D(2027, 1, 1), D(2027, 3, 31))
    assert y2026.periods.for_everyone().count() == 12 + annual_final
    final = y2026.periods.get(is_final=True)
    assert final.name == ("Tahunan Final" if annual_final else "Desember")
    assert sorted(p.number for p in y2026.periods.all()) == list(range(1, 17 + annual_final))


@pytest.mark.django_db
def test_each_kind_of_employee_gets_its_periods() -> None:
    monthly = setup_appraisal_year(year=2026, period_kind="bulanan", by=None)
    quarterly = setup_appraisal_year(
        year=2027, period_kind="triwulanan", annual_final=True, by=None
    )
    pw = list(monthly.periods.for_jenis("PPPK_PW").order_by("start_date", "number"))
    assert [p.name for p in pw] == [
        "Triwulan I",
        "Triwulan II",
        "Triwulan III",
        "Triwulan IV",
        "Desember",
    ]
    assert all(p.applies_to("PPPK_PW") for p in pw)
    pns = list(monthly.periods.for_jenis("PNS"))
    assert len(pns) == 12 and not any(p.pppk_pw_only or p.applies_to("PPPK_PW") for p in pns[:11])
    assert list(quarterly.periods.for_jenis("PPPK_PW")) == list(quarterly.periods.for_jenis("PNS"))
    assert quarterly.periods.count() == 5
