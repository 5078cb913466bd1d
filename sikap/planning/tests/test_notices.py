"""Notifications are written in the recipient's language, whoever caused them and in whatever
language that person was reading SIKAP."""

from __future__ import annotations

import pytest
from django.utils import translation

from sikap.accounts.models import OutgoingEmail
from sikap.planning.models import Notification
from sikap.planning.services import plans
from sikap.planning.tests.conftest import make_plan

pytestmark = pytest.mark.django_db


def test_a_penilai_reading_english_sends_the_indonesian_notice(personas, chain):
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, approve=False)
    Notification.objects.all().delete()
    with translation.override("en"):
        plans.submit_plan(plan=plan, by=personas.pegawai.user)
        plans.approve_plan(plan=plan, by=personas.penilai.user)
    notice = Notification.objects.get(recipient=personas.pegawai.user)
    assert notice.title == "SKP Anda disetujui"
    assert notice.body == f"SKP tahun {plan.appraisal_year.year} disetujui."
    waiting = Notification.objects.get(recipient=personas.penilai.user)
    assert waiting.title == f"SKP {plan.employee_name} menunggu persetujuan"


def test_an_english_instance_writes_its_notices_in_english(personas, chain, settings):
    settings.LANGUAGE_CODE = "en"
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, approve=False)
    OutgoingEmail.objects.all().delete()
    Notification.objects.all().delete()
    with translation.override("id"):
        plans.submit_plan(plan=plan, by=personas.pegawai.user)
    notice = Notification.objects.get(recipient=personas.penilai.user)
    assert notice.title == f"SKP of {plan.employee_name} is waiting for approval"
    assert notice.body == (
        f"{plan.employee_name} submitted the SKP for {plan.appraisal_year.year}."
    )
    assert OutgoingEmail.objects.get().subject == f"[SIKAP] {notice.title}"
