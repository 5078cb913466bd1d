"""Home-page items, menu, superadmin reach and the remaining service guards."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from sikap.complaints import access, attention, nav, services
from sikap.complaints.models import Category, Holiday
from sikap.complaints.testing import PNG, make_complaint
from sikap.org.scope import build_scope

D = dt.date
pytestmark = pytest.mark.django_db


def _titles(user) -> list[str]:
    with translation.override("en"):
        return [str(i.title) for i in attention.items(user, build_scope(user))]


def test_attention_for_assignee_and_unit_head(personas) -> None:
    lurah = personas.user("lurah")
    today = timezone.localdate()
    late = make_complaint(personas.kelurahan, on=today - dt.timedelta(days=30))
    services.verify(
        complaint=late, by=lurah, complaint_class="ringan", on=today - dt.timedelta(days=29)
    )
    services.assign(
        complaint=late, by=lurah, assignee=personas.pegawai, on=today - dt.timedelta(days=29)
    )
    soon = make_complaint(personas.kelurahan, on=today)
    services.verify(complaint=soon, by=lurah, complaint_class="ringan")
    services.assign(complaint=soon, by=lurah, assignee=personas.pegawai)
    make_complaint(personas.kelurahan, on=today)
    titles = _titles(personas.user("pegawai"))
    assert "Complaints assigned to you are overdue" in titles
    assert "Complaints assigned to you are due soon" in titles
    titles = _titles(lurah)
    assert "Complaints waiting for verification" in titles
    assert "Overdue complaints in your units" in titles
    assert _titles(personas.user("outsider")) == []
    assert "Complaints waiting for verification" in _titles(personas.user("superadmin"))


def test_attention_runs_a_fixed_number_of_queries(personas) -> None:
    lurah = personas.user("lurah")
    scope = build_scope(lurah)
    make_complaint(personas.kelurahan, on=D(2026, 1, 5))
    with CaptureQueriesContext(connection) as few:
        attention.items(lurah, scope)
    for _i in range(20):
        make_complaint(personas.kelurahan, on=D(2026, 1, 5))
    with CaptureQueriesContext(connection) as many:
        attention.items(lurah, scope)
    assert len(few.captured_queries) == len(many.captured_queries)


def test_menu_entry_for_staff_only(personas) -> None:
    assert nav.items(None, build_scope(personas.user("pegawai")))
    assert nav.items(None, build_scope(personas.user("auditor")))
    assert nav.items(None, SimpleNamespace(is_superadmin=False, employee=None, read_paths=[])) == []


def test_superadmin_sees_and_assigns_everywhere(personas, login) -> None:
    admin = personas.user("superadmin")
    c = make_complaint(personas.other_kecamatan, on=D(2026, 11, 2))
    assert access.complaints_visible_to(admin).filter(pk=c.pk).exists()
    assert access.entry_units(admin).filter(pk=personas.other_kecamatan.pk).exists()
    assert access.report_units(admin).filter(pk=personas.other_kecamatan.pk).exists()
    c = services.verify(complaint=c, by=admin, complaint_class="normatif")
    assert access.assignable_employees(admin, c).filter(pk=personas.outsider.pk).exists()
    client = login(admin)
    assert client.get(reverse("complaints:inbox")).status_code == 200
    assert client.get(reverse("complaints:report")).status_code == 200
    html = client.get(reverse("complaints:detail", args=[c.pk])).content.decode()
    assert "superadmin" in html  # the actor without an employee record is named by username


def test_remaining_guards(personas) -> None:
    lurah, pegawai = personas.user("lurah"), personas.user("pegawai")
    files = [SimpleUploadedFile(f"{i}.png", PNG, content_type="image/png") for i in range(4)]
    with pytest.raises(ValidationError):
        services.register_complaint(unit=personas.kelurahan, subject="a", text="b", files=files)
    c = make_complaint(personas.kelurahan, on=D(2026, 11, 2))
    with pytest.raises(ValidationError):
        services.pause(complaint=c, by=lurah, reason=" ")
    c = services.pause(complaint=c, by=lurah, reason="Alamat?")
    with pytest.raises(ValidationError):
        services.verify(complaint=c, by=lurah, complaint_class="ringan")
    c = services.resume(complaint=c, by=lurah)
    category = Category.objects.create(name="Jalan")
    c = services.verify(complaint=c, by=lurah, complaint_class="ringan", category=category)
    assert c.category == category
    c = services.assign(complaint=c, by=lurah, assignee=personas.pegawai)
    with pytest.raises(ValidationError):
        services.answer(complaint=c, by=pegawai, text=" ")
    c = services.answer(complaint=c, by=pegawai, text="ok")
    with pytest.raises(ValidationError):
        services.rate(complaint=c, score=6)
    with pytest.raises(ValidationError):
        services.add_holiday(by=lurah, date=D(2026, 1, 1), name="x", kind="libur_nasional")
    services.propose_national_holidays(by=lurah, year=2026)  # only fills gaps in the seed
    assert Holiday.objects.filter(date__year=2026, kind="cuti_bersama").count() == 8


def test_closing_a_verified_report_counts_against_resolution(personas) -> None:
    lurah = personas.user("lurah")
    c = make_complaint(personas.kelurahan, on=D(2026, 11, 2))
    c = services.verify(complaint=c, by=lurah, complaint_class="ringan", on=D(2026, 11, 3))
    c = services.reject(complaint=c, by=lurah, reason="archived", note="Arsip.", on=D(2026, 11, 4))
    assert c.resolved_on_time is True and c.days_to_verify == 1


def test_home_page_and_menu_show_complaints(personas, login) -> None:
    make_complaint(personas.kelurahan, on=timezone.localdate())
    html = login(personas.user("lurah")).get(reverse("accounts:home")).content.decode()
    assert "Pengaduan menunggu verifikasi" in html
    assert reverse("complaints:inbox") in html
