"""The development access functions built on Scope, asked of each persona."""

from __future__ import annotations

import datetime as dt

from sikap.development import access
from sikap.development.models import AssessmentSource, OwnActivity
from sikap.development.testing import make_event
from sikap.org.scope import get_scope


def _activity(employee):
    return OwnActivity.objects.create(
        employee=employee,
        name="Pelatihan",
        jenis_diklat=7,
        organiser="BPSDM",
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 3, 2),
        jp=4,
    )


def test_whose_assessment_the_user_records(personas):
    penilai = personas.user("penilai")
    own = access.person_rights(penilai, personas.penilai)
    assert own.is_self and own.assessment_source == AssessmentSource.SELF
    report = access.person_rights(penilai, personas.pegawai)
    assert report.is_penilai and report.assessment_source == AssessmentSource.SUPERVISOR
    lurah = access.person_rights(personas.user("lurah"), personas.pegawai)
    assert not (lurah.is_self or lurah.is_penilai) and lurah.assessment_source is None


def test_hr_verifies_the_activities_and_positions_of_their_subtree(personas):
    mine, theirs = _activity(personas.pegawai), _activity(personas.outsider)
    hr = get_scope(personas.user("hr"))
    assert list(access.activities_to_verify(hr)) == [mine]
    assert set(access.activities_to_verify(get_scope(personas.superadmin))) == {mine, theirs}
    assert not access.activities_to_verify(get_scope(personas.auditor)).exists()
    assert personas.pegawai.position in access.positions_managed(hr)
    assert personas.outsider.position not in access.positions_read(hr)
    auditor = get_scope(personas.auditor)
    assert personas.pegawai.position in access.positions_read(auditor)
    assert not access.positions_managed(auditor).exists()


def test_only_hr_of_the_unit_changes_an_event(personas):
    event = make_event(personas.kecamatan)
    assert access.can_change_event(get_scope(personas.user("hr")), event)
    assert not access.can_change_event(get_scope(personas.auditor), event)
    assert not access.can_change_event(get_scope(personas.user("other_hr")), event)
    assert event in access.events_visible_to(get_scope(personas.auditor))
    assert event not in access.events_visible_to(get_scope(personas.user("other_hr")))
