"""A double submit of each complaint create form (the same form token twice) creates one record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from sikap.accounts.testing import Submit, assert_created_once
from sikap.complaints import services
from sikap.complaints.models import (
    Category,
    Complaint,
    ComplaintClass,
    ComplaintEvent,
    Holiday,
    ResponseTemplate,
)

pytestmark = pytest.mark.django_db

EVENT = ComplaintEvent.Kind


def _public(personas: Any, login: Any, client: Any, factory: Any) -> Submit:
    data = {
        "unit": personas.kelurahan.pk,
        "classification": "pengaduan",
        "subject": "Antrean",
        "text": "Pelayanan surat domisili lama sekali.",
        "website": "",
    }
    return Submit(client, reverse("complaints:public_form"), data, Complaint.objects.all())


def _staff(personas: Any, login: Any, client: Any, factory: Any) -> Submit:
    data = {
        "channel": "lapor",
        "unit": personas.seksi.pk,
        "classification": "aspirasi",
        "subject": "Taman",
        "text": "Mohon taman.",
        "lapor_reference": "LAP-123",
    }
    url = reverse("complaints:staff_new")
    return Submit(login(personas.user("pegawai")), url, data, Complaint.objects.all())


def _reply(personas: Any, login: Any, client: Any, factory: Any) -> Submit:
    lurah = personas.user("lurah")
    c = services.verify(complaint=factory(), by=lurah, complaint_class=ComplaintClass.NORMATIF)
    c = services.assign(complaint=c, by=lurah, assignee=personas.pegawai)
    c = services.answer(complaint=c, by=personas.user("pegawai"), text="Selesai.")
    url = reverse("complaints:citizen_reply", args=[c.tracking_code])
    rows = ComplaintEvent.objects.filter(complaint=c, kind=EVENT.CITIZEN_REPLY)
    page = reverse("complaints:status", args=[c.tracking_code])
    return Submit(client, url, {"text": "Terima kasih."}, rows, page=page)


def _note(personas: Any, login: Any, client: Any, factory: Any) -> Submit:
    c = factory()
    url = reverse("complaints:act", args=[c.pk, "note"])
    rows = ComplaintEvent.objects.filter(complaint=c, kind=EVENT.NOTE)
    page = reverse("complaints:detail", args=[c.pk])
    return Submit(
        login(personas.user("lurah")), url, {"note-note": "Dicek besok."}, rows, page=page
    )


def _holiday(personas: Any, login: Any, client: Any, factory: Any) -> Submit:
    data = {"date": "2027-03-10", "name": "Cuti bersama Nyepi", "kind": "cuti_bersama"}
    return Submit(
        login(personas.user("city_hr")),
        reverse("complaints:holiday_add"),
        data,
        Holiday.objects.all(),
        page=reverse("complaints:holidays"),
    )


def _holidays(personas: Any, login: Any, client: Any, factory: Any) -> Submit:
    data = {"text": "2027-01-01 | Tahun Baru | libur_nasional"}
    return Submit(
        login(personas.user("city_hr")),
        reverse("complaints:holiday_bulk"),
        data,
        Holiday.objects.all(),
        page=reverse("complaints:holidays"),
    )


def _category(personas: Any, login: Any, client: Any, factory: Any) -> Submit:
    data = {"kind": "category", "category-name": "Jalan", "category-is_active": "on"}
    url = reverse("complaints:texts")
    return Submit(login(personas.user("city_hr")), url, data, Category.objects.all())


def _template(personas: Any, login: Any, client: Any, factory: Any) -> Submit:
    data = {
        "kind": "template",
        "template-step": "answered",
        "template-title": "Umum",
        "template-body": "Terima kasih.",
        "template-is_active": "on",
    }
    url = reverse("complaints:texts")
    return Submit(login(personas.user("city_hr")), url, data, ResponseTemplate.objects.all())


CASES: dict[str, Callable[..., Submit]] = {
    "complaints:public_form": _public,
    "complaints:staff_new": _staff,
    "complaints:citizen_reply": _reply,
    "complaints:act (note)": _note,
    "complaints:holiday_add": _holiday,
    "complaints:holiday_bulk": _holidays,
    "complaints:texts (category)": _category,
    "complaints:texts (template)": _template,
}


@pytest.mark.parametrize("view", CASES)
def test_a_double_submit_creates_one_record(view, personas, login, client, complaint_factory):
    assert_created_once(CASES[view](personas, login, client, complaint_factory))
