"""Complaints under PermenPAN-RB 5/2025 and figures that are true (issue 13, items 7 and 8)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from sikap.complaints import access, attention, rules, services
from sikap.complaints.models import Complaint, ComplaintEvent, ComplaintSettings, Holiday, Status
from sikap.complaints.testing import make_complaint
from sikap.lib.workdays import add_working_days
from sikap.org.models import UnitKind
from sikap.org.scope import get_scope
from sikap.org.testing import make_unit

D = dt.date
pytestmark = pytest.mark.django_db
MONDAY = D(2026, 11, 2)


@pytest.fixture
def other_kelurahan(personas):
    return make_unit("Kelurahan Plaju Ilir", UnitKind.KELURAHAN, personas.kecamatan)


# ------------------------------------------------------------------ settings and working days


def test_the_3_5_10_working_day_rules_are_editable_settings_with_those_defaults() -> None:
    config = ComplaintSettings.load()
    assert (config.verification_days, config.follow_up_days) == (3, 5)
    assert config.confirmation_timeout_days == 10


def test_10_working_days_across_the_2026_cuti_bersama_of_idulfitri() -> None:
    # 18–24 March 2026: Nyepi, Idulfitri and their cuti bersama (§4.6); the weekend in between.
    holidays = Holiday.dates()
    # 17, 25, 26, 27, 30, 31 March, 1, 2, 6, 7 April (3 April: Wafat Yesus Kristus).
    assert add_working_days(D(2026, 3, 16), 10, holidays) == D(2026, 4, 7)


def test_10_working_days_across_the_2026_christmas_cuti_bersama() -> None:
    assert add_working_days(D(2026, 12, 21), 10, Holiday.dates()) == D(2027, 1, 6)


def test_deadlines_crossing_1_january_use_next_years_holidays(personas, client) -> None:
    c = make_complaint(personas.kelurahan, on=D(2026, 12, 29))
    assert c.verification_due == D(2027, 1, 1)  # not a holiday yet: the calendar lacks 2027
    services.add_holiday(
        by=personas.city_hr,
        date=D(2027, 1, 1),
        name="Tahun Baru 2027 Masehi",
        kind="libur_nasional",
    )
    c.refresh_from_db()
    assert c.verification_due == D(2027, 1, 4)


# ------------------------------------------------------------------ forwarding ("no wrong door")


def test_forwarding_inside_sikap_moves_the_clock_and_the_trail(personas, other_kelurahan) -> None:
    c = make_complaint(personas.kelurahan, on=MONDAY, is_anonymous=True)
    due = c.verification_due
    c = services.forward(
        complaint=c,
        by=personas.user("lurah"),
        unit=other_kelurahan,
        note="Lokasi di wilayah Plaju Ilir.",
        on=D(2026, 11, 3),
    )
    assert c.unit == other_kelurahan and c.status == Status.REGISTERED
    assert c.verification_due == due  # the clock runs on from the registration
    event = c.events.get(kind=ComplaintEvent.Kind.FORWARDED)
    assert event.is_public and event.from_unit == personas.kelurahan
    assert "Kelurahan Plaju Ulu" in event.note and "Kelurahan Plaju Ilir" in event.note
    # The lurah of the wrong kelurahan no longer sees it; the kecamatan still does.
    assert not access.complaints_visible_to(personas.user("lurah")).filter(pk=c.pk).exists()
    assert access.complaints_visible_to(personas.user("camat")).filter(pk=c.pk).exists()


def test_an_assigned_complaint_forwarded_loses_its_assignee(personas, other_kelurahan) -> None:
    lurah = personas.user("lurah")
    c = make_complaint(personas.kelurahan, on=MONDAY)
    c = services.verify(complaint=c, by=lurah, complaint_class="normatif", on=MONDAY)
    c = services.assign(complaint=c, by=lurah, assignee=personas.pegawai, on=MONDAY)
    due = c.resolution_due
    c = services.forward(complaint=c, by=lurah, unit=other_kelurahan, note="Bukan wilayah kami")
    assert (c.status, c.assignee, c.resolution_due) == (Status.VERIFIED, None, due)


def test_forwarding_refuses_the_same_unit_and_an_empty_note(personas, other_kelurahan) -> None:
    c = make_complaint(personas.kelurahan, on=MONDAY)
    lurah = personas.user("lurah")
    with pytest.raises(ValidationError) as same:
        services.forward(complaint=c, by=lurah, unit=personas.kelurahan, note="x")
    assert same.value.error_dict["unit"][0].code == "same_unit"
    with pytest.raises(ValidationError) as empty:
        services.forward(complaint=c, by=lurah, unit=other_kelurahan, note=" ")
    assert empty.value.error_dict["note"][0].code == "forward_note_required"
    with pytest.raises(ValidationError) as seksi:
        services.forward(complaint=c, by=lurah, unit=personas.seksi, note="x")
    assert seksi.value.error_dict["unit"][0].code == "same_unit"


def test_forwarding_outside_records_the_instansi_and_its_reference(personas, client) -> None:
    c = make_complaint(personas.kelurahan, on=MONDAY)
    with pytest.raises(ValidationError) as missing:
        services.forward_out(complaint=c, by=personas.user("lurah"), instansi="", reference="")
    assert {k: v[0].code for k, v in missing.value.error_dict.items()} == {
        "instansi": "instansi_required",
        "reference": "reference_required",
    }
    c = services.forward_out(
        complaint=c,
        by=personas.user("lurah"),
        instansi="PDAM Tirta Musi Palembang",
        reference="PDAM-2026-0042",
        note="Air PDAM",
        on=D(2026, 11, 4),
    )
    assert c.status == Status.CLOSED and c.close_reason == "forwarded"
    assert c.resolved_on_time and c.days_to_close == 2
    page = client.get(reverse("complaints:status", args=[c.tracking_code]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "PDAM Tirta Musi Palembang" in html and "PDAM-2026-0042" in html


def test_staff_forward_through_the_detail_page(client, personas, other_kelurahan) -> None:
    c = make_complaint(personas.kelurahan, on=MONDAY)
    client.force_login(personas.user("lurah"))
    page = client.get(reverse("complaints:detail", args=[c.pk]))
    assert 'id="action-forward"' in page.content.decode()
    response = client.post(
        reverse("complaints:act", args=[c.pk, "forward"]),
        {"forward-unit": other_kelurahan.pk, "forward-note": "Wilayah Plaju Ilir"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("complaints:inbox")
    c.refresh_from_db()
    assert c.unit == other_kelurahan
    client.force_login(personas.user("pegawai"))
    assert (
        client.post(
            reverse("complaints:act", args=[c.pk, "forward_out"]),
            {"forward_out-instansi": "PLN", "forward_out-reference": "1"},
        ).status_code
        == 404
    )


def test_staff_forward_out_and_extend_through_the_detail_page(client, personas) -> None:
    c = make_complaint(personas.kelurahan, on=MONDAY)
    c = services.verify(complaint=c, by=personas.user("lurah"), complaint_class="ringan")
    client.force_login(personas.user("hr"))
    response = client.post(
        reverse("complaints:act", args=[c.pk, "extend"]),
        {"extend-days": "3", "extend-reason": "Menunggu hasil survei lapangan"},
    )
    assert response.status_code == 302
    bad = client.post(
        reverse("complaints:act", args=[c.pk, "forward_out"]),
        {"forward_out-instansi": "PLN", "forward_out-reference": ""},
    )
    assert bad.status_code == 400
    ok = client.post(
        reverse("complaints:act", args=[c.pk, "forward_out"]),
        {"forward_out-instansi": "PLN UP3 Palembang", "forward_out-reference": "PLN/77"},
    )
    assert ok.status_code == 302
    c.refresh_from_db()
    assert c.forwarded_reference == "PLN/77" and c.extension_days == 3


# ------------------------------------------------------------------ rahasia and anonim


def test_rahasia_shows_the_identity_only_to_the_verifier(personas) -> None:
    c = make_complaint(personas.kelurahan, on=MONDAY, is_confidential=True)
    lurah = personas.user("lurah")
    c = services.verify(complaint=c, by=lurah, complaint_class="normatif", on=MONDAY)
    c = services.assign(complaint=c, by=lurah, assignee=personas.pegawai, on=MONDAY)
    assert c.is_confidential and c.reporter_name == "Bambang Sutrisno"
    assert access.sees_identity(lurah, c) and access.sees_identity(personas.user("hr"), c)
    assert not access.sees_identity(personas.user("pegawai"), c)  # the assignee
    assert not access.sees_identity(personas.auditor, c)
    plain = make_complaint(personas.kelurahan, on=MONDAY)
    plain.assignee = personas.pegawai
    assert access.sees_identity(personas.user("pegawai"), plain)


def test_the_assignee_of_a_rahasia_report_sees_no_identity_on_the_page(client, personas) -> None:
    c = make_complaint(personas.kelurahan, on=MONDAY, is_confidential=True)
    lurah = personas.user("lurah")
    c = services.verify(complaint=c, by=lurah, complaint_class="normatif", on=MONDAY)
    c = services.assign(complaint=c, by=lurah, assignee=personas.pegawai, on=MONDAY)
    client.force_login(personas.user("pegawai"))
    html = client.get(reverse("complaints:detail", args=[c.pk])).content.decode()
    assert "Bambang" not in html and "081234567890" not in html
    client.force_login(lurah)
    assert "Bambang" in client.get(reverse("complaints:detail", args=[c.pk])).content.decode()


def test_anonim_keeps_no_identity_and_is_never_also_rahasia(personas) -> None:
    c = make_complaint(personas.kelurahan, on=MONDAY, is_anonymous=True, is_confidential=True)
    assert (c.reporter_name, c.reporter_phone, c.reporter_email) == ("", "", "")
    assert c.is_anonymous and not c.is_confidential


def test_the_public_form_offers_anonim_and_rahasia(client, personas) -> None:
    page = client.get(reverse("complaints:public_form")).content.decode()
    assert 'name="is_anonymous"' in page and 'name="is_confidential"' in page
    response = client.post(
        reverse("complaints:public_form"),
        {
            "unit": personas.kelurahan.pk,
            "classification": "pengaduan",
            "subject": "Jalan",
            "text": "Jalan rusak",
            "is_confidential": "on",
            "reporter_name": "Rina",
        },
    )
    assert response.status_code == 302
    c = Complaint.objects.get(subject="Jalan")
    assert c.is_confidential and c.reporter_name == "Rina"


# ------------------------------------------------------------------ extension and reopening


def test_an_extension_moves_the_resolution_and_the_citizen_sees_the_reason(client, personas):
    lurah = personas.user("lurah")
    c = make_complaint(personas.kelurahan, on=MONDAY)
    c = services.verify(complaint=c, by=lurah, complaint_class="ringan", on=MONDAY)
    assert c.resolution_due == D(2026, 11, 4)
    with pytest.raises(ValidationError) as zero:
        services.extend(complaint=c, by=lurah, days=0, reason="x")
    assert zero.value.error_dict["days"][0].code == "days_out_of_range"
    with pytest.raises(ValidationError) as empty:
        services.extend(complaint=c, by=lurah, days=2, reason="")
    assert empty.value.error_dict["reason"][0].code == "extension_reason_required"
    c = services.extend(complaint=c, by=lurah, days=2, reason="Menunggu jawaban PLN")
    assert c.resolution_due == D(2026, 11, 6) and c.due_on == D(2026, 11, 6)
    html = client.get(reverse("complaints:status", args=[c.tracking_code])).content.decode()
    assert "Menunggu jawaban PLN" in html and 'id="extension"' in html


def test_the_citizen_reopens_only_within_the_confirmation_window(client, personas) -> None:
    lurah = personas.user("lurah")
    c = make_complaint(personas.kelurahan, on=MONDAY)
    c = services.verify(complaint=c, by=lurah, complaint_class="normatif", on=MONDAY)
    c = services.assign(complaint=c, by=lurah, assignee=personas.pegawai, on=MONDAY)
    c = services.answer(complaint=c, by=lurah, text="Sudah", on=D(2026, 11, 3))
    assert c.confirmation_due == D(2026, 11, 17)
    with pytest.raises(ValidationError) as late:
        services.citizen_reply(complaint=c, text="Belum", reopen=True, on=D(2026, 11, 18))
    assert late.value.code == "reopen_window_passed"
    # The status page (today is past the window) no longer offers it either.
    html = client.get(reverse("complaints:status", args=[c.tracking_code])).content.decode()
    assert 'name="reopen"' not in html
    c = services.citizen_reply(complaint=c, text="Belum", reopen=True, on=D(2026, 11, 17))
    assert c.status == Status.IN_PROGRESS


# ------------------------------------------------------------------ the auto-close date


def _run_data_migration() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    migration = loader.get_migration("complaints", "0006_timeout_closes_when_the_window_ended")
    migration.operations[0].code(apps, None)


def _answered(personas):
    lurah = personas.user("lurah")
    c = make_complaint(personas.kelurahan, on=MONDAY)
    c = services.verify(complaint=c, by=lurah, complaint_class="normatif", on=MONDAY)
    c = services.assign(complaint=c, by=lurah, assignee=personas.pegawai, on=MONDAY)
    return services.answer(complaint=c, by=lurah, text="Sudah", on=D(2026, 11, 3))


def test_an_auto_closed_complaint_carries_the_end_of_its_window(personas) -> None:
    c = _answered(personas)
    # The daily job did not run for two months.
    assert services.close_timed_out(today=D(2027, 1, 11)) == 1
    c.refresh_from_db()
    assert c.closed_on == D(2026, 11, 17) and c.days_to_close == 11
    assert "17 November 2026" in c.events.get(kind=ComplaintEvent.Kind.TIMEOUT).note


def test_the_data_migration_fixes_closing_days_the_trail_allows(personas) -> None:
    c = _answered(personas)
    services.close_timed_out(today=D(2026, 11, 18))
    Complaint.objects.filter(pk=c.pk).update(closed_on=D(2027, 1, 11), days_to_close=49)
    no_trail = _answered(personas)
    services.close_timed_out(today=D(2026, 11, 18))
    Complaint.objects.filter(pk=no_trail.pk).update(answered_on=None, closed_on=D(2027, 1, 11))
    _run_data_migration()
    c.refresh_from_db()
    no_trail.refresh_from_db()
    assert (c.closed_on, c.days_to_close) == (D(2026, 11, 17), 11)
    assert no_trail.closed_on == D(2027, 1, 11)


def test_the_migration_uses_the_timeout_of_the_units_subtree(personas) -> None:
    services.update_settings(
        by=None, unit=personas.kecamatan, values={"confirmation_timeout_days": 5}
    )
    c = _answered(personas)
    services.close_timed_out(today=D(2026, 11, 30))
    Complaint.objects.filter(pk=c.pk).update(closed_on=D(2027, 1, 11))
    _run_data_migration()
    c.refresh_from_db()
    assert c.closed_on == D(2026, 11, 10)


# ------------------------------------------------------------------ next year's calendar


def test_rules_name_the_missing_year_from_1_october() -> None:
    assert rules.missing_calendar_year(D(2026, 9, 30), []) is None
    assert rules.missing_calendar_year(D(2026, 10, 1), [2026]) == 2027
    assert rules.missing_calendar_year(D(2026, 12, 31), [2027]) is None


def test_hr_is_warned_from_1_october_when_next_years_holidays_are_missing(personas) -> None:
    owner = get_scope(personas.city_hr)
    assert attention.calendar_items(owner, D(2026, 9, 30)) == []
    items = attention.calendar_items(owner, D(2026, 10, 1))
    assert len(items) == 1 and "2027" in str(items[0].title)
    assert items[0].url == reverse("complaints:holidays")
    assert attention.calendar_items(get_scope(personas.user("lurah")), D(2026, 10, 1)) == []
    Holiday.objects.create(date=D(2027, 1, 1), name="Tahun Baru 2027 Masehi", kind="libur_nasional")
    assert attention.calendar_items(owner, D(2026, 10, 1)) == []
