"""Issue 10 item 13: after a mutasi the pegawai's home says to create an SKP for the new post."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from sikap.org import services as org_services
from sikap.org.testing import make_position
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
