"""Changes of the appraisal calendar; every function is atomic and names its actor."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.models import User
from sikap.cycle.models import (
    AppraisalYear,
    CalendarSettings,
    ClosureReason,
    EntryClosure,
    Period,
    PeriodReopening,
)
from sikap.cycle.rules import PeriodKind, periodic_periods, pppk_pw_quarters
from sikap.lib.audit import stamp

DEFAULT_DEADLINE_DAYS = 10


@transaction.atomic
def setup_appraisal_year(
    *,
    year: int,
    period_kind: str,
    by: User | None,
    plan_deadline: dt.date | None = None,
    annual_final: bool = False,
) -> AppraisalYear:
    """Create an appraisal year with its periods; each deadline defaults to 10 days after its end.

    ``annual_final`` adds the separate "Tahunan Final" of the 2025-2026 model (§8.2); the
    calendar page offers it by default, callers written for the older model leave it off.
    """
    if AppraisalYear.objects.filter(year=year).exists():
        raise ValidationError(
            {
                "year": ValidationError(
                    _("Appraisal year %(year)s already exists."),
                    code="year_exists",
                    params={"year": year},
                )
            }
        )
    appraisal_year = AppraisalYear(
        year=year,
        period_kind=period_kind,
        annual_final=annual_final,
        plan_deadline=plan_deadline or dt.date(year, 1, 31),
    )
    stamp(appraisal_year, by)
    appraisal_year.save()
    specs = periodic_periods(year, PeriodKind(period_kind), annual_final=annual_final)
    # A monthly year also has the quarters of its PPPK Paruh Waktu, numbered after the final.
    extra = pppk_pw_quarters(period_kind)
    for number, spec in enumerate([*specs, *extra], start=1):
        end = dt.date(year, spec.end_month, calendar.monthrange(year, spec.end_month)[1])
        period = Period(
            appraisal_year=appraisal_year,
            number=number,
            name=spec.label,
            start_date=dt.date(year, spec.start_month, 1),
            end_date=end,
            deadline=end + dt.timedelta(days=DEFAULT_DEADLINE_DAYS),
            is_final=number == len(specs),
            pppk_pw_only=number > len(specs),
        )
        stamp(period, by)
        period.save()
    return appraisal_year


@transaction.atomic
def update_calendar_settings(
    *, by: User | None, default_period_kind: str, default_annual_final: bool
) -> CalendarSettings:
    """Choose the period model of new appraisal years (existing years keep theirs)."""
    chosen = CalendarSettings.objects.select_for_update().order_by("pk").first()
    chosen = chosen or CalendarSettings()
    chosen.default_period_kind = PeriodKind(default_period_kind).value
    chosen.default_annual_final = default_annual_final
    stamp(chosen, by)
    chosen.save()
    return chosen


@transaction.atomic
def update_period(
    *,
    period: Period,
    by: User | None,
    name: str,
    start_date: dt.date,
    end_date: dt.date,
    deadline: dt.date,
    is_final: bool,
) -> Period:
    """Change a period's dates and deadline; making it final moves the flag (one final a year)."""
    errors: dict[str, ValidationError] = {}
    if end_date < start_date:
        errors["end_date"] = ValidationError(
            _("The end date cannot be before the start date."), code="end_before_start"
        )
    year = period.appraisal_year.year
    if start_date.year != year or end_date.year != year:
        errors["start_date"] = ValidationError(
            _("The period must lie within appraisal year %(year)s."),
            code="outside_year",
            params={"year": year},
        )
    if deadline < end_date:
        errors["deadline"] = ValidationError(
            _("The batas pengisian cannot be before the end of the period."),
            code="deadline_before_end",
        )
    if period.is_final and not is_final:
        errors["is_final"] = ValidationError(
            _("Every year needs exactly one final period; make another period the final one."),
            code="one_final_period",
        )
    if errors:
        raise ValidationError(errors)
    if is_final and not period.is_final:
        for other in Period.objects.filter(appraisal_year=period.appraisal_year_id, is_final=True):
            other.is_final = False
            stamp(other, by)
            other.save(update_fields=["is_final"])
    period.name = name
    period.start_date = start_date
    period.end_date = end_date
    period.deadline = deadline
    period.is_final = is_final
    stamp(period, by)
    period.save()
    return period


def is_signed(period: Period) -> bool:
    """Whether the period has a signed penetapan or a final evaluation (entry closed for someone)."""
    return EntryClosure.objects.filter(period=period).exists()


@transaction.atomic
def close_entry(
    *, period: Period, employee_ids: Iterable[int], reason: str, at: dt.datetime | None = None
) -> int:
    """Close a period's realisation and evidence for these employees; earlier closures stay."""
    ids = set(employee_ids)
    closed = set(
        EntryClosure.objects.filter(period=period, employee_id__in=ids).values_list(
            "employee_id", flat=True
        )
    )
    at = at or timezone.now()
    created = EntryClosure.objects.bulk_create(
        [
            EntryClosure(period=period, employee_id=pk, reason=ClosureReason(reason), closed_at=at)
            for pk in sorted(ids - closed)
        ]
    )
    return len(created)


@transaction.atomic
def reopen_period(
    *, period: Period, until: dt.date | None, by: User | None, reason: str = ""
) -> Period:
    """Reopen entry after the deadline until a date (None closes it again); always recorded.

    A period with a signed penetapan or a final evaluation is reopened only by a superadmin,
    with a reason: that reopening also opens the signed entries, until its date.
    """
    period = Period.objects.select_for_update().get(pk=period.pk)
    reason = reason.strip()
    signed = is_signed(period)
    if signed and not (by is not None and by.is_superuser):
        raise ValidationError(
            _(
                "%(period)s has a signed penetapan or final evaluations: only the superadmin may "
                "reopen it."
            ),
            code="period_signed",
            params={"period": period},
        )
    if signed and until is not None and not reason:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Give the reason for reopening a signed period."), code="reason_required"
                )
            }
        )
    if until is not None and until <= period.deadline and not signed:
        raise ValidationError(
            {
                "reopened_until": ValidationError(
                    _("The reopening date must be after the batas pengisian."),
                    code="reopen_before_deadline",
                )
            }
        )
    period.reopened_until = until
    stamp(period, by, reason=reason)
    period.save(update_fields=["reopened_until"])
    PeriodReopening.objects.create(
        period=period,
        until=until,
        reason=reason,
        by=by,
        overrides_closures=signed and until is not None,
    )
    return period
