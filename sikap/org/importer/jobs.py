"""Running an import job (page or background task) and the HR scope of an import."""

from __future__ import annotations

from typing import Any

from sikap.accounts.models import User
from sikap.org.importer.core import (
    Importer,
)
from sikap.org.importer.reading import (
    FileProblem,
    read_sheet,
)
from sikap.org.models import (
    Unit,
    path_within,
)


def allowed_paths_for(user: User | None, scope_unit: Unit | None = None) -> list[str] | None:
    """The unit subtrees an import may touch: the user's managed units, narrowed by a unit."""
    from sikap.accounts.scope import build_scope

    paths: list[str] | None = None
    if user is not None:
        scope = build_scope(user)
        paths = None if scope.is_superadmin else list(scope.manage_paths)
    if scope_unit is not None:
        if paths is None or path_within(scope_unit.path, paths):
            paths = [scope_unit.path]
        else:
            paths = [p for p in paths if p.startswith(scope_unit.path)]
    return paths


def run_job(job: Any) -> None:
    """Validate (and unless a dry run, import) the file of an ImportJob, recording the outcome."""
    import logging

    from django.utils import timezone

    from sikap.org.models import ImportStatus

    def save(**fields: Any) -> None:
        for name, value in fields.items():
            setattr(job, name, value)
        job.save(update_fields=list(fields))

    try:
        save(status=ImportStatus.VALIDATING, processed_rows=0)
        with job.file.open("rb") as handle:
            data = handle.read()
        try:
            sheet = read_sheet(data, job.file_kind)
        except FileProblem as exc:
            save(status=ImportStatus.FAILED, message=str(exc)[:255], finished_at=timezone.now())
            return
        save(total_rows=len(sheet.rows))
        importer = Importer(
            by=job.created_by,
            allowed_paths=allowed_paths_for(job.created_by, job.scope_unit),
            today=timezone.localdate(),
        )
        plan = importer.validate(sheet, progress=lambda n: save(processed_rows=n))
        counts = plan.counts
        if not plan.is_valid:
            save(
                status=ImportStatus.FAILED, errors=[p.as_dict() for p in plan.problems],
                message="", finished_at=timezone.now(),
            )  # fmt: skip
            return
        if not job.dry_run:
            save(status=ImportStatus.RUNNING)
            counts = importer.apply(plan)
        save(
            status=ImportStatus.DONE, processed_rows=plan.total_rows, errors=[],
            created_count=counts.created, updated_count=counts.updated,
            unchanged_count=counts.unchanged, positions_created=counts.positions_created,
            finished_at=timezone.now(),
        )  # fmt: skip
    except Exception:
        logging.getLogger(__name__).exception("Employee import %s failed", job.pk)
        save(
            status=ImportStatus.FAILED, finished_at=timezone.now(),
            message="Terjadi kesalahan tak terduga; tidak ada data yang diubah.",
        )  # fmt: skip
