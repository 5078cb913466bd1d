"""Evaluations, organisation predikat, penetapan and keberatan of the periods in ``sikap.cycle``."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikap.cycle.models import AppraisalYear as AppraisalYear
from sikap.cycle.models import Period
from sikap.cycle.models import PeriodKindChoices as PeriodKindChoices
from sikap.evaluation import rules

# AppraisalYear and PeriodKindChoices are re-exported only for branches written before the move
# to sikap.cycle; new code imports them from there (tests/test_import_direction.py).
from sikap.lib.choices import text_choices
from sikap.lib.textlimits import LIMITS, limited

# --------------------------------------------------------------------------- choices from rules


RatingChoices = text_choices("RatingChoices", [(r.value, r.value, r.label) for r in rules.Rating])
EmployeePredicateChoices = text_choices(
    "EmployeePredicateChoices", [(p.value, p.value, p.label) for p in rules.EmployeePredicate]
)
OrganisationPredicateChoices = text_choices(
    "OrganisationPredicateChoices",
    [(p.value, p.value, p.label) for p in rules.OrganisationPredicate],
)


class PredicateSetter(models.TextChoices):
    PARENT_HEAD = "parent_head", _("The head of the unit one level up")
    HR = "hr", _("Admin Kepegawaian")


class RoundingChoices(models.TextChoices):
    STRICT = "STRICT", _("Strict (minimum rounded up, maximum rounded down)")
    NEAREST = "NEAREST", _("Nearest")
    LENIENT = "LENIENT", _("Lenient (minimum rounded down, maximum rounded up)")


class EvaluationSettings(models.Model):
    """The evaluation settings of the instansi (a single row; UNCONFIRMED rules made editable)."""

    organisation_predicate_setter = models.CharField(
        _("who sets the Predikat Kinerja Organisasi"),
        max_length=12,
        choices=PredicateSetter.choices,
        default=PredicateSetter.PARENT_HEAD,
    )
    rounding = models.CharField(
        _("rounding of the kurva distribusi"),
        max_length=8,
        choices=RoundingChoices.choices,
        default=RoundingChoices.STRICT,
    )
    pooling_threshold = models.PositiveSmallIntegerField(
        _("pooling threshold"),
        default=10,
        help_text=_("A kelurahan with fewer ASN than this is pooled with its kecamatan."),
    )
    objection_days = models.PositiveSmallIntegerField(
        _("keberatan window (days)"),
        default=14,
        help_text=_("Days after the penetapan in which the employee may object."),
    )
    peer_feedback_minimum = models.PositiveSmallIntegerField(
        _("minimum answers of the umpan balik rekan kerja/bawahan"),
        default=3,
        validators=[MinValueValidator(2)],
        help_text=_(
            "The aggregate of the 360° feedback is shown only once this many people answered."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation settings")
        verbose_name_plural = _("evaluation settings")

    def __str__(self) -> str:
        return str(_("Evaluation settings"))

    @classmethod
    def load(cls) -> EvaluationSettings:
        """The settings row, created with the documented defaults on first use."""
        settings, _created = cls.objects.get_or_create(pk=1)
        return settings


class OrganisationAssessment(models.Model):
    """The Predikat Kinerja Organisasi (capaian kinerja organisasi) of a unit for a period."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    predicate = models.CharField(
        _("Predikat Kinerja Organisasi"),
        max_length=16,
        choices=OrganisationPredicateChoices.choices,
    )
    note = models.TextField(_("note"), blank=True, **limited(LIMITS.NOTE))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_at = models.DateTimeField(_("set at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation assessment")
        verbose_name_plural = _("organisation assessments")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="org_assessment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period}: {self.get_predicate_display()}"

    @property
    def rule_predicate(self) -> rules.OrganisationPredicate:
        return rules.OrganisationPredicate(self.predicate)


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class EvaluationQuerySet(models.QuerySet["Evaluation"]):
    def with_details(self) -> EvaluationQuerySet:
        return self.select_related("employee__unit", "employee__position", "period", "plan")


class Evaluation(models.Model):
    """The evaluation of one SKP for one period: the penilai's ratings and the resulting predikat.

    The evaluation of the final period is the annual evaluation. ``predicate`` is always derived
    from the two ratings by ``rules.employee_predicate`` in the service, never set by hand.
    """

    plan = models.ForeignKey(
        "planning.Plan",
        verbose_name=_("SKP"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    employee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="evaluations"
    )
    result_rating = models.CharField(
        _("Rating Hasil Kerja"), max_length=10, choices=RatingChoices.choices, blank=True
    )
    behaviour_rating = models.CharField(
        _("Rating Perilaku Kerja"), max_length=10, choices=RatingChoices.choices, blank=True
    )
    predicate = models.CharField(
        _("Predikat Kinerja Pegawai"),
        max_length=16,
        choices=EmployeePredicateChoices.choices,
        blank=True,
        editable=False,
    )
    work_result_notes = models.JSONField(
        _("per-RHK label and feedback"),
        default=dict,
        blank=True,
        help_text=_("Keyed by RHK id: {'label': rating code or '', 'feedback': text}."),
    )
    notes = models.TextField(_("Catatan/Rekomendasi"), blank=True, **limited(LIMITS.TEXT))
    status = models.CharField(
        _("status"),
        max_length=6,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.DRAFT,
    )
    penilai = models.ForeignKey(
        "org.Employee",
        verbose_name=_("Pejabat Penilai Kinerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluations_as_penilai",
    )
    penilai_name = models.CharField(_("penilai name"), max_length=200, blank=True)
    penilai_nip = models.CharField(_("penilai NIP"), max_length=30, blank=True)
    penilai_golongan = models.CharField(_("penilai golongan"), max_length=10, blank=True)
    penilai_position = models.CharField(_("penilai position"), max_length=200, blank=True)
    penilai_unit = models.CharField(_("penilai unit"), max_length=200, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["period__start_date", "employee__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="evaluation_unique"),
            models.UniqueConstraint(
                fields=["employee", "period"], name="evaluation_unique_per_employee"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (~Q(predicate="") & Q(finalised_at__isnull=False)),
                name="evaluation_final_has_predicate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.period}"

    @property
    def is_final(self) -> bool:
        return self.status == EvaluationStatus.FINAL

    @property
    def rule_predicate(self) -> rules.EmployeePredicate | None:
        return rules.EmployeePredicate(self.predicate) if self.predicate else None


class Determination(models.Model):
    """The signed Penetapan Predikat Kinerja of a unit for a period; it locks the evaluations."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    organisation_predicate = models.CharField(
        _("Predikat Kinerja Organisasi"),
        max_length=16,
        choices=OrganisationPredicateChoices.choices,
    )
    headcount = models.PositiveIntegerField(_("headcount"))
    distribution = models.JSONField(_("distribution"), default=dict)
    violations = models.JSONField(_("curve warnings"), default=list, blank=True)
    signed_by = models.ForeignKey(
        "org.Employee",
        verbose_name=_("signed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_by_name = models.CharField(_("signatory"), max_length=200)
    signed_by_nip = models.CharField(_("signatory NIP"), max_length=30, blank=True)
    signed_by_position = models.CharField(_("signatory position"), max_length=200, blank=True)
    signed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"))
    # Each correction after signing is a new version; the documents of every version are kept.
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    reason = models.TextField(
        _("reason"),
        blank=True,
        **limited(LIMITS.TEXT),
        help_text=_("Why the period was closed early, or why this version corrects the last."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("penetapan predikat kinerja")
        verbose_name_plural = _("penetapan predikat kinerja")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="determination_unique")
        ]

    def __str__(self) -> str:
        return f"Penetapan {self.unit} {self.period}"


class DeterminationDocument(models.Model):
    """The PDF of one version of a penetapan as it was at signing; never regenerated."""

    determination = models.ForeignKey(
        Determination,
        verbose_name=_("penetapan predikat kinerja"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    version = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to="evaluation/penetapan/%Y/")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signed penetapan document")
        verbose_name_plural = _("signed penetapan documents")
        constraints = [
            models.UniqueConstraint(
                fields=["determination", "version"], name="determination_document_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.determination} v{self.version}"


class ObjectionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Objection(models.Model):
    """A keberatan of the employee against a final predikat, decided by the atasan penilai."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.PROTECT,
        related_name="objections",
    )
    reason = models.TextField(_("reason of the objection"), **limited(LIMITS.LONG))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed at"))
    status = models.CharField(
        _("status"), max_length=8, choices=ObjectionStatus.choices, default=ObjectionStatus.PENDING
    )
    decider = models.ForeignKey(
        "org.Employee",
        verbose_name=_("Atasan Pejabat Penilai Kinerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(
        _("reason of the decision"), blank=True, **limited(LIMITS.LONG)
    )
    previous_result_rating = models.CharField(max_length=10, choices=RatingChoices.choices)
    previous_behaviour_rating = models.CharField(max_length=10, choices=RatingChoices.choices)
    previous_predicate = models.CharField(max_length=16, choices=EmployeePredicateChoices.choices)
    new_result_rating = models.CharField(
        _("new Rating Hasil Kerja"), max_length=10, choices=RatingChoices.choices, blank=True
    )
    new_behaviour_rating = models.CharField(
        _("new Rating Perilaku Kerja"), max_length=10, choices=RatingChoices.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-filed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation"],
                condition=Q(status="pending"),
                name="objection_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"Keberatan {self.evaluation}"


# --------------------------------------------------------------------------- 360° feedback


class PeerRelation(models.TextChoices):
    REKAN = "rekan", _("Rekan kerja")
    BAWAHAN = "bawahan", _("Bawahan langsung")


class PeerFeedbackRequest(models.Model):
    """A request for umpan balik rekan kerja/bawahan on the 7 BerAKHLAK values (domain.md §1.12).

    The answers are kept only as counts per value and level (``counts``), written with an
    ``update()`` that leaves no history row: no record says who answered what. They are evidence
    for the penilai, never a rating.
    """

    plan = models.ForeignKey(
        "planning.Plan", verbose_name=_("SKP"), on_delete=models.PROTECT, related_name="+"
    )
    employee = models.ForeignKey(
        "org.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("answer deadline"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    counts = models.JSONField(
        _("answers per value and level"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("{value: {rating code: count}}; no answer is stored on its own."),
    )
    answered = models.PositiveSmallIntegerField(_("answers"), default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["counts", "answered"])

    class Meta:
        verbose_name = _("umpan balik rekan kerja/bawahan")
        verbose_name_plural = _("umpan balik rekan kerja/bawahan")
        constraints = [
            models.UniqueConstraint(fields=["employee", "period"], name="peer_request_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.period}"


class PeerFeedbackInvitation(models.Model):
    """One person asked to answer; ``answered`` says only that they did, not what."""

    request = models.ForeignKey(
        PeerFeedbackRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    respondent = models.ForeignKey(
        "org.Employee", verbose_name=_("respondent"), on_delete=models.PROTECT, related_name="+"
    )
    relation = models.CharField(_("relation"), max_length=8, choices=PeerRelation.choices)
    answered = models.BooleanField(_("answered"), default=False)
    reminded = models.BooleanField(_("reminded"), default=False)

    class Meta:
        verbose_name = _("invitation to give umpan balik")
        verbose_name_plural = _("invitations to give umpan balik")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "respondent"], name="peer_invitation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.respondent} → {self.request}"


class RenewalDecision(models.TextChoices):
    """The penilai's recommendation for a PPPK Paruh Waktu's contract (domain.md §8.1)."""

    PERPANJANG = "perpanjang", _("Perpanjang perjanjian kerja")
    ANGKAT_PPPK = "angkat_pppk", _("Angkat menjadi PPPK")
    TIDAK_DIPERPANJANG = "tidak_diperpanjang", _("Tidak diperpanjang")


class RenewalRecommendation(models.Model):
    """The renewal recommendation on the annual evaluation of a PPPK Paruh Waktu, with reasons."""

    evaluation = models.OneToOneField(
        Evaluation,
        verbose_name=_("annual evaluation"),
        on_delete=models.PROTECT,
        related_name="renewal",
    )
    decision = models.CharField(_("recommendation"), max_length=20, choices=RenewalDecision.choices)
    reasons = models.TextField(_("reasons"), **limited(LIMITS.NOTE))
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("renewal recommendation")
        verbose_name_plural = _("renewal recommendations")
        constraints = [
            models.CheckConstraint(condition=~Q(reasons=""), name="renewal_has_reasons"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.get_decision_display()}"
