"""The e-mail outbox: retries with a growing delay, a failure count for HR, a deploy check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sikap.accounts import checks, outbox
from sikap.accounts.models import EmailStatus, OutgoingEmail

pytestmark = pytest.mark.django_db


class Down(Exception):
    pass


@pytest.fixture
def broken_mail(settings):
    settings.EMAIL_BACKEND = "sikap.accounts.tests.test_outbox.BrokenBackend"


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise Down("mail server unreachable")


def test_a_failed_send_is_retried_then_counted(broken_mail, settings, personas, login):
    email = outbox.queue_email(to="a@example.id", subject="Hi", body="B")
    now = timezone.now()
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        assert not outbox.deliver(email_id=email.pk, now=now)
        email.refresh_from_db()
        assert email.attempts == attempt
        now += dt.timedelta(hours=12)
    assert email.status == EmailStatus.FAILED and "unreachable" in email.last_error
    assert outbox.failure_count() == 1
    # A failed e-mail is not tried again by the sweep until HR asks.
    assert outbox.send_due(now=now + dt.timedelta(days=1)) == 0

    client = login(personas.user("hr"))
    home = client.get(reverse("accounts:home"))
    assert reverse("accounts:outbox") in home.text
    page = client.get(reverse("accounts:outbox"))
    assert page.status_code == 200 and page.context["totals"]["failed"] == 1
    assert page.context["rows"] == []  # addresses cross units: for the superadmin only

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert client.post(reverse("accounts:outbox")).status_code == 302
    email.refresh_from_db()
    assert email.status == EmailStatus.PENDING and email.attempts == 0
    assert outbox.send_due() == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and [m.to for m in mail.outbox] == [["a@example.id"]]


def test_the_sweep_waits_for_the_retry_time(broken_mail, settings):
    email = outbox.queue_email(to="a@example.id", subject="Hi", body="B")
    now = timezone.now()
    outbox.deliver(email_id=email.pk, now=now)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.send_due(now=now + dt.timedelta(seconds=30)) == 0
    assert outbox.send_due(now=now + dt.timedelta(minutes=3)) == 1
    assert outbox.deliver(email_id=email.pk) is True  # already sent: not sent twice
    assert len(mail.outbox) == 1


def test_the_mail_is_sent_only_after_commit(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        outbox.queue_email(to="a@example.id", subject="Hi", body="B")
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert outbox.queue_email(to="", subject="x", body="y") is None


def test_a_rolled_back_save_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Down),
        transaction.atomic(),
    ):
        outbox.queue_email(to="a@example.id", subject="Hi", body="B")
        raise Down
    assert mail.outbox == [] and not OutgoingEmail.objects.exists()


def test_only_hr_and_the_superadmin_open_the_outbox(personas, login):
    outbox.queue_email(to="a@example.id", subject="Hi", body="B")
    assert login(personas.user("pegawai")).get(reverse("accounts:outbox")).status_code == 403
    page = login(personas.user("superadmin")).get(reverse("accounts:outbox"))
    assert page.status_code == 200 and [r.to for r in page.context["rows"]] == ["a@example.id"]
    assert login(personas.user("superadmin")).put(reverse("accounts:outbox")).status_code == 405


def test_the_deploy_check_wants_a_public_site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert [w.id for w in checks.site_url_is_configured(None)] == ["sikap.W001"]
    settings.SITE_URL = ""
    assert [w.id for w in checks.site_url_is_configured(None)] == ["sikap.W001"]
    settings.SITE_URL = "https://sikap.palembang.go.id"
    assert checks.site_url_is_configured(None) == []
    assert outbox.site_link("/skp/1/") == "https://sikap.palembang.go.id/skp/1/"
    assert outbox.site_link("https://x.id/a") == "https://x.id/a"
