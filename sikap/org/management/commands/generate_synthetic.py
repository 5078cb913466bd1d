"""Grow the demo office into a synthetic Palembang (or a province): deterministic for a seed."""

from __future__ import annotations

import time
from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Load the demo if needed, then generate a synthetic city (Palembang: 18 kecamatan, "
        "107 kelurahan, ~15,000 employees and three years of data) or a province (ten times)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--scale", choices=["tiny", "city", "province"], default="city")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        # The generator lives in bench/ with the benchmarks that use it.
        from bench.synthetic import SCALES, AlreadyGenerated, generate
        from bench.synthetic.org import CITY_HR_USERNAME

        started = time.perf_counter()
        call_command("load_demo", quiet_logins=True, stdout=self.stdout)
        scale = SCALES[options["scale"]]
        self.stdout.write(f"Generating the {scale.name} scale (seed {options['seed']}):")
        try:
            counts = generate(scale=scale, seed=options["seed"], out=cast(TextIO, self.stdout))
        except AlreadyGenerated as exc:
            raise CommandError(
                f"Synthetic data is already present (user {exc}); start from an empty database."
            ) from exc
        total = sum(counts.values())
        self.stdout.write(f"{total:,} rows in {time.perf_counter() - started:.0f} s.")
        self.stdout.write("")
        self.stdout.write(f"Logins (password for all: {settings.SIKAP_DEMO_PASSWORD}):")
        self.stdout.write(
            f"  {CITY_HR_USERNAME:<18} Admin Kepegawaian Kota Palembang (the whole city)"
        )
        self.stdout.write("  The demo logins (manage.py load_demo) keep working inside the city;")
        self.stdout.write("  every employee can also sign in with their NIP.")
