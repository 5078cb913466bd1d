"""The assignee of a complaint hears of it at once: in-app now, by e-mail after commit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sikap.accounts.models import OutgoingEmail
from sikap.complaints import services
from sikap.complaints.testing import make_complaint
from sikap.planning.models import Notification

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2026, 11, 2)


def _verified(personas):
    c = make_complaint(personas.kelurahan, on=MONDAY)
    return services.verify(
        complaint=c, by=personas.user("lurah"), complaint_class="ringan", on=MONDAY
    )


def test_the_assignee_is_told_in_app_and_by_mail_after_commit(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    c = _verified(personas)
    with django_capture_on_commit_callbacks(execute=True):
        services.assign(
            complaint=c, by=personas.user("lurah"), assignee=personas.pegawai, on=MONDAY
        )
        notice = Notification.objects.get(recipient=personas.pegawai.user)
        assert mailoutbox == []  # queued in the transaction, sent once it commits
        assert OutgoingEmail.objects.filter(to=personas.pegawai.email, status="pending").exists()
    assert c.tracking_code in notice.title and notice.url == reverse(
        "complaints:detail", args=[c.pk]
    )
    assert [m.to for m in mailoutbox] == [[personas.pegawai.email]]
    assert c.tracking_code in mailoutbox[0].subject


def test_a_reassignment_tells_the_new_assignee(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    c = _verified(personas)
    lurah = personas.user("lurah")
    with django_capture_on_commit_callbacks(execute=True):
        c = services.assign(complaint=c, by=lurah, assignee=personas.pegawai, on=MONDAY)
        services.assign(complaint=c, by=lurah, assignee=personas.peer, on=MONDAY)
    assert Notification.objects.filter(recipient=personas.peer.user).count() == 1
    assert [m.to for m in mailoutbox] == [[personas.pegawai.email], [personas.peer.email]]
