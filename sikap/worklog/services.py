"""Changes of the Progres Harian; every function is atomic, keyword-only and names its actor."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from sikap.accounts.models import User
from sikap.complaints.models import Holiday
from sikap.lib.audit import stamp
from sikap.lib.textlimits import LIMITS
from sikap.lib.workdays import is_working_day
from sikap.org.models import Employee
from sikap.planning.models import ActionPlan
from sikap.worklog import rules
from sikap.worklog.models import Entry, EntryStatus


def warnings_for(*, employee: Employee, day: dt.date) -> dict[int, list[str]]:
    """Warnings of a day's entries (overlapping times, a holiday or weekend); never refusals."""
    entries = list(Entry.objects.filter(employee=employee, date=day))
    slots = [
        rules.Slot(e.pk, e.start_time, e.end_time) for e in entries if e.start_time and e.end_time
    ]
    overlaps = rules.overlapping(slots)
    off = not is_working_day(
        day, set(Holiday.objects.filter(date=day).values_list("date", flat=True))
    )
    result: dict[int, list[str]] = {}
    for entry in entries:
        found = []
        if entry.pk in overlaps:
            found.append("overlap")
        if off:
            found.append("not_working_day")
        if found:
            result[entry.pk] = found
    return result


def warnings_for_week(*, employee: Employee, monday: dt.date) -> dict[int, list[str]]:
    """The warnings of a whole week's entries in two queries (the weekly page)."""
    sunday = monday + dt.timedelta(days=6)
    entries = list(
        Entry.objects.filter(employee=employee, date__range=(monday, sunday), discarded=False)
    )
    holidays = set(
        Holiday.objects.filter(date__range=(monday, sunday)).values_list("date", flat=True)
    )
    result: dict[int, list[str]] = {}
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        todays = [e for e in entries if e.date == day]
        overlaps = rules.overlapping(
            rules.Slot(e.pk, e.start_time, e.end_time)
            for e in todays
            if e.start_time and e.end_time
        )
        off = not is_working_day(day, holidays)
        for entry in todays:
            found = (["overlap"] if entry.pk in overlaps else []) + (
                ["not_working_day"] if off else []
            )
            if found:
                result[entry.pk] = found
    return result


def _check_action_plan(employee: Employee, action_plan: ActionPlan | None, day: dt.date) -> None:
    if action_plan is None:
        return
    plan = action_plan.work_result.plan
    period = action_plan.period
    if plan.employee_id != employee.pk:
        raise ValidationError(_("This rencana aksi is not yours."), code="other_action_plan")
    if not period.start_date <= day <= period.end_date:
        raise ValidationError(
            _("The date is outside the quarter of this rencana aksi."), code="outside_quarter"
        )


@transaction.atomic
def add_entry(
    *,
    employee: Employee,
    by: User | None,
    date: dt.date,
    activity: str,
    action_plan: ActionPlan | None = None,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    realisation: int = 1,
    satuan: str = "",
    evidence_url: str = "",
    location: str = "kantor",
) -> Entry:
    """Add a Progres Harian entry by hand (a confirmed draft)."""
    if not activity.strip():
        raise ValidationError(_("Describe the activity."), code="activity_required")
    if start_time and end_time and end_time <= start_time:
        raise ValidationError(
            _("The end time must be after the start time."), code="end_before_start"
        )
    if location not in rules.LOCATIONS:
        raise ValidationError(_("Unknown work location."), code="unknown_location")
    _check_action_plan(employee, action_plan, date)
    entry = Entry(
        employee=employee,
        action_plan=action_plan,
        date=date,
        start_time=start_time,
        end_time=end_time,
        activity=activity.strip(),
        realisation=realisation,
        satuan=satuan.strip() or (action_plan.satuan if action_plan else ""),
        evidence_url=evidence_url.strip(),
        location=location,
    )
    stamp(entry, by)
    entry.save()
    return entry


def action_plans_for(employee: Employee, start: dt.date, end: dt.date) -> QuerySet[ActionPlan]:
    """The employee's rencana aksi whose quarter overlaps the days from start to end."""
    return ActionPlan.objects.filter(
        work_result__plan__employee=employee,
        period__start_date__lte=end,
        period__end_date__gte=start,
    ).select_related("work_result")


def _inferred_action_plan(employee: Employee, source: str, day: dt.date, satuan: str) -> int | None:
    candidates = action_plans_for(employee, day, day).values_list("pk", "satuan")
    previous = (
        Entry.objects.filter(
            employee=employee, source=source, confirmed=True, action_plan__isnull=False
        )
        .order_by("-date", "-pk")
        .values_list("action_plan_id", flat=True)
        .first()
    )
    return rules.infer_action_plan(list(candidates), satuan, previous)


