"""User accounts and the roles given by assignment (HR admin, auditor) over a unit subtree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikap.lib.changes import SignallingQuerySet
from sikap.lib.textlimits import LIMITS, limited


class User(AbstractUser):
    """A login. Employees are linked through ``Employee.user``; auditors may have no employee."""

    # Set when HR printed a first-login slip: the initial password works once, then must change.
    must_change_password = models.BooleanField(_("must change password"), default=False)

    if TYPE_CHECKING:
        # django_otp's OTPMiddleware gives the request's user this method.
        def is_verified(self) -> bool: ...

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Role(models.TextChoices):
    PEGAWAI = "pegawai", _("Pegawai")
    PENILAI = "penilai", _("Pejabat Penilai")
    PIMPINAN = "pimpinan", _("Pimpinan Unit")
    ADMIN_KEPEGAWAIAN = "admin_kepegawaian", _("Admin Kepegawaian")
    AUDITOR = "auditor", _("Auditor")
    SUPERADMIN = "superadmin", _("Superadmin")


ASSIGNABLE_ROLES = [
    (Role.ADMIN_KEPEGAWAIAN.value, Role.ADMIN_KEPEGAWAIAN.label),
    (Role.AUDITOR.value, Role.AUDITOR.label),
]


class RoleAssignmentQuerySet(SignallingQuerySet, models.QuerySet["RoleAssignment"]):
    pass


class RoleAssignment(models.Model):
    """Grants an assigned role over a unit and everything below it."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=30, choices=ASSIGNABLE_ROLES)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    objects = RoleAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    """An e-mail written in the transaction that caused it and sent by a background task."""

    to = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"), **limited(LIMITS.DOCUMENT))
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True, **limited(LIMITS.LONG))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outgoing_email_due")]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class TwoFactorAction(models.TextChoices):
    ENROLLED = "enrolled", _("Two-step verification switched on")
    DISABLED = "disabled", _("Two-step verification switched off")
    RESET = "reset", _("Two-step verification reset by HR")
    RECOVERY_RENEWED = "recovery_renewed", _("New recovery codes")
    RECOVERY_USED = "recovery_used", _("Recovery code used")


class TwoFactorEvent(models.Model):
    """The audit trail of a user's two-step verification (django-otp's devices keep none)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="two_factor_events"
    )
    by = models.ForeignKey(
        User,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=TwoFactorAction.choices)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("two-step verification event")
        verbose_name_plural = _("two-step verification events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_action_display()}"


class LoginAction(models.TextChoices):
    INVITED = "invited", _("Account invited by e-mail")
    SLIP = "slip", _("First-login slip printed")
    RESET_EMAIL = "reset_email", _("Password reset by e-mail")
    RESET_SLIP = "reset_slip", _("Password reset with a printed slip")


class LoginEvent(models.Model):
    """The audit trail of the logins HR gives (who gave whose account, how, when)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="login_events"
    )
    by = models.ForeignKey(
        User,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=LoginAction.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("login event")
        verbose_name_plural = _("login events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_action_display()}"


class FormSubmission(models.Model):
    """The one-time token of a create form, claimed in the transaction of the write it guards.

    See ``sikap.accounts.formonce``: the unique ``token`` makes a second submission of the same
    form fail to claim it, and ``location`` is where the first one went.
    """

    token = models.CharField(_("token"), max_length=32, unique=True)
    location = models.CharField(_("result"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return self.token
