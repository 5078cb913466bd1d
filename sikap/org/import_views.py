"""The employee import pages: upload and validate or import, then follow the job to its result."""

from __future__ import annotations

import uuid

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts.http import AuthedRequest
from sikap.accounts.models import User
from sikap.org import access
from sikap.org.importer import (
    COLUMNS,
    REQUIRED,
    SMALL_FILE_ROWS,
    FileProblem,
    detect_kind,
    fail_stale_imports,
    read_sheet,
    retry_import,
    run_job,
)
from sikap.org.models import ImportJob, ImportStatus
from sikap.org.scope import get_scope
from sikap.org.tasks import run_import

ERRORS_SHOWN = 500
EXAMPLES = {"csv": "contoh-import-pegawai.csv", "xlsx": "contoh-import-pegawai.xlsx"}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Employee file (CSV or XLSX)"),
        help_text=_("The first row holds the column names; see the example file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


def _get_job(user: User, pk: int) -> ImportJob:
    """A job of the user (superadmins see all); 404 otherwise."""
    jobs = ImportJob.objects.select_related("created_by")
    if not get_scope(user).is_superadmin:
        jobs = jobs.filter(created_by=user)
    job = jobs.filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def _start(job: ImportJob) -> None:
    """Small files run now; larger ones go to the background worker."""
    if job.total_rows <= SMALL_FILE_ROWS:
        run_job(job)
    else:
        run_import.enqueue(job_id=job.pk)


@require_http_methods(["GET", "POST"])
@login_required
def import_page(request: AuthedRequest) -> HttpResponseBase:
    """HR uploads a SIASN-like employee file to validate it or to import it."""
    access.require_manager(request.user)
    example = request.GET.get("contoh")
    if request.method == "GET" and example in EXAMPLES:
        path = settings.BASE_DIR / "docs" / EXAMPLES[example]
        return FileResponse(path.open("rb"), as_attachment=True, filename=EXAMPLES[example])
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        dry_run = request.POST.get("action") != "import"
        previous = request.POST.get("job", "")
        if previous.isdigit():
            # Import a file that was validated before, without uploading it again.
            checked = _get_job(request.user, int(previous))
            job = ImportJob.objects.create(
                created_by=request.user,
                scope_unit=checked.scope_unit,
                file=checked.file.name,
                original_name=checked.original_name,
                file_kind=checked.file_kind,
                dry_run=dry_run,
                total_rows=checked.total_rows,
            )
            _start(job)
            return redirect("org:import_status", pk=job.pk)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                kind = detect_kind(upload, name=upload.name)
                data = upload.read()
                sheet = read_sheet(data, kind)
            except ValidationError as exc:
                form.add_error("file", exc)
            except FileProblem as exc:
                form.add_error("file", str(exc))
            else:
                job = ImportJob(
                    created_by=request.user,
                    original_name=upload.name[:255],
                    file_kind=kind,
                    dry_run=dry_run,
                    total_rows=len(sheet.rows),
                )
                job.file.save(f"{uuid.uuid4().hex}.{kind}", ContentFile(data), save=False)
                job.save()
                _start(job)
                return redirect("org:import_status", pk=job.pk)
    fail_stale_imports()
    jobs = ImportJob.objects.filter(created_by=request.user).order_by("-created_at", "-pk")[:10]
    return render(
        request,
        "org/import.html",
        {
            "form": form,
            "jobs": jobs,
            "columns": COLUMNS,
            "required": REQUIRED,
            "small_rows": SMALL_FILE_ROWS,
        },
    )


@require_GET
@login_required
def import_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """The progress and the result of an import; htmx polls the ``progress`` partial."""
    access.require_manager(request.user)
    fail_stale_imports()
    job = _get_job(request.user, pk)
    context = {
        "job": job,
        "errors": job.errors[:ERRORS_SHOWN],
        "errors_hidden": max(0, len(job.errors) - ERRORS_SHOWN),
        "done": job.status == ImportStatus.DONE,
    }
    template = "org/import_status.html#progress" if request.htmx else "org/import_status.html"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


@require_POST
@login_required
def import_retry(request: AuthedRequest, pk: int) -> HttpResponse:
    """Run again an import that stopped without a problem in its data (its process was killed)."""
    access.require_manager(request.user)
    job = _get_job(request.user, pk)
    retry_import(job=job, by=request.user)
    return redirect("org:import_status", pk=job.pk)
