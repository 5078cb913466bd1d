"""Background work of the org app (django-tasks; ``manage.py db_worker`` runs it in production)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(job_id: int) -> None:
    """Validate and import a large employee file recorded as an ImportJob."""
    from sikap.org.importer import fail_stale_imports, run_job
    from sikap.org.models import ImportJob

    # The worker was perhaps restarted after a crash: first release the jobs that died with it.
    fail_stale_imports()
    job = ImportJob.objects.select_related("created_by", "scope_unit").get(pk=job_id)
    run_job(job)
