"""Two-step sign-in (TOTP with recovery codes, django-otp): who needs it and the changes to it.

Offered to every user; required for the Superadmin, Admin Kepegawaian and Auditor
(``requires_two_factor``). Every change of a user's devices goes through these services and is
written to ``TwoFactorEvent``.
"""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify

import segno
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sikap.accounts.models import Role, TwoFactorAction, TwoFactorEvent, User
from sikap.accounts.viewer import scope_of

RECOVERY_CODES = 10
REQUIRED_ROLES = frozenset({Role.SUPERADMIN, Role.ADMIN_KEPEGAWAIAN, Role.AUDITOR})
TOTP_NAME = "SIKAP"
RECOVERY_NAME = "recovery"


def requires_two_factor(user: User) -> bool:
    """True for the Superadmin, Admin Kepegawaian (kecamatan or city) and Auditor."""
    return bool(REQUIRED_ROLES & scope_of(user).roles)


def is_enrolled(user: User) -> bool:
    """True when the user has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_devices(user: User) -> bool:
    """True when a second step is asked of this user at sign-in."""
    return user_has_device(user, confirmed=True)


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator of an enrolment in progress (created on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def secret_of(device: TOTPDevice) -> str:
    """The device's secret as people type it into an authenticator app (base32, in groups)."""
    raw = b32encode(unhexlify(device.key)).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment QR code as inline SVG (segno; nothing leaves the server)."""
    qr = segno.make(device.config_url, error="m")
    return str(qr.svg_inline(scale=4, dark="#000", light="#fff", title="SIKAP TOTP"))


def verify(user: User, token: str) -> Device | None:
    """The confirmed device (authenticator or a recovery code) that accepts ``token``, if any."""
    token = "".join((token or "").split()).lower()
    if not token or len(token) > 16:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if device.verify_token(token):
                if isinstance(device, StaticDevice):
                    _log(user=user, by=user, action=TwoFactorAction.RECOVERY_USED)
                return device
    return None


def _log(*, user: User, by: User | None, action: str, reason: str = "") -> None:
    TwoFactorEvent.objects.create(user=user, by=by, action=action, reason=reason)


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def confirm_enrolment(*, device: TOTPDevice, token: str, by: User | None) -> list[str] | None:
    """Confirm an authenticator with a first code; returns the new recovery codes (shown once)."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if by is None or device.confirmed or device.user_id != by.pk:
        return None
    if not device.verify_token(token.strip()):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=by).exclude(pk=device.pk).delete()
    codes = _new_recovery_codes(by)
    _log(user=by, by=by, action=TwoFactorAction.ENROLLED)
    return codes


@transaction.atomic
def regenerate_recovery_codes(*, user: User, by: User | None) -> list[str]:
    """Replace the user's recovery codes (the old ones stop working)."""
    User.objects.select_for_update().get(pk=user.pk)
    codes = _new_recovery_codes(user)
    _log(user=user, by=by, action=TwoFactorAction.RECOVERY_RENEWED)
    return codes


@transaction.atomic
def disable(*, user: User, by: User | None, reason: str = "") -> bool:
    """Remove every device of ``user`` (their own choice, or an HR reset); False if none."""
    User.objects.select_for_update().get(pk=user.pk)
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    if not removed:
        return False
    own = by is not None and by.pk == user.pk
    action = TwoFactorAction.DISABLED if own else TwoFactorAction.RESET
    _log(user=user, by=by, action=action, reason=reason)
    return True


def verified_device(user: User) -> TOTPDevice:
    """The user's confirmed authenticator (after a successful enrolment)."""
    return TOTPDevice.objects.get(user=user, confirmed=True)


def recovery_codes_left(user: User) -> int:
    """How many unused recovery codes the user still has."""
    return StaticToken.objects.filter(device__user=user).count()
