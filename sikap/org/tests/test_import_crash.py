"""Jobs survive a crash: an import whose process died is marked failed and can be run again."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from sikap.org.importer import STALE_MESSAGE, fail_stale_imports, run_job
from sikap.org.models import ImportJob, ImportStatus

ROOT = Path(__file__).resolve().parents[3]
CSV = (ROOT / "docs" / "contoh-import-pegawai.csv").read_bytes()


def make_job(user, **fields) -> ImportJob:
    job = ImportJob(created_by=user, original_name="pegawai.csv", file_kind="csv", dry_run=True)
    job.file.save("pegawai.csv", ContentFile(CSV), save=False)
    for name, value in fields.items():
        setattr(job, name, value)
    job.save()
    return job


@pytest.mark.django_db
def test_a_job_whose_heartbeat_stopped_is_marked_failed_and_retryable(personas, settings):
    old = timezone.now() - dt.timedelta(seconds=settings.IMPORT_HEARTBEAT_TIMEOUT + 5)
    dead = make_job(personas.user("hr"), status=ImportStatus.VALIDATING, heartbeat_at=old)
    alive = make_job(personas.user("hr"), status=ImportStatus.RUNNING, heartbeat_at=timezone.now())
    done = make_job(personas.user("hr"), status=ImportStatus.DONE, heartbeat_at=old)
    assert fail_stale_imports() == 1
    dead.refresh_from_db()
    assert (
        dead.status == ImportStatus.FAILED
        and dead.message == gettext(STALE_MESSAGE)
        and dead.can_retry
    )
    assert ImportJob.objects.get(pk=alive.pk).status == ImportStatus.RUNNING
    assert ImportJob.objects.get(pk=done.pk).status == ImportStatus.DONE


@pytest.mark.django_db
def test_hr_sees_the_failure_on_the_job_page_and_retries_it(
    personas, login, settings, django_capture_on_commit_callbacks
):
    old = timezone.now() - dt.timedelta(seconds=settings.IMPORT_HEARTBEAT_TIMEOUT + 5)
    job = make_job(personas.user("hr"), status=ImportStatus.VALIDATING, heartbeat_at=old)
    client = login(personas.user("hr"))
    page = client.get(reverse("org:import_status", args=[job.pk])).content.decode()
    assert gettext(STALE_MESSAGE) in page and reverse("org:import_retry", args=[job.pk]) in page
    assert client.get(reverse("org:import_retry", args=[job.pk])).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("org:import_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.attempt == 2 and job.created_count == 6


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "status"), [("other_hr", 404), ("auditor", 403)])
def test_only_the_uploader_retries(personas, login, persona, status):
    job = make_job(personas.user("hr"), status=ImportStatus.FAILED)
    response = login(personas.user(persona)).post(reverse("org:import_retry", args=[job.pk]))
    assert response.status_code == status
    assert ImportJob.objects.get(pk=job.pk).attempt == 1


@pytest.mark.django_db
def test_a_late_run_of_an_earlier_attempt_writes_nothing(personas):
    job = make_job(personas.user("hr"))
    stale_copy = ImportJob.objects.get(pk=job.pk)
    ImportJob.objects.filter(pk=job.pk).update(attempt=2, status=ImportStatus.PENDING)
    run_job(stale_copy)
    job.refresh_from_db()
    assert job.status == ImportStatus.PENDING and job.heartbeat_at is None


@pytest.mark.django_db
def test_the_command_fails_stale_jobs_and_retries_them(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_HEARTBEAT_TIMEOUT = 0
    job = make_job(personas.user("hr"), status=ImportStatus.RUNNING)
    out = io.StringIO()
    call_command("import_jobs", "--fail-stale", stdout=out)
    settings.IMPORT_HEARTBEAT_TIMEOUT = 600
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_jobs", "--retry", str(job.pk), stdout=out)
    job.refresh_from_db()
    assert "1 import(s) marked failed" in out.getvalue()
    assert job.status == ImportStatus.DONE and job.attempt == 2


# -- a real worker, killed mid-import ---------------------------------------------------------

SETUP = """
from django.core.files.base import ContentFile
from sikap.org.testing import make_personas
from sikap.org.models import ImportJob
from sikap.org.tasks import run_import
p = make_personas()
job = ImportJob(created_by=p.user("hr"), original_name="besar.csv", file_kind="csv", dry_run=True)
job.file.save("besar.csv", ContentFile(open({path!r}, "rb").read()), save=False)
job.save()
run_import.enqueue(job_id=job.pk)
print(job.pk)
"""


def _big_csv(rows: int) -> bytes:
    lines = [CSV.decode().splitlines()[0]]
    for n in range(rows):
        day = dt.date(1970, 1, 1) + dt.timedelta(days=n // 900)
        nip = f"{day:%Y%m%d}2010011{n % 900 + 100:03d}"
        lines.append(
            f"{nip},Pegawai {n},,,PNS,II/c,Pengadministrasi Umum,PELAKSANA,,,,1671031006,,,,02-01-2024,Y"
        )
    return ("\n".join(lines) + "\n").encode()


def _error(db: Path, pk: int) -> str:
    with sqlite3.connect(db, timeout=20) as conn:
        row = conn.execute("SELECT * FROM org_importjob WHERE id = ?", (pk,)).fetchone()
    return repr(row)


def _status(db: Path, pk: int) -> tuple[str, int, int]:
    with sqlite3.connect(db, timeout=20) as conn:
        row = conn.execute(
            "SELECT status, processed_rows, attempt FROM org_importjob WHERE id = ?", (pk,)
        ).fetchone()
    return row[0], row[1], row[2]


def test_a_worker_killed_mid_import_leaves_a_failed_retryable_job(tmp_path: Path) -> None:
    db = tmp_path / "worker.sqlite3"
    # Not SIKAP_TESTING (set by config/settings_test.py for this process): with it the children
    # use the ImmediateBackend, the shell that enqueues runs the whole import itself and the
    # worker never gets a job to be killed in.
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO", "SIKAP_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{db}",
        "SIKAP_VAR_DIR": str(tmp_path),
        "DEBUG": "1",
        "IMPORT_HEARTBEAT_TIMEOUT": "600",
    }
    manage = [sys.executable, "manage.py"]
    run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True}
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], **run)
    big = tmp_path / "besar.csv"
    big.write_bytes(_big_csv(20_000))
    made = subprocess.run([*manage, "shell", "-c", SETUP.format(path=str(big))], **run)
    pk = int(made.stdout.decode().split()[-1])
    worker = subprocess.Popen(
        [*manage, "db_worker", "--no-startup-delay", "--interval", "0.1"], cwd=ROOT, env=env
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            status, processed, _attempt = _status(db, pk)
            if status == ImportStatus.VALIDATING:
                break
            assert status not in (ImportStatus.DONE, ImportStatus.FAILED), _error(db, pk)
            time.sleep(0.05)
        else:
            raise AssertionError("the worker never started the import")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert _status(db, pk)[0] == ImportStatus.VALIDATING  # dead, and nobody knows yet
    time.sleep(3)
    # A heartbeat older than 2 s counts as dead for this check only: the worker itself ran with
    # the long timeout, or it would have failed the job still pending while it started.
    stale = {**run, "env": {**env, "IMPORT_HEARTBEAT_TIMEOUT": "2"}}
    # On a loaded machine the last heartbeat may land late; the job is stale within seconds.
    for _attempt in range(5):
        out = subprocess.run([*manage, "import_jobs", "--fail-stale"], **stale)
        if b"1 import(s) marked failed" in out.stdout:
            break
        time.sleep(2)
    assert b"1 import(s) marked failed" in out.stdout
    assert _status(db, pk)[0] == ImportStatus.FAILED
    subprocess.run([*manage, "import_jobs", "--retry", str(pk)], **run)
    subprocess.run([*manage, "db_worker", "--batch", "--no-startup-delay"], **run, timeout=600)
    status, processed, attempt = _status(db, pk)
    assert (status, processed, attempt) == (ImportStatus.DONE, 20_000, 2)
