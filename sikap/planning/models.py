"""SKP (Sasaran Kinerja Pegawai): plans, work results (RHK) linked to the leader's, indicators,
realisation with evidence, continuous feedback, coaching, and the notifications they send."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikap.lib.choices import text_choices
from sikap.lib.textlimits import LIMITS, limited
from sikap.planning import rules


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class Approach(models.TextChoices):
    KUANTITATIF = "kuantitatif", _("Kuantitatif")
    KUALITATIF = "kualitatif", _("Kualitatif")


class FormKind(models.TextChoices):
    JA_JF = "JA_JF", _("Pejabat Administrasi dan Pejabat Fungsional")
    JPT = "JPT", _("Pejabat Pimpinan Tinggi dan Pimpinan Unit Kerja Mandiri")


class Category(models.TextChoices):
    UTAMA = "UTAMA", _("Utama")
    TAMBAHAN = "TAMBAHAN", _("Tambahan")


class CascadeKind(models.TextChoices):
    LANGSUNG = "langsung", _("Langsung")
    TIDAK_LANGSUNG = "tidak_langsung", _("Tidak langsung")


class Perspektif(models.TextChoices):
    PENERIMA_LAYANAN = "penerima_layanan", "Perspektif Penerima Layanan"
    PROSES_BISNIS = "proses_bisnis", "Perspektif Proses Bisnis"
    PENGUATAN_INTERNAL = "penguatan_internal", "Perspektif Penguatan Internal"
    ANGGARAN = "anggaran", "Perspektif Anggaran"


class Aspect(models.TextChoices):
    KUANTITAS = "kuantitas", "Kuantitas"
    KUALITAS = "kualitas", "Kualitas"
    WAKTU = "waktu", "Waktu"
    BIAYA = "biaya", "Biaya"


BehaviourValue = text_choices(
    "BehaviourValue", [(key.upper(), key, name) for key, name, _ in rules.BERAKHLAK]
)


class CoachingKind(models.TextChoices):
    COACHING = "coaching", _("Coaching")
    COUNSELING = "counseling", _("Counseling")
    MENTORING = "mentoring", _("Mentoring")


class OrganisationTarget(models.Model):
    """A sasaran/indikator kinerja organisasi of a unit for a year (from its Perjanjian Kinerja)."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    appraisal_year = models.ForeignKey(
        "cycle.AppraisalYear",
        verbose_name=_("appraisal year"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sasaran = models.TextField(_("sasaran kinerja organisasi"), **limited(LIMITS.TEXT))
    indikator = models.TextField(_("indikator kinerja organisasi"), **limited(LIMITS.TEXT))
    target = models.CharField(_("target"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation target")
        verbose_name_plural = _("organisation targets")
        ordering = ["unit", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.sasaran} — {self.indikator}"


class PlanQuerySet(models.QuerySet["Plan"]):
    def current(self) -> PlanQuerySet:
        return self.filter(is_current=True)

    def waiting_revisions(self) -> PlanQuerySet:
        """Revisions of an SKP in force that are with the penilai (submitted) or came back."""
        return self.filter(
            is_current=False,
            revision_of__is_current=True,
            status__in=[PlanStatus.SUBMITTED, PlanStatus.RETURNED],
        )


class Plan(models.Model):
    """One SKP of an employee; the header is a snapshot taken when it was made (and submitted)."""

    employee = models.ForeignKey(
        "org.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="plans"
    )
    appraisal_year = models.ForeignKey(
        "cycle.AppraisalYear",
        verbose_name=_("appraisal year"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    approach = models.CharField(
        _("approach"), max_length=12, choices=Approach.choices, default=Approach.KUANTITATIF
    )
    form_kind = models.CharField(
        _("form"), max_length=6, choices=FormKind.choices, default=FormKind.JA_JF
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("revision of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    is_current = models.BooleanField(
        _("current"),
        default=True,
        help_text=_(
            "The version in force; an approved SKP stays current until its revision is approved."
        ),
    )
    # Snapshots of the header (domain.md §1.4.2): kept as they were, whatever happens later.
    employee_name = models.CharField(_("name"), max_length=200)
    employee_nip = models.CharField(_("NIP"), max_length=30, blank=True)
    employee_golongan = models.CharField(_("pangkat/golongan"), max_length=100, blank=True)
    employee_position = models.CharField(_("position"), max_length=200, blank=True)
    employee_unit = models.CharField(_("unit"), max_length=200, blank=True)
    penilai = models.ForeignKey(
        "org.Employee",
        verbose_name=_("Pejabat Penilai Kinerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans_as_penilai",
    )
    penilai_name = models.CharField(_("penilai name"), max_length=200, blank=True)
    penilai_nip = models.CharField(_("penilai NIP"), max_length=30, blank=True)
    penilai_golongan = models.CharField(_("penilai pangkat/golongan"), max_length=100, blank=True)
    penilai_position = models.CharField(_("penilai position"), max_length=200, blank=True)
    penilai_unit = models.CharField(_("penilai unit"), max_length=200, blank=True)
    atasan = models.ForeignKey(
        "org.Employee",
        verbose_name=_("Atasan Pejabat Penilai Kinerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans_as_atasan",
    )
    atasan_name = models.CharField(_("atasan name"), max_length=200, blank=True)
    atasan_nip = models.CharField(_("atasan NIP"), max_length=30, blank=True)
    atasan_golongan = models.CharField(_("atasan pangkat/golongan"), max_length=100, blank=True)
    atasan_position = models.CharField(_("atasan position"), max_length=200, blank=True)
    atasan_unit = models.CharField(_("atasan unit"), max_length=200, blank=True)
    instansi = models.CharField(_("instansi"), max_length=200, blank=True)
    return_note = models.TextField(_("return note"), blank=True, **limited(LIMITS.NOTE))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-appraisal_year__year", "employee__name", "-start_date", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in PlanStatus]), name="plan_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="plan_end_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="plan_approved_has_date",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="plan_past_draft_was_submitted",
            ),
            models.UniqueConstraint(
                fields=["employee", "appraisal_year", "start_date"],
                condition=Q(is_current=True),
                name="plan_one_current_per_start",
            ),
            models.UniqueConstraint(
                fields=["revision_of"],
                condition=Q(revision_of__isnull=False, is_current=False),
                name="plan_one_open_revision",
            ),
        ]

    def __str__(self) -> str:
        return f"SKP {self.appraisal_year.year} {self.employee_name}"

    @property
    def is_editable(self) -> bool:
        return rules.is_editable(self.status)

    @property
    def title_lines(self) -> tuple[str, str, str]:
        return rules.form_title_lines(form_kind=self.form_kind, approach=self.approach)


class WorkResult(models.Model):
    """A Rencana Hasil Kerja (RHK); an UTAMA one intervenes an RHK of the pejabat penilai."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="work_results"
    )
    category = models.CharField(
        _("category"), max_length=10, choices=Category.choices, default=Category.UTAMA
    )
    text = models.TextField(_("Rencana Hasil Kerja"), **limited(LIMITS.TEXT))
    intervenes = models.ForeignKey(
        "self",
        verbose_name=_("Rencana Hasil Kerja Pimpinan yang Diintervensi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supporters",
    )
    organisation_target = models.ForeignKey(
        OrganisationTarget,
        verbose_name=_("organisation target"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_results",
    )
    assigned_by = models.CharField(
        _("Penugasan dari"),
        max_length=200,
        blank=True,
        help_text=_("Who assigned this result, when it is not the direct supervisor."),
    )
    cascade_kind = models.CharField(
        _("cascade"), max_length=15, choices=CascadeKind.choices, blank=True
    )
    perspektif = models.CharField(
        _("perspektif"), max_length=20, choices=Perspektif.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Rencana Hasil Kerja")
        verbose_name_plural = _("Rencana Hasil Kerja")
        ordering = ["plan", "category", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(category="TAMBAHAN")
                | Q(intervenes__isnull=False)
                | Q(organisation_target__isnull=False),
                name="work_result_utama_is_linked",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Indicator(models.Model):
    """An Indikator Kinerja Individu (IKI) with its aspek and target."""

    work_result = models.ForeignKey(
        WorkResult,
        verbose_name=_("Rencana Hasil Kerja"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    aspect = models.CharField(
        _("aspek"), max_length=10, choices=Aspect.choices, default=Aspect.KUANTITAS
    )
    text = models.TextField(_("Indikator Kinerja Individu"), **limited(LIMITS.TEXT))
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("target unit"), max_length=40, blank=True)
    target_text = models.CharField(_("target (in words)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The indicator of the earlier SKP version this one was copied from (a revision carries
    # the realisation of the year over to its copies).
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Indikator Kinerja Individu")
        verbose_name_plural = _("Indikator Kinerja Individu")
        ordering = ["work_result", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_value__isnull=False) | ~Q(target_text=""),
                name="indicator_has_target",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def target_display(self) -> str:
        if self.target_value is None:
            return self.target_text
        value = f"{self.target_value.normalize():f}".replace(".", ",")
        return f"{value} {self.target_unit}".strip()


class BehaviourExpectation(models.Model):
    """The Ekspektasi Khusus Pimpinan for one BerAKHLAK value of an SKP."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="expectations"
    )
    value = models.CharField(_("core value"), max_length=12, choices=BehaviourValue.choices)
    expectation = models.TextField(
        _("Ekspektasi Khusus Pimpinan"), blank=True, **limited(LIMITS.TEXT)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("behaviour expectation")
        verbose_name_plural = _("behaviour expectations")
        constraints = [
            models.UniqueConstraint(fields=["plan", "value"], name="expectation_unique_value")
        ]

    def __str__(self) -> str:
        return str(self.get_value_display())


class PlanAnnex(models.Model):
    """Lampiran SKP: three numbered lists, one item a line (§1.4.7)."""

    plan = models.OneToOneField(
        Plan, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="annex"
    )
    resources = models.TextField(_("Dukungan Sumber Daya"), blank=True, **limited(LIMITS.TEXT))
    accountability = models.TextField(
        _("Skema Pertanggungjawaban"), blank=True, **limited(LIMITS.TEXT)
    )
    consequences = models.TextField(_("Konsekuensi"), blank=True, **limited(LIMITS.TEXT))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Lampiran SKP")
        verbose_name_plural = _("Lampiran SKP")

    def __str__(self) -> str:
        return f"Lampiran {self.plan}"

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def resource_items(self) -> list[str]:
        return self._lines(self.resources)

    @property
    def accountability_items(self) -> list[str]:
        return self._lines(self.accountability)

    @property
    def consequence_items(self) -> list[str]:
        return self._lines(self.consequences)


class PerformanceDialogue(models.Model):
    """A dialog kinerja (setting and clarifying expectations, or during the year)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="dialogues"
    )
    date = models.DateField(_("date"))
    notes = models.TextField(_("notes"), **limited(LIMITS.LONG))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dialog kinerja")
        verbose_name_plural = _("dialog kinerja")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date}"


class ActionPlan(models.Model):
    """A rencana aksi: what the employee will do for one RHK in one quarter (§8.2).

    Agreed in the SKP dialogue; the Progres Harian entries are recorded against it.
    """

    work_result = models.ForeignKey(
        WorkResult,
        verbose_name=_("Rencana Hasil Kerja"),
        on_delete=models.CASCADE,
        related_name="action_plans",
    )
    period = models.ForeignKey(
        "cycle.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("Rencana Aksi"), **limited(LIMITS.TEXT))
    target = models.PositiveIntegerField(_("target"))
    satuan = models.CharField(_("satuan"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        ordering = ["period__start_date", "work_result__order", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Realisation(models.Model):
    """The realisation of one indicator in one period."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="realisations",
    )
    period = models.ForeignKey(
        "cycle.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("realisation"), blank=True, **limited(LIMITS.TEXT))
    note = models.TextField(_("note"), blank=True, **limited(LIMITS.NOTE))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="realisation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} / {self.period_id}"


class Evidence(models.Model):
    """A bukti dukung: an uploaded file (checked by content) or a link."""

    realisation = models.ForeignKey(
        Realisation,
        verbose_name=_("realisation"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(_("file"), upload_to="planning/evidence/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    link = models.URLField(_("link"), max_length=500, blank=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(link=""), name="evidence_file_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name or self.link


class Feedback(models.Model):
    """Umpan balik berkelanjutan from the penilai, on one RHK or one behaviour value."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="feedback"
    )
    period = models.ForeignKey(
        "cycle.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    work_result = models.ForeignKey(
        WorkResult,
        verbose_name=_("Rencana Hasil Kerja"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    behaviour_value = models.CharField(
        _("core value"), max_length=12, choices=BehaviourValue.choices, blank=True
    )
    text = models.TextField(_("feedback"), **limited(LIMITS.TEXT))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    reply = models.TextField(_("reply"), blank=True, **limited(LIMITS.TEXT))
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(work_result__isnull=False) & Q(behaviour_value=""))
                | (Q(work_result__isnull=True) & ~Q(behaviour_value="")),
                name="feedback_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class CoachingSession(models.Model):
    """A bimbingan kinerja session (coaching, counseling or mentoring) recorded by the penilai."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="coaching_sessions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CoachingKind.choices)
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=255)
    notes = models.TextField(_("notes"), blank=True, **limited(LIMITS.LONG))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bimbingan kinerja")
        verbose_name_plural = _("bimbingan kinerja")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.topic


class CoachingFeedback(models.Model):
    """Format B.1.8: the employee's answers (1-5) to the 9 statements about a session."""

    session = models.OneToOneField(
        CoachingSession, on_delete=models.CASCADE, related_name="employee_feedback"
    )
    answers = models.JSONField(_("answers"), default=list)
    comment = models.TextField(_("comment"), blank=True, **limited(LIMITS.NOTE))
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Format B.1.8")
        verbose_name_plural = _("Format B.1.8")

    def __str__(self) -> str:
        return f"B.1.8 {self.session_id}"

    @property
    def rows(self) -> list[tuple[str, int]]:
        return list(zip(rules.COACHING_STATEMENTS, self.answers, strict=False))


class CompetencyEvaluation(models.Model):
    """Format B.1.9: a competency rated 1-5 with a reason, after a coaching session."""

    session = models.ForeignKey(
        CoachingSession, on_delete=models.CASCADE, related_name="competency_evaluations"
    )
    competency = models.CharField(_("kompetensi"), max_length=200)
    score = models.PositiveSmallIntegerField(_("nilai (skala 1-5)"))
    reason = models.TextField(_("alasan"), **limited(LIMITS.NOTE))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Format B.1.9")
        verbose_name_plural = _("Format B.1.9")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="competency_score_1_5"
            ),
        ]

    def __str__(self) -> str:
        return self.competency


class Notification(models.Model):
    """An in-app notice for a user (feedback received, SKP returned, reminders)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planning_notifications"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True, **limited(LIMITS.LONG))
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title


class ReminderLog(models.Model):
    """A reminder already sent; ``key`` is (kind, object, period), so each goes out once."""

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=30)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self) -> str:
        return self.key


class NudgeTopic(models.TextChoices):
    """What a leader may gently remind someone about (see ``planning/nudges.py``)."""

    NOT_SIGNED_IN = "not_signed_in", _("not signed in yet")
    NO_PLAN = "no_plan", _("SKP not created yet")
    NOT_SUBMITTED = "not_submitted", _("SKP not submitted yet")
    NO_REALISATION = "no_realisation", _("realisation not filled in yet")
    NO_WORKLOG = "no_worklog", _("Progres Harian not filled in yet")
    NO_FEEDBACK = "no_feedback", _("feedback not given yet")


class NudgeTemplate(models.Model):
    """The wording of one topic's reminder for a subtree (no unit: the whole instance)."""

    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    topic = models.CharField(_("topic"), max_length=20, choices=NudgeTopic.choices)
    subject = models.CharField(_("subject"), max_length=LIMITS.NAME)
    body = models.TextField(_("message"), **limited(LIMITS.NOTE))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reminder template")
        verbose_name_plural = _("reminder templates")
        constraints = [
            models.UniqueConstraint(fields=["unit", "topic"], name="nudge_template_unique"),
            models.UniqueConstraint(
                fields=["topic"], condition=Q(unit__isnull=True), name="nudge_template_instance"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} · {self.unit or '-'}"


class Nudge(models.Model):
    """A reminder a leader sent: who, to whom, when, about what (the log of the weekly limit)."""

    employee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="nudges",
    )
    topic = models.CharField(_("topic"), max_length=20, choices=NudgeTopic.choices)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"))
    subject = models.CharField(_("subject"), max_length=LIMITS.NAME)
    body = models.TextField(_("message"), **limited(LIMITS.NOTE))

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["employee", "topic", "sent_at"], name="nudge_latest")]

    def __str__(self) -> str:
        return f"{self.employee} · {self.get_topic_display()} · {self.sent_at:%Y-%m-%d}"
