"""Demo: the users who must use two-step verification get a known authenticator secret, so
``make run`` sign-ins work (the secret is printed by ``load_demo``; never do this in production)."""

from __future__ import annotations

import datetime as dt
from base64 import b32decode

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sikap.accounts import twofactor
from sikap.accounts.models import User


def demo_key() -> str:
    """The demo secret as django-otp stores it (hex)."""
    return b32decode(settings.SIKAP_DEMO_TOTP_SECRET).hex()


def load(*, today: dt.date) -> bool:
    """Enrol the demo's Superadmin, Admin Kepegawaian and Auditor with the known secret."""
    created = False
    for user in User.objects.filter(is_active=True).order_by("pk"):
        if not twofactor.requires_two_factor(user) or twofactor.has_devices(user):
            continue
        TOTPDevice.objects.create(
            user=user, name=twofactor.TOTP_NAME, confirmed=True, key=demo_key()
        )
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=twofactor.RECOVERY_NAME)
        device.token_set.create(token=settings.SIKAP_DEMO_RECOVERY_CODE)
        created = True
    return created
