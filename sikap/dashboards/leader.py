"""Leadership at a glance: the figures of a leader's unit subtree this period, for charts and PDF.

Every figure is counted in the database over the unit's subtree (``path`` prefix), in a fixed
number of queries whatever the number of people, complaints or responses. Each figure carries
its rows (label, value) so the page shows a readable table without JavaScript and the PDF draws
the same rows as server-side bars.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sikap.complaints.models import OPEN_STATUSES, Complaint
from sikap.cycle.models import AppraisalYear, Period
from sikap.development import selectors as development
from sikap.evaluation import rules as evaluation_rules
from sikap.evaluation.curve import unit_curve
from sikap.lib import snapshots
from sikap.org.models import Employee, JenisAsn, Unit, within_q
from sikap.planning.models import Plan, PlanStatus, Realisation
from sikap.surveys import rules as survey_rules
from sikap.surveys import stats as survey_stats
from sikap.surveys.models import SurveyResponse
from sikap.surveys.periods import SurveyPeriod, periods_of

ACTIVE_DAYS = 30


@dataclass
class Figure:
    """One figure: a headline, rows for the table and chart, and the list behind it."""

    key: str
    title: str
    headline: str
    url: str
    rows: list[tuple[str, float | int | None]] = field(default_factory=list)
    chart: str = "bar"  # bar, line or doughnut
    note: str = ""
    limits: list[str] = field(default_factory=list)  # the curve's allowed range per row

    def chart_data(self) -> dict[str, Any]:
        return {
            "type": self.chart,
            "labels": [label for label, _value in self.rows],
            "values": [value for _label, value in self.rows],
            "title": self.title,
        }

    @property
    def top(self) -> float:
        return max([float(v) for _label, v in self.rows if v is not None] + [1.0])


@dataclass
class Glance:
    unit: Unit
    today: dt.date
    figures: list[Figure]
    # When the figures were counted, for a glance kept as a snapshot (see ``snapshot``).
    counted_at: dt.datetime | None = None


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def _decimal(value: Any) -> str:
    return f"{value:.2f}".replace(".", ",")


def _semester(today: dt.date) -> SurveyPeriod:
    return periods_of(today.year)[1 if today.month <= 6 else 2]


def ikm_figure(unit: Unit, today: dt.date) -> Figure:
    """The IKM of the current semester, its quarterly trend this year, and the lowest unsur.

    One aggregate per quarter begun so far (up to ``today``); the semester's totals are the sum
    of its two quarters' (the index is computed from sums and counts, so they add up).
    """
    weight = survey_stats.settings_for(unit).rules_weight
    responses = SurveyResponse.objects.filter(within_q([unit.path]))
    semester = _semester(today)
    rows: list[tuple[str, float | int | None]] = []
    semester_row: dict[str, int] = {}
    for quarter in periods_of(today.year)[3:]:
        if quarter.start > today:
            break
        q_row = responses.between(quarter.start, min(quarter.end, today)).aggregate(
            **survey_stats.totals_aggregates()
        )
        q_result = survey_stats.result_from_row(q_row, weight)
        rows.append((quarter.label, float(q_result.ikm) if q_result else None))
        if semester.start <= quarter.start <= semester.end:
            for key, value in q_row.items():
                semester_row[key] = semester_row.get(key, 0) + (value or 0)
    result = survey_stats.result_from_row(semester_row, weight) if semester_row else None
    url = reverse("surveys:report", args=[unit.pk])
    if result is None:
        return Figure(
            "ikm",
            _("Community Satisfaction Index (IKM)"),
            "–",
            url,
            rows,
            "line",
            _("No survey answers this semester yet."),
        )
    names = {u.code: u.name for u in survey_rules.UNSUR}
    lowest = survey_rules.lowest_unsur(result)
    note = _("Lowest unsur: %(unsur)s (NRR %(nrr)s); %(n)s respondents, %(period)s.") % {
        "unsur": ", ".join(f"{code} {names.get(code, '')}" for code in lowest),
        "nrr": _decimal(result.nrr[lowest[0]]),
        "n": result.respondents,
        "period": semester.label,
    }
    return Figure(
        "ikm",
        _("Community Satisfaction Index (IKM)"),
        f"{_decimal(result.ikm)} ({result.quality})",
        url,
        rows,
        "line",
        note,
    )


def complaints_figure(unit: Unit, today: dt.date) -> Figure:
    """Complaints registered this year: closed on time, closed late, open overdue, open on track."""
    # Counted as of ``today`` (a past month's summary): a complaint resolved later was still open.
    resolved = Q(resolved_on__isnull=False, resolved_on__lte=today)
    still_open = Q(resolved_on__isnull=True, status__in=OPEN_STATUSES) | Q(resolved_on__gt=today)
    counts = Complaint.objects.filter(
        within_q([unit.path]), registered_on__year=today.year, registered_on__lte=today
    ).aggregate(
        total=Count("pk"),
        on_time=Count("pk", filter=resolved & Q(resolved_on_time=True)),
        late=Count("pk", filter=resolved & ~Q(resolved_on_time=True)),
        overdue=Count("pk", filter=still_open & Q(due_on__lt=today)),
        open=Count("pk", filter=still_open & (Q(due_on__gte=today) | Q(due_on__isnull=True))),
    )
    rows: list[tuple[str, float | int | None]] = [
        (_("Closed on time"), counts["on_time"]),
        (_("Closed late"), counts["late"]),
        (_("Open, overdue"), counts["overdue"]),
        (_("Open, within time"), counts["open"]),
    ]
    closed = counts["on_time"] + counts["late"]
    headline = _("%(share)s on time; %(overdue)s overdue") % {
        "share": _pct(counts["on_time"], closed + counts["overdue"]),
        "overdue": counts["overdue"],
    }
    note = _("%(n)s complaints registered in %(year)s.") % {
        "n": counts["total"],
        "year": today.year,
    }
    url = (
        f"{reverse('complaints:inbox')}?overdue=1"
        if counts["overdue"]
        else reverse("complaints:inbox")
    )
    return Figure("complaints", _("Complaints"), headline, url, rows, "doughnut", note)


def skp_figure(
    unit: Unit, today: dt.date, year: AppraisalYear | None, last: Period | None
) -> Figure:
    """SKP of this year by status, against the ASN in the subtree, and realisation recorded."""
    people = (
        Employee.objects.filter(within_q([unit.path]), is_active=True)
        .exclude(jenis_asn=JenisAsn.NON_ASN)
        .count()
    )
    plans = Plan.objects.filter(
        within_q([unit.path], "employee__unit"), appraisal_year=year, is_current=True
    )
    counts = plans.aggregate(
        draft=Count("pk", filter=Q(status__in=[PlanStatus.DRAFT, PlanStatus.RETURNED])),
        submitted=Count("pk", filter=Q(status=PlanStatus.SUBMITTED)),
        approved=Count("pk", filter=Q(status=PlanStatus.APPROVED)),
    )
    realised = 0
    if last is not None:
        realised = (
            Realisation.objects.filter(period=last, indicator__work_result__plan__in=plans)
            .filter(Q(value__isnull=False) | ~Q(text=""))
            .values("indicator__work_result__plan")
            .distinct()
            .count()
        )
    without = max(0, people - counts["draft"] - counts["submitted"] - counts["approved"])
    rows: list[tuple[str, float | int | None]] = [
        (_("No SKP"), without),
        (_("Draft or returned"), counts["draft"]),
        (_("Submitted, waiting for approval"), counts["submitted"]),
        (_("Approved"), counts["approved"]),
        (_("Realisation recorded for the last period"), realised),
    ]
    headline = _("%(approved)s of %(people)s approved") % {
        "approved": counts["approved"],
        "people": people,
    }
    note = (
        _("Realisation of %(period)s recorded in %(n)s SKP.") % {"period": last, "n": realised}
        if last
        else _("No period of this year has ended yet.")
    )
    return Figure(
        "skp", _("SKP"), headline, reverse("planning:unit_plans", args=[unit.pk]), rows, "bar", note
    )


def predicate_figure(unit: Unit, period: Period | None) -> Figure:
    """Predikat Kinerja Pegawai of the leader's kurva distribusi for the period, against its range.

    The curve is the one the unit belongs to (``evaluation.curve.unit_curve``): its own, or its
    kecamatan's when a small kelurahan is pooled under the small-unit rule; counts and limits are
    those the penetapan is checked against.
    """
    url = reverse("evaluation:index")
    title = _("Predikat Kinerja Pegawai")
    if period is None:
        return Figure("predicate", title, "–", url, note=_("No appraisal period yet."))
    curve = unit_curve(unit, period, people=False)
    url = reverse("evaluation:calibration", args=[curve.unit.pk, period.pk])
    order = evaluation_rules.CHART_ORDER
    rows: list[tuple[str, float | int | None]] = [(p.label, curve.counts.get(p, 0)) for p in order]
    note = _("Curve of %(unit)s: %(n)s of %(people)s evaluated, %(period)s.") % {
        "unit": curve.unit.name,
        "n": curve.evaluated,
        "people": curve.headcount,
        "period": period,
    }
    if curve.pooled_units:
        note += " " + _("Pooled with %(units)s (small units).") % {
            "units": ", ".join(u.name for u in curve.pooled_units)
        }
    limits: list[str] = []
    if curve.limits is not None and curve.evaluated:
        limits = [
            f"{curve.limits.per_predicate[p].min}–{curve.limits.per_predicate[p].max}"
            for p in order
        ]
        note += " " + (
            _("Within the kurva distribusi.")
            if not curve.violations
            else _("%(n)s rules of the kurva distribusi not met.") % {"n": len(curve.violations)}
        )
    headline = _("%(n)s of %(people)s evaluated") % {
        "n": curve.evaluated,
        "people": curve.headcount,
    }
    return Figure("predicate", title, headline, url, rows, "bar", note, limits)


def jp_figure(unit: Unit, today: dt.date) -> Figure:
    """JP of this year against each ASN's yearly target (20 JP for PNS)."""
    employees = list(
        Employee.objects.filter(within_q([unit.path]), is_active=True)
        .exclude(jenis_asn=JenisAsn.NON_ASN)
        .only("pk", "jenis_asn")
    )
    rows_jp = development.jp_rows(employees, today.year)
    with_target = [r for r in rows_jp if r.target]
    reached = sum(1 for r in with_target if not r.below)
    half = sum(1 for r in with_target if r.below and r.jp * 2 >= (r.target or 0))
    rows: list[tuple[str, float | int | None]] = [
        (_("Target reached"), reached),
        (_("Half or more"), half),
        (_("Less than half"), len(with_target) - reached - half),
    ]
    headline = _("%(reached)s of %(n)s reached the JP target") % {
        "reached": reached,
        "n": len(with_target),
    }
    return Figure(
        "jp",
        _("Competency development (JP)"),
        headline,
        reverse("development:recap"),
        rows,
        "doughnut",
    )


