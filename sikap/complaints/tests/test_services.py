"""Lifecycle rules, escalation, metrics, evidence and retention."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sikap.accounts.outbox import send_due
from sikap.complaints import escalation, metrics, rules, services
from sikap.complaints.evidence import EMPTY, complaint_evidence
from sikap.complaints.models import (
    Complaint,
    ComplaintSettings,
    EscalationNotice,
    Holiday,
    Status,
)
from sikap.complaints.testing import make_complaint

D = dt.date
pytestmark = pytest.mark.django_db


MONDAY = D(2026, 11, 2)


def _assigned(personas, on=MONDAY, cls="normatif", who=None):
    lurah = personas.user("lurah")
    c = make_complaint(personas.kelurahan, on=on)
    c = services.verify(complaint=c, by=lurah, complaint_class=cls, on=on)
    return services.assign(complaint=c, by=lurah, assignee=who or personas.pegawai, on=on)


def test_rules_on_time_rate_counts_open_overdue() -> None:
    assert rules.on_time_rate(3, 4, 0) == Decimal("75.00")
    assert rules.on_time_rate(3, 4, 2) == Decimal("50.00")
    assert rules.on_time_rate(0, 0, 0) is None
    assert rules.on_time_rate(0, 0, 3) == Decimal("0.00")
    with pytest.raises(ValueError):
        rules.on_time_rate(2, 1, 0)


def test_rules_median_and_codes() -> None:
    assert rules.median_days([3, None, 1, 2]) == Decimal("2.0")
    assert rules.median_days([1, 2]) == Decimal("1.5")
    assert rules.median_days([None]) is None
    code = rules.new_tracking_code()
    assert len(code) == 10 and set(code) <= set(rules.CODE_ALPHABET)
    assert rules.normalise_code(" ab-c0o ") == "ABC00"


def test_on_time_rate_counts_open_overdue_complaints(personas) -> None:
    pegawai = personas.user("pegawai")
    on_time = _assigned(personas, cls="ringan")  # due Wed 4 Nov
    services.answer(complaint=on_time, by=pegawai, text="ok", on=D(2026, 11, 4))
    late = _assigned(personas, cls="ringan")
    services.answer(complaint=late, by=pegawai, text="ok", on=D(2026, 11, 5))
    _assigned(personas, cls="ringan")  # open, overdue from 5 Nov
    _assigned(personas, cls="berkadar")  # open, first follow-up due 9 Nov
    rows = metrics.rows_for(metrics.period_queryset(D(2026, 11, 1), D(2026, 11, 30)))
    summary = metrics.summarise(rows, today=D(2026, 11, 6))
    assert (summary.closed, summary.closed_on_time, summary.open_overdue) == (2, 1, 1)
    assert summary.on_time_rate == Decimal("33.33")  # 1 / (2 + 1), not 1 / 2
    assert summary.total == 4 and summary.by_status["answered"] == 2
    evidence = complaint_evidence(
        [personas.pegawai.pk, personas.peer.pk], D(2026, 11, 1), D(2026, 11, 30)
    )
    assert evidence[personas.peer.pk] == EMPTY
    assert evidence[personas.pegawai.pk].handled == 4
    assert evidence[personas.pegawai.pk].closed_on_time == 1
    assert complaint_evidence([], D(2026, 11, 1), D(2026, 11, 30)) == {}


def test_evidence_runs_one_query_for_any_number_of_employees(personas) -> None:
    _assigned(personas)
    _assigned(personas, who=personas.peer)
    ids = [personas.pegawai.pk, personas.peer.pk, personas.penilai.pk]
    with CaptureQueriesContext(connection) as ctx:
        complaint_evidence(ids, D(2026, 1, 1), D(2026, 12, 31))
    assert len(ctx.captured_queries) == 1


def test_lifecycle_guards(personas) -> None:
    lurah, pegawai = personas.user("lurah"), personas.user("pegawai")
    c = make_complaint(personas.kelurahan, on=D(2026, 11, 2))
    with pytest.raises(ValidationError):
        services.assign(complaint=c, by=lurah, assignee=personas.pegawai)
    with pytest.raises(ValidationError):
        services.answer(complaint=c, by=lurah, text="x")
    with pytest.raises(ValidationError):
        services.reject(complaint=c, by=lurah, reason="confirmed", note="x")
    with pytest.raises(ValidationError):
        services.reject(complaint=c, by=lurah, reason="archived", note=" ")
    c = services.verify(complaint=c, by=lurah, complaint_class="normatif")
    with pytest.raises(ValidationError):
        services.verify(complaint=c, by=lurah, complaint_class="normatif")
    with pytest.raises(ValidationError):  # outside the lurah's subtree
        services.assign(complaint=c, by=lurah, assignee=personas.outsider)
    c = services.assign(complaint=c, by=lurah, assignee=personas.pegawai)
    with pytest.raises(ValidationError):
        services.start(complaint=c, by=pegawai, note="")
    c = services.start(complaint=c, by=pegawai, note="Ditinjau")
    c = services.assign(complaint=c, by=lurah, assignee=personas.peer)  # reassign keeps status
    assert c.status == Status.IN_PROGRESS
    c = services.pause(complaint=c, by=pegawai, reason="Foto?")
    with pytest.raises(ValidationError):
        services.pause(complaint=c, by=pegawai, reason="Lagi?")
    with pytest.raises(ValidationError):
        services.answer(complaint=c, by=pegawai, text="x")
    c = services.resume(complaint=c, by=pegawai)
    with pytest.raises(ValidationError):
        services.resume(complaint=c, by=pegawai)
    with pytest.raises(ValidationError):
        services.rate(complaint=c, score=5)
    with pytest.raises(ValidationError):
        services.confirm(complaint=c)
    with pytest.raises(ValidationError):
        services.add_note(complaint=c, by=pegawai, note="")
    with pytest.raises(ValidationError):
        services.citizen_reply(complaint=c, text="")


def test_staff_channels_need_staff_and_lapor_a_reference(personas) -> None:
    with pytest.raises(ValidationError):
        services.register_complaint(unit=personas.kelurahan, subject="a", text="b", channel="phone")
    with pytest.raises(ValidationError):
        services.register_complaint(
            unit=personas.kelurahan,
            subject="a",
            text="b",
            channel="lapor",
            by=personas.user("lurah"),
        )


def test_close_at_verification_counts_against_the_verification_deadline(personas) -> None:
    c = make_complaint(personas.kelurahan, on=D(2026, 11, 2))
    c = services.reject(
        complaint=c,
        by=personas.user("lurah"),
        reason="not_authority",
        note="Wewenang PLN.",
        on=D(2026, 11, 6),
    )
    assert c.status == Status.CLOSED and c.resolved_on_time is False and c.days_to_close == 4


def test_an_answer_closes_by_timeout_when_the_citizen_is_silent(personas) -> None:
    c = _assigned(personas)
    c = services.answer(complaint=c, by=personas.user("pegawai"), text="ok", on=D(2026, 11, 3))
    assert c.confirmation_due == D(2026, 11, 17)
    assert services.close_timed_out(today=D(2026, 11, 17)) == 0
    assert services.close_timed_out(today=D(2026, 11, 18)) == 1
    c.refresh_from_db()
    # It closed on the last day of its window, not on the day the job ran.
    assert c.status == Status.CLOSED and c.close_reason == "timeout"
    assert c.closed_on == D(2026, 11, 17) and c.days_to_close == 11


def test_escalation_goes_to_assignee_unit_head_then_camat_once(personas, mailoutbox) -> None:
    c = _assigned(personas, cls="ringan")  # due Wed 4 Nov 2026
    assert escalation.run_escalations(today=D(2026, 11, 2)) == 0
    assert escalation.run_escalations(today=D(2026, 11, 3)) == 1  # one working day left
    assert EscalationNotice.objects.get().recipient == personas.pegawai
    assert escalation.run_escalations(today=D(2026, 11, 3)) == 0  # once per level
    assert escalation.run_escalations(today=D(2026, 11, 5)) == 1
    assert EscalationNotice.objects.get(level=2).recipient == personas.lurah
    assert escalation.run_escalations(today=D(2026, 11, 9)) == 1  # 3 working days late
    assert EscalationNotice.objects.get(level=3).recipient == personas.camat
    send_due()
    assert [m.to for m in mailoutbox] == [
        [personas.pegawai.email],  # told at once of the assignment
        [personas.pegawai.email],
        [personas.lurah.email],
        [personas.camat.email],
    ]
    assert "ditugaskan" in mailoutbox[0].subject
    assert c.tracking_code in mailoutbox[1].subject
    services.start(complaint=c, by=personas.user("pegawai"), note="Mulai")  # same deadline
    assert escalation.run_escalations(today=D(2026, 11, 9)) == 0


def test_a_long_overdue_report_skips_the_reminder(personas, mailoutbox) -> None:
    make_complaint(personas.kelurahan, on=D(2026, 10, 1))
    assert escalation.run_escalations(today=D(2026, 11, 2), send_email=False) == 2
    assert set(EscalationNotice.objects.values_list("level", flat=True)) == {2, 3}
    assert mailoutbox == []


def test_escalation_of_an_unassigned_report_goes_to_the_unit_head(personas) -> None:
    make_complaint(personas.seksi, on=D(2026, 11, 2))  # verification due Thu 5 Nov
    assert escalation.run_escalations(today=D(2026, 11, 4)) == 1
    assert EscalationNotice.objects.get().recipient == personas.lurah


def test_escalation_task_and_command(personas) -> None:
    from sikap.complaints.tasks import escalate_complaints

    result = escalate_complaints.enqueue()
    assert result.return_value == {"closed": 0, "notices": 0}
    call_command("escalate_complaints", "--enqueue")
    call_command("escalate_complaints")


def test_purge_blanks_identity_after_retention(personas) -> None:
    c = _assigned(personas)
    c = services.answer(complaint=c, by=personas.user("pegawai"), text="ok", on=D(2026, 11, 3))
    services.confirm(complaint=c, on=D(2026, 11, 4))
    fresh = make_complaint(personas.kelurahan, on=D(2026, 11, 4))
    config = ComplaintSettings.load()
    assert (
        services.purge_personal_data(
            today=D(2026, 11, 4) + dt.timedelta(days=config.retention_days)
        )
        == 0
    )
    assert (
        services.purge_personal_data(
            today=D(2026, 11, 5) + dt.timedelta(days=config.retention_days)
        )
        == 1
    )
    c.refresh_from_db()
    fresh.refresh_from_db()
    assert (c.reporter_name, c.reporter_phone, c.reporter_email) == ("", "", "")
    assert c.identity_purged_on is not None
    assert fresh.reporter_name == "Bambang Sutrisno"
    assert all(not hasattr(h, "reporter_name") for h in c.history.all())
    call_command("purge_complaint_personal_data")


def test_settings_change_recomputes_open_deadlines(personas) -> None:
    c = make_complaint(personas.kelurahan, on=D(2026, 11, 2))
    services.update_settings(
        by=personas.user("city_hr"), unit=None, values={"verification_days": 5}
    )
    c.refresh_from_db()
    assert c.verification_due == D(2026, 11, 9)


def test_deleting_a_holiday_recomputes(personas) -> None:
    c = make_complaint(personas.kelurahan, on=D(2026, 5, 13))  # 14-15 May off
    assert c.verification_due == D(2026, 5, 20)
    services.delete_holiday(
        by=personas.user("hr"), holiday=Holiday.objects.get(date=D(2026, 5, 15))
    )
    c.refresh_from_db()
    assert c.verification_due == D(2026, 5, 19)


def test_reopen_restarts_the_resolution_clock(personas) -> None:
    c = _assigned(personas, cls="ringan")
    c = services.answer(complaint=c, by=personas.user("pegawai"), text="ok", on=D(2026, 11, 3))
    c = services.citizen_reply(complaint=c, text="Belum", reopen=True, on=D(2026, 11, 5))
    assert c.status == Status.IN_PROGRESS and c.resolved_on is None
    assert c.resolution_due == D(2026, 11, 9)
    c = services.answer(complaint=c, by=personas.user("pegawai"), text="ok 2", on=D(2026, 11, 6))
    with pytest.raises(ValidationError):
        services.citizen_reply(complaint=c, text="lagi", reopen=True)
    c = services.citizen_reply(complaint=c, text="Terima kasih")  # a plain reply is fine
    assert c.status == Status.ANSWERED
    assert Complaint.objects.overdue(D(2026, 12, 1)).count() == 0


def test_the_citizen_is_mailed_a_link_when_asked_and_answered(
    personas, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        c = _assigned(personas)
        c = services.pause(complaint=c, by=personas.user("pegawai"), reason="Foto?")
        c = services.resume(complaint=c, by=personas.user("pegawai"))
        services.answer(complaint=c, by=personas.user("pegawai"), text="ok")
    # The first e-mail tells the assignee of the assignment; then the citizen's two.
    to_citizen = [m for m in mailoutbox if m.to == ["bambang@example.com"]]
    assert len(to_citizen) == 2 and len(mailoutbox) == 3
    assert f"/pengaduan/lacak/{c.tracking_code}/" in to_citizen[1].body


# --- UU 27/2022 PDP: retention of identities and files (issue 12, item 7) ---------------------


def test_the_purge_deletes_attachment_files_after_commit_and_covers_complaints_never_closed(
    personas, django_capture_on_commit_callbacks
) -> None:
    import datetime as dt

    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sikap.complaints.models import Attachment
    from sikap.complaints.testing import PNG

    old = services.register_complaint(
        unit=personas.kelurahan,
        subject="Lama",
        text="Tidak pernah ditutup",
        reporter_name="Bambang",
        reporter_phone="0812",
        on=dt.date(2020, 1, 6),
        files=[SimpleUploadedFile("ktp.png", PNG)],
    )
    recent = services.register_complaint(
        unit=personas.kelurahan,
        subject="Baru",
        text="Masih ditangani",
        reporter_name="Siti",
        on=dt.date(2026, 11, 2),
    )
    stored = old.attachments.get().file.name
    assert default_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.purge_personal_data(today=dt.date(2026, 12, 2)) == 1
    assert len(callbacks) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.reporter_name, old.reporter_phone, old.identity_purged_on) == (
        "",
        "",
        dt.date(2026, 12, 2),
    )
    assert not Attachment.objects.filter(complaint=old).exists()
    assert not default_storage.exists(stored)
    assert recent.reporter_name == "Siti"
    # Nothing left to purge: a second run changes nothing and queues no deletion.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.purge_personal_data(today=dt.date(2026, 12, 2)) == 0
    assert callbacks == []


def test_the_assignee_is_notified_at_once_in_app_and_by_email(personas, mailoutbox) -> None:
    from sikap.planning.models import Notification

    c = _assigned(personas, cls="ringan")
    notice = Notification.objects.get(recipient=personas.user("pegawai"))
    assert c.tracking_code in notice.title
    assert notice.url.endswith(f"/{c.pk}/")
    send_due()
    assert [m.to for m in mailoutbox] == [[personas.pegawai.email]]
