"""Appraisal years and their periods (bulanan or triwulanan; the last one is the final period).

The bottom of the performance apps: planning and evaluation point here, this app points at none
of them.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikap.cycle.rules import PeriodKind, always_quarterly, has_action_plans, period_applies
from sikap.lib.textlimits import LIMITS, limited


class PeriodKindChoices(models.TextChoices):
    BULANAN = "bulanan", _("Bulanan")
    TRIWULANAN = "triwulanan", _("Triwulanan")


class AppraisalYear(models.Model):
    """The appraisal year of an instansi (tahun penilaian) and its period scheme."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    period_kind = models.CharField(
        _("period kind"),
        max_length=12,
        choices=PeriodKindChoices.choices,
        default=PeriodKindChoices.TRIWULANAN,
    )
    annual_final = models.BooleanField(
        _("separate annual final period (Tahunan Final)"),
        default=True,
        help_text=_(
            "The 2025-2026 model: the periodic periods plus a Tahunan Final with realisation and "
            "evidence per RHK. Off: the last periodic period is also the final one."
        ),
    )
    plan_deadline = models.DateField(
        _("SKP deadline"),
        help_text=_(
            "The date by which every SKP of the year should be approved (UNCONFIRMED; editable)."
        ),
    )
    history = HistoricalRecords(table_name="evaluation_historicalappraisalyear")

    class Meta:
        verbose_name = _("appraisal year")
        verbose_name_plural = _("appraisal years")
        db_table = "evaluation_appraisalyear"  # the table predates the cycle app
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class PeriodQuerySet(models.QuerySet["Period"]):
    def for_everyone(self) -> PeriodQuerySet:
        """The year's own periods, without the extra quarters of PPPK Paruh Waktu."""
        return self.filter(pppk_pw_only=False)

    def for_jenis(self, jenis_asn: str) -> PeriodQuerySet:
        """The periods in which an employee of that kind is evaluated (rules.period_applies)."""
        if not always_quarterly(jenis_asn):
            return self.for_everyone()
        months = Q(appraisal_year__period_kind=PeriodKindChoices.BULANAN, is_final=False)
        return self.exclude(months & Q(pppk_pw_only=False))


class Period(models.Model):
    """One evaluation period (e.g. Triwulan I) with its filling deadline (batas pengisian)."""

    appraisal_year = models.ForeignKey(
        AppraisalYear,
        verbose_name=_("appraisal year"),
        on_delete=models.CASCADE,
        related_name="periods",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=40)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    deadline = models.DateField(_("filling deadline (batas pengisian)"))
    is_final = models.BooleanField(_("final (annual) period"), default=False)
    # A monthly year's quarter in which only PPPK Paruh Waktu are evaluated (domain.md §8.1).
    pppk_pw_only = models.BooleanField(_("only for PPPK Paruh Waktu"), default=False)
    reopened_until = models.DateField(
        _("reopened until"),
        null=True,
        blank=True,
        help_text=_("HR may reopen entry after the deadline until this date."),
    )
    history = HistoricalRecords(table_name="evaluation_historicalperiod")

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        db_table = "evaluation_period"  # the table predates the cycle app
        ordering = ["start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["appraisal_year", "number"], name="period_number_unique"
            ),
            models.UniqueConstraint(
                fields=["appraisal_year"],
                condition=Q(is_final=True),
                name="period_one_final_per_year",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="period_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.appraisal_year.year}"

    @property
    def has_action_plans(self) -> bool:
        """Whether rencana aksi are agreed for this period (the quarters, §8.2)."""
        year = self.appraisal_year
        return has_action_plans(
            period_kind=year.period_kind, is_final=self.is_final, annual_final=year.annual_final
        )

    @property
    def siasn_periodik_id(self) -> int:
        """SIASN ``periodikId`` of this period's year (1 bulanan, 2 triwulan)."""
        if self.pppk_pw_only:  # a monthly year's quarter of its PPPK Paruh Waktu
            return PeriodKind.TRIWULANAN.siasn_id
        return PeriodKind(self.appraisal_year.period_kind).siasn_id

    def applies_to(self, jenis_asn: str) -> bool:
        """Whether an employee of that kind is evaluated in this period."""
        return period_applies(
            jenis_asn=jenis_asn,
            period_kind=self.appraisal_year.period_kind,
            is_final=self.is_final,
            pppk_pw_only=self.pppk_pw_only,
        )

    def is_open_for_entry(self, day: dt.date) -> bool:
        """Realisation may be entered until the deadline, or until HR's reopening date."""
        limit = max(self.deadline, self.reopened_until or self.deadline)
        return day <= limit


class ClosureReason(models.TextChoices):
    FINAL_EVALUATION = "final_evaluation", _("The evaluation is final")
    PENETAPAN = "penetapan", _("The penetapan predikat kinerja is signed")


class EntryClosureQuerySet(models.QuerySet["EntryClosure"]):
    def blocking(
        self, *, period: Period, employee_id: int | None, day: dt.date
    ) -> EntryClosure | None:
        """The closure that keeps this employee's entry of the period shut on a day, if any.

        A superadmin's reopening made after the closure lifts it until the reopening's date.
        """
        closure = self.filter(period=period, employee_id=employee_id).first()
        if closure is None:
            return None
        lifted = PeriodReopening.objects.filter(
            period=period, overrides_closures=True, at__gt=closure.closed_at, until__gte=day
        ).exists()
        return None if lifted else closure


class EntryClosure(models.Model):
    """A period closed for one employee's realisation and evidence: what is signed stays signed.

    Written by the evaluation services when an evaluation becomes final or a penetapan is signed
    (for everyone in its curve), whichever comes first. Only a superadmin's audited reopening
    (``PeriodReopening``) made after it opens entry again, until the reopening's date.
    """

    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="closures"
    )
    employee = models.ForeignKey(
        "org.Employee", verbose_name=_("employee"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ClosureReason.choices)
    closed_at = models.DateTimeField(_("closed at"))

    objects = EntryClosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("closed entry")
        verbose_name_plural = _("closed entries")
        constraints = [
            models.UniqueConstraint(fields=["period", "employee"], name="entry_closure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.employee_id} · {self.get_reason_display()}"


class PeriodReopening(models.Model):
    """An audited reopening of a period for realisation and evidence: who, when, until, why."""

    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="reopenings"
    )
    until = models.DateField(_("reopened until"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, **limited(LIMITS.NOTE))
    overrides_closures = models.BooleanField(
        _("reopens signed entries"),
        default=False,
        help_text=_(
            "Set when a superadmin reopened a period with a penetapan or final evaluations."
        ),
    )
    by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("period reopening")
        verbose_name_plural = _("period reopenings")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.period} → {self.until}"


class CalendarSettings(models.Model):
    """The instansi's choice of period model for new appraisal years (one row, City HR's).

    §8.2: e-Kinerja runs quarterly periods plus a Tahunan Final; monthly stays an option of the
    instansi. Existing years keep the periods they were created with.
    """

    default_period_kind = models.CharField(
        _("period kind of new years"),
        max_length=12,
        choices=PeriodKindChoices.choices,
        default=PeriodKindChoices.TRIWULANAN,
    )
    default_annual_final = models.BooleanField(
        _("new years get a separate Tahunan Final"), default=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar settings")
        verbose_name_plural = _("calendar settings")

    def __str__(self) -> str:
        return f"{self.get_default_period_kind_display()} · {self.default_annual_final}"

    @classmethod
    def current(cls) -> CalendarSettings:
        """The settings row (unsaved defaults when HR never changed them)."""
        return cls.objects.order_by("pk").first() or cls()
