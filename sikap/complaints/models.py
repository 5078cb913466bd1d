"""Complaints (pengaduan) from every channel, their lifecycle, deadlines and the working-day calendar."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from sikap.complaints import rules
from sikap.lib.textlimits import LIMITS, limited
from sikap.org.models import Employee, Unit, within_q


class HolidayKind(models.TextChoices):
    LIBUR_NASIONAL = "libur_nasional", _("Libur nasional")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")


class Holiday(models.Model):
    """A non-working day of the official calendar (SKB libur nasional and cuti bersama)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=HolidayKind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"

    @classmethod
    def dates(cls) -> frozenset[dt.date]:
        """Every holiday date (one query), for the working-day functions."""
        return frozenset(cls.objects.values_list("date", flat=True))


class ComplaintSettings(models.Model):
    """Time limits (working days) and retention: the instance default, or one subtree's override.

    The row without a unit is the instance default, owned by the city-level HR. A row with a
    unit (an instansi or kecamatan) overrides the default for the whole subtree of that unit and
    is owned by the Admin Kepegawaian of that subtree; the nearest such row above a complaint's
    unit applies.
    """

    unit = models.OneToOneField(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="complaint_settings",
        help_text=_("Empty: the instance default. A unit: the settings of its whole subtree."),
    )
    verification_days = models.PositiveSmallIntegerField(
        _("verification (working days)"), default=3
    )
    follow_up_days = models.PositiveSmallIntegerField(
        _("first follow-up (working days)"), default=5
    )
    ringan_days = models.PositiveSmallIntegerField(_("pengaduan ringan (working days)"), default=2)
    normatif_days = models.PositiveSmallIntegerField(
        _("pengaduan bersifat normatif (working days)"), default=5
    )
    tidak_berkadar_days = models.PositiveSmallIntegerField(
        _("pengaduan tidak berkadar pengawasan (working days)"), default=14
    )
    berkadar_days = models.PositiveSmallIntegerField(
        _("pengaduan berkadar pengawasan (working days)"), default=60
    )
    confirmation_timeout_days = models.PositiveSmallIntegerField(
        _("citizen confirmation timeout (working days)"),
        default=10,
        help_text=_("An answered complaint closes by itself when the citizen does not respond."),
    )
    warning_days = models.PositiveSmallIntegerField(
        _("warn the handler this many working days before a deadline"), default=1
    )
    camat_after_days = models.PositiveSmallIntegerField(
        _("escalate to the camat this many working days after a breach"), default=3
    )
    retention_days = models.PositiveIntegerField(
        _("retention of the reporter's identity (days after closing)"),
        default=730,
        validators=[MinValueValidator(30)],
    )
    open_retention_days = models.PositiveIntegerField(
        _("retention of the reporter's identity of a complaint never closed (days after filing)"),
        default=1095,
        validators=[MinValueValidator(90)],
        help_text=_("A complaint left open this long loses its reporter's identity and files."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")

    def __str__(self) -> str:
        if self.unit_id is None:
            return str(_("Complaint settings (instance default)"))
        return str(_("Complaint settings of %(unit)s") % {"unit": self.unit})

    @classmethod
    def load(cls) -> ComplaintSettings:
        """The instance default row, created with the documented defaults when missing."""
        obj = cls.objects.filter(unit__isnull=True).order_by("pk").first()
        return obj or cls.objects.create(unit=None)

    @classmethod
    def book(cls) -> SettingsBook:
        """Every settings row (two queries), to resolve the settings of many units in memory."""
        default = cls.load()
        rows: dict[int | None, ComplaintSettings] = {
            s.unit_id: s for s in cls.objects.filter(unit__isnull=False)
        }
        return SettingsBook(default=default, by_unit=rows)

    @classmethod
    def for_unit(cls, unit: Unit | None) -> ComplaintSettings:
        """The settings that apply to a unit: its nearest override, else the instance default."""
        return cls.book().for_unit(unit)

    def resolution_days(self, complaint_class: str) -> int:
        return {
            ComplaintClass.RINGAN: self.ringan_days,
            ComplaintClass.NORMATIF: self.normatif_days,
            ComplaintClass.TIDAK_BERKADAR: self.tidak_berkadar_days,
            ComplaintClass.BERKADAR: self.berkadar_days,
        }[ComplaintClass(complaint_class)]


class SettingsBook:
    """The instance default and the subtree overrides, resolved by a unit's path."""

    def __init__(self, *, default: ComplaintSettings, by_unit: dict[int | None, ComplaintSettings]):
        self.default = default
        self.by_unit = by_unit

    def for_unit(self, unit: Unit | None) -> ComplaintSettings:
        if unit is None:
            return self.default
        for unit_id in reversed(unit.ancestor_ids):
            found = self.by_unit.get(unit_id)
            if found is not None:
                return found
        return self.default


class Category(models.Model):
    """The kategori (topic) of a report, e.g. administrasi kependudukan."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    WALK_IN = "walk_in", _("Walk-in (tatap muka)")
    PHONE = "phone", _("Telephone")
    WHATSAPP = "whatsapp", _("WhatsApp")
    LAPOR = "lapor", _("SP4N-LAPOR!")


class Classification(models.TextChoices):
    ASPIRASI = "aspirasi", _("Aspirasi")
    PENGADUAN = "pengaduan", _("Pengaduan")
    INFORMASI = "informasi", _("Permintaan Informasi")


class ComplaintClass(models.TextChoices):
    RINGAN = "ringan", _("Pengaduan ringan")
    NORMATIF = "normatif", _("Pengaduan bersifat normatif")
    TIDAK_BERKADAR = "tidak_berkadar", _("Pengaduan tidak berkadar pengawasan")
    BERKADAR = "berkadar", _("Pengaduan berkadar pengawasan")


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    VERIFIED = "verified", _("Verified")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", pgettext_lazy("complaint status", "In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (Status.REGISTERED, Status.VERIFIED, Status.ASSIGNED, Status.IN_PROGRESS)


class CloseReason(models.TextChoices):
    NOT_AUTHORITY = "not_authority", _("Not our authority (bukan wewenang)")
    DUPLICATE = "duplicate", _("Duplicate")
    ARCHIVED = "archived", _("Archived")
    CONFIRMED = "confirmed", _("Confirmed by the citizen")
    TIMEOUT = "timeout", _("No response from the citizen")
    FORWARDED = "forwarded", _("Forwarded to another instansi")


REJECT_REASONS = (CloseReason.NOT_AUTHORITY, CloseReason.DUPLICATE, CloseReason.ARCHIVED)


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    def open(self) -> ComplaintQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date) -> ComplaintQuerySet:
        """Open complaints whose current deadline has passed (paused ones have no deadline)."""
        return self.open().filter(due_on__lt=today)

    def in_subtree(self, unit: Unit) -> ComplaintQuerySet:
        return self.filter(within_q([unit.path]))


class Complaint(models.Model):
    """One report (laporan) from a citizen, whichever channel it came through."""

    tracking_code = models.CharField(_("tracking code"), max_length=12, unique=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    lapor_reference = models.CharField(_("LAPOR! tracking number"), max_length=40, blank=True)
    classification = models.CharField(
        _("classification"),
        max_length=12,
        choices=Classification.choices,
        default=Classification.PENGADUAN,
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    service_name = models.CharField(_("related service"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="complaints"
    )
    complaint_class = models.CharField(
        _("complaint class"),
        max_length=16,
        choices=ComplaintClass.choices,
        default=ComplaintClass.NORMATIF,
    )
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("report"), **limited(LIMITS.LONG))
    reporter_name = models.CharField(_("reporter name"), max_length=150, blank=True)
    reporter_phone = models.CharField(_("reporter phone / WhatsApp"), max_length=40, blank=True)
    reporter_email = models.EmailField(_("reporter e-mail"), blank=True)
    is_anonymous = models.BooleanField(
        _("anonim"), default=False, help_text=_("No identity asked or kept (PermenPAN-RB 5/2025).")
    )
    is_confidential = models.BooleanField(
        _("rahasia"),
        default=False,
        help_text=_("The identity is shown only to the verifier (PermenPAN-RB 5/2025)."),
    )
    identity_purged_on = models.DateField(_("identity removed on"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED
    )
    close_reason = models.CharField(
        _("reason for closing"), max_length=16, choices=CloseReason.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    assignee = models.ForeignKey(
        Employee,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_complaints",
    )
    answer = models.TextField(_("tanggapan"), blank=True, **limited(LIMITS.LONG))
    reopened = models.BooleanField(_("reopened by the citizen"), default=False)
    is_paused = models.BooleanField(_("waiting for the citizen"), default=False)

    registered_on = models.DateField(_("registered on"), db_index=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    started_on = models.DateField(_("follow-up started on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    clock_start = models.DateField(
        _("resolution clock starts"),
        null=True,
        blank=True,
        help_text=_("The day of verification, or of reopening."),
    )

    verification_due = models.DateField(_("verification due"), null=True, blank=True)
    follow_up_due = models.DateField(_("first follow-up due"), null=True, blank=True)
    resolution_due = models.DateField(_("resolution due"), null=True, blank=True)
    confirmation_due = models.DateField(_("citizen confirmation due"), null=True, blank=True)
    due_on = models.DateField(_("current deadline"), null=True, blank=True, db_index=True)
    extension_days = models.PositiveSmallIntegerField(
        _("extension of the resolution (working days)"), default=0
    )
    extension_reason = models.TextField(
        _("reason for the extension"), blank=True, **limited(LIMITS.NOTE)
    )
    forwarded_to_name = models.CharField(
        _("forwarded to (instansi)"),
        max_length=200,
        blank=True,
        help_text=_("An instansi outside SIKAP that took over the report."),
    )
    forwarded_reference = models.CharField(
        _("reference given by that instansi"), max_length=80, blank=True
    )

    # The office's part ends with the tanggapan (or a closing at verification).
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolved_on_time = models.BooleanField(_("resolved on time"), null=True, blank=True)
    days_to_verify = models.PositiveSmallIntegerField(null=True, blank=True)
    days_to_answer = models.PositiveSmallIntegerField(null=True, blank=True)
    days_to_close = models.PositiveSmallIntegerField(null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(
        excluded_fields=["reporter_name", "reporter_phone", "reporter_email"]
    )

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-registered_on", "-pk"]
        # The inbox and the metrics filter a unit subtree and a period of registration.
        indexes = [
            models.Index(fields=["unit", "registered_on"], name="complaint_unit_day"),
            # The open complaints of a subtree (home-page counts, the inbox's default view):
            # a few percent of a city's history.
            models.Index(
                fields=["unit", "due_on"],
                condition=Q(status__in=["registered", "verified", "assigned", "in_progress"]),
                name="complaint_open_unit",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(close_reason=""),
                name="complaint_closed_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["assigned", "in_progress"]) | Q(assignee__isnull=False),
                name="complaint_assigned_has_assignee",
            ),
            models.CheckConstraint(
                condition=~Q(channel="lapor") | ~Q(lapor_reference=""),
                name="complaint_lapor_has_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} · {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def can_reopen(self) -> bool:
        return rules.allows("reopen", self.status, paused=False) and not self.reopened

    @property
    def is_forwarded_out(self) -> bool:
        return self.close_reason == CloseReason.FORWARDED

    @property
    def can_rate(self) -> bool:
        return self.status in (Status.ANSWERED, Status.CLOSED) and self.answered_on is not None


class ComplaintEvent(models.Model):
    """One step of a complaint: who did what, when, and whether the citizen sees it."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Closed at verification")
        ASSIGNED = "assigned", _("Assigned")
        STARTED = "started", _("Follow-up started")
        ANSWERED = "answered", _("Answered")
        CITIZEN_REPLY = "citizen_reply", _("Citizen replied")
        REOPENED = "reopened", _("Reopened by the citizen")
        CONFIRMED = "confirmed", _("Closed: confirmed by the citizen")
        TIMEOUT = "timeout", _("Closed: no response from the citizen")
        PAUSED = "paused", _("Waiting for the citizen")
        RESUMED = "resumed", _("Clock resumed")
        NOTE = "note", _("Internal note")
        RATED = "rated", _("Rated by the citizen")
        ESCALATED = "escalated", _("Escalated")
        FORWARDED = "forwarded", _("Forwarded to another unit")
        FORWARDED_OUT = "forwarded_out", _("Forwarded to another instansi")
        EXTENDED = "extended", _("Deadline extended")

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    at = models.DateTimeField(_("at"))
    from_unit = models.ForeignKey(
        Unit,
        verbose_name=_("from unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_citizen = models.BooleanField(_("by the citizen"), default=False)
    from_status = models.CharField(_("from"), max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=Status.choices, blank=True)
    note = models.TextField(_("note"), blank=True, **limited(LIMITS.NOTE))
    is_public = models.BooleanField(_("shown to the citizen"), default=False)

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind}"


def _attachment_path(instance: Attachment, filename: str) -> str:
    return f"complaints/{instance.complaint.tracking_code}/{filename}"


class Attachment(models.Model):
    """A file sent with a complaint; stored outside the web root, served only after an access check."""

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    by_citizen = models.BooleanField(_("sent by the citizen"), default=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class IdentityAccessKind(models.TextChoices):
    VIEW = "view", _("viewed")
    DOWNLOAD = "download", _("downloaded an attachment")


class IdentityAccess(models.Model):
    """One view or download of a reporter's identity by staff (UU 27/2022 PDP): who, when, what."""

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="identity_accesses",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    kind = models.CharField(_("access"), max_length=10, choices=IdentityAccessKind.choices)
    attachment_name = models.CharField(_("file name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("access to a reporter's identity")
        verbose_name_plural = _("accesses to reporters' identities")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["complaint", "at"], name="identity_access_complaint")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind} {self.user_id}"


class TemplateStep(models.TextChoices):
    VERIFIED = "verified", _("Verification")
    REJECTED = "rejected", _("Closing at verification")
    STARTED = "started", _("Follow-up")
    ANSWERED = "answered", _("Tanggapan")
    PAUSED = "paused", _("Request for information")


class ResponseTemplateQuerySet(models.QuerySet["ResponseTemplate"]):
    def offered_in(self, unit: Unit) -> ResponseTemplateQuerySet:
        """The instance-wide templates and those of the subtrees holding the unit."""
        return self.filter(Q(unit__isnull=True) | Q(unit_id__in=unit.ancestor_ids))


class ResponseTemplate(models.Model):
    """A reusable text for one step of the lifecycle (canned response).

    Without a unit it is offered everywhere (owned by the city-level HR); with a unit only in
    that unit's subtree (owned by the Admin Kepegawaian of the subtree).
    """

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: offered in every unit."),
    )
    step = models.CharField(_("step"), max_length=12, choices=TemplateStep.choices)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), **limited(LIMITS.LONG))
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = ResponseTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("response template")
        verbose_name_plural = _("response templates")
        ordering = ["step", "title"]

    def __str__(self) -> str:
        return self.title


