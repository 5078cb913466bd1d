"""The daily reminder to HR 60 days before a perjanjian kerja ends (domain.md §8.1); once each."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sikap.accounts.models import Role, RoleAssignment, User
from sikap.evaluation import notices
from sikap.org.models import Contract, path_within
from sikap.org.rules import contract_reminder_window
from sikap.planning.services.common import notify


def _hr_of(unit_path: str, assignments: list[RoleAssignment]) -> list[User]:
    return [a.user for a in assignments if a.unit.path and path_within(unit_path, [a.unit.path])]


@transaction.atomic
def send_contract_reminders(*, today: dt.date | None = None) -> int:
    """Tell the Admin Kepegawaian above each contract ending within 60 days; return the count."""
    day = today or timezone.localdate()
    first, last = contract_reminder_window(day)
    due = list(
        Contract.objects.select_for_update(of=("self",))
        .ending_between(first, last)
        .filter(reminded_on__isnull=True, employee__is_active=True)
        .select_related("employee__unit")
    )
    if not due:
        return 0
    hr = list(
        RoleAssignment.objects.filter(role=Role.ADMIN_KEPEGAWAIAN).select_related("user", "unit")
    )
    for contract in due:
        employee = contract.employee
        url = reverse("org:employee", args=[employee.pk]) + "#perjanjian-kerja"
        for user in _hr_of(employee.unit.path if employee.unit else "", hr):
            notify(user=user, notice=partial(notices.contract_ending, contract), url=url)
    Contract.objects.filter(pk__in=[c.pk for c in due]).update(reminded_on=day)
    return len(due)
