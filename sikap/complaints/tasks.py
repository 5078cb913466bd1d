"""Background work: closing unanswered confirmations and escalating deadlines (run daily)."""

from __future__ import annotations

from django_tasks import task

from sikap.complaints import escalation, services


@task()
def escalate_complaints() -> dict[str, int]:
    """Close answered complaints past the confirmation timeout, then send escalations."""
    closed = services.close_timed_out()
    notices = escalation.run_escalations()
    return {"closed": closed, "notices": notices}
