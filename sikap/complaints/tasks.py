"""Background work: closing unanswered confirmations and escalating deadlines (run daily)."""

from __future__ import annotations

from django_tasks import task

from sikap.complaints import escalation, services


@task()
def delete_stored_files(names: list[str]) -> int:
    """Delete files of purged attachments from the storage (run after the purge commits)."""
    from django.core.files.storage import default_storage

    removed = 0
    for name in names:
        if default_storage.exists(name):
            default_storage.delete(name)
            removed += 1
    return removed


@task()
def escalate_complaints() -> dict[str, int]:
    """Close answered complaints past the confirmation timeout, then send escalations."""
    closed = services.close_timed_out()
    notices = escalation.run_escalations()
    return {"closed": closed, "notices": notices}
