"""Gentle reminders (pengingat) a leader sends to someone who is behind.

A reminder goes in-app and by e-mail (the outbox sends it after commit), from the topic's
template of the nearest subtree at or above the person's unit (or the instance's, or the
Indonesian default), at most once a week per person and topic whoever sends it; each one is a
``Nudge`` row (who, whom, when, topic), which is also the log the leaders see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sikap.accounts.models import User
from sikap.accounts.outbox import queue_email, site_link
from sikap.lib.audit import stamp
from sikap.lib.locking import locked
from sikap.org.models import Employee, Unit
from sikap.planning.access import may_nudge
from sikap.planning.models import Nudge, NudgeTemplate, NudgeTopic
from sikap.planning.services.common import notify

WEEK = dt.timedelta(days=7)

# A template may use {nama} (the person) and {pengirim} (the sender); other braces stay as written.
DEFAULTS = {
    NudgeTopic.NOT_SIGNED_IN: (
        gettext_lazy("Reminder: sign in to SIKAP"),
        gettext_lazy(
            "Dear {nama}, you have not signed in to SIKAP yet. Sign in with your NIP so that "
            "your SKP and daily work are recorded. If you need help, just ask. Regards, {pengirim}"
        ),
    ),
    NudgeTopic.NO_PLAN: (
        gettext_lazy("Reminder: create your SKP"),
        gettext_lazy(
            "Dear {nama}, your SKP for this year has not been created yet. Please draft it soon "
            "and submit it to your pejabat penilai. Regards, {pengirim}"
        ),
    ),
    NudgeTopic.NOT_SUBMITTED: (
        gettext_lazy("Reminder: submit your SKP"),
        gettext_lazy(
            "Dear {nama}, your SKP has not been submitted yet. Please complete it and submit it "
            "to your pejabat penilai. Regards, {pengirim}"
        ),
    ),
    NudgeTopic.NO_REALISATION: (
        gettext_lazy("Reminder: fill in your realisation"),
        gettext_lazy(
            "Dear {nama}, the realisation of your SKP for the last period has not been filled in "
            "yet. Please record it with its evidence. Regards, {pengirim}"
        ),
    ),
    NudgeTopic.NO_WORKLOG: (
        gettext_lazy("Reminder: fill in your Progres Harian"),
        gettext_lazy(
            "Dear {nama}, your Progres Harian has not been filled in lately. A few lines a day "
            "are enough. Regards, {pengirim}"
        ),
    ),
    NudgeTopic.NO_FEEDBACK: (
        gettext_lazy("Reminder: give your team feedback"),
        gettext_lazy(
            "Dear {nama}, your team has not received feedback from you for the last period yet. "
            "A short note to each of them helps. Regards, {pengirim}"
        ),
    ),
}

# Where the reminder's link leads (a page of this app or below it).
_LINKS = {
    NudgeTopic.NO_PLAN: "planning:create",
    NudgeTopic.NOT_SUBMITTED: "planning:mine",
    NudgeTopic.NO_REALISATION: "planning:mine",
    NudgeTopic.NO_FEEDBACK: "planning:team",
}


@dataclass
class Outcome:
    """What a round of reminders did: who got one, and who did not and why."""

    sent: list[Nudge] = field(default_factory=list)
    refused: list[tuple[Employee, str]] = field(default_factory=list)


def default_wording(topic: str) -> tuple[str, str]:
    """The Indonesian default subject and message of a topic."""
    subject, body = DEFAULTS[NudgeTopic(topic)]
    with translation.override("id"):
        return str(subject), str(body)


def wording_for(employee: Employee, topic: str) -> tuple[str, str]:
    """The template that applies to the employee: the nearest subtree's, the instance's, or the default."""
    ancestors = employee.unit.ancestor_ids if employee.unit is not None else []
    rows = {
        row.unit_id: row
        for row in NudgeTemplate.objects.filter(topic=topic).filter(
            Q(unit__isnull=True) | Q(unit_id__in=ancestors)
        )
    }
    for unit_id in [*reversed(ancestors), None]:
        if unit_id in rows:
            return rows[unit_id].subject, rows[unit_id].body
    return default_wording(topic)


@dataclass(frozen=True)
class Wording:
    """A topic's wording for one owner (a subtree or the instance) and where it comes from."""

    topic: NudgeTopic
    subject: str
    body: str
    own: bool
    source: str


def wordings(unit: Unit | None) -> list[Wording]:
    """Each topic's wording in effect for a subtree (``None``: the instance), in one query."""
    ancestors = unit.ancestor_ids if unit is not None else []
    rows = list(
        NudgeTemplate.objects.filter(
            Q(unit__isnull=True) | Q(unit_id__in=ancestors)
        ).select_related("unit")
    )
    order = {uid: i for i, uid in enumerate([None, *ancestors])}
    result = []
    for topic in NudgeTopic:
        mine = sorted((r for r in rows if r.topic == topic), key=lambda r: -order[r.unit_id])
        if mine:
            row = mine[0]
            own = row.unit_id == (unit.pk if unit is not None else None)
            source = row.unit.name if row.unit is not None else _("the whole city")
            result.append(Wording(topic, row.subject, row.body, own, str(source)))
        else:
            subject, body = default_wording(topic)
            result.append(Wording(topic, subject, body, False, _("the default")))
    return result


