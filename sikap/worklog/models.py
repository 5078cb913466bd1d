"""Progres Harian (§8.2): the daily log of an employee's work, per day, against rencana aksi."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikap.lib.textlimits import LIMITS, limited


class EntryStatus(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DISETUJUI = "disetujui", _("Disetujui")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")


class WorkLocation(models.TextChoices):
    KANTOR = "kantor", _("Kantor")
    RUMAH = "rumah", _("Rumah")
    LOKASI_LAIN = "lokasi_lain", _("Lokasi lain")


# Where drafts written by the work come from (``Entry.source``, the producers' WorkDone source),
# by the part before the dot: shown on the weekly page and in the API.
ORIGINS = {
    "surveys": _("from the service register"),
    "complaints": _("from a complaint"),
    "development": _("from a training"),
    "planning.feedback": _("from feedback given"),
    "planning.coaching": _("from bimbingan kinerja given"),
}


def origin_of(source: str) -> str:
    """The label of a draft's origin ("dari pengaduan"), or "" for an entry made by hand."""
    if not source:
        return ""
    return str(ORIGINS.get(source) or ORIGINS.get(source.split(".", 1)[0]) or "")


class Entry(models.Model):
    """One line of the Progres Harian, in the e-Kinerja column order of §8.2."""

    employee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="worklog_entries",
    )
    action_plan = models.ForeignKey(
        "planning.ActionPlan",
        verbose_name=_("Rencana Aksi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    date = models.DateField(_("Tanggal"))
    start_time = models.TimeField(_("Jam Mulai"), null=True, blank=True)
    end_time = models.TimeField(_("Jam Selesai"), null=True, blank=True)
    activity = models.TextField(_("Kegiatan Harian"), **limited(LIMITS.TEXT))
    realisation = models.PositiveIntegerField(_("Realisasi"), default=1)
    satuan = models.CharField(_("Satuan"), max_length=40, blank=True)
    evidence_url = models.CharField(_("Bukti Dukung"), max_length=500, blank=True)
    location = models.CharField(
        _("work location"),
        max_length=12,
        choices=WorkLocation.choices,
        default=WorkLocation.KANTOR,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.DRAF
    )
    return_note = models.TextField(_("return note"), blank=True, **limited(LIMITS.NOTE))
    # Where a draft written by the work itself came from: one entry per source and officer.
    source = models.CharField(_("source"), max_length=60, blank=True)
    source_id = models.PositiveBigIntegerField(_("source id"), null=True, blank=True)
    confirmed = models.BooleanField(_("confirmed by the employee"), default=True)
    discarded = models.BooleanField(_("discarded"), default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Progres Harian entry")
        verbose_name_plural = _("Progres Harian entries")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "source", "source_id"],
                condition=Q(source_id__isnull=False),
                name="worklog_one_entry_per_source",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="worklog_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} · {self.activity[:60]}"

    @property
    def origin(self) -> str:
        return origin_of(self.source)
