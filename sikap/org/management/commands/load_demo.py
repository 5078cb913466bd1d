"""Load the Kecamatan Plaju demo data once; a second run changes nothing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from sikap.org.demo_steps import STEPS


class Command(BaseCommand):
    help = "Create the demo office of Kecamatan Plaju (idempotent) and print the demo logins."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        for step in STEPS:
            with transaction.atomic():
                created = step(today=today)
            name = f"{step.__module__}:{step.__name__}"
            self.stdout.write(f"demo {name}: {'created' if created else 'already present'}")
        if not options["quiet_logins"]:
            from sikap.org.demo import DEMO_LOGINS

            self.stdout.write("")
            self.stdout.write(f"Demo logins (password for all: {settings.SIKAP_DEMO_PASSWORD}):")
            for username, description in DEMO_LOGINS:
                self.stdout.write(f"  {username:<18} {description}")
            self.stdout.write("Every employee can also sign in with their NIP.")
            self.stdout.write(
                "Superadmin, Admin Kepegawaian and Auditor also need a two-step code: add the key "
                f"{settings.SIKAP_DEMO_TOTP_SECRET} to an authenticator app, or print the current "
                "code with `manage.py demo_totp_code`."
            )
