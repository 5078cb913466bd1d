"""What to improve, from evidence: an officer's own service signals turned into improvement areas.

Each area says what the evidence is (the survey unsur with the lowest NRR of the services the
officer delivered, late or reopened complaints they handled, services over the standard time,
Format B.1.8/B.1.9 and BerAKHLAK feedback) and suggests a development form from the SIASN
``jenisDiklat`` list. The suggestions are defaults (UNCONFIRMED, no regulation maps signals to
forms): the employee and their penilai decide what goes into the IDP. Development sits above
surveys, complaints and planning, so it reads them directly; a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from sikap.complaints.models import Complaint
from sikap.development import rules
from sikap.lib.dayrange import on_days
from sikap.lib.formatting import long_date
from sikap.org.models import Employee
from sikap.planning.models import CoachingFeedback, CompetencyEvaluation, Feedback
from sikap.planning.rules import BERAKHLAK, COACHING_STATEMENTS
from sikap.surveys import rules as survey_rules
from sikap.surveys.evidence import DEFAULT_MINIMUM
from sikap.surveys.models import ServiceRecord, SurveyResponse, SurveySettings
from sikap.surveys.stats import totals_aggregates, totals_from_row

# Suggested (kompetensi, SIASN jenisDiklat id, JP) per signal. Defaults, not law (UNCONFIRMED).
UNSUR_SUGGESTION: dict[str, tuple[str, int, int]] = {
    "U1": ("Pelayanan Publik", 7, 2),  # Persyaratan → Sosialisasi of the standar pelayanan
    "U2": ("Pelayanan Publik", 8, 4),  # Prosedur → Bimbingan Teknis
    "U3": ("Orientasi pada Hasil", 24, 2),  # Waktu → Bimbingan Di Tempat Kerja
    "U4": ("Integritas", 7, 2),  # Biaya/Tarif → Sosialisasi
    "U5": ("Pelayanan Publik", 8, 4),  # Produk → Bimbingan Teknis
    "U6": ("Pelayanan Publik", 3, 8),  # Kompetensi pelaksana → Diklat Teknis
    "U7": ("Komunikasi", 6, 4),  # Perilaku pelaksana → Pelatihan Sosial Kultural
    "U8": ("Pelayanan Publik", 24, 2),  # Sarana → Bimbingan Di Tempat Kerja
    "U9": ("Komunikasi", 8, 4),  # Penanganan pengaduan → Bimbingan Teknis
}
LATE_COMPLAINTS = ("Orientasi pada Hasil", 14, 2)  # Coaching
REOPENED_COMPLAINTS = ("Komunikasi", 14, 2)  # Coaching
SLOW_SERVICES = ("Orientasi pada Hasil", 24, 2)  # Bimbingan Di Tempat Kerja
LOW_B19 = 14  # Coaching on the competency itself
UNCLEAR_AFTER_COACHING = ("Orientasi pada Hasil", 15, 2)  # Mentoring
BERAKHLAK_COMPETENCY: dict[str, str] = {
    "pelayanan": "Pelayanan Publik",
    "akuntabel": "Integritas",
    "kompeten": "Pengembangan Diri dan Orang Lain",
    "harmonis": "Perekat Bangsa",
    "loyal": "Integritas",
    "adaptif": "Mengelola Perubahan",
    "kolaboratif": "Kerja Sama",
}
BERAKHLAK_FORM = (15, 2)  # Mentoring
# B.1.9 scores and B.1.8 answers at or below this (of 5) are shown as an area.
LOW_SCORE = 2
# B.1.8 statement 8: "Saya tahu apa yang harus dilakukan".
KNOWS_WHAT_TO_DO = 7
# At most this many feedback texts per BerAKHLAK value.
FEEDBACK_PER_VALUE = 3


@dataclass
class Area:
    """One thing to improve, with its evidence and a suggested form of development."""

    key: str
    source: str
    title: str
    competency: str
    jenis_diklat: int
    target_jp: int
    evidence: list[str] = field(default_factory=list)

    @property
    def jenis_name(self) -> str:
        return rules.jenis_diklat_name(self.jenis_diklat)

    @property
    def recommendation(self) -> str:
        """The line stored with the IDP item: the area and its first evidence, cut to 255."""
        text = self.title if not self.evidence else f"{self.title}: {self.evidence[0]}"
        return text if len(text) <= 255 else text[:254] + "…"


@dataclass
class Signals:
    areas: list[Area]
    notes: list[str]
    start: dt.date
    end: dt.date


def _d(value: Decimal | float, places: int = 2) -> str:
    return number_format(value, places)


def _survey(employee: Employee, start: dt.date, end: dt.date) -> tuple[list[Area], list[str]]:
    """The lowest-NRR unsur of the officer's responses, hidden under the unit's minimum."""
    rows: list[Any] = list(
        SurveyResponse.objects.filter(officer=employee)
        .between(start, end)
        .values("unit")
        .annotate(**totals_aggregates())
    )
    n = sum(r["n"] for r in rows)
    if not n:
        return [], []
    main = max(rows, key=lambda r: r["n"])
    unit_settings = (
        SurveySettings.objects.filter(unit_id=main["unit"])
        .only("unit_id", "weight", "min_officer_responses")
        .first()
    )
    minimum = unit_settings.min_officer_responses if unit_settings else DEFAULT_MINIMUM
    if n < minimum:
        note = _(
            "%(n)s survey responses name this officer; the lowest unsur is shown from %(min)s."
        ) % {"n": n, "min": minimum}
        return [], [note]
    weight = unit_settings.rules_weight if unit_settings else survey_rules.Weight.EXACT
    totals: dict[str, tuple[int, int]] = dict.fromkeys(survey_rules.UNSUR_CODES, (0, 0))
    for row in rows:
        for code, (s, c) in totals_from_row(row).items():
            totals[code] = (totals[code][0] + s, totals[code][1] + c)
    result = survey_rules.ikm_from_totals(totals, weight=weight, respondents=n)
    names = {u.code: u.name for u in survey_rules.UNSUR}
    areas = []
    for code in survey_rules.lowest_unsur(result):
        competency, jenis, jp = UNSUR_SUGGESTION[code]
        nrr = result.nrr[code]
        evidence = [
            _("NRR %(nrr)s of 4 from %(n)s responses (IKM of the officer %(ikm)s, %(quality)s)")
            % {
                "nrr": _d(nrr),
                "n": totals[code][1],
                "ikm": _d(result.ikm),
                "quality": result.quality,
            }
        ]
        areas.append(
            Area(
                key=f"unsur-{code}",
                source=_("Survei Kepuasan Masyarakat"),
                title=_("Lowest unsur: %(code)s %(name)s") % {"code": code, "name": names[code]},
                competency=competency,
                jenis_diklat=jenis,
                target_jp=jp,
                evidence=evidence,
            )
        )
    return areas, []


def _services(employee: Employee, start: dt.date, end: dt.date) -> list[Area]:
    """Services over the standard time, per service type."""
    rows = list(
        ServiceRecord.officers.through.objects.filter(
            employee_id=employee.pk, **on_days("servicerecord__received_at", start, end)
        )
        .values("servicerecord__service_type__name")
        .annotate(
            completed=Count("pk", filter=Q(servicerecord__on_time__isnull=False)),
            late=Count("pk", filter=Q(servicerecord__on_time=False)),
        )
        .order_by("-late", "servicerecord__service_type__name")
    )
    late = [r for r in rows if r["late"]]
    if not late:
        return []
    competency, jenis, jp = SLOW_SERVICES
    evidence = [
        _("%(name)s: %(late)s of %(completed)s completed over the standard time")
        % {
            "name": r["servicerecord__service_type__name"],
            "late": r["late"],
            "completed": r["completed"],
        }
        for r in late[:5]
    ]
    return [
        Area(
            key="services-late",
            source=_("Service register"),
            title=_("Services over the standard time"),
            competency=competency,
            jenis_diklat=jenis,
            target_jp=jp,
            evidence=evidence,
        )
    ]


def _complaints(employee: Employee, start: dt.date, end: dt.date, today: dt.date) -> list[Area]:
    """Complaints the officer handled that were answered late, are overdue, or were reopened."""
    rows = list(
        Complaint.objects.filter(
            assignee=employee, registered_on__gte=start, registered_on__lte=end
        ).values("tracking_code", "resolved_on", "resolved_on_time", "due_on", "reopened")
    )
    late = [
        r["tracking_code"]
        for r in rows
        if (r["resolved_on"] is not None and not r["resolved_on_time"])
        or (r["resolved_on"] is None and r["due_on"] is not None and r["due_on"] < today)
    ]
    reopened = [r["tracking_code"] for r in rows if r["reopened"]]
    areas = []
    if late:
        competency, jenis, jp = LATE_COMPLAINTS
        areas.append(
            Area(
                key="complaints-late",
                source=_("Complaints"),
                title=_("Complaints answered late or overdue"),
                competency=competency,
                jenis_diklat=jenis,
                target_jp=jp,
                evidence=[
                    _("%(late)s of %(total)s complaints handled: %(numbers)s")
                    % {"late": len(late), "total": len(rows), "numbers": ", ".join(late[:5])}
                ],
            )
        )
    if reopened:
        competency, jenis, jp = REOPENED_COMPLAINTS
        areas.append(
            Area(
                key="complaints-reopened",
                source=_("Complaints"),
                title=_("Complaints reopened by the citizen"),
                competency=competency,
                jenis_diklat=jenis,
                target_jp=jp,
                evidence=[
                    _("%(n)s of %(total)s complaints handled: %(numbers)s")
                    % {"n": len(reopened), "total": len(rows), "numbers": ", ".join(reopened[:5])}
                ],
            )
        )
    return areas


def _coaching(employee: Employee, start: dt.date, end: dt.date) -> list[Area]:
    """Low Format B.1.9 scores, and a B.1.8 saying the officer did not know what to do."""
    areas: list[Area] = []
    low = list(
        CompetencyEvaluation.objects.filter(
            session__plan__employee=employee,
            session__date__gte=start,
            session__date__lte=end,
            score__lte=LOW_SCORE,
        )
        .select_related("session")
        .order_by("-session__date", "pk")
    )
    seen: set[str] = set()
    for ev in low:
        if ev.competency in seen:
            continue
        seen.add(ev.competency)
        areas.append(
            Area(
                key=f"b19-{len(seen)}",
                source=_("Format B.1.9"),
                title=_("%(competency)s scored %(score)s of 5")
                % {
                    "competency": ev.competency,
                    "score": ev.score,
                },
                competency=ev.competency,
                jenis_diklat=LOW_B19,
                target_jp=2,
                evidence=[f"{long_date(ev.session.date)} · {ev.reason}"],
            )
        )
    unclear = [
        fb
        for fb in CoachingFeedback.objects.filter(
            session__plan__employee=employee, session__date__gte=start, session__date__lte=end
        )
        .select_related("session")
        .order_by("-session__date")
        if len(fb.answers) > KNOWS_WHAT_TO_DO
        and isinstance(fb.answers[KNOWS_WHAT_TO_DO], int)
        and fb.answers[KNOWS_WHAT_TO_DO] <= LOW_SCORE
    ]
    if unclear:
        competency, jenis, jp = UNCLEAR_AFTER_COACHING
        areas.append(
            Area(
                key="b18-unclear",
                source=_("Format B.1.8"),
                title=_("After coaching: “%(statement)s” answered low")
                % {
                    "statement": COACHING_STATEMENTS[KNOWS_WHAT_TO_DO],
                },
                competency=competency,
                jenis_diklat=jenis,
                target_jp=jp,
                evidence=[
                    f"{long_date(fb.session.date)} · {fb.session.topic}: "
                    f"{fb.answers[KNOWS_WHAT_TO_DO]}/5"
                    for fb in unclear[:3]
                ],
            )
        )
    return areas


def _behaviour(employee: Employee, start: dt.date, end: dt.date) -> list[Area]:
    """The penilai's BerAKHLAK feedback of the window, one area per core value."""
    texts: dict[str, list[str]] = {}
    for fb in (
        Feedback.objects.filter(plan__employee=employee, **on_days("created_at", start, end))
        .exclude(behaviour_value="")
        .only("behaviour_value", "text", "created_at")
        .order_by("-created_at")[:50]
    ):
        bucket = texts.setdefault(fb.behaviour_value, [])
        if len(bucket) < FEEDBACK_PER_VALUE:
            bucket.append(f"{long_date(timezone.localtime(fb.created_at).date())} · {fb.text}")
    names = {key: name for key, name, _ in BERAKHLAK}
    jenis, jp = BERAKHLAK_FORM
    return [
        Area(
            key=f"berakhlak-{key}",
            source=_("Feedback on BerAKHLAK"),
            title=names.get(key, key),
            competency=BERAKHLAK_COMPETENCY.get(key, names.get(key, key)),
            jenis_diklat=jenis,
            target_jp=jp,
            evidence=items,
        )
        for key, items in texts.items()
    ]


def improvement_signals(employee: Employee, year: int, today: dt.date) -> Signals:
    """The officer's service signals of a year (to today) as improvement areas; 8 queries."""
    start = dt.date(year, 1, 1)
    end = min(dt.date(year, 12, 31), today)
    if end < start:
        return Signals([], [], start, end)
    survey_areas, notes = _survey(employee, start, end)
    areas = [
        *survey_areas,
        *_complaints(employee, start, end, today),
        *_services(employee, start, end),
        *_coaching(employee, start, end),
        *_behaviour(employee, start, end),
    ]
    return Signals(areas, notes, start, end)
