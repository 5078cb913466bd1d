"""Who sees and handles complaints, asked of each persona (the access functions built on Scope)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sikap.complaints import access
from sikap.complaints.testing import make_complaint
from sikap.org.scope import get_scope

DAY = dt.date(2026, 11, 2)


def test_the_inbox_offers_the_units_each_reader_reads(personas):
    hr = access.inbox_units(personas.user("hr"))
    assert personas.kelurahan in hr and personas.other_kecamatan not in hr
    everyone = access.inbox_units(personas.superadmin)
    assert {personas.kecamatan, personas.kelurahan, personas.other_kecamatan} <= set(everyone)
    assert personas.seksi not in everyone  # only kecamatan and kelurahan for a superadmin
    assert access.inbox_units(personas.user("pegawai")) == []


def test_the_report_is_for_readers_of_their_subtrees(personas):
    lurah = set(access.report_units(personas.user("lurah")))
    assert lurah == {personas.kelurahan}
    assert personas.other_kecamatan not in access.report_units(personas.auditor)
    assert access.can_report(personas.auditor)
    assert not access.can_report(personas.user("pegawai"))
    with pytest.raises(Http404):
        access.report_units(personas.user("pegawai"))


def test_the_calendar_is_changed_by_hr_and_read_by_auditors(personas):
    assert access.can_change_admin(get_scope(personas.user("hr")))
    assert not access.can_change_admin(get_scope(personas.auditor))
    assert access.require_admin_view(personas.auditor) is not None
    with pytest.raises(PermissionDenied):
        access.require_admin_view(personas.auditor, for_change=True)
    with pytest.raises(Http404):
        access.require_admin_view(personas.user("lurah"))


def test_handlers_are_the_unit_heads_and_hr_of_the_subtree(personas):
    complaint = make_complaint(personas.kelurahan, on=DAY)
    for name in ("lurah", "camat", "hr", "superadmin"):
        assert access.can_manage(get_scope(personas.user(name)), complaint), name
    for name in ("auditor", "pegawai", "other_hr", "outsider"):
        assert not access.can_manage(get_scope(personas.user(name)), complaint), name
    assignable = set(access.assignable_employees(personas.user("lurah"), complaint))
    assert personas.pegawai in assignable and personas.camat not in assignable
    entry = set(access.entry_units(personas.user("pegawai")))
    assert entry == {personas.seksi}


def test_an_auditor_without_a_position_sees_the_complaints_of_their_subtree(personas):
    mine = make_complaint(personas.kelurahan, on=dt.date(2026, 2, 10))
    assert mine in access.complaints_visible_to(personas.user("auditor"))


def test_hr_without_a_position_files_complaints_only_for_the_units_they_manage(personas):
    units = access.entry_units(personas.user("city_hr"))
    assert personas.kelurahan in units and personas.kota in units


def test_a_signed_out_visitor_sees_no_staff_complaint(personas):
    from django.contrib.auth.models import AnonymousUser

    make_complaint(personas.kelurahan, on=dt.date(2026, 2, 10))
    assert not access.complaints_visible_to(AnonymousUser()).exists()
