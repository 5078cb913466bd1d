"""E-mail through an outbox: written with the change that causes it, sent after commit.

A save never waits for, or fails because of, the mail server: ``queue_email`` only inserts a
row in the caller's transaction; a background task sends it once the transaction commits and
retries with a growing delay. What still fails after ``MAX_ATTEMPTS`` is counted for HR.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from sikap.accounts.models import EmailStatus, OutgoingEmail, User

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def site_link(path: str) -> str:
    """An absolute link for an e-mail, from the configured ``SITE_URL``."""
    if not path.startswith("/"):
        return path
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def queue_email(*, to: str, subject: str, body: str) -> OutgoingEmail | None:
    """Record an e-mail in the current transaction; it is sent after the transaction commits."""
    if not to:
        return None
    email = OutgoingEmail.objects.create(to=to, subject=subject[:255], body=body)
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def _enqueue(email_id: int, *, run_after: dt.datetime | None = None) -> None:
    from sikap.accounts.tasks import deliver_email

    try:
        if run_after is not None and deliver_email.get_backend().supports_defer:
            deliver_email.using(run_after=run_after).enqueue(email_id)
        elif run_after is None:
            deliver_email.enqueue(email_id)
    except Exception:  # the queue being down must not break the request either
        log.exception("could not queue e-mail %s; send_outbox will retry it", email_id)


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=2 ** min(attempts, 8))


# A claimed e-mail is not picked up by another sender for this long (longer than EMAIL_TIMEOUT).
_LEASE = dt.timedelta(minutes=10)


def deliver(*, email_id: int, now: dt.datetime | None = None) -> bool:
    """Try to send one e-mail; True when it is (or already was) sent."""
    moment = now or timezone.now()
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None or email.status == EmailStatus.SENT:
        return email is not None
    if email.status == EmailStatus.FAILED:
        return False
    # Claim it without holding a transaction open while the mail server answers.
    claimed = OutgoingEmail.objects.filter(
        pk=email_id, status=EmailStatus.PENDING, attempts=email.attempts
    ).update(attempts=F("attempts") + 1, next_attempt_at=moment + _LEASE)
    if not claimed:
        return False
    attempts = email.attempts + 1
    try:
        send_mail(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to])
    except Exception as exc:
        failed = attempts >= MAX_ATTEMPTS
        retry_at = None if failed else moment + _backoff(attempts)
        OutgoingEmail.objects.filter(pk=email_id).update(
            status=EmailStatus.FAILED if failed else EmailStatus.PENDING,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=retry_at,
        )
        log.warning("e-mail %s failed (attempt %s): %s", email_id, attempts, exc)
        if retry_at is not None:
            _enqueue(email_id, run_after=retry_at)
        return False
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT, sent_at=moment, next_attempt_at=None
    )
    return True


def send_due(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """Send the waiting e-mails whose retry time has come; return how many were sent."""
    moment = now or timezone.now()
    due = (
        OutgoingEmail.objects.filter(status=EmailStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=moment))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(deliver(email_id=pk, now=moment) for pk in list(due))


@transaction.atomic
def retry_failed(*, by: User | None = None) -> int:
    """Put every failed e-mail back in the queue (after the mail server was fixed)."""
    ids = list(OutgoingEmail.objects.filter(status=EmailStatus.FAILED).values_list("pk", flat=True))
    OutgoingEmail.objects.filter(pk__in=ids).update(
        status=EmailStatus.PENDING, attempts=0, next_attempt_at=None
    )
    for pk in ids:
        transaction.on_commit(partial(_enqueue, pk))
    return len(ids)


def failure_count() -> int:
    """How many e-mails could not be sent after every retry."""
    return OutgoingEmail.objects.filter(status=EmailStatus.FAILED).count()
