"""Training as people expect it: invitations, registration with a waiting list, QR check-in,
pre- and post-test scores, certificates and their public verification."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from sikap.development import access, rules, selectors, services
from sikap.development.models import Participant, ParticipantStatus, PlanItem
from sikap.development.testing import invite, make_event
from sikap.planning.models import Notification

DAY = dt.date(2026, 2, 12)


def _at(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute, second)))


def _open_event(personas, *, capacity=None, opens=None, closes=None, days=1):
    event = make_event(personas.kecamatan, start=DAY, end=DAY + dt.timedelta(days=days - 1))
    event.registration_open = True
    event.capacity = capacity
    event.check_in_opens, event.check_in_closes = opens, closes
    event.save()
    return event


def _register(event, employee, when):
    return services.register_for_event(event=event, employee=employee, by=None, now=when)


def _codes(exc: pytest.ExceptionInfo[ValidationError]) -> list[str | None]:
    return [e.code for e in exc.value.error_list]


# Registration and the waiting list ----------------------------------------------------------


@time_machine.travel(dt.datetime(2026, 2, 1, 9, 0), tick=False)
def test_beyond_the_capacity_registrations_wait_in_order_and_the_first_moves_up(
    personas, django_capture_on_commit_callbacks
):
    event = _open_event(personas, capacity=1)
    first = _register(event, personas.pegawai, _at(dt.date(2026, 2, 1), 8))
    second = _register(event, personas.peer, _at(dt.date(2026, 2, 1), 8, 5))
    third = _register(event, personas.penilai, _at(dt.date(2026, 2, 1), 8, 10))
    assert first.status == ParticipantStatus.REGISTERED
    assert (second.status, third.status) == (ParticipantStatus.WAITING,) * 2
    assert selectors.waiting_position(second) == 1 and selectors.waiting_position(third) == 2
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(participant=first, by=None)
    assert promoted is not None and promoted.pk == second.pk
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == ParticipantStatus.REGISTERED
    assert selectors.waiting_position(third) == 1
    notice = Notification.objects.get(recipient=personas.peer.user)
    assert event.name in notice.title and notice.url == reverse(
        "development:event", args=[event.pk]
    )
    assert not Notification.objects.filter(recipient=personas.penilai.user).exists()


@time_machine.travel(dt.datetime(2026, 2, 1, 9, 0), tick=False)
def test_cancelling_a_place_on_the_waiting_list_promotes_nobody(personas):
    event = _open_event(personas, capacity=1)
    _register(event, personas.pegawai, _at(dt.date(2026, 2, 1), 8))
    waiting = _register(event, personas.peer, _at(dt.date(2026, 2, 1), 8, 5))
    assert services.cancel_registration(participant=waiting, by=None) is None
    with pytest.raises(ValidationError) as exc:
        services.cancel_registration(participant=waiting, by=None)
    assert _codes(exc) == ["not_registered"]


@time_machine.travel(dt.datetime(2026, 2, 1, 9, 0), tick=False)
def test_one_registration_per_person(personas):
    event = _open_event(personas)
    _register(event, personas.pegawai, timezone.now())
    with pytest.raises(ValidationError) as exc:
        _register(event, personas.pegawai, timezone.now())
    assert _codes(exc) == ["already_registered"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(event=event, employee=personas.pegawai)
    assert event.participants.count() == 1


@time_machine.travel(dt.datetime(2026, 2, 1, 9, 0), tick=False)
def test_a_closed_event_takes_invitees_only_and_an_ended_one_nobody(personas):
    event = make_event(personas.kecamatan, start=DAY)
    with pytest.raises(ValidationError) as exc:
        _register(event, personas.pegawai, timezone.now())
    assert _codes(exc) == ["not_open"]
    services.invite_to_event(event=event, employees=[personas.pegawai], by=None)
    assert _register(event, personas.pegawai, timezone.now()).status == "REGISTERED"
    services.invite_to_event(event=event, employees=[personas.peer], by=None)
    with pytest.raises(ValidationError) as exc:
        _register(event, personas.peer, _at(DAY + dt.timedelta(days=1), 8))
    assert _codes(exc) == ["ended"]


def test_a_cancelled_attendee_cannot_cancel(personas):
    event = _open_event(personas)
    (row,) = invite(event, personas.pegawai, attended=True)
    with pytest.raises(ValidationError) as exc:
        services.cancel_registration(participant=row, by=None)
    assert _codes(exc) == ["already_attended"]


def test_invitations_notify_each_new_invitee_once(personas, django_capture_on_commit_callbacks):
    event = _open_event(personas)
    with django_capture_on_commit_callbacks(execute=True):
        n = services.invite_to_event(
            event=event, employees=[personas.pegawai, personas.peer, personas.pegawai], by=None
        )
        again = services.invite_to_event(event=event, employees=[personas.pegawai], by=None)
    assert (n, again) == (2, 0)
    assert Notification.objects.filter(recipient=personas.pegawai.user).count() == 1
    assert set(event.participants.values_list("status", flat=True)) == {"INVITED"}


def test_the_audience_of_an_improvement_area_comes_from_the_idp(personas):
    plan = services.get_or_create_plan(employee=personas.pegawai, year=2026, by=None)
    PlanItem.objects.create(plan=plan, competency="Komunikasi", jenis_diklat=8, target_jp=4)
    managed = access.employees_managed(access.get_scope(personas.user("hr")))
    chosen = selectors.audience_by_competency(
        managed, competency="komunikasi ", year=2026, today=dt.date(2026, 11, 27)
    )
    assert chosen == [personas.pegawai]


# Check-in ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "time", "expected"),
    [
        (DAY - dt.timedelta(days=1), dt.time(12), rules.CHECK_IN_NOT_YET),
        (DAY, dt.time(7, 59, 59), rules.CHECK_IN_NOT_YET),
        (DAY, dt.time(8), rules.CHECK_IN_OPEN),
        (DAY, dt.time(16), rules.CHECK_IN_OPEN),
        (DAY, dt.time(16, 0, 1), rules.CHECK_IN_CLOSED),
        (DAY + dt.timedelta(days=1), dt.time(7), rules.CHECK_IN_NOT_YET),
        (DAY + dt.timedelta(days=1), dt.time(9), rules.CHECK_IN_OPEN),
        (DAY + dt.timedelta(days=1), dt.time(16, 0, 1), rules.CHECK_IN_CLOSED),
        (DAY + dt.timedelta(days=2), dt.time(9), rules.CHECK_IN_CLOSED),
    ],
)
def test_check_in_is_open_each_event_day_between_its_hours(day, time, expected):
    moment = dt.datetime.combine(day, time)
    state = rules.check_in_state(
        moment, start=DAY, end=DAY + dt.timedelta(days=1), opens=dt.time(8), closes=dt.time(16)
    )
    assert state == expected


def test_without_hours_the_check_in_is_open_the_whole_day():
    def state(moment):
        return rules.check_in_state(moment, start=DAY, end=DAY, opens=None, closes=None)

    assert state(dt.datetime.combine(DAY, dt.time(0))) == rules.CHECK_IN_OPEN
    assert state(dt.datetime.combine(DAY, dt.time(23, 59, 59))) == rules.CHECK_IN_OPEN
    assert state(dt.datetime.combine(DAY, dt.time(0)) - dt.timedelta(seconds=1)) == "not_yet"
    assert state(dt.datetime.combine(DAY + dt.timedelta(days=1), dt.time(0))) == "closed"
    assert rules.seat_free(None, 99) and rules.seat_free(2, 1) and not rules.seat_free(2, 2)
    assert rules.score_valid(0) and rules.score_valid(100) and rules.score_valid(None)
    assert not rules.score_valid(101) and not rules.score_valid(-1)


def test_check_in_marks_attendance_once(personas):
    event = _open_event(personas, opens=dt.time(8), closes=dt.time(16))
    _register(event, personas.pegawai, _at(DAY - dt.timedelta(days=3), 9))
    first = services.check_in(event=event, employee=personas.pegawai, by=None, now=_at(DAY, 8))
    again = services.check_in(event=event, employee=personas.pegawai, by=None, now=_at(DAY, 9))
    assert first.attended and again.checked_in_at == first.checked_in_at == _at(DAY, 8)


@pytest.mark.parametrize(
    ("when", "code"),
    [(_at(DAY, 7, 59, 59), "check_in_not_yet"), (_at(DAY, 16, 0, 1), "check_in_closed")],
)
def test_check_in_outside_the_hours_is_refused(personas, when, code):
    event = _open_event(personas, opens=dt.time(8), closes=dt.time(16))
    _register(event, personas.pegawai, _at(DAY - dt.timedelta(days=3), 9))
    with pytest.raises(ValidationError) as exc:
        services.check_in(event=event, employee=personas.pegawai, by=None, now=when)
    assert _codes(exc) == [code]
    assert not Participant.objects.get(event=event).attended


def test_only_registered_people_check_in(personas):
    event = _open_event(personas, capacity=1)
    _register(event, personas.pegawai, _at(DAY - dt.timedelta(days=3), 9))
    _register(event, personas.peer, _at(DAY - dt.timedelta(days=3), 10))  # waiting list
    for employee in (personas.peer, personas.penilai):
        with pytest.raises(ValidationError) as exc:
            services.check_in(event=event, employee=employee, by=None, now=_at(DAY, 9))
        assert _codes(exc) == ["not_registered"]


def test_the_check_in_token_names_its_event_and_refuses_tampering(personas):
    event = _open_event(personas, opens=dt.time(8), closes=dt.time(16))
    other = _open_event(personas)
    token = services.check_in_token(event)
    assert token == services.check_in_token(event)  # one QR for the whole window
    with time_machine.travel(_at(DAY, 9), tick=False):
        assert services.read_check_in_token(token) == event
        value, stamp, signature = token.rsplit(":", 2)
        for forged in (
            f"{other.pk}:{stamp}:{signature}",
            f"{value}:{stamp}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
            "nonsense",
            f"{value}:{stamp}:",
        ):
            with pytest.raises(ValidationError) as exc:
                services.read_check_in_token(forged)
            assert _codes(exc) == ["bad_token"]


def test_the_check_in_token_expires_when_the_check_in_closes_and_on_a_new_schedule(personas):
    event = _open_event(personas, opens=dt.time(8), closes=dt.time(16))
    token = services.check_in_token(event)
    with time_machine.travel(_at(DAY, 16), tick=False):
        assert services.read_check_in_token(token) == event
    with time_machine.travel(_at(DAY, 16, 0, 2), tick=False):
        with pytest.raises(ValidationError) as exc:
            services.read_check_in_token(token)
        assert _codes(exc) == ["expired_token"]
    event.check_in_opens = dt.time(9)
    event.save()
    with time_machine.travel(_at(DAY, 10), tick=False):
        with pytest.raises(ValidationError) as exc:
            services.read_check_in_token(token)
        assert _codes(exc) == ["old_token"]


def test_an_event_whose_check_in_closes_before_it_opens_is_refused(personas):
    with pytest.raises(ValidationError) as exc:
        services.create_event(
            name="Bimtek",
            jenis_diklat=8,
            organiser="BKPSDM",
            start_date=DAY,
            end_date=DAY,
            unit=personas.kecamatan,
            by=None,
            jp=4,
            check_in_opens=dt.time(10),
            check_in_closes=dt.time(9),
        )
    assert exc.value.error_dict["check_in_closes"][0].code == "check_in_order"


# Scores -----------------------------------------------------------------------------------


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("nilai.csv", text.encode(), content_type="text/csv")


def test_scores_import_from_csv(personas):
    event = _open_event(personas)
    invite(event, personas.pegawai, personas.peer)
    csv = f"NIP;pre;post\n{personas.pegawai.nip};40;85\n{personas.peer.nip};;70\n"
    assert services.import_scores(event=event, upload=_csv(csv), by=None) == 2
    rows = {p.employee_id: (p.pre_test, p.post_test) for p in event.participants.all()}
    assert rows == {personas.pegawai.pk: (40, 85), personas.peer.pk: (None, 70)}


def test_scores_import_from_xlsx(personas):
    event = _open_event(personas)
    invite(event, personas.pegawai)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["NIP", "Pre", "Post"])
    sheet.append([personas.pegawai.nip, 55, 90.0])
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("nilai.xlsx", data.getvalue())
    assert services.import_scores(event=event, upload=upload, by=None) == 1
    assert Participant.objects.get(event=event).post_test == 90


def test_a_wrong_row_names_row_and_column_and_nothing_is_saved(personas):
    event = _open_event(personas)
    invite(event, personas.pegawai, personas.peer)
    csv = (
        f"NIP,pre,post\n{personas.pegawai.nip},40,85\n199001012020011999,50,60\n"
        f"{personas.peer.nip},abc,101\n{personas.pegawai.nip},1,2\n"
    )
    with pytest.raises(ValidationError) as exc:
        services.import_scores(event=event, upload=_csv(csv), by=None)
    assert _codes(exc) == [
        "nip_unknown",
        "score_not_number",
        "score_out_of_range",
        "nip_twice",
    ]
    messages = exc.value.messages
    assert messages[0].startswith("Baris 3, kolom NIP: 199001012020011999")
    assert messages[1].startswith("Baris 4, kolom pre:")
    assert messages[2].startswith("Baris 4, kolom post:")
    assert not event.participants.filter(pre_test__isnull=False).exists()


def test_a_file_of_another_kind_is_refused_by_the_upload_check(personas):
    event = _open_event(personas)
    upload = SimpleUploadedFile("nilai.csv", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n")
    with pytest.raises(ValidationError):
        services.import_scores(event=event, upload=upload, by=None)


def test_scores_are_0_to_100(personas):
    event = _open_event(personas)
    (row,) = invite(event, personas.pegawai)
    with pytest.raises(ValidationError):
        services.record_scores(event=event, scores={row.pk: (10, 101)}, by=None)
    with pytest.raises(ValidationError) as exc:
        services.record_scores(event=event, scores={row.pk + 999: (1, 2)}, by=None)
    assert _codes(exc) == ["unknown_participant"]
    assert services.record_scores(event=event, scores={row.pk: (0, 100)}, by=None) == 1
    assert services.record_scores(event=event, scores={row.pk: (0, 100)}, by=None) == 0


# Certificates -----------------------------------------------------------------------------


def test_a_certificate_only_for_attendees(personas):
    event = _open_event(personas)
    absent, present = invite(event, personas.peer, attended=False) + invite(
        event, personas.pegawai, attended=True
    )
    with pytest.raises(ValidationError) as exc:
        services.issue_certificate(participant=absent, by=None)
    assert _codes(exc) == ["not_attended"]
    with pytest.raises(PermissionDenied):
        access.get_certificate_for_user(personas.user("peer"), absent.pk)
    issued = services.issue_certificate(participant=present, by=None)
    code = issued.certificate_code
    assert code and len(code) >= 20
    assert services.issue_certificate(participant=present, by=None).certificate_code == code
    with pytest.raises(Http404):
        access.get_certificate_for_user(personas.user("outsider"), present.pk)


def test_the_certificate_pdf_carries_the_name_the_jp_and_the_verification_url(personas, login):
    event = _open_event(personas)
    (row,) = invite(event, personas.pegawai, attended=True)
    response = login(personas.user("pegawai")).get(
        reverse("development:certificate_pdf", args=[row.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    row.refresh_from_db()
    assert personas.pegawai.display_name in text and "JamPelajaran(JP)" in "".join(text.split())
    url = reverse("development:verify_certificate", args=[row.certificate_code])
    assert url in "".join(text.split())
    assert "12 Februari 2026" in text


def test_a_non_attendee_asking_for_a_certificate_is_sent_back(personas, login):
    event = _open_event(personas)
    (row,) = invite(event, personas.pegawai, attended=False)
    response = login(personas.user("pegawai")).get(
        reverse("development:certificate_pdf", args=[row.pk])
    )
    assert response.status_code == 302 and response["Location"] == reverse("development:mine")


def test_the_verification_page_shows_only_name_event_days_and_jp(personas, client):
    event = _open_event(personas)
    (row,) = invite(event, personas.pegawai, attended=True)
    services.record_scores(event=event, scores={row.pk: (40, 85)}, by=None)
    code = services.issue_certificate(participant=row, by=None).certificate_code
    page = client.get(reverse("development:verify_certificate", args=[code]))
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex"
    # The random certificate code is on the page (its URL), and random nonces and tokens are in
    # attributes; "85" may occur inside any of them: look at the text and attribute names only.
    text = re.sub(r'="[^"]*"', '=""', page.text.replace(code, ""))
    assert personas.pegawai.display_name in text and event.name in text
    assert "Berlaku" in text and "12 Februari 2026" in text
    for private in (
        personas.pegawai.nip,
        personas.pegawai.nip[:8],
        personas.pegawai.unit.name,
        personas.pegawai.position.name,
        personas.pegawai.email,
        "85",
    ):
        assert private not in text
    missing = client.get(reverse("development:verify_certificate", args=["x" * 22]))
    assert missing.status_code == 404 and "Tidak berlaku" in missing.text
    row.attended = False
    row.save()
    withdrawn = client.get(reverse("development:verify_certificate", args=[code]))
    assert "Tidak berlaku" in withdrawn.text


# Reaction survey only for attendees -------------------------------------------------------


def test_the_reaction_survey_is_only_for_attendees(personas, login):
    event = _open_event(personas)
    (absent,) = invite(event, personas.peer, attended=False)
    (present,) = invite(event, personas.pegawai, attended=True)
    assert access.get_participation_for_reaction(personas.user("pegawai"), present.pk) == present
    with pytest.raises(PermissionDenied):
        access.get_participation_for_reaction(personas.user("peer"), absent.pk)
    with pytest.raises(Http404):
        access.get_participation_for_reaction(personas.user("pegawai"), absent.pk)
    page = login(personas.user("peer")).get(reverse("development:reaction", args=[absent.pk]))
    assert page.status_code == 302 and page["Location"] == reverse("development:mine")


# Pages and permissions --------------------------------------------------------------------


def test_hr_invites_a_unit_a_jenis_jabatan_or_an_improvement_area(
    personas, login, django_capture_on_commit_callbacks
):
    event = _open_event(personas)
    client = login(personas.user("hr"))
    url = reverse("development:event_invite", args=[event.pk])
    client.post(url, {"unit": personas.seksi.pk})
    invited = set(event.participants.values_list("employee_id", flat=True))
    assert invited == {personas.pegawai.pk, personas.peer.pk, personas.penilai.pk}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"jenis": "PENGAWAS"})
    assert event.participants.filter(employee=personas.lurah).exists()
    assert not event.participants.filter(employee=personas.camat).exists()
    assert Notification.objects.filter(recipient=personas.lurah.user).exists()
    response = client.post(url, {})
    assert response.status_code == 302
    assert not event.participants.filter(employee=personas.outsider).exists()


@pytest.mark.parametrize(
    ("who", "status"), [("other_hr", 404), ("pegawai", 404), ("auditor", 403), ("camat", 403)]
)
def test_only_hr_of_the_subtree_invites_and_enters_scores(personas, login, who, status):
    event = _open_event(personas)
    (row,) = invite(event, personas.pegawai)
    client = login(personas.user(who))
    assert (
        client.post(
            reverse("development:event_invite", args=[event.pk]), {"unit": personas.seksi.pk}
        ).status_code
        == status
    )
    assert client.get(reverse("development:event_scores", args=[event.pk])).status_code == status
    payload = {
        "s-TOTAL_FORMS": "1",
        "s-INITIAL_FORMS": "1",
        "s-0-participant": row.pk,
        "s-0-pre_test": "10",
        "s-0-post_test": "20",
    }
    scores = reverse("development:event_scores", args=[event.pk])
    assert client.post(scores, payload).status_code == status
    imported = client.post(
        reverse("development:event_scores_import", args=[event.pk]),
        {"file": _csv(f"NIP,pre,post\n{personas.pegawai.nip},1,2\n")},
    )
    assert imported.status_code == status
    row.refresh_from_db()
    assert (row.pre_test, row.post_test) == (None, None)
    assert event.participants.count() == 1


def test_the_auditor_reads_the_event_page_without_the_organiser_tools(personas, login):
    event = _open_event(personas)
    page = login(personas.auditor).get(reverse("development:event", args=[event.pk]))
    assert page.status_code == 200
    assert "check-in-url" not in page.text and "event_invite" not in page.text


def test_hr_enters_scores_in_the_table(personas, login):
    event = _open_event(personas)
    (row,) = invite(event, personas.pegawai)
    client = login(personas.user("hr"))
    url = reverse("development:event_scores", args=[event.pk])
    assert personas.pegawai.display_name in client.get(url).text
    payload = {
        "s-TOTAL_FORMS": "1",
        "s-INITIAL_FORMS": "1",
        "s-0-participant": row.pk,
        "s-0-pre_test": "45",
        "s-0-post_test": "101",
    }
    assert client.post(url, payload).status_code == 200  # 101 is refused by the form
    payload["s-0-post_test"] = "80"
    assert client.post(url, payload).status_code == 302
    row.refresh_from_db()
    assert (row.pre_test, row.post_test) == (45, 80)


def test_hr_imports_scores_and_sees_the_errors_per_row(personas, login):
    event = _open_event(personas)
    invite(event, personas.pegawai)
    client = login(personas.user("hr"))
    url = reverse("development:event_scores_import", args=[event.pk])
    bad = client.post(url, {"file": _csv("NIP,pre,post\n123,1,2\n")}, follow=True)
    assert "Baris 2, kolom NIP" in bad.text
    client.post(url, {"file": _csv(f"NIP,pre,post\n{personas.pegawai.nip},1,2\n")})
    assert Participant.objects.get(event=event).post_test == 2


@time_machine.travel(dt.datetime(2026, 2, 1, 9, 0), tick=False)
def test_staff_see_an_open_event_register_and_cancel(personas, login):
    event = _open_event(personas)
    other = make_event(personas.other_kecamatan, start=DAY)
    other.registration_open = True
    other.save()
    client = login(personas.user("pegawai"))
    mine = client.get(reverse("development:mine"))
    assert reverse("development:event_register", args=[event.pk]) in mine.text
    assert reverse("development:event", args=[other.pk]) not in mine.text
    assert client.get(reverse("development:event", args=[other.pk])).status_code == 404
    page = client.get(reverse("development:event", args=[event.pk]))
    assert page.status_code == 200 and "Daftar" in page.text
    assert "check-in-url" not in page.text
    client.post(reverse("development:event_register", args=[event.pk]))
    row = Participant.objects.get(event=event, employee=personas.pegawai)
    assert row.status == "REGISTERED"
    client.post(reverse("development:registration_cancel", args=[row.pk]))
    row.refresh_from_db()
    assert row.status == "CANCELLED"
    assert (
        login(personas.user("peer"))
        .post(reverse("development:registration_cancel", args=[row.pk]))
        .status_code
        == 404
    )


def test_the_check_in_page_checks_in_a_registered_employee(personas, login):
    event = _open_event(personas, opens=dt.time(8), closes=dt.time(16))
    invite(event, personas.pegawai, attended=False)
    url = reverse("development:check_in", args=[services.check_in_token(event)])
    with time_machine.travel(_at(DAY, 9), tick=False):
        client = login(personas.user("pegawai"))
        page = client.get(url)
        assert page.status_code == 200 and "Saya hadir" in page.text
        assert client.post(url).status_code == 302
        assert "hadir" in client.get(url).text
        assert Participant.objects.get(event=event).attended
        peer = login(personas.user("peer")).get(url)
        assert "tidak terdaftar" in peer.text
        forged = url[:-2] + ("A/" if url[-2] != "A" else "B/")
        refused = login(personas.user("pegawai")).get(forged)
        assert refused.status_code == 400 and "tidak sah" in refused.text


def test_the_check_in_page_needs_a_login(personas, client):
    event = _open_event(personas)
    url = reverse("development:check_in", args=[services.check_in_token(event)])
    response = client.get(url)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_edges_of_codes_files_and_invitations(personas):
    assert selectors.verify_certificate("") is None
    event = _open_event(personas)
    token = services.check_in_token(event)
    event.delete()
    with pytest.raises(ValidationError) as exc:
        services.read_check_in_token(token)
    assert _codes(exc) == ["bad_token"]
    event = _open_event(personas)
    with pytest.raises(ValidationError) as exc:
        services.import_scores(event=event, upload=_csv("NIP,pre,post\n,,\n"), by=None)
    assert _codes(exc) == ["no_rows"]
    (row,) = invite(event, personas.pegawai, attended=False)
    services.cancel_registration(participant=row, by=None)
    assert services.invite_to_event(event=event, employees=[personas.pegawai], by=None) == 1
    row.refresh_from_db()
    assert row.status == ParticipantStatus.INVITED


def test_a_login_without_an_employee_has_no_staff_pages(personas, login):
    event = _open_event(personas)
    with pytest.raises(Http404):
        access.get_event_for_staff(personas.superadmin, event.pk, DAY)
    client = login(personas.user("city_hr"))
    url = reverse("development:check_in", args=[services.check_in_token(event)])
    assert client.get(url).status_code == 404


def test_more_edges_of_the_waiting_list_the_token_and_the_import(personas):
    event = _open_event(personas, capacity=1, opens=dt.time(8), closes=dt.time(16))
    first, _second = invite(event, personas.pegawai, personas.peer, attended=False)  # full
    assert selectors.waiting_position(first) is None
    assert services.cancel_registration(participant=first, by=None) is None  # still full
    with time_machine.travel(_at(DAY, 9), tick=False):
        token = services.check_in_token(event)
        with pytest.raises(ValidationError) as exc:
            services.read_check_in_token(token, now=_at(DAY, 17))
        assert _codes(exc) == ["expired_token"]
    csv = f"NIP,pre,post\n,50,60\n{personas.peer.nip},12.5,\n"
    with pytest.raises(ValidationError) as exc:
        services.import_scores(event=event, upload=_csv(csv), by=None)
    assert _codes(exc) == ["nip_empty", "score_not_number"]
    assert exc.value.messages[0] == "Baris 2, kolom NIP: kosong."


def test_a_damaged_workbook_of_scores_is_refused_with_its_reason(personas):
    import zipfile

    event = _open_event(personas)
    invite(event, personas.pegawai)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("xl/workbook.xml", "bukan buku kerja")
    upload = SimpleUploadedFile("nilai.xlsx", data.getvalue())
    with pytest.raises(ValidationError) as caught:
        services.import_scores(event=event, upload=upload, by=None)
    assert _codes(caught) == ["bad_archive"]


def test_an_invitee_without_an_account_is_invited_without_a_notification(
    personas, django_capture_on_commit_callbacks
):
    from sikap.org.testing import make_employee

    event = _open_event(personas)
    nobody = make_employee(personas.pegawai.position, "Tanpa Akun", username="tanpa_akun")
    nobody.user = None
    nobody.save(update_fields=["user"])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invite_to_event(event=event, employees=[nobody], by=None) == 1
    assert not Notification.objects.filter(title__contains=event.name).exists()
