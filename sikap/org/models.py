"""Units (unit kerja), positions (jabatan), employees (pegawai) and their history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikap.lib.changes import SignallingQuerySet
from sikap.lib.nip import NipKind, format_nip
from sikap.org import rules


class UnitKind(models.TextChoices):
    PEMKOT = "pemkot", _("Pemerintah Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    SUBBAGIAN = "subbagian", _("Subbagian")
    SEKSI = "seksi", _("Seksi")
    LAINNYA = "lainnya", _("Other unit")


def within_q(paths: Iterable[str], field: str = "unit") -> Q:
    """Rows whose unit (reached through ``field``; "" for units themselves) lies in a subtree."""
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{lookup: path})
    return query


def path_within(path: str, paths: Iterable[str]) -> bool:
    """Whether a unit path lies in one of the subtrees (a unit is inside its own subtree)."""
    return any(path.startswith(p) for p in paths)


class UnitQuerySet(SignallingQuerySet, models.QuerySet["Unit"]):
    def subtree(self, unit: Unit) -> UnitQuerySet:
        return self.filter(within_q([unit.path], ""))

    def within_any(self, paths: Iterable[str]) -> UnitQuerySet:
        return self.filter(within_q(paths, ""))


class Unit(models.Model):
    """A unit kerja in a tree of any depth; ``path`` holds the ids from the root, ``/1/4/9/``."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    bps_code = models.CharField(_("BPS code"), max_length=10, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["path", "depth"])

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["bps_code"], condition=~Q(bps_code=""), name="unit_bps_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]


class JenisJabatan(models.TextChoices):
    JPT = "JPT", _("Jabatan Pimpinan Tinggi")
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")
    PENGAWAS = "PENGAWAS", _("Pengawas")
    PELAKSANA = "PELAKSANA", _("Pelaksana")
    FUNGSIONAL = "FUNGSIONAL", _("Fungsional")
    PEJABAT_NEGARA = "PEJABAT_NEGARA", _("Pejabat Negara")


class JenjangFungsional(models.TextChoices):
    AHLI_PERTAMA = "PT", "Ahli Pertama"
    AHLI_MUDA = "MU", "Ahli Muda"
    AHLI_MADYA = "MA", "Ahli Madya"
    AHLI_UTAMA = "UT", "Ahli Utama"
    PEMULA = "PM", "Pemula"
    TERAMPIL = "TR", "Terampil"
    MAHIR = "MH", "Mahir"
    PENYELIA = "PY", "Penyelia"


ESELON_CHOICES = [(e, e) for e in rules.ESELON]


class PositionQuerySet(SignallingQuerySet, models.QuerySet["Position"]):
    pass


