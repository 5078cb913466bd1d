"""In the browser: drafts written by the register, a complaint and a training show where they
came from with their evidence; one is confirmed in one tap, one against a chosen rencana aksi."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import screenshot
from sikap.complaints import services as complaints
from sikap.complaints.testing import make_complaint
from sikap.development.testing import invite, make_event
from sikap.planning.services import action_plans
from sikap.surveys.testing import make_record, make_service_type
from sikap.worklog.models import Entry
from sikap.worklog.tests.conftest import DAY
from sikap.worklog.tests.test_e2e import DESKTOP, PHONE, _sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


def test_drafts_show_their_origin_and_are_confirmed_in_one_tap(live_page, personas, rencana):
    pegawai, unit = personas.pegawai, personas.pegawai.unit
    second = action_plans.save_action_plan(
        work_result=rencana.work_result,
        period=rencana.period,
        text="Menyusun laporan bulanan",
        target=3,
        satuan="dokumen",
        by=None,
        today=DAY,
    )
    received = timezone.make_aware(dt.datetime.combine(DAY, dt.time(9, 0)))
    make_record(unit, make_service_type(unit), [pegawai], received_at=received)
    lurah = personas.user("lurah")
    c = make_complaint(personas.kelurahan, on=DAY)
    c = complaints.verify(complaint=c, by=lurah, complaint_class="normatif", on=DAY)
    c = complaints.assign(complaint=c, by=lurah, assignee=pegawai, on=DAY)
    complaints.answer(complaint=c, by=personas.user("pegawai"), text="Sudah diperbaiki", on=DAY)
    invite(make_event(unit, name="Bimtek Penyusunan Laporan"), pegawai)
    drafts = Entry.objects.filter(employee=pegawai, confirmed=False)
    assert drafts.count() == 3
    service = drafts.get(source="surveys.service_record")
    assert service.action_plan == rencana  # the only rencana aksi counted in "layanan"
    page = live_page
    page.set_viewport_size(PHONE)
    _sign_in(page, "pegawai")
    page.goto(page.base_url + reverse("worklog:week", args=[pegawai.pk]) + "?minggu=2026-02-09")
    for origin in ("dari register layanan", "dari pengaduan", "dari pelatihan"):
        assert page.locator(f".entry-origin:has-text('{origin}')").count() == 1
    link = reverse("complaints:detail", args=[c.pk])
    assert page.locator(f"a[href='{link}']:has-text('Bukti Dukung')").count() == 1
    screenshot(page, "worklog-origins-phone")
    training = drafts.get(source="development.training")
    page.select_option(f"#ra-{training.pk}", str(second.pk))
    page.click(f"#ra-{training.pk} ~ button:has-text('Konfirmasi')")
    page.wait_for_selector("text=Entri dikonfirmasi.")
    training.refresh_from_db()
    assert training.confirmed and training.action_plan == second
    # The service's draft already knows its rencana aksi: one tap.
    page.click(f"form[action='{reverse('worklog:confirm', args=[service.pk])}'] button")
    page.wait_for_selector("text=Entri dikonfirmasi.")
    service.refresh_from_db()
    assert service.confirmed and service.action_plan == rencana
    page.set_viewport_size(DESKTOP)
    page.reload()
    screenshot(page, "worklog-origins-desktop")
