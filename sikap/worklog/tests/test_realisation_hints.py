"""Issue 13 item 3: the approved Progres Harian total beside each indicator of the realisation page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from sikap.cycle.services import setup_appraisal_year
from sikap.lib import hooks
from sikap.planning.models import Indicator, Realisation
from sikap.planning.services import action_plans
from sikap.planning.testing import make_plan
from sikap.worklog import services
from sikap.worklog.hints import realisation_hints

DAY = dt.date(2026, 2, 10)  # a Tuesday in Triwulan I

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(personas):
    year = setup_appraisal_year(year=2026, period_kind="triwulanan", annual_final=True, by=None)
    plan = make_plan(personas.pegawai, year, penilai=personas.penilai, rhk=2)
    q1 = year.periods.get(number=1)
    first, second = plan.work_results.order_by("order")
    plans = [
        action_plans.save_action_plan(
            work_result=first,
            period=q1,
            text=text,
            target=30,
            satuan="laporan",
            by=None,
            today=DAY,
        )
        for text in ("Menyusun laporan", "Mengirim laporan")
    ]
    for n, (rencana, amount) in enumerate(zip(plans * 2, (3, 4, 5, 100), strict=True)):
        services.add_entry(
            employee=personas.pegawai,
            by=None,
            date=DAY + dt.timedelta(days=n // 2 * 7),
            activity="Laporan",
            action_plan=rencana,
            realisation=amount,
        )
    # The first week is approved; the second is only submitted and does not count.
    services.submit_week(employee=personas.pegawai, day=DAY, by=None)
    services.decide_week(employee=personas.pegawai, day=DAY, approve=True, by=None)
    services.submit_week(employee=personas.pegawai, day=DAY + dt.timedelta(days=7), by=None)
    return plan, q1, first.indicators.get(), second.indicators.get()


def test_the_hook_answers_for_all_indicators_in_one_query(setup, django_assert_num_queries):
    plan, q1, first, second = setup
    assert realisation_hints in list(hooks.REALISATION_HINTS)
    with django_assert_num_queries(1):
        found = hooks.realisation_hints([first.pk, second.pk], q1.pk)
    assert found == {first.pk: hooks.RealisationHint(total=7, satuan="laporan")}
    assert hooks.realisation_hints([], q1.pk) == {}
    q2 = plan.appraisal_year.periods.get(number=2)
    assert hooks.realisation_hints([first.pk], q2.pk) == {}


def test_the_page_shows_the_total_and_offers_it_as_the_value(personas, setup, login):
    plan, q1, first, second = setup
    url = reverse("planning:realisation", args=[plan.pk])
    with time_machine.travel("2026-02-20 09:00 +07:00", tick=False):
        client = login(personas.user("pegawai"))
        page = client.get(url, {"periode": q1.pk}).text
        assert "Progres Harian disetujui: 7 laporan" in page
        assert f"pakai={first.pk}#i{first.pk}" in page and f"pakai={second.pk}" not in page
        assert 'data-fill-value="7"' in page
        suggested = client.get(url, {"periode": q1.pk, "pakai": first.pk}).text
        assert 'name="r-0-value" value="7"' in suggested
        assert 'name="r-1-value" value="' not in suggested
        assert not Realisation.objects.exists()  # a suggestion, saved only when confirmed
        everything = client.get(url, {"periode": q1.pk, "pakai": "all"}).text
        assert 'name="r-0-value" value="7"' in everything
    penilai = login(personas.user("penilai")).get(url, {"periode": q1.pk}).text
    assert "Progres Harian disetujui: 7 laporan" in penilai
    assert "pakai=" not in penilai  # only the employee can use it
    assert Indicator.objects.count() == 2
