"""Issue 10 item 13: after a mutasi the pegawai's home says to create an SKP for the new post."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine
from django.urls import reverse
from django.utils import timezone

from sikap.cycle.models import ClosureReason, EntryClosure
from sikap.org import services as org_services
from sikap.org.testing import make_position
from sikap.planning.models import Indicator
from sikap.planning.services import plans, records
from sikap.planning.testing import make_plan


def test_home_asks_for_an_skp_for_the_new_position_after_a_mutasi(personas, chain, login):
    make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    with time_machine.travel("2026-11-27 09:00 +07:00", tick=False):
        before = login(personas.user("pegawai")).get(reverse("accounts:home"))
        assert "Buat SKP untuk jabatan baru" not in before.text
        new_post = make_position(personas.seksi, "Pengolah Data Kependudukan")
        org_services.transfer_employee(
            employee=personas.pegawai, position=new_post, start_date=dt.date(2026, 10, 1), by=None
        )
        after = login(personas.user("pegawai")).get(reverse("accounts:home"))
    assert "Buat SKP untuk jabatan baru" in after.text
    assert reverse("planning:create") in after.text


def _home(login, personas):
    return login(personas.user("pegawai")).get(reverse("accounts:home")).text


def test_home_counts_the_realisation_of_the_open_period_in_the_new_year(personas, chain, login):
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, texts=("Laporan A", "Laporan B"))
    q4 = plan.appraisal_year.periods.get(number=4)
    assert q4.deadline == dt.date(2027, 1, 10)
    records.record_realisation(
        indicator=Indicator.objects.filter(work_result__plan=plan).first(),
        period=q4,
        by=None,
        value=Decimal(1),
        today=dt.date(2026, 12, 1),
    )
    with time_machine.travel("2027-01-05 09:00 +07:00", tick=False):
        page = _home(login, personas)
    assert "Realisasi Triwulan IV/Akhir: 1 dari 2 terisi, batas 10 Januari" in page
    assert f"{reverse('planning:realisation', args=[plan.pk])}?periode={q4.pk}" in page
    with time_machine.travel("2027-01-11 09:00 +07:00", tick=False):
        assert "Realisasi Triwulan IV" not in _home(login, personas)  # the deadline passed


def test_home_is_quiet_when_everything_is_filled_in_or_signed(personas, chain, login):
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    q1 = plan.appraisal_year.periods.get(number=1)
    with time_machine.travel("2026-02-10 09:00 +07:00", tick=False):
        assert "Realisasi Triwulan I: 0 dari 1 terisi" in _home(login, personas)
        EntryClosure.objects.create(
            period=q1,
            employee=personas.pegawai,
            reason=ClosureReason.choices[0][0],
            closed_at=timezone.now(),
        )
        assert "Realisasi Triwulan I" not in _home(login, personas)
        EntryClosure.objects.all().delete()
        records.record_realisation(
            indicator=Indicator.objects.get(work_result__plan=plan),
            period=q1,
            by=None,
            value=Decimal(1),
        )
        assert "Realisasi Triwulan I" not in _home(login, personas)


def test_home_says_a_returned_revision_must_be_fixed(personas, chain, login):
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    revision = plans.start_revision(plan=plan, by=None)
    plans.submit_plan(plan=revision, by=None)
    plans.return_plan(plan=revision, by=None, note="Target kuantitas terlalu rendah")
    with time_machine.travel("2026-03-02 09:00 +07:00", tick=False):
        page = _home(login, personas)
    assert "SKP Anda dikembalikan" in page and "Target kuantitas terlalu rendah" in page
    assert reverse("planning:plan", args=[revision.pk]) in page


def test_the_home_items_cost_the_same_queries_for_a_bigger_skp(
    personas, chain, login, django_assert_max_num_queries
):
    from sikap.org.scope import get_scope
    from sikap.planning import attention

    user = personas.user("pegawai")
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, texts=("A",))
    with time_machine.travel("2026-02-10 09:00 +07:00", tick=False):
        scope = get_scope(user)
        with django_assert_max_num_queries(20) as few:
            attention.items(user, scope)
        result = plan.work_results.get()
        for n in range(5):
            Indicator.objects.create(work_result=result, text=f"Mutu {n}", target_value=1)
        with django_assert_max_num_queries(len(few.captured_queries)):
            found = attention.items(user, scope)
    assert any("Triwulan I" in str(item.title) for item in found)
