"""Helpers of the SKP services: audit stamping, the header snapshot, notifications."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from sikap.accounts.language import language_of
from sikap.accounts.models import User
from sikap.accounts.outbox import queue_email, site_link
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee
from sikap.planning.models import (
    Notification,
    Plan,
)

LOCKED = gettext_lazy("This SKP is locked (submitted or approved) and cannot be changed.")


def day_or_today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def require_editable(plan: Plan) -> None:
    if not plan.is_editable:
        raise ValidationError(LOCKED, code="locked")


def _person(employee: Employee | None) -> dict[str, str]:
    if employee is None:
        return {"name": "", "nip": "", "golongan": "", "position": "", "unit": ""}
    return {
        "name": employee.display_name,
        "nip": employee.nip_display if employee.nip else "",
        "golongan": employee.golongan_display,
        "position": str(employee.position) if employee.position_id else "",
        "unit": str(employee.unit) if employee.unit_id else "",
    }


def set_header(plan: Plan, chart: OrgChart) -> None:
    """Copy the people of the header as they are today (kept even when they move later)."""
    employee = chart.employees.get(plan.employee_id, plan.employee)
    chain = chart.chain_of(employee)
    penilai = chain.penilai.employee if chain.penilai else None
    atasan = chain.atasan.employee if chain.atasan else None
    for prefix, person in (("employee", employee), ("penilai", penilai), ("atasan", atasan)):
        for key, value in _person(person).items():
            setattr(plan, f"{prefix}_{key}", value)
    if chain.penilai is not None and chain.penilai.acting:
        plan.penilai_name = chain.penilai.label
    plan.penilai = penilai
    plan.atasan = atasan
    unit = employee.unit
    names = [u.name for u in _ancestors(unit)] if unit is not None else []
    # Line 1 of the form: the instansi and, below it, the unit (e.g. KECAMATAN PLAJU).
    plan.instansi = "\n".join(n.upper() for n in names[:2])


def _ancestors(unit: Any) -> list[Any]:
    from sikap.org.models import Unit

    ids = unit.ancestor_ids
    by_id = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


Notice = Callable[[], tuple[str, str]]  # writes a notification's (title, body)


def notify(*, user: User | None, notice: Notice, url: str = "", email: bool = True) -> None:
    """An in-app notification, and an e-mail (sent after commit) when the user has an address.

    ``notice`` is called in the recipient's language (``accounts.language.language_of``), not in
    the language of whoever caused it: the title and body are stored as written.
    """
    if user is None:
        return
    with translation.override(language_of(user)):
        title, body = notice()
    Notification.objects.create(recipient=user, title=title, body=body, url=url)
    address = user.email or getattr(getattr(user, "employee", None), "email", "")
    if email and address:
        queue_email(
            to=address, subject=f"[SIKAP] {title}", body=f"{body}\n\n{site_link(url)}".strip()
        )


def mark_done(*, plan: Plan) -> None:
    """The notices that asked someone other than the employee to act on this SKP are done."""
    Notification.objects.filter(url=plan_url(plan), read_at__isnull=True).exclude(
        recipient_id=plan.employee.user_id
    ).update(read_at=timezone.now())


def plan_url(plan: Plan) -> str:
    return reverse("planning:plan", args=[plan.pk])
