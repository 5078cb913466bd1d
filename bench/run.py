#!/usr/bin/env python
"""Run the benchmarks in bench/ and print one table (and write it as JSON with --json FILE).

    bench/run.py                         demo data (a throw-away SQLite file), plus the city when
                                         BENCH_CITY_DATABASE_URL is set
    bench/run.py --scale city            only the city: DATABASE_URL (or BENCH_CITY_DATABASE_URL)
                                         names a PostgreSQL database holding the demo plus
                                         ``manage.py generate_synthetic --scale city``
    bench/run.py --scale demo,city --json var/bench/bench.json
    BENCH_DEMO_DATABASE_URL=postgres://.../sikap_demo bench/run.py --scale demo,city
                                         the demo on PostgreSQL too, to compare like with like

Per page: median and p95 server time, queries, KB sent (gzipped, as a browser asks) and before
compression, and the ratio to a bare Django view behind the same middleware in the same
process; the heavy computations against a hand-written SQL aggregate of the same figures; the
import of 10,000 employees (BENCH_IMPORT_ROWS, 0 skips it); with the city and Debian's wrk, 200
concurrent clients against gunicorn for BENCH_LOAD_SECONDS (30; 0 skips it).
Marks: "!" where a target of issue 15 is missed (city ≤ 1.5 × demo, p95 ≤ 50 ms, ≤ 50 × bare,
≤ 20 × bare for the survey submission and kiosk sync, the same queries at both scales).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STRICT = {"survey submission", "kiosk sync"}


def _run(script: str, args: list[str], env: dict[str, str]) -> dict[str, Any] | None:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    result = subprocess.run(
        [sys.executable, str(HERE / script), *args, "--json", str(out)],
        cwd=HERE.parent,
        env=env,
        check=False,
    )
    try:
        return json.loads(out.read_text()) if result.returncode == 0 else None
    finally:
        out.unlink(missing_ok=True)


def collect(scales: list[str], import_rows: int) -> dict[str, Any]:
    report: dict[str, Any] = {"scales": {}}
    for scale in scales:
        env = dict(os.environ)
        if scale == "city":
            env["DATABASE_URL"] = os.environ.get(
                "BENCH_CITY_DATABASE_URL", os.environ.get("DATABASE_URL", "")
            )
        print(f"== bench_pages.py --scale {scale}", file=sys.stderr, flush=True)
        data = _run("bench_pages.py", ["--scale", scale], env)
        if data is None:
            print(f"bench_pages.py --scale {scale} failed", file=sys.stderr)
            continue
        report["scales"][scale] = data
    seconds = int(os.environ.get("BENCH_LOAD_SECONDS", "30"))
    if "city" in scales and seconds and shutil.which("wrk"):
        print(f"== load.py {seconds} (200 clients, gunicorn)", file=sys.stderr, flush=True)
        env = dict(os.environ)
        env["DATABASE_URL"] = os.environ.get(
            "BENCH_CITY_DATABASE_URL", os.environ.get("DATABASE_URL", "")
        )
        result = subprocess.run(
            [sys.executable, str(HERE / "load.py"), str(seconds)],
            cwd=HERE.parent,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        line = next((x for x in result.stdout.splitlines() if x.startswith("load:")), None)
        report["load"] = line or f"load.py failed: {result.stderr.strip()[-300:]}"
    if import_rows:
        print(f"== bench_import.py {import_rows}", file=sys.stderr, flush=True)
        report["import"] = _run("bench_import.py", [str(import_rows)], dict(os.environ))
    return report


def _fmt(value: Any, spec: str = ".1f") -> str:
    if value is None or value == "":
        return "-"
    return format(value, spec) if isinstance(value, int | float) else str(value)


def table(report: dict[str, Any]) -> str:
    scales = list(report["scales"])
    head = ["page", "as"]
    for scale in scales:
        head += [f"{scale} med ms", "p95", "q", "KB", "raw KB", "×bare"]
    if len(scales) == 2:
        head += [f"{scales[1]}/{scales[0]}"]
    rows: list[list[str]] = []
    by_scale = {s: {p["page"]: p for p in report["scales"][s]["pages"]} for s in scales}
    labels = list(by_scale[scales[0]]) if scales else []
    for label in labels:
        cells = [label, by_scale[scales[0]][label]["as"]]
        marks: list[str] = []
        limit = 20 if label in STRICT else 50
        for scale in scales:
            p = by_scale[scale].get(label)
            if p is None:
                cells += ["-"] * 6
                continue
            cells += [
                _fmt(p["median_ms"]),
                _fmt(p["p95_ms"]),
                str(p["queries"]),
                _fmt(p["bytes"] / 1024),
                _fmt(p.get("raw_bytes", p["bytes"]) / 1024),
                _fmt(p["x_bare"]),
            ]
            if label != "bare view" and (p["p95_ms"] > 50 or p["x_bare"] > limit):
                marks.append(scale)
            # First pages ≤ 150 KB transferred, htmx swaps ≤ 20 KB (as sent, gzipped).
            if p["bytes"] > (20 if label.startswith("htmx ") else 150) * 1024:
                cells[-3] += "!"
                marks.append(scale)
        if len(scales) == 2:
            a, b = by_scale[scales[0]].get(label), by_scale[scales[1]].get(label)
            if a and b:
                ratio = b["median_ms"] / a["median_ms"]
                cells.append(_fmt(ratio, ".2f") + ("!" if ratio > 1.5 else ""))
                if a["queries"] != b["queries"]:
                    cells[-1] += " q≠"
            else:
                cells.append("-")
        if marks:
            cells[0] += " !"
        rows.append(cells)
    heavy = {
        s: {h["name"].split(" of ")[0]: h for h in report["scales"][s].get("heavy", [])}
        for s in scales
    }
    for key in dict.fromkeys(k for s in scales for k in heavy[s]):
        cells = [key, "SQL floor →"]
        for scale in scales:
            h = heavy[scale].get(key)
            if h is None:
                cells += ["-"] * 6
                continue
            cells += [
                _fmt(h["median_ms"]),
                "",
                _fmt(h["sql_floor_ms"], ".2f"),
                h["note"],
                "",
                (_fmt(h["x_floor"]) + "×floor") if h["x_floor"] else "-",
            ]
        if len(scales) == 2:
            a, b = heavy[scales[0]].get(key), heavy[scales[1]].get(key)
            cells.append(_fmt(b["median_ms"] / a["median_ms"], ".2f") if a and b else "-")
        rows.append(cells)
    imported = report.get("import")
    if imported:
        for step in imported["steps"]:
            cells = [
                step["label"],
                f"{imported['rows']} rows",
                _fmt(step["seconds"] * 1000, ".0f"),
                "",
                str(step["queries"]),
                "",
                "",
            ]
            rows.append(cells + [""] * (len(head) - len(cells)))
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [
        "  ".join(
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in [head, *rows]
    ]
    sizes = ", ".join(f"{s}: {report['scales'][s]['size']}" for s in scales)
    load = [report["load"]] if report.get("load") else []
    return "\n".join([sizes, lines[0], "-" * len(lines[0]), *lines[1:], *load])


def main() -> int:
    parser = argparse.ArgumentParser()
    default = "demo,city" if os.environ.get("BENCH_CITY_DATABASE_URL") else "demo"
    parser.add_argument("--scale", default=default, help="demo, city or demo,city")
    parser.add_argument("--json", dest="json_file")
    args = parser.parse_args()
    scales = [s.strip() for s in args.scale.split(",") if s.strip()]
    report = collect(scales, int(os.environ.get("BENCH_IMPORT_ROWS", "10000")))
    if not report["scales"]:
        return 1
    if args.json_file:
        Path(args.json_file).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json_file).write_text(json.dumps(report, indent=1))
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
