"""Time the employee import on SQLite: validate and import N rows, then re-import the same file.

    DEBUG=1 .venv/bin/python bench/bench_import.py [N] [--json FILE]     (default 10000)

Uses a fresh SQLite database in a temporary folder (migrate + load_demo), so it never touches
var/sikap.sqlite3. Prints the figures; nothing is asserted (timing is not a test).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    argv = sys.argv[1:]
    json_file = None
    if "--json" in argv:
        at = argv.index("--json")
        json_file = argv[at + 1]
        del argv[at : at + 2]
    n = int(argv[0]) if argv else 10_000
    steps: list[dict[str, object]] = []
    tmp = Path(tempfile.mkdtemp(prefix="sikap-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from make_employees import employee_rows, write

    from sikap.org.importer import Importer, read_sheet
    from sikap.org.models import Assignment, Employee

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, quiet_logins=True)
    rows = employee_rows(n)
    history = Employee.history.model

    executed = [0]

    def count(execute, sql, params, many, context):
        executed[0] += 1
        return execute(sql, params, many, context)

    def step(label: str, fn):
        start = time.perf_counter()
        before = executed[0]
        with connection.execute_wrapper(count):
            result = fn()
        elapsed = time.perf_counter() - start
        print(f"{label:<34} {elapsed:7.2f} s  {executed[0] - before:6d} queries", file=sys.stderr)
        steps.append(
            {"label": label, "seconds": round(elapsed, 3), "queries": executed[0] - before}
        )
        return result

    print(f"SQLite, {n} rows ({connection.vendor})", file=sys.stderr)
    sheets = {}
    for suffix in ("csv", "xlsx"):
        path = tmp / f"pegawai.{suffix}"
        write(rows, path)
        data = path.read_bytes()
        sheets[suffix] = step(
            f"read {suffix} ({len(data) // 1024} KB)",
            lambda data=data, kind=suffix: read_sheet(data, kind),
        )
    # A third file changes the golongan of every tenth row and moves every twentieth one.
    changed = [dict(r) for r in rows]
    for index, row in enumerate(changed):
        if index % 10 == 0 and row["JENIS_PEGAWAI"] == "PNS":
            row["GOLONGAN"] = "III/d"
        if index % 20 == 5:
            row["JABATAN"], row["JENIS_JABATAN"], row["JENJANG"] = "Pengolah Data", "PELAKSANA", ""
            row["TMT_JABATAN"] = "01-10-2026"
    path = tmp / "pegawai-changed.csv"
    write(changed, path)
    sheets["changed"] = read_sheet(path.read_bytes(), "csv")
    for run, sheet in (
        ("fresh", sheets["xlsx"]),
        ("re-import", sheets["csv"]),
        ("changes", sheets["changed"]),
    ):
        importer = Importer(by=None, allowed_paths=None, today=timezone.localdate())
        plan = step(
            f"validate ({run})", lambda importer=importer, sheet=sheet: importer.validate(sheet)
        )
        assert plan.is_valid, plan.problems[:5]
        before = history.objects.count()
        counts = step(f"import ({run})", lambda importer=importer, plan=plan: importer.apply(plan))
        print(
            f"  -> {counts.as_dict()}; history rows added: {history.objects.count() - before}; "
            f"employees {Employee.objects.count()}, assignments {Assignment.objects.count()}",
            file=sys.stderr,
        )
    if json_file:
        import json

        keep = [s for s in steps if s["label"] in ("validate (fresh)", "import (fresh)")]
        Path(json_file).write_text(json.dumps({"rows": n, "steps": keep}))


if __name__ == "__main__":
    main()
