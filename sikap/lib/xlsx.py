"""Excel workbooks with openpyxl: a header row, typed cells, frozen panes, sensible widths.

Every export goes through :func:`add_sheet` (or :func:`safe_cell` / :mod:`sikap.lib.csvexport`),
so text that people typed (an RHK, a complaint, a training title) can never become a live
formula in the spreadsheet of whoever opens the download.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What a spreadsheet reads as the start of a formula (or of a DDE call): OWASP "CSV injection".
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    """Whether a spreadsheet would read this value as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_cell(value: Any) -> Any:
    """The value for a CSV cell: text starting like a formula gets a leading apostrophe.

    Numbers, dates and booleans stay what they are, so sums and sorting keep working.
    """
    return "'" + value if looks_like_formula(value) else value


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append a row; text that looks like a formula is stored as plain text (quote-prefixed).

    The text itself is kept exactly; only its cell type is forced to string, which no
    spreadsheet evaluates, and the quote prefix keeps it text when someone edits the cell.
    """
    # Control characters (a pasted form feed, say) make openpyxl refuse the whole file.
    values = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values]
    sheet.append(values)
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if looks_like_formula(value):
            cell = sheet.cell(row=row, column=column)
            cell.data_type = "s"
            cell.quotePrefix = True


def add_sheet(
    workbook: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> Worksheet:
    """Append a sheet with a bold header row and the given rows."""
    sheet: Worksheet = workbook.create_sheet(title=title[:31])
    append_row(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBE3")
    widths = [len(str(h)) for h in headers]
    for row in rows:
        append_row(sheet, row)
        for index, value in enumerate(row):
            if index < len(widths):
                widths[index] = max(
                    widths[index], min(len(str(value if value is not None else "")), 60)
                )
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    return sheet


def new_workbook() -> Workbook:
    """An empty workbook (its default sheet removed)."""
    workbook = Workbook()
    if workbook.active is not None:
        workbook.remove(workbook.active)
    return workbook


def xlsx_response(workbook: Workbook, *, filename: str) -> HttpResponse:
    """A download of the workbook; ``filename`` without the extension."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


class WorkbookRefused(ValueError):
    """An uploaded workbook that is damaged or larger than an import may be."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


# What one import reads at most; a 73 KB zip can otherwise unpack to 500,000 rows.
MAX_IMPORT_ROWS = 20_000
MAX_IMPORT_COLUMNS = 60
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ARCHIVE_ENTRIES = 200


def check_archive(
    data: bytes, *, max_unpacked: int | None = None, max_entries: int | None = None
) -> None:
    """Refuse a zip (XLSX, DOCX...) that is damaged, has too many entries or unpacks too large."""
    max_unpacked = MAX_UNPACKED_BYTES if max_unpacked is None else max_unpacked
    max_entries = MAX_ARCHIVE_ENTRIES if max_entries is None else max_entries
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise WorkbookRefused(
            gettext("The file is damaged or is not an XLSX workbook."), code="bad_archive"
        ) from exc
    if len(entries) > max_entries:
        raise WorkbookRefused(
            gettext("The file holds too many parts (%(n)d; at most %(max)d).")
            % {"n": len(entries), "max": max_entries},
            code="too_many_entries",
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > max_unpacked:
        raise WorkbookRefused(
            gettext("The file unpacks to %(size)s MB; at most %(max)s MB may be imported.")
            % {"size": f"{unpacked / 1048576:.0f}", "max": f"{max_unpacked / 1048576:.0f}"},
            code="too_large_unpacked",
        )


def read_rows(
    data: bytes,
    *,
    sheet_name: str | None = None,
    max_rows: int | None = None,
    max_columns: int | None = None,
    max_unpacked: int | None = None,
) -> list[list[Any]]:
    """The cell values of one sheet (``sheet_name`` if present, else the first), bounded.

    Refuses (``WorkbookRefused``) a damaged file, a zip bomb, more than ``max_rows`` rows or
    more than ``max_columns`` filled columns, reading no further than the first row too many.
    """
    max_rows = MAX_IMPORT_ROWS if max_rows is None else max_rows
    max_columns = MAX_IMPORT_COLUMNS if max_columns is None else max_columns
    check_archive(data, max_unpacked=MAX_UNPACKED_BYTES if max_unpacked is None else max_unpacked)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise WorkbookRefused(
            gettext("The file is damaged or is not an XLSX workbook."), code="bad_archive"
        ) from exc
    try:
        if not workbook.worksheets:
            raise WorkbookRefused(gettext("The workbook has no sheet."), code="no_sheet")
        sheet = (
            workbook[sheet_name]
            if sheet_name and sheet_name in workbook.sheetnames
            else workbook.worksheets[0]
        )
        rows: list[list[Any]] = []
        try:
            for row in sheet.iter_rows(max_col=max_columns + 1, values_only=True):
                values = list(row)
                while values and values[-1] in (None, ""):
                    values.pop()
                if len(values) > max_columns:
                    raise WorkbookRefused(
                        gettext("Row %(row)d has %(n)d columns; at most %(max)d are read.")
                        % {"row": len(rows) + 1, "n": len(values), "max": max_columns},
                        code="too_many_columns",
                    )
                rows.append(values)
                if len(rows) > max_rows:
                    raise WorkbookRefused(
                        gettext("The sheet has more than %(max)d rows; split the file.")
                        % {"max": max_rows},
                        code="too_many_rows",
                    )
        except WorkbookRefused:
            raise
        except Exception as exc:  # a damaged sheet fails while it is being read
            raise WorkbookRefused(
                gettext("The file is damaged or is not an XLSX workbook."), code="bad_archive"
            ) from exc
        return rows
    finally:
        workbook.close()
