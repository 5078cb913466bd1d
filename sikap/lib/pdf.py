"""HTML templates to PDF with WeasyPrint; official documents are A4 and in Indonesian."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf_bytes(
    template_name: str, context: dict[str, Any], *, base_url: str | None = None
) -> bytes:
    """Render a template to PDF bytes; documents are always rendered in Indonesian."""
    from weasyprint import HTML  # imported lazily: it loads Pango at import time

    with translation.override("id"):
        html = render_to_string(template_name, context)
    return bytes(HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf())


def pdf_response(
    request: HttpRequest, template_name: str, context: dict[str, Any], *, filename: str
) -> HttpResponse:
    """A PDF download; ``filename`` without the extension."""
    data = render_pdf_bytes(template_name, context, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
