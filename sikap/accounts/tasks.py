"""Background work of the accounts app: sending the e-mail outbox."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_email(email_id: int) -> None:
    """Send one queued e-mail; a failure schedules its own retry."""
    from sikap.accounts.outbox import deliver

    deliver(email_id=email_id)
