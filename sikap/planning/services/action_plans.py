"""Rencana aksi per RHK per quarter (§8.2), agreed in the SKP dialogue."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.accounts.models import User
from sikap.cycle.models import EntryClosure, Period
from sikap.lib.audit import stamp
from sikap.planning import rules
from sikap.planning.models import ActionPlan, Plan, WorkResult
from sikap.planning.services.common import day_or_today


def in_dialogue(plan: Plan, period: Period, day: dt.date) -> bool:
    """Whether the quarter's dialogue is open: entry not past its deadline and nothing signed."""
    if not period.is_open_for_entry(day):
        return False
    return (
        EntryClosure.objects.blocking(period=period, employee_id=plan.employee_id, day=day) is None
    )


def may_edit(plan: Plan, period: Period, day: dt.date) -> bool:
    """Whether this SKP's rencana aksi of this period may change on this day."""
    if period.appraisal_year_id != plan.appraisal_year_id:
        return False
    return rules.action_plans_editable(
        plan_status=plan.status,
        has_action_plans=period.has_action_plans,
        in_dialogue=plan.is_current and in_dialogue(plan, period, day),
    )


def _check(plan: Plan, period: Period, day: dt.date) -> None:
    if period.appraisal_year_id != plan.appraisal_year_id:
        raise ValidationError(
            _("That period is not part of the year of this SKP."), code="period_outside_year"
        )
    if not period.has_action_plans:
        raise ValidationError(
            _("%(name)s has no rencana aksi: only realisation and evidence per RHK."),
            code="no_action_plans",
            params={"name": period.name},
        )
    if not may_edit(plan, period, day):
        raise ValidationError(
            _("The rencana aksi of %(name)s can no longer be changed."),
            code="action_plans_locked",
            params={"name": period.name},
        )


@transaction.atomic
def save_action_plan(
    *,
    work_result: WorkResult,
    period: Period,
    text: str,
    target: int,
    satuan: str,
    by: User | None,
    action_plan: ActionPlan | None = None,
    today: dt.date | None = None,
) -> ActionPlan:
    """Add a rencana aksi to an RHK for a quarter, or change one (same RHK and quarter rules)."""
    plan = work_result.plan
    day = day_or_today(today)
    _check(plan, period, day)
    if action_plan is not None:
        if action_plan.work_result.plan_id != plan.pk:
            raise ValidationError(_("This rencana aksi belongs to another SKP."), code="other_plan")
        _check(plan, action_plan.period, day)
    text, satuan = text.strip(), satuan.strip()
    if not text or not satuan:
        raise ValidationError(
            _("Fill in the rencana aksi, its target and its satuan."), code="incomplete"
        )
    if action_plan is None:
        action_plan = ActionPlan(
            order=ActionPlan.objects.filter(work_result=work_result, period=period).count()
        )
    action_plan.work_result = work_result
    action_plan.period = period
    action_plan.text = text
    action_plan.target = target
    action_plan.satuan = satuan
    stamp(action_plan, by)
    action_plan.save()
    return action_plan


@transaction.atomic
def delete_action_plan(
    *, action_plan: ActionPlan, by: User | None, today: dt.date | None = None
) -> None:
    """Remove a rencana aksi while its quarter may still change."""
    plan = action_plan.work_result.plan
    _check(plan, action_plan.period, day_or_today(today))
    stamp(action_plan, by)
    action_plan.delete()
