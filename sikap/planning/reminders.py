"""Reminders before and after the SKP deadlines; each goes out once per (kind, object, period).

Run daily by ``manage.py send_plan_reminders`` (cron or a systemd timer), which may also queue
the work for the django-tasks worker.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import partial

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from sikap.accounts.models import User
from sikap.cycle.models import AppraisalYear, Period
from sikap.org.hierarchy import OrgChart
from sikap.org.models import JenisAsn
from sikap.planning import notices
from sikap.planning.models import Plan, PlanStatus, ReminderLog
from sikap.planning.services.common import Notice, notify

SOON_DAYS = 7  # how long before a deadline the first reminder goes out
WAITING_DAYS = 2  # how long a submitted SKP may wait before the penilai is reminded
FEEDBACK_WINDOW_DAYS = 30  # how long after a period's end a missing-feedback reminder is sent


class _Sender:
    def __init__(self) -> None:
        self.sent: Counter[str] = Counter()
        self._known: set[str] = set()

    def load(self, keys: list[str]) -> None:
        self._known |= set(ReminderLog.objects.filter(key__in=keys).values_list("key", flat=True))

    def send(self, *, kind: str, key: str, user: User | None, notice: Notice, url: str) -> None:
        full = f"{kind}:{key}"
        if full in self._known or user is None:
            return
        _log, created = ReminderLog.objects.get_or_create(key=full, defaults={"kind": kind})
        self._known.add(full)
        if not created:
            return
        notify(user=user, notice=notice, url=url)
        self.sent[kind] += 1


def _plan_url(plan_id: int) -> str:
    return reverse("planning:plan", args=[plan_id])


def due_years(today: dt.date) -> list[AppraisalYear]:
    """The appraisal years with something due around today, found by their dates.

    The calendar year alone is not enough: the final period of a year is due in January of
    the next one (triwulan IV/Akhir 2026 on 10 January 2027).
    """
    window = dt.timedelta(days=FEEDBACK_WINDOW_DAYS)
    live = Q(periods__start_date__lte=today + dt.timedelta(days=SOON_DAYS)) & (
        Q(periods__deadline__gte=today - window) | Q(periods__end_date__gte=today - window)
    )
    return list(AppraisalYear.objects.filter(Q(year=today.year) | live).distinct().order_by("year"))


def run(today: dt.date | None = None) -> dict[str, int]:
    """Send every reminder that is due today and not yet sent; return the counts per kind."""
    today = today or timezone.localdate()
    sender = _Sender()
    for year in due_years(today):
        _run_year(year, today, sender)
    return dict(sender.sent)


def _run_year(year: AppraisalYear, today: dt.date, sender: _Sender) -> None:
    plans = list(
        Plan.objects.filter(appraisal_year=year)
        .filter(Q(is_current=True) | Q(revision_of__isnull=False))
        .select_related("employee__user", "penilai__user")
    )
    periods = list(
        Period.objects.filter(appraisal_year=year)
        .select_related("appraisal_year")
        .order_by("number")
    )
    sender.load(
        [f"plan_due:{year.year}:{p.employee_id}" for p in plans]
        + [
            f"{k}:{p.pk}:{x.pk}"
            for p in plans
            for x in periods
            for k in ("realisation_due", "realisation_missing", "no_feedback")
        ]
        + [f"plan_waiting:{p.pk}:{p.submitted_at:%Y%m%d%H%M}" for p in plans if p.submitted_at]
    )

    # 1. SKP not submitted: from SOON_DAYS before the year's plan deadline onwards (once),
    # only while it is that year: a past year's SKP can no longer be drawn up.
    if year.year == today.year and today >= year.plan_deadline - dt.timedelta(days=SOON_DAYS):
        by_employee: dict[int, list[Plan]] = {}
        for plan in plans:
            if plan.is_current:
                by_employee.setdefault(plan.employee_id, []).append(plan)
        chart = OrgChart(today).load_all()
        for employee in chart.employees.values():
            if employee.user is None or employee.jenis_asn == JenisAsn.NON_ASN:
                continue
            if chart.penilai_of(employee) is None:
                continue
            own = by_employee.get(employee.pk, [])
            if own and all(p.status in (PlanStatus.SUBMITTED, PlanStatus.APPROVED) for p in own):
                continue
            sender.send(
                kind="plan_due",
                key=f"{year.year}:{employee.pk}",
                user=employee.user,
                notice=partial(notices.plan_due, year),
                url=_plan_url(own[0].pk) if own else reverse("planning:create"),
            )

    # 2. SKP waiting for approval for WAITING_DAYS or more: remind the penilai (once per submission).
    limit = timezone.now() - dt.timedelta(days=WAITING_DAYS)
    for plan in plans:
        if plan.status == PlanStatus.SUBMITTED and plan.submitted_at and plan.submitted_at <= limit:
            sender.send(
                kind="plan_waiting",
                key=f"{plan.pk}:{plan.submitted_at:%Y%m%d%H%M}",
                user=plan.penilai.user if plan.penilai else None,
                notice=partial(notices.plan_waiting, plan),
                url=_plan_url(plan.pk),
            )

    approved = [p for p in plans if p.status == PlanStatus.APPROVED and p.is_current]
    ids = [p.pk for p in approved]
    for period in periods:
        near = period.deadline - dt.timedelta(days=SOON_DAYS) <= today <= period.deadline
        after = period.deadline < today <= period.deadline + dt.timedelta(days=FEEDBACK_WINDOW_DAYS)
        ended = period.end_date < today <= period.end_date + dt.timedelta(days=FEEDBACK_WINDOW_DAYS)
        if not (near or after or ended):
            continue
        counts = {
            row["pk"]: row
            for row in Plan.objects.filter(pk__in=ids)
            .values("pk")
            .annotate(
                n_ind=Count("work_results__indicators", distinct=True),
                n_real=Count(
                    "work_results__indicators__realisations",
                    filter=Q(work_results__indicators__realisations__period=period),
                    distinct=True,
                ),
                n_fb=Count("feedback", filter=Q(feedback__period=period), distinct=True),
            )
        }
        for plan in approved:
            if plan.end_date < period.start_date or plan.start_date > period.end_date:
                continue
            if not period.applies_to(plan.employee.jenis_asn):
                continue
            row = counts.get(plan.pk, {"n_ind": 0, "n_real": 0, "n_fb": 0})
            missing = row["n_real"] < row["n_ind"]
            url = f"{reverse('planning:realisation', args=[plan.pk])}?periode={period.pk}"
            # 3. Realisation missing: the employee before the deadline, the penilai after it.
            if missing and near:
                sender.send(
                    kind="realisation_due",
                    key=f"{plan.pk}:{period.pk}",
                    user=plan.employee.user,
                    notice=partial(notices.realisation_due, period),
                    url=url,
                )
            if missing and after:
                sender.send(
                    kind="realisation_missing",
                    key=f"{plan.pk}:{period.pk}",
                    user=plan.penilai.user if plan.penilai else None,
                    notice=partial(notices.realisation_missing, plan, period),
                    url=url,
                )
            # 4. No feedback given in a period that has ended: remind the penilai.
            if ended and row["n_fb"] == 0:
                sender.send(
                    kind="no_feedback",
                    key=f"{plan.pk}:{period.pk}",
                    user=plan.penilai.user if plan.penilai else None,
                    notice=partial(notices.no_feedback, plan, period),
                    url=reverse("planning:feedback", args=[plan.pk]),
                )
