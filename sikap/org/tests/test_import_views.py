"""The import pages: who may use them, small files at once, large ones in the background."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.org import import_views
from sikap.org.models import Employee, ImportJob, ImportStatus

DOCS = Path(__file__).resolve().parents[3] / "docs"


def upload(
    name: str = "contoh-import-pegawai.csv", data: bytes | None = None
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else (DOCS / name).read_bytes())


def test_hr_validates_then_imports_a_small_file(personas, login):
    client = login(personas.user("hr"))
    page = client.get(reverse("org:import"))
    assert page.status_code == 200
    assert b'name="action" value="validate"' in page.content
    response = client.post(reverse("org:import"), {"file": upload(), "action": "validate"})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "org:import_status", args=[job.pk]
    )
    assert job.status == ImportStatus.DONE and job.dry_run and job.created_count == 6
    assert not Employee.objects.filter(nip="199003212015032001").exists()
    assert Path(job.file.path).is_relative_to(Path(job.file.storage.location) / "imports")
    status = client.get(response.url)
    assert status.status_code == 200 and "HX-Request" in status["Vary"]
    assert b'name="job"' in status.content and b"hx-trigger" not in status.content
    # Import the validated file without uploading it again.
    response = client.post(reverse("org:import"), {"job": job.pk, "action": "import"})
    second = ImportJob.objects.latest("pk")
    assert not second.dry_run and second.status == ImportStatus.DONE
    assert second.created_count == 6 and second.positions_created == 5
    assert Employee.objects.get(nip="199003212015032001").history.first().history_user == (
        personas.user("hr")
    )
    page = client.get(reverse("org:import"))
    assert b"contoh-import-pegawai.csv" in page.content


def test_hr_sees_the_error_rows_and_nothing_is_saved(personas, login):
    client = login(personas.user("hr"))
    data = (
        (DOCS / "contoh-import-pegawai.csv")
        .read_bytes()
        .replace(b"199003212015032001", b"19900321201503200")
    )
    before = Employee.objects.count()
    response = client.post(
        reverse("org:import"), {"file": upload(data=data), "action": "import"}, follow=True
    )
    assert Employee.objects.count() == before
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED
    assert job.errors[0] == {
        "row": 3,
        "column": "NIP",
        "message": "NIP harus 18 digit, bukan 17 digit",
    }
    assert "NIP harus 18 digit, bukan 17 digit" in response.content.decode()


def test_files_that_are_not_spreadsheets_or_lack_columns_are_refused(personas, login):
    client = login(personas.user("hr"))
    response = client.post(reverse("org:import"), {"file": upload("x.csv", b"%PDF-1.4\x00\x00")})
    assert response.status_code == 200 and "bukan CSV atau XLSX" in response.content.decode()
    response = client.post(reverse("org:import"), {"file": upload("x.csv", b"NAMA;NIP\nA;1\n")})
    assert "kolom wajib tidak ada" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_large_files_run_in_the_background_with_a_progress_partial(
    personas, login, settings, monkeypatch
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    monkeypatch.setattr(import_views, "SMALL_FILE_ROWS", 3)
    client = login(personas.user("hr"))
    client.post(reverse("org:import"), {"file": upload(), "action": "import"})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.PENDING
    url = reverse("org:import_status", args=[job.pk])
    partial = client.get(url, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert 'hx-trigger="every 1s"' in body and 'role="progressbar"' in body
    assert "<html" not in body
    from sikap.org.tasks import run_import

    run_import.call(job_id=job.pk)
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in partial and ">6<" in partial.replace(" ", "")


@pytest.mark.parametrize(
    "persona, status",
    [
        ("auditor", 403),
        ("pegawai", 403),
        ("camat", 403),
        ("lurah", 403),
    ],
)
def test_only_hr_admins_may_import(personas, login, persona, status):
    client = login(personas.user(persona))
    assert client.get(reverse("org:import")).status_code == status
    assert client.post(reverse("org:import"), {"file": upload()}).status_code == status
    assert not ImportJob.objects.exists()


def test_another_kecamatans_hr_cannot_import_into_plaju_nor_see_its_jobs(personas, login):
    client = login(personas.user("other_hr"))
    client.post(reverse("org:import"), {"file": upload(), "action": "import"})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED
    assert all("di luar wewenang Anda" in e["message"] for e in job.errors)
    hr_job = ImportJob.objects.create(
        created_by=personas.user("hr"), original_name="a.csv", file_kind="csv"
    )
    assert client.get(reverse("org:import_status", args=[hr_job.pk])).status_code == 404
    assert (
        login(personas.user("auditor"))
        .get(reverse("org:import_status", args=[hr_job.pk]))
        .status_code
        == 403
    )
    assert (
        login(personas.user("superadmin"))
        .get(reverse("org:import_status", args=[hr_job.pk]))
        .status_code
        == 200
    )


def test_wrong_methods_and_anonymous_users(personas, client, login):
    assert client.get(reverse("org:import")).status_code == 302
    hr = login(personas.user("hr"))
    assert hr.put(reverse("org:import")).status_code == 405
    job = ImportJob.objects.create(
        created_by=personas.user("hr"), original_name="a", file_kind="csv"
    )
    assert hr.post(reverse("org:import_status", args=[job.pk])).status_code == 405


def test_the_example_files_can_be_downloaded(personas, login):
    client = login(personas.user("hr"))
    response = client.get(reverse("org:import") + "?contoh=xlsx")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert "contoh-import-pegawai.xlsx" in response["Content-Disposition"]
