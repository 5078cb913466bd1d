"""Reminders from leaders: templates, the weekly limit, who may send them, e-mail after commit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sikap.accounts.models import OutgoingEmail
from sikap.planning import access, nudges
from sikap.planning.models import Notification, Nudge, NudgeTemplate, NudgeTopic

pytestmark = pytest.mark.django_db
URL = reverse("planning:nudge")
MONDAY = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def _send(personas, topic=NudgeTopic.NO_PLAN, *, by="camat", now=MONDAY, who="pegawai"):
    return nudges.send_nudge(
        employee=getattr(personas, who), topic=topic, by=personas.user(by), now=now
    )


def test_a_reminder_goes_in_app_and_by_mail_after_commit(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        nudge = _send(personas)
        # Written in the transaction, not yet sent: the mail server is never waited for.
        assert OutgoingEmail.objects.get().status == "pending"
        assert mailoutbox == []
    assert callbacks
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [[personas.pegawai.email]]
    assert mailoutbox[0].subject == "[SIKAP] Pengingat: buat SKP Anda"
    assert "Dewi Lestari" in mailoutbox[0].body and "Hendra Wijaya" in mailoutbox[0].body
    notice = Notification.objects.get(recipient=personas.pegawai.user)
    assert notice.title == "Pengingat: buat SKP Anda"
    assert notice.url == reverse("planning:create")
    assert (nudge.employee, nudge.sent_by, nudge.sent_at) == (
        personas.pegawai,
        personas.camat.user,
        MONDAY,
    )


def test_a_second_reminder_within_seven_days_is_refused_by_anyone(personas):
    _send(personas)
    with pytest.raises(ValidationError) as refused:
        _send(personas, by="lurah", now=MONDAY + dt.timedelta(days=7, seconds=-1))
    assert refused.value.code == "already_nudged"
    assert "2 November 2026" in refused.value.messages[0]
    assert "9 November 2026" in refused.value.messages[0]
    assert Nudge.objects.count() == 1 and Notification.objects.count() == 1


def test_after_exactly_seven_days_a_new_reminder_may_go(personas):
    _send(personas)
    _send(personas, now=MONDAY + dt.timedelta(days=7))
    assert Nudge.objects.filter(employee=personas.pegawai).count() == 2


def test_the_limit_is_per_topic_and_per_person(personas):
    _send(personas)
    _send(personas, NudgeTopic.NO_REALISATION)
    _send(personas, who="peer")
    assert Nudge.objects.count() == 3


def test_the_nearest_template_applies_then_the_instance_then_the_default(personas):
    assert nudges.wording_for(personas.pegawai, NudgeTopic.NO_WORKLOG)[0] == (
        "Pengingat: isi Progres Harian Anda"
    )
    NudgeTemplate.objects.create(topic=NudgeTopic.NO_WORKLOG, subject="Kota", body="Kota {nama}")
    assert nudges.wording_for(personas.pegawai, NudgeTopic.NO_WORKLOG)[0] == "Kota"
    NudgeTemplate.objects.create(
        unit=personas.kecamatan, topic=NudgeTopic.NO_WORKLOG, subject="Plaju", body="Halo {nama}"
    )
    NudgeTemplate.objects.create(
        unit=personas.other_kecamatan, topic=NudgeTopic.NO_WORKLOG, subject="SU II", body="-"
    )
    assert nudges.wording_for(personas.pegawai, NudgeTopic.NO_WORKLOG) == ("Plaju", "Halo {nama}")
    assert nudges.wording_for(personas.outsider, NudgeTopic.NO_WORKLOG)[0] == "SU II"
    nudge = _send(personas, NudgeTopic.NO_WORKLOG)
    assert (nudge.subject, nudge.body) == ("Plaju", "Halo Dewi Lestari")


def test_someone_without_an_account_gets_the_mail_only(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    personas.peer.user = None
    personas.peer.save()
    with django_capture_on_commit_callbacks(execute=True):
        _send(personas, NudgeTopic.NOT_SIGNED_IN, who="peer")
    assert [m.to for m in mailoutbox] == [[personas.peer.email]]
    assert not Notification.objects.exists()


def test_someone_unreachable_is_refused(personas):
    personas.peer.user = None
    personas.peer.email = ""
    personas.peer.save()
    with pytest.raises(ValidationError) as refused:
        _send(personas, who="peer")
    assert refused.value.code == "unreachable"
    assert not Nudge.objects.exists()


def test_an_unknown_topic_is_refused(personas):
    with pytest.raises(ValidationError) as refused:
        _send(personas, "bogus")
    assert refused.value.code == "unknown_topic"


def test_last_sent_gives_the_latest_per_person_and_topic(personas):
    _send(personas)
    _send(personas, now=MONDAY + dt.timedelta(days=8))
    assert nudges.last_sent([personas.pegawai.pk, personas.peer.pk]) == {
        (personas.pegawai.pk, NudgeTopic.NO_PLAN.value): MONDAY + dt.timedelta(days=8)
    }


@pytest.mark.parametrize(
    ("persona", "target", "outcome"),
    [
        ("camat", "pegawai", "ok"),
        ("lurah", "pegawai", "ok"),
        ("penilai", "pegawai", "ok"),
        ("superadmin", "pegawai", "ok"),
        ("camat", "lurah", "ok"),
        ("penilai", "lurah", 404),
        ("hr", "pegawai", 403),
        ("auditor", "pegawai", 403),
        ("peer", "pegawai", 404),
        ("pegawai", "pegawai", 403),
        ("other_hr", "pegawai", 404),
        ("city_hr", "pegawai", 403),
        ("outsider", "pegawai", 404),
        ("lurah", "outsider", 404),
    ],
)
def test_only_leaders_over_the_person_may_remind(personas, persona, target, outcome):
    user = personas.user(persona)
    employee = getattr(personas, target)
    if outcome == "ok":
        assert access.get_nudge_targets(user, [employee.pk]) == [employee]
        return
    with pytest.raises(Http404 if outcome == 404 else PermissionDenied):
        access.get_nudge_targets(user, [employee.pk])


def test_an_unknown_person_is_404(personas):
    with pytest.raises(Http404):
        access.get_nudge_targets(personas.user("camat"), [999999])


def _post(client, *picks, one=None, next_url="/keterlibatan/"):
    data = {"pick": [f"{p.pk}:{t}" for p, t in picks], "next": next_url}
    if one is not None:
        data["one"] = f"{one[0].pk}:{one[1]}"
    return client.post(URL, data)


def test_the_camat_reminds_several_and_hears_who_was_already_reminded(personas, login):
    _send(personas, NudgeTopic.NO_PLAN, who="peer", now=None)  # earlier today
    client = login(personas.user("camat"))
    response = _post(
        client, (personas.pegawai, "no_plan"), (personas.peer, "no_plan"), (personas.hr, "no_plan")
    )
    assert response.status_code == 302 and response["Location"] == "/keterlibatan/"
    assert set(Nudge.objects.values_list("employee_id", flat=True)) == {
        personas.pegawai.pk,
        personas.peer.pk,
        personas.hr.pk,
    }
    shown = [str(m) for m in response.wsgi_request._messages]
    assert shown[0] == "Pengingat dikirim kepada 2 orang: Dewi Lestari, Nurul Hidayah."
    assert shown[1].startswith("Rudi Hartono sudah diingatkan tentang hal ini pada")


def test_the_one_button_wins_over_the_ticked_boxes(personas, login):
    client = login(personas.user("lurah"))
    _post(client, (personas.peer, "no_plan"), one=(personas.pegawai, "not_submitted"))
    assert list(Nudge.objects.values_list("employee_id", "topic")) == [
        (personas.pegawai.pk, "not_submitted")
    ]


@pytest.mark.parametrize(("persona", "status"), [("hr", 403), ("auditor", 403), ("other_hr", 404)])
def test_the_view_refuses_who_does_not_lead_the_person(personas, login, persona, status):
    response = _post(login(personas.user(persona)), (personas.pegawai, "no_plan"))
    assert response.status_code == status
    assert not Nudge.objects.exists()


def test_the_view_refuses_bad_input_and_foreign_redirects(personas, login):
    client = login(personas.user("camat"))
    response = _post(client, next_url="https://evil.example/")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:home")
    assert [str(m) for m in response.wsgi_request._messages] == [
        "Centang setidaknya satu orang untuk diingatkan."
    ]
    response = client.post(URL, {"pick": ["x:no_plan", f"{personas.pegawai.pk}:bogus"]})
    assert response.status_code == 302 and not Nudge.objects.exists()


def test_the_view_is_post_only_and_needs_a_login(personas, client, login):
    assert client.post(URL, {"one": f"{personas.pegawai.pk}:no_plan"}).status_code == 302
    assert not Nudge.objects.exists()
    assert login(personas.user("camat")).get(URL).status_code == 405


TEMPLATES = reverse("planning:nudge_templates")


@pytest.mark.parametrize(
    ("persona", "instance", "kecamatan"),
    [
        ("city_hr", 200, 200),
        ("superadmin", 200, 200),
        ("hr", 200, 200),
        ("auditor", 200, 200),
        ("other_hr", 200, 404),
        ("camat", 404, 404),
        ("pegawai", 404, 404),
    ],
)
def test_who_may_read_the_reminder_templates(personas, login, persona, instance, kecamatan):
    client = login(personas.user(persona))
    assert client.get(TEMPLATES).status_code == instance
    assert client.get(TEMPLATES, {"unit": personas.kecamatan.pk}).status_code == kecamatan


def _write(client, unit, subject="Ayo masuk", body="Halo {nama}"):
    return client.post(
        TEMPLATES,
        {
            "unit": unit.pk if unit else "",
            "topic": "not_signed_in",
            "subject": subject,
            "body": body,
        },
    )


@pytest.mark.parametrize(
    ("persona", "instance", "kecamatan"),
    [
        ("city_hr", 302, 302),
        ("superadmin", 302, 302),
        ("hr", 403, 302),
        ("auditor", 403, 403),
        ("other_hr", 403, 404),
        ("camat", 404, 404),
    ],
)
def test_only_the_owner_changes_a_template(personas, login, persona, instance, kecamatan):
    client = login(personas.user(persona))
    assert _write(client, None).status_code == instance
    assert _write(client, personas.kecamatan).status_code == kecamatan
    expected = {None} if instance == 302 else set()
    expected |= {personas.kecamatan.pk} if kecamatan == 302 else set()
    assert set(NudgeTemplate.objects.values_list("unit_id", flat=True)) == expected


def test_the_kecamatan_hr_writes_a_template_that_its_people_then_receive(personas, login):
    client = login(personas.user("hr"))
    page = client.get(TEMPLATES, {"unit": personas.kecamatan.pk}).content.decode()
    assert "Pengingat: masuk ke SIKAP" in page and "Berlaku dari bawaan." in page
    response = _write(client, personas.kecamatan, body="Halo {nama}, ditunggu. {pengirim}")
    assert response.status_code == 302
    template = NudgeTemplate.objects.get()
    assert template.history.get().history_user == personas.hr.user
    page = client.get(TEMPLATES, {"unit": personas.kecamatan.pk}).content.decode()
    assert "Ditulis untuk tingkat ini." in page
    nudge = _send(personas, NudgeTopic.NOT_SIGNED_IN)
    assert nudge.body == "Halo Dewi Lestari, ditunggu. Hendra Wijaya, S.STP., M.Si."
    # Written again: the same row changes, the form round-trips.
    _write(client, personas.kecamatan, body="Halo {nama}, ditunggu. {pengirim}")
    assert NudgeTemplate.objects.count() == 1 and template.history.count() == 2


def test_a_template_too_long_is_refused_on_the_form(personas, login):
    client = login(personas.user("city_hr"))
    response = _write(client, None, subject="x" * 201)
    assert response.status_code == 200
    assert not NudgeTemplate.objects.exists()
    assert response.context["rows"][0][1].errors["subject"]


def test_the_page_reads_the_wording_in_a_fixed_number_of_queries(
    personas, login, django_assert_max_num_queries
):
    client = login(personas.user("city_hr"))
    client.get(TEMPLATES)
    with CaptureQueriesContext(connection) as none_written:
        client.get(TEMPLATES)
    for topic in NudgeTopic.values:
        NudgeTemplate.objects.create(topic=topic, subject="Kota", body="Kota")
    with django_assert_max_num_queries(len(none_written)):
        body = client.get(TEMPLATES).content.decode()
    assert body.count("Ditulis untuk tingkat ini.") == len(NudgeTopic.values)


def test_the_unit_list_offers_reminders_to_its_head_but_not_to_hr(personas, login):
    url = reverse("planning:unit_plans", args=[personas.kelurahan.pk])
    body = login(personas.user("lurah")).get(url).content.decode()
    assert (
        f'value="{personas.pegawai.pk}:no_plan"' in body and "Ingatkan semua yang terpilih" in body
    )
    body = login(personas.user("hr")).get(url).content.decode()
    assert 'name="one"' not in body and "Ingatkan semua yang terpilih" not in body


def test_the_team_page_offers_reminders_to_the_penilai(personas, login):
    _send(personas, now=None)
    body = login(personas.user("penilai")).get(reverse("planning:team")).content.decode()
    assert f'value="{personas.peer.pk}:no_plan"' in body
    assert "diingatkan hari ini" in body  # the pegawai, reminded by the camat