def engagement_figure(unit: Unit) -> Figure:
    """People who signed in within 30 days, longer ago, or never."""
    since = timezone.now() - dt.timedelta(days=ACTIVE_DAYS)
    counts = (
        Employee.objects.filter(within_q([unit.path]), is_active=True)
        .exclude(jenis_asn=JenisAsn.NON_ASN)
        .aggregate(
            total=Count("pk"),
            active=Count("pk", filter=Q(user__last_login__gte=since)),
            never=Count("pk", filter=Q(user__last_login__isnull=True)),
        )
    )
    rows: list[tuple[str, float | int | None]] = [
        (_("Signed in within 30 days"), counts["active"]),
        (_("Not for 30 days"), counts["total"] - counts["active"] - counts["never"]),
        (_("Never signed in"), counts["never"]),
    ]
    headline = _("%(share)s active") % {"share": _pct(counts["active"], counts["total"])}
    return Figure(
        "engagement",
        _("Engagement"),
        headline,
        f"{reverse('dashboards:engagement')}?unit={unit.pk}",
        rows,
        "doughnut",
    )


def build(unit: Unit, *, today: dt.date | None = None) -> Glance:
    """All figures of a unit subtree for the leader's home and the monthly PDF."""
    today = today or timezone.localdate()
    year = AppraisalYear.objects.filter(year=today.year).first()
    periods = (
        list(Period.objects.filter(appraisal_year=year).for_everyone().order_by("start_date"))
        if year
        else []
    )
    ended = [p for p in periods if p.end_date < today]
    last = ended[-1] if ended else None
    current = last or (periods[0] if periods else None)
    return Glance(
        unit,
        today,
        [
            ikm_figure(unit, today),
            complaints_figure(unit, today),
            skp_figure(unit, today, year, last),
            predicate_figure(unit, current),
            jp_figure(unit, today),
            engagement_figure(unit),
        ],
    )


