"""The weekly Progres Harian page: add, confirm and discard entries, submit the week, decide it."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.lib.forms import apply_errors
from sikap.org.models import Employee
from sikap.org.scope import get_scope
from sikap.worklog import access, rules, services
from sikap.worklog.forms import EntryForm
from sikap.worklog.models import Entry

WARNINGS = {
    "overlap": _("The times overlap another entry."),
    "not_working_day": _("This day is a holiday or weekend."),
}


def _week(request: AuthedRequest) -> tuple[dt.date, dt.date]:
    raw = request.GET.get("minggu") or request.POST.get("minggu") or ""
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        day = timezone.localdate()
    return rules.week_of(day)


def _week_url(employee: Employee, monday: dt.date) -> str:
    return f"{reverse('worklog:week', args=[employee.pk])}?minggu={monday.isoformat()}"


@require_GET
@login_required
def mine(request: AuthedRequest) -> HttpResponse:
    """The signed-in employee's own week."""
    employee = get_scope(request.user).employee
    if employee is None:
        raise Http404
    return redirect("worklog:week", employee.pk)


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def week(request: AuthedRequest, pk: int) -> HttpResponse:
    """One employee's week of Progres Harian; the employee adds entries here (phone-first)."""
    employee = access.get_employee_for_user(request.user, pk, for_change=request.method == "POST")
    monday, sunday = _week(request)
    is_owner = get_scope(request.user).is_self(employee.pk)
    plans = services.action_plans_for(employee, monday, sunday)
    form = EntryForm(
        request.POST or None,
        action_plans=plans,
        initial={"date": min(max(timezone.localdate(), monday), sunday).isoformat()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_entry(employee=employee, by=request.user, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Entry added."))
            return redirect(_week_url(employee, monday))
    entries = list(
        Entry.objects.filter(employee=employee, date__range=(monday, sunday), discarded=False)
        .select_related("action_plan")
        .order_by("date", "start_time", "pk")
    )
    warned = services.warnings_for_week(employee=employee, monday=monday)
    days = []
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        rows = [(e, [WARNINGS[w] for w in warned.get(e.pk, [])]) for e in entries if e.date == day]
        days.append({"day": day, "rows": rows})
    total = sum(
        rules.minutes(e.start_time, e.end_time) for e in entries if e.start_time and e.end_time
    )
    context = {
        "employee": employee,
        "form": form,
        "days": days,
        "monday": monday,
        "sunday": sunday,
        "previous": (monday - dt.timedelta(days=7)).isoformat(),
        "next": (monday + dt.timedelta(days=7)).isoformat(),
        "is_owner": is_owner,
        "may_decide": access.may_decide(request.user, employee),
        "hours": f"{total // 60}:{total % 60:02d}",
        "to_submit": sum(1 for e in entries if e.confirmed and rules.is_editable(e.status)),
        "waiting": sum(1 for e in entries if e.status == "diajukan"),
        "drafts": sum(1 for e in entries if not e.confirmed),
        "action_plans": list(plans) if is_owner else [],
    }
    return render(request, "worklog/week.html", context)


@require_POST
@login_required
def entry_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    """Confirm (one tap) or discard an entry of one's own."""
    entry = access.get_entry_for_user(request.user, pk)
    employee = access.get_employee_for_user(request.user, entry.employee_id, for_change=True)
    try:
        if action == "confirm":
            raw = request.POST.get("action_plan", "")
            plan = access.get_action_plan_for(
                entry.employee_id, int(raw) if raw.isdigit() and len(raw) < 10 else None
            )
            services.confirm_draft(
                entry=entry, employee=employee, by=request.user, action_plan=plan
            )
            messages.success(request, _("Entry confirmed."))
        else:
            services.discard_draft(entry=entry, employee=employee, by=request.user)
            messages.success(request, _("Entry removed."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(_week_url(employee, rules.week_of(entry.date)[0]))


@require_POST
@login_required
def submit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The employee submits the week to the pejabat penilai."""
    employee = access.get_employee_for_user(request.user, pk, for_change=True)
    monday, _sunday = _week(request)
    count = services.submit_week(employee=employee, day=monday, by=request.user)
    messages.success(request, _("%(count)d entries submitted.") % {"count": count})
    return redirect(_week_url(employee, monday))


@require_POST
@login_required
def decide(request: AuthedRequest, pk: int) -> HttpResponse:
    """The pejabat penilai approves or returns the submitted entries of the week, in bulk."""
    employee = access.get_employee_for_user(request.user, pk)
    access.require_decider(request.user, employee)
    monday, _sunday = _week(request)
    approve = request.POST.get("keputusan") == "setujui"
    try:
        count = services.decide_week(
            employee=employee,
            day=monday,
            approve=approve,
            by=request.user,
            note=request.POST.get("catatan", "")[:1000],
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("%(count)d entries decided.") % {"count": count})
    return redirect(_week_url(employee, monday))