@transaction.atomic
def record_work_done(
    *,
    employee: Employee,
    source: str,
    source_id: int,
    date: dt.date,
    activity: str,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    realisation: int = 1,
    satuan: str = "",
    evidence_url: str = "",
) -> tuple[Entry, bool]:
    """A draft entry written by the work itself, once per source (emitting twice is harmless).

    A replay or an edit of the same work refreshes a draft the employee has not touched yet;
    a confirmed, submitted or discarded one is left as it is.
    """
    if start_time and end_time and end_time <= start_time:
        end_time = None
    values = {
        "date": date,
        "activity": activity[: LIMITS.TEXT],
        "start_time": start_time,
        "end_time": end_time,
        "realisation": max(realisation, 0),
        "satuan": satuan[:40],
        "evidence_url": evidence_url[:500],
    }
    entry = (
        Entry.objects.select_for_update()
        .filter(employee=employee, source=source, source_id=source_id)
        .first()
    )
    if entry is None:
        entry = Entry(employee=employee, source=source, source_id=source_id, confirmed=False)
        entry.action_plan_id = _inferred_action_plan(employee, source, date, satuan)
        for name, value in values.items():
            setattr(entry, name, value)
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:  # pragma: no cover - the same work delivered twice at once (a race)
            return Entry.objects.get(employee=employee, source=source, source_id=source_id), False
        return entry, True
    untouched = not entry.confirmed and not entry.discarded and entry.status == EntryStatus.DRAF
    changed = [name for name, value in values.items() if getattr(entry, name) != value]
    if untouched and changed:
        for name in changed:
            setattr(entry, name, values[name])
        entry.save(update_fields=changed)
    return entry, False


def _own_editable(entry: Entry, employee: Employee) -> None:
    entry.status = (
        Entry.objects.select_for_update().values_list("status", flat=True).get(pk=entry.pk)
    )
    if entry.employee_id != employee.pk:
        raise ValidationError(_("This entry is not yours."), code="not_owner")
    if not rules.is_editable(entry.status):
        raise ValidationError(_("This entry is locked."), code="locked")


@transaction.atomic
def confirm_draft(
    *, entry: Entry, employee: Employee, by: User | None, action_plan: ActionPlan | None = None
) -> Entry:
    """Keep a draft the work wrote (one tap), optionally against a rencana aksi."""
    _own_editable(entry, employee)
    if action_plan is not None:
        _check_action_plan(employee, action_plan, entry.date)
        entry.action_plan = action_plan
        entry.satuan = entry.satuan or action_plan.satuan
    entry.confirmed = True
    stamp(entry, by)
    entry.save()
    return entry


@transaction.atomic
def discard_draft(*, entry: Entry, employee: Employee, by: User | None) -> None:
    """Throw away a draft; a draft from a source stays discarded (it is not written again)."""
    _own_editable(entry, employee)
    stamp(entry, by)
    if entry.source_id is not None:
        # Kept, hidden, so that the same source never writes the draft again.
        entry.discarded = True
        entry.confirmed = False
        entry.save(update_fields=["discarded", "confirmed"])
        return
    entry.delete()


@transaction.atomic
def submit_week(*, employee: Employee, day: dt.date, by: User | None) -> int:
    """Submit the week's confirmed drafts and returned entries to the pejabat penilai."""
    monday, sunday = rules.week_of(day)
    entries = list(
        Entry.objects.select_for_update().filter(
            employee=employee,
            date__range=(monday, sunday),
            confirmed=True,
            discarded=False,
            status__in=[EntryStatus.DRAF, EntryStatus.DIKEMBALIKAN],
        )
    )
    for entry in entries:
        entry.status = EntryStatus.DIAJUKAN
        stamp(entry, by)
        entry.save(update_fields=["status"])
    return len(entries)


@transaction.atomic
def decide_week(
    *, employee: Employee, day: dt.date, approve: bool, by: User | None, note: str = ""
) -> int:
    """The pejabat penilai approves (or returns, with a note) the submitted entries of a week."""
    if not approve and not note.strip():
        raise ValidationError(_("Say what must be fixed."), code="note_required")
    target = EntryStatus.DISETUJUI if approve else EntryStatus.DIKEMBALIKAN
    monday, sunday = rules.week_of(day)
    entries = list(
        Entry.objects.select_for_update().filter(
            employee=employee, date__range=(monday, sunday), status=EntryStatus.DIAJUKAN
        )
    )
    for entry in entries:
        assert rules.can_transition(entry.status, target)
        entry.status = target
        entry.decided_by = by
        entry.return_note = "" if approve else note.strip()
        stamp(entry, by)
        entry.save(update_fields=["status", "decided_by", "return_note"])
    return len(entries)


def approved_realisation(action_plan_ids: list[int]) -> dict[int, int]:
    """Sum of the approved entries per rencana aksi: what rolls up into the quarter's realisation."""
    rows = (
        Entry.objects.filter(action_plan_id__in=action_plan_ids, status=EntryStatus.DISETUJUI)
        .values("action_plan_id")
        .annotate(total=Sum("realisation"))
    )
    return {row["action_plan_id"]: row["total"] or 0 for row in rows}
