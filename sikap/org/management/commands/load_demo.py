"""Load the Kecamatan Plaju demo data once; a second run changes nothing."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

# Each step is "module:function"; a step whose module or function does not exist is skipped.
# Every function takes ``today`` and returns True when it created something.
DEMO_STEPS = (
    "sikap.org.demo:load",
    "sikap.cycle.demo:load",
    "sikap.planning.demo:load",
    "sikap.surveys.demo:load",
    "sikap.complaints.demo:load",
    "sikap.development.demo:load",
    "sikap.evaluation.demo:load",
)


class Command(BaseCommand):
    help = "Create the demo office of Kecamatan Plaju (idempotent) and print the demo logins."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        for step in DEMO_STEPS:
            module_name, function_name = step.split(":")
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            function = getattr(module, function_name, None)
            if function is None:
                continue
            with transaction.atomic():
                created = function(today=today)
            self.stdout.write(f"demo {step}: {'created' if created else 'already present'}")
        if not options["quiet_logins"]:
            from sikap.org.demo import DEMO_LOGINS

            self.stdout.write("")
            self.stdout.write(f"Demo logins (password for all: {settings.SIKAP_DEMO_PASSWORD}):")
            for username, description in DEMO_LOGINS:
                self.stdout.write(f"  {username:<18} {description}")
            self.stdout.write("Every employee can also sign in with their NIP.")
