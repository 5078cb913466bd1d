"""Import employees from a SIASN-like CSV or XLSX file (docs/import-pegawai.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.org.importer import FileProblem, Importer, detect_kind, read_sheet
from sikap.org.models import Unit


class Command(BaseCommand):
    help = (
        "Validate and import employees from a CSV or XLSX file. Nothing is written unless every "
        "row is valid; an invalid file prints one line per problem and exits with status 1."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="CSV (comma or semicolon) or XLSX file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only validate and report what would change."
        )
        parser.add_argument(
            "--unit-scope",
            help="BPS code or id of a unit: rows outside its subtree are errors.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("File %(path)s not found.") % {"path": path})
        scope_paths = None
        if options["unit_scope"]:
            code = options["unit_scope"].strip()
            unit = Unit.objects.filter(bps_code=code).first()
            if unit is None and code.isdigit():
                unit = Unit.objects.filter(pk=int(code)).first()
            if unit is None:
                raise CommandError(_("Unit '%(code)s' not found.") % {"code": code})
            scope_paths = [unit.path]
        with path.open("rb") as handle:
            try:
                kind = detect_kind(handle, name=path.name)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
            data = handle.read()
        try:
            sheet = read_sheet(data, kind)
        except FileProblem as exc:
            raise CommandError(str(exc)) from None
        importer = Importer(by=None, allowed_paths=scope_paths, today=timezone.localdate())
        plan = importer.validate(sheet)
        if not plan.is_valid:
            for problem in plan.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("The file is not valid: %(n)s problems; no data was changed.")
                % {"n": len(plan.problems)}
            )
        counts = plan.counts if options["dry_run"] else importer.apply(plan)
        summary = (
            _(
                "%(rows)s valid rows. New employees to be created: %(created)s; to be updated: "
                "%(updated)s; unchanged: %(unchanged)s; new positions: %(positions)s."
            )
            if options["dry_run"]
            else _(
                "%(rows)s valid rows. New employees created: %(created)s; updated: %(updated)s; "
                "unchanged: %(unchanged)s; new positions: %(positions)s."
            )
        )
        self.stdout.write(
            summary
            % {
                "rows": plan.total_rows,
                "created": counts.created,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
                "positions": counts.positions_created,
            }
        )
        if options["dry_run"]:
            self.stdout.write(_("Trial run (--dry-run): no data was changed."))
