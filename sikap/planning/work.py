"""Feedback and bimbingan kinerja given by a penilai are offered to their Progres Harian."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from sikap.lib.hooks import WorkDone, emit_work_done
from sikap.planning import rules
from sikap.planning.models import CoachingSession, Feedback

# The methods of bimbingan kinerja (domain.md §1.11) as the activity text names them.
COACHING_KINDS = {"coaching": "coaching", "counseling": "konseling", "mentoring": "mentoring"}


def offer_feedback(feedback: Feedback) -> None:
    """A draft for the penilai who gave the Umpan Balik Berkelanjutan, after commit."""
    if feedback.given_by_id is None:
        return
    if feedback.work_result is not None:
        subject = feedback.work_result.text
    else:
        subject = rules.BEHAVIOUR_NAMES[feedback.behaviour_value]
    at = timezone.localtime(feedback.created_at)
    emit_work_done(
        WorkDone(
            source="planning.feedback",
            source_id=feedback.pk,
            user_id=feedback.given_by_id,
            day=at.date(),
            start=at.time().replace(second=0, microsecond=0),
            activity=(
                f"Memberikan umpan balik berkelanjutan kepada {feedback.plan.employee_name} "
                f"atas {subject[:80]}"
            ),
            satuan="umpan balik",
            evidence_url=reverse("planning:feedback", args=[feedback.plan_id]),
        )
    )


def offer_coaching(session: CoachingSession) -> None:
    """A draft for the penilai who gave the bimbingan kinerja, on the session's day."""
    if session.recorded_by_id is None:
        return
    kind = COACHING_KINDS.get(session.kind, session.kind)
    emit_work_done(
        WorkDone(
            source="planning.coaching",
            source_id=session.pk,
            user_id=session.recorded_by_id,
            day=session.date,
            activity=(
                f"Memberikan bimbingan kinerja ({kind}) kepada {session.plan.employee_name}: "
                f"{session.topic}"
            ),
            satuan="sesi",
            evidence_url=reverse("planning:coaching", args=[session.plan_id]),
        )
    )
