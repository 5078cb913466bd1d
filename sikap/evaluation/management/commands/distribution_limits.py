"""Print the kurva distribusi limits for an organisation predikat and a headcount.

Example: ``manage.py distribution_limits --organisation-predicate Baik --headcount 9
--actual 1,6,2,0,0 --json``. Keys of ``predicates`` are the short codes SB, B, BP, K, SK; each
entry also carries ``code`` and ``label``.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.evaluation import rules
from sikap.evaluation.curve import limits_payload, parse_actual


class Command(BaseCommand):
    help = "Allowed min/max count of each Predikat Kinerja Pegawai (SE MenPAN-RB 3/2023)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--organisation-predicate",
            required=True,
            help="Istimewa, Baik, Butuh Perbaikan (Cukup), Kurang or Sangat Kurang (or a code).",
        )
        parser.add_argument("--headcount", required=True, help="Number of employees (>= 0).")
        parser.add_argument("--actual", help="Actual counts SB,B,BP,K,SK, e.g. 1,6,2,1,0.")
        parser.add_argument(
            "--rounding",
            default=rules.DEFAULT_ROUNDING.value.lower(),
            choices=[r.value.lower() for r in rules.Rounding],
        )
        parser.add_argument("--json", action="store_true", help="Print JSON (the default form).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            predicate = rules.OrganisationPredicate.parse(options["organisation_predicate"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        raw = str(options["headcount"]).strip()
        if not raw.isdigit():
            raise CommandError(f"--headcount must be a non-negative integer, got {raw!r}")
        headcount = int(raw)
        limits = rules.distribution_limits(
            predicate, headcount, rounding=rules.Rounding(options["rounding"].upper())
        )
        violations = None
        if options.get("actual") is not None:
            try:
                actual = parse_actual(options["actual"], headcount)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            violations = rules.check_distribution(limits, actual)
        payload = limits_payload(limits, violations)
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for code, entry in payload["predicates"].items():
            self.stdout.write(
                f"{code:>3} {entry['label']:<20} min {entry['min']:>3}  max {entry['max']:>3}"
            )
        for group in payload["group_minimums"]:
            self.stdout.write(f"{' dan/atau '.join(group['labels'])}: min {group['min']}")
        for violation in payload.get("violations", []):
            self.stdout.write(f"! {violation['message']}")
