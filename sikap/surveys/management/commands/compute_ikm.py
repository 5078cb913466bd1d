"""``manage.py compute_ikm FILE [--weight exact|0.111] [--population N] --json``: index of a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sikap.surveys import paper, rules

IKM_PLACEHOLDER = "__ikm__"
WEIGHTS = {
    "exact": rules.Weight.EXACT,
    "0.111": rules.Weight.WORKSHEET,
    "worksheet": rules.Weight.WORKSHEET,
}


def result_json(result: rules.IkmResult, population: int | None = None) -> dict[str, Any]:
    """The JSON object the command prints (numbers as JSON numbers)."""
    data: dict[str, Any] = {
        "respondents": result.respondents,
        "nrr": {
            code: (float(result.nrr[code]) if code in result.nrr else None)
            for code in rules.UNSUR_CODES
        },
        "ikm_perception": float(result.ikm_perception),
        "ikm": float(result.ikm),
        "quality": result.quality,
        "performance": result.performance,
        "weight": "exact" if result.weight is rules.Weight.EXACT else "0.111",
    }
    if population is not None:
        data["population"] = population
        data["required_sample"] = rules.required_sample(population)
        data["sample_sufficient"] = rules.sample_sufficient(result.respondents, population)
    return data


class Command(BaseCommand):
    help = "Compute the IKM of a CSV or XLSX file with columns U1..U9 without storing anything."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--weight", choices=sorted(WEIGHTS), default="exact")
        parser.add_argument("--population", type=int)
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("File %(path)s not found.") % {"path": path})
        population = options["population"]
        if population is not None and population < 1:
            raise CommandError(_("--population must be a positive whole number."))
        with path.open("rb") as handle:
            table = paper.parse_file(handle, path.name)
        if table.errors:
            for line in table.errors:
                self.stderr.write(line)
            raise CommandError(
                f"{len(table.errors)} masalah ditemukan; IKM tidak dihitung.", returncode=2
            )
        result = rules.compute_ikm(
            [row.answers for row in table.rows], weight=WEIGHTS[options["weight"]]
        )
        data = result_json(result, population)
        if options["json"]:
            # The index is printed as a JSON number with exactly two decimals (88.30, not 88.3).
            text = json.dumps({**data, "ikm": IKM_PLACEHOLDER}, ensure_ascii=False)
            self.stdout.write(text.replace(f'"{IKM_PLACEHOLDER}"', f"{result.ikm:.2f}"))
            return
        self.stdout.write(f"Responden: {data['respondents']}")
        for code, value in data["nrr"].items():
            self.stdout.write(f"NRR {code}: {value if value is not None else '-'}")
        self.stdout.write(f"IKM: {result.ikm} ({result.quality}, {result.performance})")
        if population is not None:
            self.stdout.write(
                f"Sampel minimal: {data['required_sample']} "
                f"({'cukup' if data['sample_sufficient'] else 'belum cukup'})"
            )