class Pause(models.Model):
    """An interval in which the complaint waits for the citizen: the clock does not run."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="pauses"
    )
    started_on = models.DateField(_("waiting since"))
    ended_on = models.DateField(_("answered on"), null=True, blank=True)
    reason = models.CharField(_("what we asked the citizen"), max_length=500)

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="pause_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["complaint"], condition=Q(ended_on__isnull=True), name="one_open_pause"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.started_on} – {self.ended_on or '…'}"


class SatisfactionRating(models.Model):
    """The citizen's satisfaction with the handling, given once after the answer."""

    complaint = models.OneToOneField(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="rating"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True, **limited(LIMITS.NOTE))
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="rating_score_1_5")
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.score}"


class EscalationLevel(models.IntegerChoices):
    WARNING = 1, _("Deadline near: the handler")
    BREACH = 2, _("Deadline passed: the unit head")
    CAMAT = 3, _("Still overdue: the camat")


class EscalationNotice(models.Model):
    """A reminder sent once per level per deadline; also the in-app list of escalations."""

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="escalations",
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=EscalationLevel.choices)
    due_on = models.DateField(_("deadline"))
    recipient = models.ForeignKey(
        Employee,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaint_escalations",
    )
    sent_at = models.DateTimeField(_("sent at"))
    emailed = models.BooleanField(_("e-mailed"), default=False)

    class Meta:
        verbose_name = _("escalation notice")
        verbose_name_plural = _("escalation notices")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "level", "due_on"], name="escalation_once_per_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} L{self.level} {self.due_on}"
