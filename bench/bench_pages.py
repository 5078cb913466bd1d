#!/usr/bin/env python
"""Time every core page as the persona who uses it: median and p95 server ms, queries, bytes.

    bench/bench_pages.py --scale demo [--json FILE]    a throw-away SQLite file with the demo
                                                       (BENCH_DEMO_DATABASE_URL: a PostgreSQL
                                                       database instead, loaded once)
    bench/bench_pages.py --scale city [--json FILE]    the database of DATABASE_URL, which must
                                                       hold the demo plus generate_synthetic

Each page is requested through Django's test client in this process, behind the whole
middleware stack, and compared with a bare view (a short ``HttpResponse`` behind the same
middleware, same process, same run). Nothing is asserted: timing is never a test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
RUN_OFFSET = uuid.uuid4().int % (1 << 23)


def _prepare(scale: str, *, reuse: bool) -> bool:
    """Point Django at the bench database; True when the demo must be (re)built."""
    build = False
    if scale == "demo" and os.environ.get("BENCH_DEMO_DATABASE_URL"):
        # The demo on the city's database engine, so that the two scales compare like with
        # like: a PostgreSQL database of its own (load_demo skips what is already there).
        os.environ["DATABASE_URL"] = os.environ["BENCH_DEMO_DATABASE_URL"]
        build = True
    elif scale == "demo":
        bench_dir = ROOT / "var" / "bench"
        bench_dir.mkdir(parents=True, exist_ok=True)
        db = bench_dir / "pages.sqlite3"
        build = not (reuse and db.exists())
        if build:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    elif not os.environ.get("DATABASE_URL"):
        sys.exit("--scale city needs DATABASE_URL (PostgreSQL) holding the city data")
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
    return build


def pages() -> list[tuple[str, str, str, str, dict[str, Any] | None]]:
    """(label, persona, method, url, data) for every core page, found in the demo data."""
    from django.urls import reverse

    from sikap.cycle.models import Period
    from sikap.development.models import TrainingEvent
    from sikap.evaluation.models import Evaluation
    from sikap.org.models import Employee, Unit
    from sikap.planning.models import Plan
    from sikap.surveys.models import SurveySettings
    from sikap.surveys.periods import periods_of

    kec = Unit.objects.get(bps_code="1671031")
    kel = Unit.objects.get(bps_code="1671031006")
    pegawai = Employee.objects.get(user__username="pegawai")
    plan = Plan.objects.filter(employee=pegawai, is_current=True).first()
    assert plan is not None
    period = (
        Period.objects.filter(appraisal_year=plan.appraisal_year_id).order_by("start_date").first()
    )
    evaluation = Evaluation.objects.filter(employee=pegawai).order_by("-pk").first()
    kiosk = SurveySettings.objects.filter(unit=kel).exclude(kiosk_key="").first()
    event = TrainingEvent.objects.order_by("pk").first()
    today_year = plan.appraisal_year.year
    ikm_year = next(p.key for p in periods_of(today_year) if len(p.key) == 4)
    rows: list[tuple[str, str, str, str, dict[str, Any] | None]] = [
        (f"home {who}", who, "GET", reverse("accounts:home"), None)
        for who in ("pegawai", "penilai", "lurah", "camat", "kepegawaian", "auditor")
    ]
    rows += [
        ("org tree", "kepegawaian", "GET", reverse("org:tree"), None),
        ("unit page kecamatan", "camat", "GET", reverse("org:unit", args=[kec.pk]), None),
        (
            "employee profile",
            "kepegawaian",
            "GET",
            reverse("org:employee", args=[pegawai.pk]),
            None,
        ),
        ("my SKP", "pegawai", "GET", reverse("planning:mine"), None),
        ("SKP detail", "pegawai", "GET", reverse("planning:plan", args=[plan.pk]), None),
        ("team page penilai", "penilai", "GET", reverse("planning:team"), None),
        ("team page camat", "camat", "GET", reverse("planning:team"), None),
        ("unit SKP kelurahan", "lurah", "GET", reverse("planning:unit_plans", args=[kel.pk]), None),
        ("cascade kelurahan", "lurah", "GET", reverse("planning:cascade", args=[kel.pk]), None),
        ("evaluation index", "penilai", "GET", reverse("evaluation:index"), None),
    ]
    if period is not None:
        rows.append(
            (
                "evaluation form",
                "penilai",
                "GET",
                reverse("evaluation:evaluate", args=[plan.pk, period.pk]),
                None,
            )
        )
        rows.append(
            (
                "calibration kelurahan",
                "lurah",
                "GET",
                reverse("evaluation:calibration", args=[kel.pk, period.pk]),
                None,
            )
        )
    if evaluation is not None:
        rows.append(
            (
                "evaluation detail",
                "penilai",
                "GET",
                reverse("evaluation:detail", args=[evaluation.pk]),
                None,
            )
        )
    rows += [
        ("curve calculator", "penilai", "GET", reverse("evaluation:calculator"), None),
        (
            "IKM report kecamatan-year",
            "camat",
            "GET",
            reverse("surveys:report", args=[kec.pk]) + f"?periode={ikm_year}",
            None,
        ),
        ("IKM reports list", "kepegawaian", "GET", reverse("surveys:reports"), None),
        ("public IKM page", "", "GET", reverse("surveys:public", args=[kel.pk]), None),
        ("complaint inbox", "lurah", "GET", reverse("complaints:inbox"), None),
        ("complaint metrics", "camat", "GET", reverse("complaints:report"), None),
        ("engagement kecamatan", "camat", "GET", reverse("dashboards:engagement"), None),
        ("my development", "pegawai", "GET", reverse("development:mine"), None),
        ("development team", "penilai", "GET", reverse("development:team"), None),
        ("training events", "kepegawaian", "GET", reverse("development:events"), None),
        ("JP recap", "kepegawaian", "GET", reverse("development:recap"), None),
        ("survey form", "", "GET", reverse("surveys:survey_unit", args=[kel.pk]), None),
        (
            "survey submission",
            "",
            "POST",
            reverse("surveys:survey_unit", args=[kel.pk]),
            {f"u{i}": "4" for i in range(1, 10)},
        ),
        ("API me", "pegawai", "GET", "/api/org/me", None),
        ("API unit employees", "lurah", "GET", f"/api/org/units/{kel.pk}/employees", None),
        ("API employee SKP", "penilai", "GET", f"/api/planning/employees/{pegawai.pk}/skp", None),
        ("API JP recap", "kepegawaian", "GET", "/api/development/recap", None),
        ("API complaints of unit", "lurah", "GET", f"/api/complaints/units/{kel.pk}", None),
    ]
    rows += swaps(kec, kel)
    if event is not None:
        rows.append(
            (
                "training event",
                "kepegawaian",
                "GET",
                reverse("development:event", args=[event.pk]),
                None,
            )
        )
    if kiosk is not None:
        rows.append(
            (
                "kiosk sync",
                "",
                "KIOSK",
                reverse("surveys:kiosk_submit", args=[kiosk.kiosk_key]),
                None,
            )
        )
    return rows


def swaps(kec: Any, kel: Any) -> list[tuple[str, str, str, str, dict[str, Any] | None]]:
    """The htmx requests of the core pages (target: each answer ≤ 20 KB), as their users send
    them: the request carries ``HX-Request`` and the answer is what is swapped in."""
    from django.urls import reverse

    from sikap.development.models import TrainingEvent
    from sikap.planning.models import WorkResult

    # A branch the kelurahan's cascade shows folded: a result supporting one of the unit's
    # own, itself supported by others (a kasi's RHK with their staff's under it).
    branch = (
        WorkResult.objects.filter(
            plan__employee__unit__path__startswith=kel.path,
            plan__is_current=True,
            intervenes__plan__employee__unit__path__startswith=kel.path,
            supporters__isnull=False,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    event = TrainingEvent.objects.filter(unit__path__startswith=kec.path).order_by("pk").first()
    rows = [
        (
            "htmx unit people search",
            "camat",
            "HTMX",
            reverse("org:unit", args=[kec.pk]) + "?q=an",
            None,
        ),
        (
            "htmx complaint inbox filter",
            "lurah",
            "HTMX",
            reverse("complaints:inbox") + "?status=closed",
            None,
        ),
        (
            "htmx citizens' suggestions",
            "camat",
            "HTMX",
            reverse("surveys:suggestions", args=[kec.pk]) + "?q=pelayanan",
            None,
        ),
    ]
    if branch is not None:
        url = reverse("planning:cascade", args=[kel.pk]) + f"?cabang={branch}"
        rows.append(("htmx cascade branch", "lurah", "HTMX", url, None))
    if event is not None:
        url = reverse("development:event", args=[event.pk]) + "?tambah=1"
        rows.append(("htmx event add participants", "kepegawaian", "HTMX", url, None))
    return rows


def signed_in_client(who: str) -> Any:
    """A test client signed in as the persona ``who`` ("" for a citizen)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sikap.accounts.models import User
    from sikap.accounts.twofactor import requires_two_factor

    client = Client()
    if who:
        user = User.objects.get(username=who)
        client.force_login(user, backend="sikap.accounts.backends.NipOrUsernameBackend")
        if requires_two_factor(user):
            # HR, auditors and the Superadmin pass the second step first, as in real use;
            # without it every page of theirs is the redirect to it.
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


