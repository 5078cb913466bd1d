"""A save never depends on the mail server: SKP notifications go through the outbox."""

from __future__ import annotations

import socket

import pytest
from django.urls import reverse

from sikap.accounts.models import EmailStatus, OutgoingEmail
from sikap.accounts.outbox import send_due
from sikap.planning.models import Notification, PlanStatus
from sikap.planning.tests.conftest import make_plan

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def no_mail_server(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _closed_port()
    settings.EMAIL_TIMEOUT = 2


def test_submitting_an_skp_works_without_a_mail_server(
    personas, chain, login, no_mail_server, django_capture_on_commit_callbacks
):
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, approve=False)
    OutgoingEmail.objects.all().delete()
    client = login(personas.user("pegawai"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("planning:submit", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    waiting = Notification.objects.filter(
        recipient=personas.penilai.user, title__contains="menunggu"
    )
    assert waiting.count() == 1
    email = OutgoingEmail.objects.get()
    # The send after commit failed and was scheduled again, not lost.
    assert email.to == personas.penilai.email
    assert email.status == EmailStatus.PENDING
    assert email.attempts == 1 and email.next_attempt_at is not None
    assert "Connection" in email.last_error or "refused" in email.last_error.lower()


def test_the_link_in_the_mail_uses_the_configured_site_url(
    personas, chain, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from sikap.planning.services import plans

    settings.SITE_URL = "https://sikap.palembang.go.id/"
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, approve=False)
    OutgoingEmail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        plans.submit_plan(plan=plan, by=personas.pegawai.user)
    assert len(mailoutbox) == 1
    assert f"https://sikap.palembang.go.id/skp/{plan.pk}/" in mailoutbox[0].body
    assert "127.0.0.1" not in mailoutbox[0].body
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT
    assert send_due() == 0  # nothing is sent twice
    assert len(mailoutbox) == 1


def test_the_penilai_hears_of_a_submitted_skp_at_once(
    personas, chain, mailoutbox, django_capture_on_commit_callbacks
):
    from sikap.planning.services import plans

    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, approve=False)
    OutgoingEmail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        plans.submit_plan(plan=plan, by=personas.pegawai.user)
        notice = Notification.objects.get(
            recipient=personas.penilai.user, url=reverse("planning:plan", args=[plan.pk])
        )
        assert mailoutbox == []  # the mail waits for the commit
    assert "Dewi Lestari" in notice.title
    assert [m.to for m in mailoutbox] == [[personas.penilai.email]]
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT
