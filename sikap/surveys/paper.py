"""Tabulated questionnaires (CSV or XLSX with columns U1..U9): reading and row-by-row validation.

Shared by ``manage.py compute_ikm`` and the paper survey import page, so both report the same
problems in the same words: ``Baris 7: U3 bernilai 5, harus 1–4``. Row numbers are those of the
spreadsheet: the header is row 1, the first answer row 2.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.utils.translation import gettext

from sikap.lib import xlsx
from sikap.surveys import rules

PROFILE_COLUMNS = {
    "umur": "age",
    "jenis_kelamin": "gender",
    "jenis kelamin": "gender",
    "pendidikan": "education",
    "pekerjaan": "occupation",
    "jenis_layanan": "service",
    "jenis layanan": "service",
    "saran": "comment",
    "komentar": "comment",
}


@dataclass
class ParsedRow:
    number: int
    answers: dict[str, int | None]
    profile: dict[str, Any] = field(default_factory=dict)


@dataclass
class ParsedTable:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


class TableError(ValueError):
    """The file as a whole cannot be read."""


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(handle: IO[bytes], filename: str) -> list[list[str]]:
    """All rows of the first sheet (XLSX) or of the CSV (comma or semicolon), as text cells."""
    data = handle.read()
    if data[:2] == b"PK":
        try:
            cells = xlsx.read_rows(data)
        except xlsx.WorkbookRefused as exc:
            raise TableError(f"{filename}: {exc}") from exc
        return [[_cell_text(v) for v in row] for row in cells]
    if b"\x00" in data[:8192] or data[:5] == b"%PDF-":
        # A PDF or another binary file renamed .csv: not text at all.
        raise TableError(
            gettext("%(name)s is not a CSV or XLSX file of answers.") % {"name": filename}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    # Universal newlines: files saved with CR-only (old Mac) or CRLF endings read the same.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(rows) > xlsx.MAX_IMPORT_ROWS:
                raise TableError(
                    gettext("The file has more than %(max)d rows; split the file.")
                    % {"max": xlsx.MAX_IMPORT_ROWS}
                )
            rows.append([c.strip() for c in row[: xlsx.MAX_IMPORT_COLUMNS]])
    except csv.Error as exc:
        raise TableError(
            gettext("Row %(row)d of %(name)s cannot be read as CSV.")
            % {"row": len(rows) + 1, "name": filename}
        ) from exc
    return rows


def _parse_answer(code: str, raw: str, number: int, errors: list[str]) -> int | None:
    if raw == "":
        return None
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        errors.append(
            gettext("Row %(row)s: %(code)s is '%(value)s', it must be a whole number 1–4")
            % {"row": number, "code": code, "value": raw}
        )
        return None
    if not value.is_finite() or value != value.to_integral_value():
        errors.append(
            gettext("Row %(row)s: %(code)s is '%(value)s', it must be a whole number 1–4")
            % {"row": number, "code": code, "value": raw}
        )
        return None
    answer = int(value)
    if not rules.MIN_ANSWER <= answer <= rules.MAX_ANSWER:
        errors.append(
            gettext("Row %(row)s: %(code)s is %(value)s, it must be 1–4")
            % {"row": number, "code": code, "value": answer}
        )
        return None
    return answer


def _parse_profile(key: str, raw: str, number: int, errors: list[str]) -> Any:
    if key == "age":
        if not raw.isdigit() or not rules.MIN_AGE <= int(raw) <= rules.MAX_AGE:
            errors.append(
                gettext("Row %(row)s: age '%(value)s' must be a whole number 10–120")
                % {"row": number, "value": raw}
            )
            return None
        return int(raw)
    if key == "gender":
        value = raw.upper()[:1]
        if value not in ("L", "P"):
            errors.append(
                gettext("Row %(row)s: gender '%(value)s' must be L or P")
                % {"row": number, "value": raw}
            )
            return None
        return value
    return raw[:2000] if key == "comment" else raw[: 40 if key != "service" else 200]


def parse_rows(rows: list[list[str]]) -> ParsedTable:
    """Validate every row; collect one message per problem, with its row number."""
    table = ParsedTable()
    if not rows:
        table.errors.append(gettext("The file is empty: no header row U1..U9 was found."))
        return table
    header = [h.strip().lower() for h in rows[0]]
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        if name.upper() in rules.UNSUR_CODES:
            columns[name.upper()] = index
        elif name in PROFILE_COLUMNS:
            columns.setdefault(PROFILE_COLUMNS[name], index)
    missing = [code for code in rules.UNSUR_CODES if code not in columns]
    if missing:
        table.errors.append(
            gettext("Row 1: column %(columns)s not found.") % {"columns": ", ".join(missing)}
        )
        return table
    for number, row in enumerate(rows[1:], start=2):
        cells = [*row, *[""] * (len(header) - len(row))]
        if all(c == "" for c in cells):
            continue
        errors: list[str] = []
        answers = {
            code: _parse_answer(code, cells[columns[code]], number, errors)
            for code in rules.UNSUR_CODES
        }
        profile = {}
        for key in set(PROFILE_COLUMNS.values()):
            if key in columns and cells[columns[key]] != "":
                profile[key] = _parse_profile(key, cells[columns[key]], number, errors)
        if not errors and all(v is None for v in answers.values()):
            errors.append(gettext("Row %(row)s: no answer U1–U9") % {"row": number})
        table.errors.extend(errors)
        if not errors:
            table.rows.append(ParsedRow(number, answers, profile))
    if not table.rows and not table.errors:
        table.errors.append(gettext("The file holds no answers."))
    return table


def parse_file(handle: IO[bytes], filename: str) -> ParsedTable:
    """Read and validate a CSV or XLSX file of answers."""
    try:
        rows = read_table(handle, filename)
    except TableError as exc:
        return ParsedTable(errors=[str(exc)])
    return parse_rows(rows)