class Position(models.Model):
    """A jabatan; ``reports_to`` gives the default pejabat penilai of whoever holds it."""

    name = models.CharField(_("name"), max_length=200)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="positions"
    )
    jenis = models.CharField(_("jenis jabatan"), max_length=20, choices=JenisJabatan.choices)
    jenjang = models.CharField(
        _("jenjang"), max_length=2, choices=JenjangFungsional.choices, blank=True
    )
    eselon = models.CharField(_("eselon"), max_length=5, choices=ESELON_CHOICES, default="NON")
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="direct_reports",
    )
    is_unit_head = models.BooleanField(
        _("head of the unit"),
        default=False,
        help_text=_("Camat or lurah: the holder leads the whole unit subtree."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    objects = PositionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["unit__path", "-is_unit_head", "eselon", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis="FUNGSIONAL") | Q(jenjang=""), name="position_jenjang_only_jf"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def jenis_label(self) -> str:
        label = str(self.get_jenis_display())
        if self.jenjang:
            label = f"{label} ({self.get_jenjang_display()})"
        return label


class JenisAsn(models.TextChoices):
    PNS = "PNS", "PNS"
    PPPK = "PPPK", "PPPK"
    # KepmenPAN-RB 16/2025: a NI PPPK on a yearly perjanjian kerja (domain.md §8.1).
    PPPK_PW = "PPPK_PW", "PPPK Paruh Waktu"
    NON_ASN = "NON_ASN", _("Non-ASN (pejabat negara)")


# Both kinds of PPPK carry a NI PPPK and the PPPK golongan (I–XVII).
PPPK_KINDS = (JenisAsn.PPPK, JenisAsn.PPPK_PW)


class GenderChoices(models.TextChoices):
    PRIA = "L", _("Male")
    WANITA = "P", _("Female")


class EmployeeQuerySet(SignallingQuerySet, models.QuerySet["Employee"]):
    def active(self) -> EmployeeQuerySet:
        return self.filter(is_active=True)

    def in_units(self, paths: Iterable[str]) -> EmployeeQuerySet:
        return self.filter(within_q(paths))

    def in_subtree(self, unit: Unit) -> EmployeeQuerySet:
        return self.filter(within_q([unit.path]))

    def with_details(self) -> EmployeeQuerySet:
        return self.select_related("position", "unit", "user")


class Employee(models.Model):
    """A pegawai (PNS or PPPK), or a pejabat negara who only signs as atasan."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    name = models.CharField(_("name"), max_length=150)
    front_title = models.CharField(_("front title"), max_length=40, blank=True)
    back_title = models.CharField(_("back title"), max_length=60, blank=True)
    jenis_asn = models.CharField(_("jenis ASN"), max_length=8, choices=JenisAsn.choices)
    golongan = models.CharField(_("golongan/ruang"), max_length=5, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=GenderChoices.choices, blank=True)
    position = models.ForeignKey(
        Position,
        verbose_name=_("position"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="holders",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employees",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nip"], condition=~Q(nip=""), name="employee_nip_unique"
            ),
            models.CheckConstraint(
                condition=Q(jenis_asn="NON_ASN") | Q(nip__regex=r"^[0-9]{18}$"),
                name="employee_asn_has_nip",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return rules.display_name(self.name, self.front_title, self.back_title)

    @property
    def is_pppk(self) -> bool:
        return self.jenis_asn in PPPK_KINDS

    @property
    def nip_display(self) -> str:
        if not self.nip:
            return "-"
        return format_nip(self.nip, NipKind.PPPK if self.is_pppk else NipKind.PNS)

    @property
    def golongan_display(self) -> str:
        return rules.golongan_label(self.golongan, pppk=self.is_pppk)


class AssignmentKind(models.TextChoices):
    DEFINITIF = "DEFINITIF", _("Definitif")
    PLT = "PLT", "Plt."
    PLH = "PLH", "Plh."


class AssignmentQuerySet(SignallingQuerySet, models.QuerySet["Assignment"]):
    def active_on(self, day: dt.date) -> AssignmentQuerySet:
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class Assignment(models.Model):
    """One line of riwayat jabatan: a definitive post or an acting (Plt./Plh.) assignment."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="assignments"
    )
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, related_name="assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="assignments"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=AssignmentKind.choices, default=AssignmentKind.DEFINITIF
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    decree_number = models.CharField(_("decree (SK) number"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(kind="DEFINITIF") | Q(end_date__isnull=False),
                name="assignment_acting_has_end",
            ),
        ]

    def __str__(self) -> str:
        prefix = "" if self.kind == AssignmentKind.DEFINITIF else f"{self.get_kind_display()} "
        return f"{prefix}{self.position}"


class SupervisorOverrideQuerySet(SignallingQuerySet, models.QuerySet["SupervisorOverride"]):
    def active_on(self, day: dt.date) -> SupervisorOverrideQuerySet:
        return self.filter(start_date__lte=day, end_date__gte=day)


class SupervisorOverride(models.Model):
    """A pejabat penilai (and optionally atasan) set by hand for an employee and a date range."""

    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="supervisor_overrides",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    penilai = models.ForeignKey(
        Employee,
        verbose_name=_("pejabat penilai kinerja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    atasan = models.ForeignKey(
        Employee,
        verbose_name=_("atasan pejabat penilai kinerja"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=255)
    history = HistoricalRecords()

    objects = SupervisorOverrideQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervisor override")
        verbose_name_plural = _("supervisor overrides")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="override_end_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(penilai=models.F("employee")), name="override_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} → {self.penilai}"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    VALIDATING = "validating", _("Validating")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """An uploaded employee file, validated (dry run) or imported, possibly in the background."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scope_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit scope"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: every unit the uploader manages."),
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    file_kind = models.CharField(_("file type"), max_length=4)
    dry_run = models.BooleanField(_("validate only"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    positions_created = models.PositiveIntegerField(_("positions created"), default=0)
    errors = models.JSONField(_("problems"), default=list, blank=True)
    message = models.CharField(_("message"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Written by the process running the job at each step; a job whose heartbeat stopped was
    # killed with its process (sikap.org.importer.jobs.fail_stale_imports).
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    # Raised by each retry: a run of an earlier attempt that wakes up can no longer write.
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)

    class Meta:
        verbose_name = _("employee import")
        verbose_name_plural = _("employee imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in (ImportStatus.PENDING, ImportStatus.VALIDATING, ImportStatus.RUNNING)

    @property
    def can_retry(self) -> bool:
        """A failure with no problem in the data (a crash or an unexpected error) can be rerun."""
        return self.status == ImportStatus.FAILED and not self.errors

    @property
    def percent(self) -> int:
        if self.status in (ImportStatus.DONE, ImportStatus.FAILED):
            return 100
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))


class ContractQuerySet(models.QuerySet["Contract"]):
    def ending_between(self, first: dt.date, last: dt.date) -> ContractQuerySet:
        return self.filter(end_date__gte=first, end_date__lte=last)

    def touching_year(self, year: int) -> ContractQuerySet:
        """Contracts running on some day of the calendar year, the latest start first."""
        return self.filter(
            start_date__lte=dt.date(year, 12, 31), end_date__gte=dt.date(year, 1, 1)
        ).order_by("-start_date")


class Contract(models.Model):
    """A perjanjian kerja of a PPPK or PPPK Paruh Waktu (domain.md §8.1); one row per term."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="contracts"
    )
    start_date = models.DateField(_("contract start"))
    end_date = models.DateField(_("contract end"))
    number = models.CharField(_("contract number"), max_length=80, blank=True)
    # Set by the daily reminder job so that HR is told once per contract.
    reminded_on = models.DateField(_("HR reminded on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("perjanjian kerja")
        verbose_name_plural = _("perjanjian kerja")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="contract_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.start_date:%Y-%m-%d}–{self.end_date:%Y-%m-%d}"
