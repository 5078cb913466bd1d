"""The wording of the evaluation notifications, one function per kind.

Each returns ``(title, body)`` through gettext; ``planning.services.common.notify`` calls it in
the recipient's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from sikap.lib.formatting import long_date

if TYPE_CHECKING:
    from sikap.evaluation.models import Evaluation, Objection, PeerFeedbackRequest
    from sikap.org.models import Contract


def predicate_final(evaluation: Evaluation, curve: Any, objection_days: int) -> tuple[str, str]:
    return (
        _("Predikat kinerja %(period)s: %(predicate)s")
        % {"period": curve.period, "predicate": evaluation.get_predicate_display()},
        _(
            "Your predikat kinerja has been determined. You may file a keberatan "
            "within %(days)s days."
        )
        % {"days": objection_days},
    )


def objection_filed(evaluation: Evaluation, objection: Objection) -> tuple[str, str]:
    return (
        _("Keberatan from %(name)s") % {"name": evaluation.employee.display_name},
        f"{evaluation.period}: {objection.reason}",
    )


def objection_decided(objection: Objection) -> tuple[str, str]:
    decision = objection.get_status_display().lower()
    return _("Your keberatan is %(decision)s") % {"decision": decision}, objection.decision_reason


def peer_feedback_asked(request: PeerFeedbackRequest, *, reminder: bool) -> tuple[str, str]:
    title = (
        _("Reminder: umpan balik rekan kerja")
        if reminder
        else _("Umpan balik rekan kerja requested")
    )
    body = _(
        "Please give your feedback on the core values (BerAKHLAK) of %(name)s for %(period)s "
        "by %(deadline)s. Your answer is anonymous: only the count of all answers is shown."
    ) % {
        "name": request.plan.employee_name,
        "period": request.period.name,
        "deadline": long_date(request.deadline),
    }
    return title, body


def contract_ending(contract: Contract) -> tuple[str, str]:
    return (
        _("Perjanjian kerja of %(name)s ends on %(date)s")
        % {"name": contract.employee.display_name, "date": long_date(contract.end_date)},
        _("Prepare the decision: perpanjangan perjanjian kerja or pengangkatan menjadi PPPK."),
    )
