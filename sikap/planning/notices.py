"""The wording of the SKP notifications, one function per kind.

Each returns ``(title, body)`` through gettext and is called by ``services.common.notify`` in the
recipient's language, so a notice reads the same whoever caused it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from sikap.lib.formatting import long_date

if TYPE_CHECKING:
    from sikap.cycle.models import AppraisalYear, Period
    from sikap.planning.models import Plan


def feedback_given(subject: str, text: str) -> tuple[str, str]:
    return _("New feedback: %(subject)s") % {"subject": subject[:80]}, text


def feedback_replied(plan: Plan, reply: str) -> tuple[str, str]:
    return _("Reply from %(name)s") % {"name": plan.employee_name}, reply


def coaching_recorded(topic: str) -> tuple[str, str]:
    return _("Please fill in the feedback on the bimbingan kinerja (Format B.1.8)"), topic


def plan_submitted(plan: Plan) -> tuple[str, str]:
    name = plan.employee_name
    return (
        _("SKP of %(name)s is waiting for approval") % {"name": name},
        _("%(name)s submitted the SKP for %(year)s.")
        % {"name": name, "year": plan.appraisal_year.year},
    )


def plan_returned(note: str) -> tuple[str, str]:
    return _("Your SKP was returned for correction"), note


def plan_approved(plan: Plan) -> tuple[str, str]:
    return (
        _("Your SKP is approved"),
        _("The SKP for %(year)s is approved.") % {"year": plan.appraisal_year.year},
    )


def plan_due(year: AppraisalYear) -> tuple[str, str]:
    return (
        _("Your SKP %(year)s is not submitted yet") % {"year": year.year},
        _("Deadline for the SKP: %(date)s.") % {"date": long_date(year.plan_deadline)},
    )


def plan_waiting(plan: Plan) -> tuple[str, str]:
    return (
        _("SKP of %(name)s is waiting for your approval") % {"name": plan.employee_name},
        _("Approve it or return it with a note."),
    )


def realisation_due(period: Period) -> tuple[str, str]:
    return (
        _("Realisation of %(period)s is incomplete") % {"period": period.name},
        _("Deadline for filling in: %(date)s.") % {"date": long_date(period.deadline)},
    )


def realisation_missing(plan: Plan, period: Period) -> tuple[str, str]:
    return (
        _("Realisation of %(period)s of %(name)s is incomplete")
        % {"period": period.name, "name": plan.employee_name},
        _("The deadline for filling in has passed."),
    )


def no_feedback(plan: Plan, period: Period) -> tuple[str, str]:
    return (
        _("No feedback yet for %(name)s (%(period)s)")
        % {"name": plan.employee_name, "period": period.name},
        _("Give continuous feedback based on the evidence."),
    )
