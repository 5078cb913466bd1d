"""Background work of the evaluation app."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django_tasks import task

from sikap.evaluation.context import penetapan_context
from sikap.evaluation.contracts import send_contract_reminders
from sikap.evaluation.curve import unit_curve
from sikap.evaluation.models import Determination, DeterminationDocument
from sikap.lib.pdf import render_pdf_bytes


@task()
def store_determination_document(*, determination_id: int, version: int) -> bool:
    """Keep the PDF of a penetapan version as it was signed (queued after the signing commits)."""
    determination = Determination.objects.filter(pk=determination_id).first()
    if determination is None or determination.version != version:
        return False
    if DeterminationDocument.objects.filter(determination=determination, version=version).exists():
        return False
    curve = unit_curve(determination.unit, determination.period)
    data = render_pdf_bytes("evaluation/pdf/penetapan.html", penetapan_context(curve))
    document = DeterminationDocument(determination=determination, version=version)
    document.file.save(
        f"penetapan-{determination.pk}-v{version}.pdf", ContentFile(data), save=False
    )
    document.save()
    return True


@task()
def send_contract_reminders_task() -> int:
    """Send today's perjanjian kerja reminders to HR (each contract once)."""
    return send_contract_reminders()
