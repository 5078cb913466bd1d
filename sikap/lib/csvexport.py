"""CSV downloads whose text cells cannot become formulas (the CSV twin of ``xlsx.add_sheet``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.http import HttpResponse

from sikap.lib.xlsx import safe_cell


def csv_text(fieldnames: Sequence[str], records: Iterable[Mapping[str, Any]]) -> str:
    """The records as CSV text with a header row; ``None`` is empty, formula text is inert."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fieldnames), extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow({k: ("" if v is None else safe_cell(v)) for k, v in record.items()})
    return buffer.getvalue()


def csv_response(
    fieldnames: Sequence[str], records: Iterable[Mapping[str, Any]], *, filename: str
) -> HttpResponse:
    """A download of the records; ``filename`` without the extension."""
    response = HttpResponse(csv_text(fieldnames, records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
