"""A PPPK Paruh Waktu of a monthly year is evaluated quarterly (domain.md §8.1)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.cycle.services import setup_appraisal_year
from sikap.evaluation.tests.test_evaluation_services import rate
from sikap.org.models import JenisAsn
from sikap.planning.testing import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def monthly(personas):
    year = setup_appraisal_year(year=2026, period_kind="bulanan", by=None)
    personas.peer.jenis_asn = JenisAsn.PPPK_PW
    personas.peer.save()
    return {
        "year": year,
        "pw": make_plan(personas.peer, year, penilai=personas.penilai, atasan=personas.lurah),
        "pns": make_plan(personas.pegawai, year, penilai=personas.penilai, atasan=personas.lurah),
        "quarter": year.periods.get(pppk_pw_only=True, start_date__month=4),
        "month": year.periods.get(number=4),
    }


def test_the_penilai_rates_a_pppk_paruh_waktu_by_quarter_and_a_pns_by_month(personas, monthly):
    by = personas.penilai.user
    assert rate(monthly["pw"], monthly["quarter"], by).period == monthly["quarter"]
    assert rate(monthly["pns"], monthly["month"], by).period == monthly["month"]
    for plan, period in ((monthly["pw"], monthly["month"]), (monthly["pns"], monthly["quarter"])):
        with pytest.raises(ValidationError) as exc:
            rate(plan, period, by)
        assert exc.value.error_dict["period"][0].code == "period_not_for_employee"


def test_the_evaluation_page_exists_only_for_the_periods_of_the_employee(personas, monthly, login):
    client = login(personas.penilai.user)

    def status(plan, period):
        return client.get(reverse("evaluation:evaluate", args=[plan.pk, period.pk])).status_code

    assert status(monthly["pw"], monthly["quarter"]) == 200
    assert status(monthly["pw"], monthly["month"]) == 404
    assert status(monthly["pns"], monthly["month"]) == 200
    assert status(monthly["pns"], monthly["quarter"]) == 404
    final = monthly["year"].periods.get(is_final=True)
    assert status(monthly["pw"], final) == status(monthly["pns"], final) == 200


def test_the_team_table_shows_the_quarters_only_to_the_pppk_paruh_waktu(personas, monthly, login):
    import time_machine

    with time_machine.travel("2026-11-27 10:00 +0700"):
        page = login(personas.penilai.user).get(reverse("evaluation:index"))
    team = {row["plan"].employee_id: row["cells"] for row in page.context["team"]}
    quarter_pk = monthly["quarter"].pk
    month_pk = monthly["month"].pk
    pw = {p.pk: applies for p, _ev, applies in team[personas.peer.pk]}
    pns = {p.pk: applies for p, _ev, applies in team[personas.pegawai.pk]}
    assert (pw[quarter_pk], pw[month_pk]) == (True, False)
    assert (pns[quarter_pk], pns[month_pk]) == (False, True)
    html = page.content.decode()
    url = reverse("evaluation:evaluate", args=[monthly["pw"].pk, quarter_pk])
    assert url in html
    assert reverse("evaluation:evaluate", args=[monthly["pns"].pk, quarter_pk]) not in html
    # The calibration table keeps the year's own periods.
    assert all(not p.pppk_pw_only for p in page.context["periods"])


def test_the_realisation_page_of_a_pppk_paruh_waktu_offers_the_quarters(personas, monthly, login):
    from sikap.planning.views.common import plan_periods

    names = [p.name for p in plan_periods(monthly["pw"])]
    assert names == ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "Desember"]
    assert len(plan_periods(monthly["pns"])) == 12


def test_the_siasn_record_of_a_pppk_paruh_waktu_quarter_is_quarterly(personas, monthly):
    from sikap.evaluation.siasn import periodic_record

    by = personas.penilai.user
    quarter = periodic_record(rate(monthly["pw"], monthly["quarter"], by))
    month = periodic_record(rate(monthly["pns"], monthly["month"], by))
    assert (quarter["periodikId"], quarter["bulanMulaiPenilaian"]) == (2, 4)
    assert quarter["bulanSelesaiPenilaian"] == 6
    assert (month["periodikId"], month["bulanMulaiPenilaian"]) == (1, 4)
