"""Service standards, the service register and the satisfaction survey (SKM) of a service unit."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from sikap.lib.dayrange import on_days
from sikap.lib.textlimits import LIMITS, limited
from sikap.org.models import Employee, Unit
from sikap.surveys import rules

UNSUR_FIELDS: tuple[str, ...] = tuple(code.lower() for code in rules.UNSUR_CODES)

DEFAULT_PROMISE = (
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan "
    "yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi "
    "sesuai peraturan perundang-undangan yang berlaku."
)
DEFAULT_EDUCATION = "SD\nSMP\nSMA\nD1–D3\nD4/S1\nS2\nS3"
DEFAULT_OCCUPATION = "PNS\nTNI\nPOLRI\nSwasta\nWirausaha\nPelajar/Mahasiswa\nLainnya"


def new_token() -> str:
    """A random public token for a receipt (about 96 bits)."""
    return secrets.token_urlsafe(12)


def new_kiosk_key() -> str:
    return secrets.token_urlsafe(18)


class ServiceType(models.Model):
    """A jenis layanan of a unit with the 14 komponen of its standar pelayanan (UU 25/2009 Ps. 21)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="service_types"
    )
    name = models.CharField(_("name"), max_length=200)
    # A. Komponen proses penyampaian pelayanan (published at the counter and on SIPPN).
    persyaratan = models.TextField("Persyaratan", blank=True, **limited(LIMITS.DOCUMENT))
    prosedur = models.TextField(
        "Sistem, mekanisme, dan prosedur", blank=True, **limited(LIMITS.DOCUMENT)
    )
    jangka_waktu = models.CharField("Jangka waktu pelayanan", max_length=200, blank=True)
    biaya = models.CharField("Biaya/tarif", max_length=200, default="Gratis")
    produk = models.CharField("Produk pelayanan", max_length=255, blank=True)
    pengaduan = models.TextField(
        "Penanganan pengaduan, saran dan masukan", blank=True, **limited(LIMITS.DOCUMENT)
    )
    # B. Komponen pengelolaan pelayanan di internal organisasi.
    dasar_hukum = models.TextField("Dasar hukum", blank=True, **limited(LIMITS.DOCUMENT))
    sarana = models.TextField(
        "Sarana dan prasarana, dan/atau fasilitas", blank=True, **limited(LIMITS.DOCUMENT)
    )
    kompetensi = models.TextField("Kompetensi pelaksana", blank=True, **limited(LIMITS.DOCUMENT))
    pengawasan = models.TextField("Pengawasan internal", blank=True, **limited(LIMITS.DOCUMENT))
    jumlah_pelaksana = models.CharField("Jumlah pelaksana", max_length=100, blank=True)
    jaminan_pelayanan = models.TextField(
        "Jaminan pelayanan", blank=True, **limited(LIMITS.DOCUMENT)
    )
    jaminan_keamanan = models.TextField(
        "Jaminan keamanan dan keselamatan pelayanan", blank=True, **limited(LIMITS.DOCUMENT)
    )
    evaluasi_kinerja = models.TextField(
        "Evaluasi kinerja pelaksana", blank=True, **limited(LIMITS.DOCUMENT)
    )
    standard_minutes = models.PositiveIntegerField(
        _("standard time (minutes)"),
        validators=[MinValueValidator(1)],
        help_text=_("Completion time promised in the standar pelayanan, in minutes."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    # (field, published): the six delivery components are published (§4.5 A).
    COMPONENTS: tuple[tuple[str, bool], ...] = (
        ("persyaratan", True),
        ("prosedur", True),
        ("jangka_waktu", True),
        ("biaya", True),
        ("produk", True),
        ("pengaduan", True),
        ("dasar_hukum", False),
        ("sarana", False),
        ("kompetensi", False),
        ("pengawasan", False),
        ("jumlah_pelaksana", False),
        ("jaminan_pelayanan", False),
        ("jaminan_keamanan", False),
        ("evaluasi_kinerja", False),
    )

    class Meta:
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        ordering = ["unit__path", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="service_type_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def components(self, *, published_only: bool = False) -> list[tuple[str, str]]:
        """(label, value) of the komponen standar pelayanan, in the order of the law."""
        result = []
        for field_name, published in self.COMPONENTS:
            if published_only and not published:
                continue
            field = self._meta.get_field(field_name)
            label = getattr(field, "verbose_name", field_name)
            result.append((str(label), getattr(self, field_name)))
        return result


class ServicePromise(models.Model):
    """The maklumat pelayanan of a unit, signed by its head (Camat/Lurah)."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="service_promise"
    )
    text = models.TextField(_("text"), default=DEFAULT_PROMISE, **limited(LIMITS.DOCUMENT))
    signed_by = models.ForeignKey(
        Employee,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("maklumat pelayanan")
        verbose_name_plural = _("maklumat pelayanan")

    def __str__(self) -> str:
        return f"Maklumat Pelayanan {self.unit}"


class WeightChoices(models.TextChoices):
    EXACT = rules.Weight.EXACT.value, _("Exact 1/9 (default)")
    WORKSHEET = rules.Weight.WORKSHEET.value, _("0.111 as in the worksheet")


class SurveySettings(models.Model):
    """Per-unit survey options: the weight, the minimum for per-officer figures, the profile options."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="survey_settings"
    )
    weight = models.CharField(
        _("weight"), max_length=10, choices=WeightChoices.choices, default=WeightChoices.EXACT
    )
    min_officer_responses = models.PositiveSmallIntegerField(
        _("minimum responses per officer"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_("Per-officer figures are shown only from this number of responses on."),
    )
    education_options = models.TextField(
        _("education options"),
        default=DEFAULT_EDUCATION,
        help_text=_("One option a line."),
        **limited(LIMITS.TEXT),
    )
    occupation_options = models.TextField(
        _("occupation options"),
        default=DEFAULT_OCCUPATION,
        help_text=_("One option a line."),
        **limited(LIMITS.TEXT),
    )
    kiosk_key = models.CharField(
        _("kiosk key"), max_length=40, unique=True, default=new_kiosk_key, editable=False
    )
    retention_days = models.PositiveIntegerField(
        _("retention of respondents' comments and profiles (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(30)],
        help_text=_(
            "For this unit and the units below it. Empty: as the unit above "
            "(the instance default is SURVEY_RETENTION_DAYS, 730 days)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey settings")
        verbose_name_plural = _("survey settings")

    def __str__(self) -> str:
        return str(self.unit)

    @property
    def rules_weight(self) -> rules.Weight:
        return rules.Weight(self.weight)

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def education_list(self) -> list[str]:
        return self._lines(self.education_options)

    @property
    def occupation_list(self) -> list[str]:
        return self._lines(self.occupation_options)


class SurveyQuestion(models.Model):
    """One unsur of the questionnaire: an ordered, editable list seeded from PermenPAN-RB 14/2017."""

    code = models.CharField(
        _("unsur"), max_length=3, unique=True, choices=[(c, c) for c in rules.UNSUR_CODES]
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("question order", "position"))
    name = models.CharField(_("name"), max_length=100)
    question = models.TextField(_("question"), **limited(LIMITS.SHORT))
    answer_1 = models.CharField(_("answer 1"), max_length=60)
    answer_2 = models.CharField(_("answer 2"), max_length=60)
    answer_3 = models.CharField(_("answer 3"), max_length=60)
    answer_4 = models.CharField(_("answer 4"), max_length=60)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def field_name(self) -> str:
        return self.code.lower()

    @property
    def answers(self) -> list[tuple[int, str]]:
        return [(1, self.answer_1), (2, self.answer_2), (3, self.answer_3), (4, self.answer_4)]


class ServiceRecordQuerySet(models.QuerySet["ServiceRecord"]):
    def between(self, start: Any, end: Any) -> ServiceRecordQuerySet:
        return self.filter(**on_days("received_at", start, end))


class ServiceRecord(models.Model):
    """One line of the buku register layanan: a service delivered at the counter."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="service_records"
    )
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("service type"),
        on_delete=models.PROTECT,
        related_name="records",
    )
    received_at = models.DateTimeField(_("received at"), db_index=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    # Set when the service is completed, against the standard time of that moment.
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    on_time = models.BooleanField(_("on time"), null=True, blank=True)
    officers = models.ManyToManyField(
        Employee, verbose_name=_("officers"), related_name="services_delivered"
    )
    # UU PDP: data minimisation. At most an initial; nothing is required.
    citizen_initial = models.CharField(_("citizen initial"), max_length=3, blank=True)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    recorded_by = models.ForeignKey(
        Employee,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["token"])

    objects = ServiceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-received_at", "-pk"]
        # The register and the IKM pages filter one unit over a range of days.
        indexes = [models.Index(fields=["unit", "received_at"], name="servicerecord_unit_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True)
                | Q(completed_at__gte=models.F("received_at")),
                name="service_record_completed_after_received",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_type} {self.received_at:%Y-%m-%d %H:%M}"


class Channel(models.TextChoices):
    QR = "qr", _("Receipt QR code")
    LINK = "link", _("Unit link")
    KIOSK = "kiosk", _("Kiosk")
    PAPER = "paper", _("Paper")


class GenderChoices(models.TextChoices):
    L = "L", _("Male")
    P = "P", _("Female")


def _answer_field(code: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        code,
        null=True,
        blank=True,
        validators=[MinValueValidator(rules.MIN_ANSWER), MaxValueValidator(rules.MAX_ANSWER)],
    )


class SurveyResponseQuerySet(models.QuerySet["SurveyResponse"]):
    def between(self, start: Any, end: Any) -> SurveyResponseQuerySet:
        return self.filter(**on_days("submitted_at", start, end))

    def credited(self) -> SurveyResponseQuerySet:
        """One row per officer credited (``credited_officer``): every officer who served the
        receipt's service, else the officer named on the response; rows crediting nobody go."""
        return self.annotate(
            credited_officer=Coalesce(
                "service_record__officers", "officer", output_field=models.IntegerField()
            )
        ).filter(credited_officer__isnull=False)


class PaperImport(models.Model):
    """A batch of paper questionnaires imported from a spreadsheet."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    filename = models.CharField(_("file name"), max_length=255)
    rows = models.PositiveIntegerField(_("rows"))
    imported_by = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_by_user = models.CharField(max_length=150, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    # The same file imported twice would count its questionnaires twice in the index.
    fingerprint = models.CharField(_("file fingerprint (SHA-256)"), max_length=64, blank=True)
    period_key = models.CharField(_("survey period"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("paper survey import")
        verbose_name_plural = _("paper survey imports")
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_key", "fingerprint"],
                condition=~models.Q(fingerprint=""),
                name="paper_import_once_per_unit_period",
            )
        ]

    def __str__(self) -> str:
        return self.filename


class SurveyResponse(models.Model):
    """One citizen's answers (U1..U9, blank = unanswered) and an optional, anonymous profile."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="survey_responses"
    )
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("service type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
    )
    service_record = models.ForeignKey(
        ServiceRecord,
        verbose_name=_("service record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
    )
    officer = models.ForeignKey(
        Employee,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )
    u1 = _answer_field("U1")
    u2 = _answer_field("U2")
    u3 = _answer_field("U3")
    u4 = _answer_field("U4")
    u5 = _answer_field("U5")
    u6 = _answer_field("U6")
    u7 = _answer_field("U7")
    u8 = _answer_field("U8")
    u9 = _answer_field("U9")
    age = models.PositiveSmallIntegerField(
        _("age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(rules.MIN_AGE), MaxValueValidator(rules.MAX_AGE)],
    )
    gender = models.CharField(_("gender"), max_length=1, choices=GenderChoices.choices, blank=True)
    education = models.CharField(_("education"), max_length=40, blank=True)
    occupation = models.CharField(_("occupation"), max_length=40, blank=True)
    comment = models.TextField(
        pgettext_lazy("survey response", "comment"), blank=True, **limited(LIMITS.TEXT)
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    paper_import = models.ForeignKey(
        PaperImport, null=True, blank=True, on_delete=models.CASCADE, related_name="responses"
    )
    submitted_at = models.DateTimeField(
        pgettext_lazy("survey response", "submitted at"), db_index=True
    )

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "submitted_at"], name="response_unit_day"),
            models.Index(fields=["officer", "submitted_at"], name="response_officer_day"),
        ]
        constraints = [
            # A receipt's token is answered once.
            models.UniqueConstraint(
                fields=["service_record"],
                condition=Q(service_record__isnull=False),
                name="survey_response_one_per_record",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{f}__isnull": True}) | Q(**{f"{f}__gte": 1, f"{f}__lte": 4}),
                    name=f"survey_response_{f}_1_to_4",
                )
                for f in UNSUR_FIELDS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.submitted_at:%Y-%m-%d %H:%M}"

    @property
    def answers(self) -> dict[str, int | None]:
        return {code: getattr(self, code.lower()) for code in rules.UNSUR_CODES}


class FollowUpPlan(models.Model):
    """The rencana tindak lanjut for the lowest unsur of a unit's survey period."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="follow_up_plans"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    unsur = models.CharField(_("unsur"), max_length=40, help_text=_("Codes, e.g. U3 or U3,U9."))
    action = models.TextField(_("planned action"), **limited(LIMITS.LONG))
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        Employee,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up plan")
        verbose_name_plural = _("follow-up plans")
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_start", "period_end"], name="follow_up_one_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_start}–{self.period_end}"


class SuggestionFollowUpQuerySet(models.QuerySet["SuggestionFollowUp"]):
    def public(self) -> SuggestionFollowUpQuerySet:
        """Follow-ups whose saran still exists: a comment blanked by the retention purge goes."""
        return self.exclude(response__comment="")


class SuggestionFollowUp(models.Model):
    """A citizen's saran marked as followed up by a leader, under a rencana tindak lanjut.

    The saran itself is never copied here (nor into the history): the purge of the response's
    comment makes the item disappear everywhere.
    """

    response = models.OneToOneField(
        SurveyResponse,
        verbose_name=_("survey response"),
        on_delete=models.CASCADE,
        related_name="suggestion_follow_up",
    )
    plan = models.ForeignKey(
        FollowUpPlan,
        verbose_name=_("follow-up plan"),
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    note = models.TextField(
        _("action taken (public)"),
        help_text=_("Shown on the public IKM page. No names or personal data."),
        **limited(LIMITS.SHORT),
    )
    marked_by = models.ForeignKey(
        Employee,
        verbose_name=_("marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"))
    history = HistoricalRecords()

    objects = SuggestionFollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("followed-up suggestion")
        verbose_name_plural = _("followed-up suggestions")
        ordering = ["-marked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan} #{self.response_id}"


class IkmSnapshot(models.Model):
    """A published index of a unit for a period: what the public page shows."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="ikm_snapshots"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    period_label = models.CharField(_("period"), max_length=60)
    respondents = models.PositiveIntegerField(_("respondents"))
    ikm = models.DecimalField("IKM", max_digits=5, decimal_places=2)
    quality = models.CharField(_("mutu pelayanan"), max_length=1)
    performance = models.CharField(_("kinerja unit pelayanan"), max_length=20)
    weight = models.CharField(_("weight"), max_length=10, choices=WeightChoices.choices)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    required_sample = models.PositiveIntegerField(_("required sample"), null=True, blank=True)
    sample_sufficient = models.BooleanField(_("sample sufficient"), null=True, blank=True)
    # nrr: {"U1": "3.2100", ...}; services/officers: [{"name", "respondents", "ikm", "quality"}].
    detail = models.JSONField(default=dict)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("published IKM")
        verbose_name_plural = _("published IKM")
        ordering = ["-period_end", "-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_start", "period_end"], name="ikm_snapshot_one_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_label}: {self.ikm}"
