"""Release employee imports that died with their process, and run failed ones again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sikap.org.importer import fail_stale_imports, retry_import
from sikap.org.models import ImportJob


class Command(BaseCommand):
    help = (
        "Mark employee imports whose heartbeat stopped as failed (--fail-stale) and/or run "
        "failed imports again (--retry ID ...)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--fail-stale", action="store_true", help="Mark dead imports failed.")
        parser.add_argument("--retry", type=int, nargs="+", default=[], metavar="ID")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["fail_stale"]:
            self.stdout.write(f"{fail_stale_imports()} import(s) marked failed")
        for pk in options["retry"]:
            job = ImportJob.objects.filter(pk=pk).first()
            if job is None:
                raise CommandError(f"no import {pk}")
            if not job.can_retry:
                raise CommandError(f"import {pk} cannot be retried ({job.status})")
            job = retry_import(job=job, by=None)
            self.stdout.write(f"import {pk}: attempt {job.attempt} queued")
