"""Reminders before and at a breach: the handler, then the unit head, then the camat, once each.

Level 1 (deadline within ``warning_days`` working days): the assignee, or the unit head while
nobody is assigned. Level 2 (deadline passed): the unit head. Level 3 (still open
``camat_after_days`` working days after the deadline): the camat. A notice is sent once per
level per deadline; a new deadline (after a pause or a new step) starts again at level 1.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sikap.accounts.outbox import queue_email, site_link
from sikap.complaints.models import (
    OPEN_STATUSES,
    Complaint,
    ComplaintSettings,
    EscalationLevel,
    EscalationNotice,
    Holiday,
)
from sikap.lib.formatting import tanggal
from sikap.lib.workdays import working_days_between
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee, Unit, UnitKind


class Heads:
    """The head of each unit (nearest led ancestor) and the camat above it, on a day."""

    def __init__(self, day: dt.date) -> None:
        chart = OrgChart(day).load_all()
        self.units = {u.pk: u for u in Unit.objects.all()}
        self._head: dict[int, Employee] = {}
        for position in chart.positions.values():
            holder = chart.holder_of(position.pk) if position.is_unit_head else None
            if holder is not None and position.unit_id not in self._head:
                self._head[position.unit_id] = holder.employee

    def head_of(self, unit: Unit) -> Employee | None:
        for pk in reversed(unit.ancestor_ids or [unit.pk]):
            if pk in self._head:
                return self._head[pk]
        return None

    def camat_of(self, unit: Unit) -> Employee | None:
        for pk in reversed(unit.ancestor_ids or [unit.pk]):
            ancestor = self.units.get(pk)
            if ancestor is not None and ancestor.kind == UnitKind.KECAMATAN:
                return self._head.get(pk)
        return None


def due_levels(
    due_on: dt.date, today: dt.date, config: ComplaintSettings, holidays: frozenset[dt.date]
) -> list[int]:
    """The escalation levels reached on ``today`` for a deadline (pure)."""
    if due_on >= today:
        remaining = working_days_between(today, due_on, holidays)
        return [int(EscalationLevel.WARNING)] if remaining <= config.warning_days else []
    # Once the deadline has passed a "deadline near" reminder is pointless: it is skipped.
    late = working_days_between(due_on, today, holidays)
    levels: list[int] = [EscalationLevel.BREACH]
    if late >= config.camat_after_days:
        levels.append(EscalationLevel.CAMAT)
    return levels


def _recipient(level: int, complaint: Complaint, heads: Heads) -> Employee | None:
    if level == EscalationLevel.WARNING and complaint.assignee is not None:
        return complaint.assignee
    if level in (EscalationLevel.WARNING, EscalationLevel.BREACH):
        return heads.head_of(complaint.unit)
    return heads.camat_of(complaint.unit) or heads.head_of(complaint.unit)


def _mail(level: int, complaint: Complaint, recipient: Employee) -> bool:
    if not recipient.email:
        return False
    with translation.override("id"):
        subject = _("[SIKAP] Complaint %(code)s: %(level)s") % {
            "code": complaint.tracking_code,
            "level": EscalationLevel(level).label,
        }
        body = _(
            "Complaint %(code)s (%(subject)s) at %(unit)s, status %(status)s, "
            "has a deadline on %(due)s.\n\nOpen it: %(url)s"
        ) % {
            "code": complaint.tracking_code,
            "subject": complaint.subject,
            "unit": complaint.unit.name,
            "status": complaint.get_status_display(),
            "due": tanggal(complaint.due_on),
            "url": site_link(reverse("complaints:detail", args=[complaint.pk])),
        }
    queue_email(to=recipient.email, subject=subject, body=body)
    return True


def run_escalations(*, today: dt.date | None = None, send_email: bool = True) -> int:
    """Send every level reached and not yet sent; return the number of notices created."""
    day = today or timezone.localdate()
    book = ComplaintSettings.book()
    holidays = Holiday.dates()
    complaints = list(
        Complaint.objects.filter(status__in=OPEN_STATUSES, due_on__isnull=False, is_paused=False)
        .select_related("unit", "assignee")
        .order_by("pk")
    )
    if not complaints:
        return 0
    sent = set(
        EscalationNotice.objects.filter(complaint__in=complaints).values_list(
            "complaint_id", "level", "due_on"
        )
    )
    heads = Heads(day)
    created = 0
    for complaint in complaints:
        assert complaint.due_on is not None
        config = book.for_unit(complaint.unit)
        for level in due_levels(complaint.due_on, day, config, holidays):
            if (complaint.pk, level, complaint.due_on) in sent:
                continue
            recipient = _recipient(level, complaint, heads)
            try:
                with transaction.atomic():
                    notice = EscalationNotice.objects.create(
                        complaint=complaint,
                        level=level,
                        due_on=complaint.due_on,
                        recipient=recipient,
                        sent_at=timezone.now(),
                    )
            except IntegrityError:  # another worker sent it meanwhile
                continue
            if send_email and recipient is not None and _mail(level, complaint, recipient):
                notice.emailed = True
                notice.save(update_fields=["emailed"])
            created += 1
    return created