# Bump when Glance or Figure changes shape: older snapshots are then ignored.
SNAPSHOT_FORMAT = 1


def _snapshot_key(unit_id: int, day: dt.date) -> str:
    # The figures' texts are worded when counted: one snapshot per language.
    return f"glance:{SNAPSHOT_FORMAT}:{unit_id}:{day.isoformat()}:{get_language()}"


def snapshot(unit: Unit, *, refresh: bool = False) -> Glance:
    """Today's glance of a unit, kept in the shared cache for ``SNAPSHOT_SECONDS``.

    The camat's home counts six figures over a kecamatan of 800 staff (IKM, complaints, SKP,
    predikat, JP, sign-ins): 0.1 s at city scale on every visit of the home page. The monthly PDF
    counts afresh (``build``); ``manage.py refresh_figures`` counts the snapshots ahead.
    """
    today = timezone.localdate()

    def count() -> Glance:
        glance = build(unit, today=today)
        glance.counted_at = timezone.now()
        return glance

    return snapshots.kept(_snapshot_key(unit.pk, today), count, refresh=refresh)


def month_as_of(raw: str, today: dt.date) -> dt.date:
    """The day a monthly summary is counted to: the month's last day, or today for this month.

    ``raw`` is ``YYYY-MM`` (what ``<input type="month">`` sends) or empty for the current month.
    A malformed month or one after the current month raises ``ValueError`` with the message for
    the user.
    """
    if not raw:
        return today
    try:
        if not re.fullmatch(r"(20\d\d)-(0[1-9]|1[0-2])", raw):
            raise ValueError(raw)
        first = dt.date(int(raw[:4]), int(raw[5:]), 1)
    except ValueError:
        raise ValueError(
            _("The month “%(value)s” is not valid: write it as year-month, e.g. 2026-11.")
            % {"value": raw[:20]}
        ) from None
    if first > today:
        raise ValueError(
            _("The month %(value)s has not started yet: choose this month or an earlier one.")
            % {"value": raw}
        )
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return min(following - dt.timedelta(days=1), today)


def leader_unit(scope: Any) -> Unit | None:
    """The top unit a camat or lurah heads (None for anyone who heads no unit)."""
    if not scope.headed_paths:
        return None
    return (
        Unit.objects.filter(path__in=scope.paths("head"), is_active=True)
        .order_by("depth", "pk")
        .first()
    )


__all__ = ["Figure", "Glance", "build", "leader_unit", "month_as_of", "snapshot"]