@transaction.atomic
def save_template(
    *, unit: Unit | None, topic: str, subject: str, body: str, by: User | None
) -> NudgeTemplate:
    """Write a topic's wording for a subtree or the instance (kept in its history)."""
    if topic not in NudgeTopic.values:
        raise ValidationError(_("Unknown reminder topic."), code="unknown_topic")
    row = NudgeTemplate.objects.select_for_update().filter(unit=unit, topic=topic).first()
    row = row or NudgeTemplate(unit=unit, topic=topic)
    row.subject, row.body = subject.strip(), body.strip()
    row.full_clean()
    stamp(row, by).save()
    return row


def _fill(text: str, *, employee: Employee, by: User | None) -> str:
    sender = getattr(getattr(by, "employee", None), "display_name", "") or (
        by.get_full_name() or by.get_username() if by is not None else ""
    )
    return text.replace("{nama}", employee.display_name).replace("{pengirim}", sender)


def last_sent(employee_ids: list[int]) -> dict[tuple[int, str], dt.datetime]:
    """When each (employee, topic) was last reminded, in one query."""
    rows = (
        Nudge.objects.filter(employee_id__in=employee_ids)
        .values("employee_id", "topic")
        .annotate(at=Max("sent_at"))
    )
    return {(r["employee_id"], r["topic"]): r["at"] for r in rows}


def reminded_label(at: dt.datetime | None, now: dt.datetime) -> str:
    """ "reminded 2 days ago", for the leaders; "" when never reminded."""
    if at is None:
        return ""
    days = (timezone.localdate(now) - timezone.localdate(at)).days
    if days <= 0:
        return _("reminded today")
    return ngettext("reminded %(n)s day ago", "reminded %(n)s days ago", days) % {"n": days}


@dataclass(frozen=True)
class Offer:
    """The reminder a leader may send one person on a list, and when it last went."""

    employee_id: int
    topic: NudgeTopic
    reminded: str


def offers(
    user: User, wanted: Sequence[tuple[Employee, str | None]], *, now: dt.datetime | None = None
) -> dict[int, Offer]:
    """For each (person, topic) of a list, the reminder the user may send (one query)."""
    moment = now or timezone.now()
    allowed = [(e, t) for e, t in wanted if t is not None and may_nudge(user, e)]
    sent = last_sent([e.pk for e, _t in allowed])
    return {
        e.pk: Offer(e.pk, NudgeTopic(t), reminded_label(sent.get((e.pk, t)), moment))
        for e, t in allowed
        if t is not None
    }


@transaction.atomic
def send_nudge(
    *, employee: Employee, topic: str, by: User | None, now: dt.datetime | None = None
) -> Nudge:
    """Remind one person about one topic, unless someone already did in the last seven days."""
    if topic not in NudgeTopic.values:
        raise ValidationError(_("Unknown reminder topic."), code="unknown_topic")
    moment = now or timezone.now()
    # The employee's row lock makes two leaders clicking at once send one reminder.
    person = locked(Employee, employee.pk, queryset=Employee.objects.select_related("unit", "user"))
    previous = (
        Nudge.objects.filter(employee=person, topic=topic, sent_at__gt=moment - WEEK)
        .order_by("-sent_at")
        .first()
    )
    if previous is not None:
        raise ValidationError(
            _(
                "%(name)s was already reminded about this on %(day)s; one reminder a week is "
                "enough. You can remind them again from %(again)s."
            ),
            code="already_nudged",
            params={
                "name": person.display_name,
                "day": date_format(timezone.localtime(previous.sent_at), "j F Y"),
                "again": date_format(timezone.localtime(previous.sent_at + WEEK), "j F Y"),
            },
        )
    address = (person.user.email if person.user else "") or person.email
    if person.user is None and not address:
        raise ValidationError(
            _("%(name)s has no account and no e-mail address; remind them in person."),
            code="unreachable",
            params={"name": person.display_name},
        )
    subject, body = (_fill(t, employee=person, by=by) for t in wording_for(person, topic))
    nudge = Nudge.objects.create(
        employee=person, topic=topic, sent_by=by, sent_at=moment, subject=subject, body=body
    )
    url = reverse(_LINKS.get(NudgeTopic(topic), "accounts:home"))
    if person.user is not None:
        # The wording is HR's own (already filled in for this person): sent as it stands.
        notify(user=person.user, notice=lambda: (subject, body), url=url)
    else:
        queue_email(to=address, subject=f"[SIKAP] {subject}", body=f"{body}\n\n{site_link(url)}")
    return nudge


def send_nudges(
    *, targets: list[tuple[Employee, str]], by: User | None, now: dt.datetime | None = None
) -> Outcome:
    """Remind several people, each in their own transaction; refusals are collected, not raised."""
    outcome = Outcome()
    for employee, topic in targets:
        try:
            outcome.sent.append(send_nudge(employee=employee, topic=topic, by=by, now=now))
        except ValidationError as error:
            outcome.refused.append((employee, " ".join(error.messages)))
    return outcome
