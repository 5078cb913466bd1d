"""Print the current code of the demo authenticator secret (``SIKAP_DEMO_TOTP_SECRET``).

It knows only the demo's published secret, never a user's device, so it reveals nothing on an
instance whose users enrolled their own phones.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from sikap.accounts.demo import demo_key


class Command(BaseCommand):
    help = "Print the current two-step code of the demo users (the demo's published secret)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{TOTP(bytes.fromhex(demo_key())).token():06d}")
