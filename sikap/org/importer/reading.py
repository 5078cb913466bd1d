"""Reading an employee file (CSV or XLSX) into numbered rows; see docs/import-pegawai.md."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sikap.lib import xlsx
from sikap.lib.uploads import check_upload, looks_active
from sikap.org.models import (
    JenisJabatan,
    JenjangFungsional,
)

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SMALL_FILE_ROWS = 200

COLUMNS = (
    "NIP",
    "NAMA",
    "GELAR_DEPAN",
    "GELAR_BELAKANG",
    "JENIS_PEGAWAI",
    "GOLONGAN",
    "JABATAN",
    "JENIS_JABATAN",
    "JENJANG",
    "ESELON",
    "UNIT",
    "KODE_UNIT",
    "ATASAN_NIP",
    "EMAIL",
    "TELEPON",
    "TMT_JABATAN",
    "AKTIF",
    "MULAI_PERJANJIAN_KERJA",
    "AKHIR_PERJANJIAN_KERJA",
)
REQUIRED = ("NIP", "NAMA", "JENIS_PEGAWAI", "GOLONGAN", "JABATAN", "JENIS_JABATAN")
# Other spellings seen in SIASN / e-Kinerja exports and spreadsheets people keep by hand.
ALIASES = {
    "NIP_BARU": "NIP",
    "NAMA_PEGAWAI": "NAMA",
    "JENIS_ASN": "JENIS_PEGAWAI",
    "STATUS_PEGAWAI": "JENIS_PEGAWAI",
    "GOL": "GOLONGAN",
    "GOL_RUANG": "GOLONGAN",
    "GOLONGAN_RUANG": "GOLONGAN",
    "NAMA_JABATAN": "JABATAN",
    "JENJANG_JABATAN": "JENJANG",
    "UNOR": "UNIT",
    "NAMA_UNOR": "UNIT",
    "UNIT_KERJA": "UNIT",
    "KODE_UNOR": "KODE_UNIT",
    "NIP_ATASAN": "ATASAN_NIP",
    "E_MAIL": "EMAIL",
    "HP": "TELEPON",
    "NO_HP": "TELEPON",
    "NOMOR_HP": "TELEPON",
    "TMT": "TMT_JABATAN",
    "STATUS_AKTIF": "AKTIF",
    "MULAI_PK": "MULAI_PERJANJIAN_KERJA",
    "TMT_AWAL_KONTRAK": "MULAI_PERJANJIAN_KERJA",
    "MULAI_KONTRAK": "MULAI_PERJANJIAN_KERJA",
    "AKHIR_PK": "AKHIR_PERJANJIAN_KERJA",
    "TMT_AKHIR_KONTRAK": "AKHIR_PERJANJIAN_KERJA",
    "AKHIR_KONTRAK": "AKHIR_PERJANJIAN_KERJA",
}

JENIS_JABATAN = {
    "JPT": JenisJabatan.JPT,
    "JABATAN PIMPINAN TINGGI": JenisJabatan.JPT,
    "ADMINISTRATOR": JenisJabatan.ADMINISTRATOR,
    "PENGAWAS": JenisJabatan.PENGAWAS,
    "PELAKSANA": JenisJabatan.PELAKSANA,
    "JFU": JenisJabatan.PELAKSANA,
    "FUNGSIONAL UMUM": JenisJabatan.PELAKSANA,
    "FUNGSIONAL": JenisJabatan.FUNGSIONAL,
    "JFT": JenisJabatan.FUNGSIONAL,
    "JF": JenisJabatan.FUNGSIONAL,
    "FUNGSIONAL TERTENTU": JenisJabatan.FUNGSIONAL,
}
JENJANG = {label.upper(): code for code, label in JenjangFungsional.choices} | {
    code: code for code in JenjangFungsional.values
}
YES = {"Y", "YA", "YES", "1", "TRUE", "AKTIF"}
NO = {"N", "T", "TIDAK", "NO", "0", "FALSE", "NONAKTIF", "TIDAK AKTIF"}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 \-]{5,28}$")
SCIENTIFIC_PATTERN = re.compile(r"^\d+([.,]\d+)?[eE]\+?\d+$")


class FileProblem(ValueError):
    """The file as a whole cannot be read (type, encoding, header); the message is translated."""


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Sheet:
    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]]


# --- reading -----------------------------------------------------------------------------------


def detect_kind(upload: IO[bytes], *, name: str = "") -> str:
    """``"xlsx"`` or ``"csv"`` from the content; raise ValidationError otherwise."""
    try:
        check_upload(upload, allowed={XLSX_MIME: "xlsx"}, name=name)
        return "xlsx"
    except ValidationError as exc:
        if exc.code != "bad_type":
            raise
    # CSV has no magic number: it is accepted when it is text (no NUL byte, decodable).
    upload.seek(0)
    head = upload.read(65536)
    whole = head + upload.read()
    upload.seek(0)
    known_binary = filetype.guess(head) is not None  # PDF, images, other archives
    if known_binary or b"\x00" in head or _decode(head, strict=True) is None or looks_active(whole):
        raise ValidationError(
            _("The file is not CSV or XLSX (its content is not recognised)."), code="bad_type"
        )
    return "csv"


def _decode(data: bytes, *, strict: bool = False) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            if strict and encoding == "utf-8-sig" and len(data) >= 65536:
                # The sample may end inside a multi-byte character.
                try:
                    return data[:-4].decode("utf-8-sig")
                except UnicodeDecodeError:
                    continue
            continue
        if encoding == "cp1252" and any(ord(c) < 32 and c not in "\r\n\t" for c in text):
            return None
        return text
    return None


def _column_name(raw: Any) -> str:
    name = re.sub(r"[\s\-]+", "_", str(raw or "").strip().upper())
    return ALIASES.get(name, name)


def _sheet(header: list[Any], records: Iterable[tuple[int, list[Any]]]) -> Sheet:
    columns = [_column_name(h) for h in header]
    seen: set[str] = set()
    for col in columns:
        if col and col in seen:
            raise FileProblem(
                _("Row 1: column %(column)s appears more than once.") % {"column": col}
            )
        seen.add(col)
    missing = [c for c in REQUIRED if c not in seen]
    if "UNIT" not in seen and "KODE_UNIT" not in seen:
        missing.append(_("UNIT or KODE_UNIT"))
    if missing:
        raise FileProblem(
            _(
                "Row 1: required columns are missing: %(columns)s. The first row must hold the "
                "column names (see the sample file)."
            )
            % {"columns": ", ".join(missing)}
        )
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, values in records:
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        rows.append(
            (
                number,
                {c: values[i] if i < len(values) else None for i, c in enumerate(columns) if c},
            )
        )
    return Sheet(columns=[c for c in columns if c in COLUMNS], rows=rows)


def read_csv(data: bytes) -> Sheet:
    text = _decode(data)
    if text is None:
        raise FileProblem(_("The CSV file cannot be read: save it as CSV UTF-8."))
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    if "\x00" in text:
        raise FileProblem(_("The CSV file cannot be read: its content is not text."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for row in reader:
            if len(records) > xlsx.MAX_IMPORT_ROWS:
                raise FileProblem(
                    _("The file has more than %(rows)s rows; split it.")
                    % {"rows": xlsx.MAX_IMPORT_ROWS}
                )
            records.append(row[: xlsx.MAX_IMPORT_COLUMNS])
    except csv.Error:
        raise FileProblem(
            _("Row %(row)s: cannot be read as CSV.") % {"row": len(records) + 1}
        ) from None
    if not records:
        raise FileProblem(_("The file is empty."))
    return _sheet(records[0], ((i, r) for i, r in enumerate(records[1:], start=2)))


def read_xlsx(data: bytes) -> Sheet:
    try:
        cells = xlsx.read_rows(data, sheet_name="Pegawai")
    except xlsx.WorkbookRefused as exc:
        raise FileProblem(str(exc)) from None
    if not cells:
        raise FileProblem(_("The file is empty."))
    return _sheet(list(cells[0]), ((i, r) for i, r in enumerate(cells[1:], start=2)))


def read_sheet(data: bytes, kind: str) -> Sheet:
    """The numbered rows of a CSV or XLSX file; raise FileProblem when it cannot be read."""
    return read_xlsx(data) if kind == "xlsx" else read_csv(data)


# --- validation --------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value: Any) -> dt.date:
    """A date from a cell: an Excel date, ``2024-01-02``, ``02-01-2024`` or ``02/01/2024``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(
        _("date '%(text)s' is not valid (write DD-MM-YYYY, for example 02-01-2024)")
        % {"text": text}
    )