def _request(client: Any, method: str, url: str, data: dict[str, Any] | None, n: int) -> Any:
    # A fresh address per request and per run: the rate limits of citizens' forms live in the
    # cache, which outlives a run (a second run from the same addresses would be refused).
    n += RUN_OFFSET
    ip = f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"
    # As a browser asks, so that the time includes compressing the answer.
    client.defaults["HTTP_ACCEPT_ENCODING"] = "gzip, deflate, br"
    if method == "POST":
        return client.post(url, data or {}, REMOTE_ADDR=ip)
    if method == "KIOSK":
        from django.utils import timezone

        body = {
            "id": str(uuid.uuid4()),
            "answers": {f"U{i}": 4 for i in range(1, 10)},
            "answered_at": timezone.now().isoformat(),
        }
        return client.post(url, json.dumps(body), content_type="application/json", REMOTE_ADDR=ip)
    if method == "HTMX":
        return client.get(url, REMOTE_ADDR=ip, headers={"HX-Request": "true"})
    return client.get(url, REMOTE_ADDR=ip)


def measure(client: Any, method: str, url: str, data: dict[str, Any] | None) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = _request(client, method, url, data, 0)
    expected = 302 if method == "POST" else 200
    if response.status_code != expected:
        print(f"  {url} answered {response.status_code}", file=sys.stderr)
    timings = []
    for n in range(1, REPEAT + 1):
        begin = time.perf_counter()
        response = _request(client, method, url, data, n)
        timings.append((time.perf_counter() - begin) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = _request(client, method, url, data, REPEAT + 1)
    sent = b"".join(response) if response.streaming else response.content
    body = gzip.decompress(sent) if response.get("Content-Encoding") == "gzip" else sent
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.95))], 2),
        "queries": len(queries),
        # What left the server (SIKAP gzips its text answers, config/compression.py), and the
        # answer before compression.
        "bytes": len(sent),
        "raw_bytes": len(body),
        "status": response.status_code,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=["demo", "city"], default="demo")
    parser.add_argument("--json", dest="json_file")
    parser.add_argument("--only", help="substring of the page labels to run")
    parser.add_argument("--reuse", action="store_true", help="keep the demo database of a last run")
    args = parser.parse_args()
    build = _prepare(args.scale, reuse=args.reuse)
    import django

    django.setup()
    import heavy
    from django.core.management import call_command
    from django.db import connection

    from sikap.org.models import Employee

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if build:
        call_command("load_demo", quiet_logins=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    size = {"employees": Employee.objects.count(), "vendor": connection.vendor}
    print(f"{args.scale}: {size} ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    clients: dict[str, Any] = {}

    def client_for(who: str) -> Any:
        if who not in clients:
            clients[who] = signed_in_client(who)
        return clients[who]

    results = []
    bare = measure(client_for("pegawai"), "GET", "/__bench__/bare/", None)
    results.append({"page": "bare view", "as": "pegawai", **bare, "x_bare": 1.0})
    for label, who, method, url, data in pages():
        if args.only and args.only not in label:
            continue
        row = measure(client_for(who), method, url, data)
        row["x_bare"] = round(row["median_ms"] / bare["median_ms"], 1)
        results.append({"page": label, "as": who or "anonymous", **row})
        print(f"  {label:<28}{row['median_ms']:>9.1f} ms {row['queries']:>4} q", file=sys.stderr)
    heavy_rows = [] if args.only else heavy.run(client_for)
    payload = {
        "scale": args.scale,
        "size": size,
        "repeat": REPEAT,
        "pages": results,
        "heavy": heavy_rows,
    }
    if args.json_file:
        Path(args.json_file).write_text(json.dumps(payload, indent=1))
    else:
        print(json.dumps(payload, indent=1))


if __name__ == "__main__":
    main()
