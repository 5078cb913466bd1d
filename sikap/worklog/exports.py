"""Views that read many entries at once: the e-Kinerja Excel and the penilai's team summary."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sikap.accounts.http import AuthedRequest
from sikap.complaints.models import Holiday
from sikap.lib.workdays import is_working_day
from sikap.lib.xlsx import add_sheet, new_workbook, xlsx_response
from sikap.org.models import Employee
from sikap.org.scope import get_scope
from sikap.planning import nudges
from sikap.planning.models import NudgeTopic
from sikap.worklog import access, rules
from sikap.worklog.models import Entry, EntryStatus


def _date(raw: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(raw or "")
    except ValueError:
        return default


def _quarter(day: dt.date) -> tuple[dt.date, dt.date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    end_month = first_month + 3
    end = (
        dt.date(day.year + 1, 1, 1) if end_month > 12 else dt.date(day.year, end_month, 1)
    ) - dt.timedelta(days=1)
    return start, end


@require_GET
@login_required
def ekinerja_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    """The employee's Progres Harian of a period in the e-Kinerja column order (§8.2)."""
    employee = access.get_employee_for_user(request.user, pk)
    default_start, default_end = _quarter(timezone.localdate())
    start = _date(request.GET.get("dari"), default_start)
    end = _date(request.GET.get("sampai"), default_end)
    entries = (
        Entry.objects.filter(
            employee=employee, date__range=(start, end), confirmed=True, discarded=False
        )
        .select_related("action_plan")
        .order_by("date", "start_time", "pk")
    )
    rows = [
        (
            e.action_plan.text if e.action_plan else "",
            e.date.isoformat(),
            e.start_time.strftime("%H:%M") if e.start_time else "",
            e.end_time.strftime("%H:%M") if e.end_time else "",
            e.activity,
            e.realisation,
            e.satuan,
            request.build_absolute_uri(e.evidence_url) if e.evidence_url else "",
            e.get_location_display(),
            e.get_status_display(),
        )
        for e in entries
    ]
    workbook = new_workbook()
    headers = [*rules.EKINERJA_COLUMNS, _("Lokasi Kerja"), _("Status")]
    add_sheet(workbook, "Progres Harian", headers, rows)
    return xlsx_response(
        workbook, filename=f"progres-harian-{employee.nip or employee.pk}-{start}-{end}"
    )


@require_GET
@login_required
def team(request: AuthedRequest) -> HttpResponse:
    """The pejabat penilai's week: who has not filled in, hours short, waiting for approval."""
    ids = sorted(get_scope(request.user).direct_report_ids)
    if not ids:
        raise PermissionDenied
    monday, sunday = rules.week_of(_date(request.GET.get("minggu"), timezone.localdate()))
    holidays = set(
        Holiday.objects.filter(date__range=(monday, sunday)).values_list("date", flat=True)
    )
    working_days = sum(
        1 for n in range(7) if is_working_day(monday + dt.timedelta(days=n), holidays)
    )
    live = Q(worklog_entries__date__range=(monday, sunday), worklog_entries__discarded=False)
    employees = (
        Employee.objects.filter(pk__in=ids)
        .annotate(
            n_entries=Count("worklog_entries", filter=live & Q(worklog_entries__confirmed=True)),
            n_waiting=Count(
                "worklog_entries", filter=live & Q(worklog_entries__status=EntryStatus.DIAJUKAN)
            ),
        )
        .order_by("name")
    )
    timed = Entry.objects.filter(
        employee_id__in=ids,
        date__range=(monday, sunday),
        discarded=False,
        confirmed=True,
        start_time__isnull=False,
        end_time__isnull=False,
    ).values_list("employee_id", "start_time", "end_time")
    worked: dict[int, int] = {}
    for employee_id, start, end in timed:
        if start is None or end is None:
            continue
        worked[employee_id] = worked.get(employee_id, 0) + rules.minutes(start, end)
    rows: list[dict[str, Any]] = []
    for employee in employees:
        short = rules.minutes_short(worked.get(employee.pk, 0), working_days)
        rows.append(
            {
                "employee": employee,
                "filled": employee.n_entries > 0,
                "hours": f"{worked.get(employee.pk, 0) // 60}:{worked.get(employee.pk, 0) % 60:02d}",
                "short": f"{short // 60}:{short % 60:02d}" if short else "",
                "waiting": employee.n_waiting,
            }
        )
    # Only a week that has begun can be behind; a week ahead has nothing to remind of.
    begun = monday <= timezone.localdate()
    wanted = [
        (r["employee"], NudgeTopic.NO_WORKLOG if begun and not r["filled"] else None) for r in rows
    ]
    offers = nudges.offers(request.user, wanted)
    for row in rows:
        row["offer"] = offers.get(row["employee"].pk)
    return render(
        request,
        "worklog/team.html",
        {
            "rows": rows,
            "monday": monday,
            "sunday": sunday,
            "week": monday.isoformat(),
            "can_nudge": bool(offers),
        },
    )
