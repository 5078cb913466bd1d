"""Competency development: required and assessed competencies, IDP, trainings and their JP."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikap.development import rules
from sikap.lib.textlimits import LIMITS, limited

LEVEL_CHOICES = [(n, str(n)) for n in rules.LEVELS]
SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


def _level_check(field: str, name: str, *, nullable: bool = False) -> models.CheckConstraint:
    condition = Q(**{f"{field}__gte": 1}) & Q(**{f"{field}__lte": 5})
    if nullable:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=name)


class RequiredCompetency(models.Model):
    """The level a jabatan requires for a competency (standar kompetensi jabatan)."""

    position = models.ForeignKey(
        "org.Position",
        verbose_name=_("position"),
        on_delete=models.CASCADE,
        related_name="required_competencies",
    )
    competency = models.CharField(_("kompetensi"), max_length=200)
    level = models.PositiveSmallIntegerField(_("required level"), choices=LEVEL_CHOICES)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("required competency")
        verbose_name_plural = _("required competencies")
        ordering = ["position", "competency"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "competency"], name="required_competency_unique"
            ),
            _level_check("level", "required_competency_level_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.competency} {self.level}"

    @property
    def kind(self) -> str:
        return rules.competency_kind(self.competency)


class AssessmentSource(models.TextChoices):
    SELF = "self", _("Self-assessment")
    SUPERVISOR = "supervisor", _("Supervisor")
    COACHING = "coaching", _("Format B.1.9 (after bimbingan kinerja)")


class CompetencyAssessment(models.Model):
    """A current level of an employee in a competency, on a date, from a source."""

    employee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="competency_assessments",
    )
    competency = models.CharField(_("kompetensi"), max_length=200)
    level = models.PositiveSmallIntegerField(_("current level"), choices=LEVEL_CHOICES)
    date = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=12, choices=AssessmentSource.choices)
    coaching_evaluation = models.ForeignKey(
        "planning.CompetencyEvaluation",
        verbose_name=_("Format B.1.9"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("competency assessment")
        verbose_name_plural = _("competency assessments")
        ordering = ["-date", "-pk"]
        constraints = [_level_check("level", "competency_assessment_level_1_5")]

    def __str__(self) -> str:
        return f"{self.employee}: {self.competency} {self.level}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")


class DevelopmentPlan(models.Model):
    """IDP (Rencana Pengembangan Kompetensi Individu) of an employee for a year."""

    employee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="development_plans",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    agreed_by = models.ForeignKey(
        "org.Employee",
        verbose_name=_("agreed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("development plan (IDP)")
        verbose_name_plural = _("development plans (IDP)")
        ordering = ["-year", "employee__name"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="development_plan_unique"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(agreed_at__isnull=False),
                name="development_plan_agreed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"IDP {self.year} {self.employee}"


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class PlanItem(models.Model):
    """One line of an IDP: a competency gap and how it will be closed."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="items")
    competency = models.CharField(_("kompetensi"), max_length=200)
    current_level = models.PositiveSmallIntegerField(
        _("current level"), choices=LEVEL_CHOICES, null=True, blank=True
    )
    required_level = models.PositiveSmallIntegerField(
        _("required level"), choices=LEVEL_CHOICES, null=True, blank=True
    )
    jenis_diklat = models.PositiveSmallIntegerField(
        _("bentuk pengembangan"), choices=rules.JENIS_DIKLAT_CHOICES
    )
    target_jp = models.PositiveSmallIntegerField(_("target JP"), default=0)
    schedule = models.CharField(_("schedule"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.PLANNED
    )
    recommendation = models.CharField(
        _("recommendation (Dokumen Evaluasi)"), max_length=255, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("IDP item")
        verbose_name_plural = _("IDP items")
        ordering = ["pk"]
        constraints = [
            _level_check("current_level", "plan_item_current_1_5", nullable=True),
            _level_check("required_level", "plan_item_required_1_5", nullable=True),
        ]

    def __str__(self) -> str:
        return self.competency

    @property
    def gap(self) -> int | None:
        if self.required_level is None:
            return None
        return rules.gap(self.required_level, self.current_level)


class TrainingEventQuerySet(models.QuerySet["TrainingEvent"]):
    def in_year(self, year: int) -> TrainingEventQuerySet:
        return self.filter(end_date__year=year)


class TrainingEvent(models.Model):
    """A pelatihan, workshop, sosialisasi, bimtek… organised for a group of employees."""

    name = models.CharField(_("name"), max_length=255)
    jenis_diklat = models.PositiveSmallIntegerField(
        _("jenis diklat"), choices=rules.JENIS_DIKLAT_CHOICES
    )
    organiser = models.CharField(_("organiser (institusi penyelenggara)"), max_length=255)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    jp = models.PositiveSmallIntegerField(_("JP"))
    location = models.CharField(_("location"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="training_events",
    )
    # Self-registration: open to the employees of the unit's subtree; beyond the capacity
    # registrations wait in order (daftar tunggu).
    registration_open = models.BooleanField(_("open for registration"), default=False)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    # Check-in by QR on each day of the event, between these times (Asia/Jakarta); empty =
    # the whole day.
    check_in_opens = models.TimeField(_("check-in opens"), null=True, blank=True)
    check_in_closes = models.TimeField(_("check-in closes"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = TrainingEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="training_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(jenis_diklat__gte=1) & Q(jenis_diklat__lte=25),
                name="training_jenis_diklat_siasn",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_classical(self) -> bool:
        return rules.is_classical(self.jenis_diklat)


def certificate_path(instance: models.Model, filename: str) -> str:
    return f"development/certificates/{filename}"


class ParticipantStatus(models.TextChoices):
    INVITED = "INVITED", _("invited")
    REGISTERED = "REGISTERED", _("registered")
    WAITING = "WAITING", _("on the waiting list")
    CANCELLED = "CANCELLED", _("cancelled")


class Participant(models.Model):
    """An employee invited to or registered for a training event, their attendance and results."""

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="participants")
    employee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="training_participations",
    )
    # Rows added by HR as participants are REGISTERED; invitations wait for the employee.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.REGISTERED,
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    attended = models.BooleanField(_("attended"), default=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    pre_test = models.PositiveSmallIntegerField(_("pre-test score"), null=True, blank=True)
    post_test = models.PositiveSmallIntegerField(_("post-test score"), null=True, blank=True)
    # The public verification code of the certificate SIKAP issues (secrets.token_urlsafe).
    certificate_code = models.CharField(max_length=32, null=True, blank=True, unique=True)
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    certificate = models.FileField(_("certificate"), upload_to=certificate_path, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["employee__name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "employee"], name="participant_unique"),
            models.CheckConstraint(
                condition=(Q(pre_test__isnull=True) | Q(pre_test__lte=100))
                & (Q(post_test__isnull=True) | Q(post_test__lte=100)),
                name="participant_scores_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.employee}"


class ReactionSurvey(models.Model):
    """A participant's reaction to an event (1-5): relevance, usefulness, would apply."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="reaction"
    )
    relevance = models.PositiveSmallIntegerField(_("relevance to my work"), choices=SCORE_CHOICES)
    usefulness = models.PositiveSmallIntegerField(_("usefulness"), choices=SCORE_CHOICES)
    would_apply = models.PositiveSmallIntegerField(
        _("I will apply what I learned"), choices=SCORE_CHOICES
    )
    comment = models.TextField(_("comment"), blank=True, **limited(LIMITS.NOTE))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("reaction survey")
        verbose_name_plural = _("reaction surveys")
        constraints = [
            _level_check("relevance", "reaction_relevance_1_5"),
            _level_check("usefulness", "reaction_usefulness_1_5"),
            _level_check("would_apply", "reaction_would_apply_1_5"),
        ]

    def __str__(self) -> str:
        return str(self.participant)


class FollowUp(models.Model):
    """The supervisor's judgement, some months later, of whether behaviour or results improved."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="follow_up"
    )
    score = models.PositiveSmallIntegerField(_("improvement (1-5)"), choices=SCORE_CHOICES)
    note = models.TextField(_("note"), blank=True, **limited(LIMITS.NOTE))
    by = models.ForeignKey(
        "org.Employee",
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up evaluation")
        verbose_name_plural = _("follow-up evaluations")
        constraints = [_level_check("score", "follow_up_score_1_5")]

    def __str__(self) -> str:
        return str(self.participant)


class ActivityStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class OwnActivity(models.Model):
    """A development activity the employee reports themself, counted once HR verifies it."""

    employee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="own_activities",
    )
    name = models.CharField(_("name"), max_length=255)
    jenis_diklat = models.PositiveSmallIntegerField(
        _("jenis diklat"), choices=rules.JENIS_DIKLAT_CHOICES
    )
    organiser = models.CharField(_("organiser (institusi penyelenggara)"), max_length=255)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    jp = models.PositiveSmallIntegerField(_("JP"))
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    certificate = models.FileField(_("certificate"), upload_to=certificate_path, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PENDING
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("self-reported activity")
        verbose_name_plural = _("self-reported activities")
        ordering = ["-end_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="own_activity_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(jenis_diklat__gte=1) & Q(jenis_diklat__lte=25),
                name="own_activity_jenis_diklat_siasn",
            ),
        ]

    def __str__(self) -> str:
        return self.name
