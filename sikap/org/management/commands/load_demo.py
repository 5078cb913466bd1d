"""Load the Kecamatan Plaju demo data once; a second run changes nothing."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from sikap.accounts.navigation import NAV_APPS

DEMO_APPS = ("org", *(app for app in NAV_APPS if app not in ("accounts", "org")))


class Command(BaseCommand):
    help = "Create the demo office of Kecamatan Plaju (idempotent) and print the demo logins."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        for app in DEMO_APPS:
            try:
                module = import_module(f"sikap.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"sikap.{app}.demo":
                    raise
                continue
            with transaction.atomic():
                created = module.load(today=today)
            state = "created" if created else "already present"
            self.stdout.write(f"demo {app}: {state}")
        if not options["quiet_logins"]:
            from django.conf import settings

            from sikap.org.demo import DEMO_LOGINS

            self.stdout.write("")
            self.stdout.write(f"Demo logins (password for all: {settings.SIKAP_DEMO_PASSWORD}):")
            for username, description in DEMO_LOGINS:
                self.stdout.write(f"  {username:<18} {description}")
            self.stdout.write("Every employee can also sign in with their NIP.")
