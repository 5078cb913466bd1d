"""Background work of the SKP app (queued by ``manage.py send_plan_reminders --enqueue``)."""

from __future__ import annotations

from django_tasks import task

from sikap.planning import reminders


@task()
def send_plan_reminders() -> dict[str, int]:
    """Send the SKP reminders due today (each once)."""
    return reminders.run()
