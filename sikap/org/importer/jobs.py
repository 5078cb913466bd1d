"""Running an import job (page or background task) and the HR scope of an import."""

from __future__ import annotations

import contextlib
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

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
    from sikap.org.scope import build_scope

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
    """Validate (and unless a dry run, import) the file of an ImportJob, recording the outcome.

    Every step writes a heartbeat; the writes of a run are dropped once the job was marked
    stale or retried (its ``attempt`` moved on), so a run that wakes up late changes nothing.
    """
    import logging

    from django.utils import timezone

    from sikap.org.models import ImportJob, ImportStatus

    attempt = job.attempt

    def save(**fields: Any) -> None:
        for name, value in fields.items():
            setattr(job, name, value)
        live = ImportJob.objects.filter(pk=job.pk, attempt=attempt).exclude(
            status__in=[ImportStatus.DONE, ImportStatus.FAILED]
        )
        if not live.update(**fields, heartbeat_at=timezone.now()):
            raise _Superseded

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
                status=ImportStatus.FAILED,
                errors=[p.as_dict() for p in plan.problems],
                message="",
                finished_at=timezone.now(),
            )
            return
        if not job.dry_run:
            save(status=ImportStatus.RUNNING)
            counts = importer.apply(plan)
        save(
            status=ImportStatus.DONE,
            processed_rows=plan.total_rows,
            errors=[],
            created_count=counts.created,
            updated_count=counts.updated,
            unchanged_count=counts.unchanged,
            positions_created=counts.positions_created,
            finished_at=timezone.now(),
        )
    except _Superseded:
        logging.getLogger(__name__).warning("Employee import %s was superseded", job.pk)
    except Exception:
        logging.getLogger(__name__).exception("Employee import %s failed", job.pk)
        with contextlib.suppress(_Superseded):
            save(
                status=ImportStatus.FAILED,
                finished_at=timezone.now(),
                message=_("An unexpected error occurred; no data was changed."),
            )


class _Superseded(Exception):
    """The job was marked stale or retried while this run was still going."""


def fail_stale_imports(*, now: Any = None) -> int:
    """Mark as failed the running jobs whose heartbeat stopped (their process died); a count.

    Called by the import pages, by the worker before each task and by
    ``manage.py import_jobs --fail-stale``.
    """
    import datetime as dt

    from django.conf import settings
    from django.db.models import Q
    from django.utils import timezone

    from sikap.org.models import ImportJob, ImportStatus

    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.IMPORT_HEARTBEAT_TIMEOUT)
    stale = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    return ImportJob.objects.filter(
        stale,
        status__in=[ImportStatus.PENDING, ImportStatus.VALIDATING, ImportStatus.RUNNING],
    ).update(status=ImportStatus.FAILED, finished_at=now, message=_(STALE_MESSAGE))


# Stored in the job like the other messages of run_job, in the instance's language.
STALE_MESSAGE = gettext_noop(
    "The import stopped before it finished (the server or the worker died); no data was "
    "changed. Run it again."
)


def retry_import(*, job: Any, by: User | None) -> Any:
    """Run a job that failed without a problem in its data again (a new attempt)."""
    import logging

    from django.db import transaction
    from django.utils import timezone

    from sikap.org.models import ImportJob, ImportStatus
    from sikap.org.tasks import run_import

    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not job.can_retry:
            return job
        job.attempt += 1
        job.status = ImportStatus.PENDING
        job.processed_rows = 0
        job.message = ""
        job.finished_at = None
        job.heartbeat_at = timezone.now()
        job.save(
            update_fields=[
                "attempt",
                "status",
                "processed_rows",
                "message",
                "finished_at",
                "heartbeat_at",
            ]
        )
        transaction.on_commit(lambda: run_import.enqueue(job_id=job.pk))
    logging.getLogger(__name__).info(
        "Employee import %s retried (attempt %s) by %s", job.pk, job.attempt, by
    )
    return job
