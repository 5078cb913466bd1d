"""Import of employees from a SIASN-like CSV or XLSX file (docs/import-pegawai.md).

Three steps: ``read_sheet`` turns the bytes into numbered rows, ``Importer.validate`` checks every
row against the rules and the database (a few prefetching queries, no writes) and returns a
``Plan``, and ``Importer.apply`` writes a valid plan in one transaction. Rows are numbered as the
user sees them in Excel: the header is row 1, the first data row is row 2.
"""

from sikap.org.importer.core import (
    EMPLOYEE_FIELDS,
    Counts,
    Importer,
    NewPosition,
    Plan,
    RowPlan,
)
from sikap.org.importer.jobs import (
    STALE_MESSAGE,
    allowed_paths_for,
    fail_stale_imports,
    retry_import,
    run_job,
)
from sikap.org.importer.reading import (
    ALIASES,
    COLUMNS,
    DATE_FORMATS,
    JENIS_JABATAN,
    JENJANG,
    NO,
    REQUIRED,
    SMALL_FILE_ROWS,
    XLSX_MIME,
    YES,
    FileProblem,
    Problem,
    Sheet,
    detect_kind,
    parse_date,
    read_csv,
    read_sheet,
    read_xlsx,
)

__all__ = [
    "ALIASES",
    "COLUMNS",
    "DATE_FORMATS",
    "EMPLOYEE_FIELDS",
    "JENIS_JABATAN",
    "JENJANG",
    "NO",
    "REQUIRED",
    "SMALL_FILE_ROWS",
    "STALE_MESSAGE",
    "XLSX_MIME",
    "YES",
    "Counts",
    "FileProblem",
    "Importer",
    "NewPosition",
    "Plan",
    "Problem",
    "RowPlan",
    "Sheet",
    "allowed_paths_for",
    "detect_kind",
    "fail_stale_imports",
    "parse_date",
    "read_csv",
    "read_sheet",
    "read_xlsx",
    "retry_import",
    "run_job",
]
