#!/usr/bin/env python
"""Time the main pages on the Plaju demo data: median milliseconds and queries per page.

Builds a throw-away SQLite database under var/bench/, loads the demo office, then requests each
page several times as the persona who would use it.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
BENCH_DIR.mkdir(parents=True, exist_ok=True)
DB = BENCH_DIR / "pages.sqlite3"
if DB.exists():
    DB.unlink()
os.environ.update(
    {"DEBUG": "1", "DATABASE_URL": f"sqlite:///{DB}", "DJANGO_SETTINGS_MODULE": "config.settings"}
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

REPEAT = 15


def main() -> None:
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", quiet_logins=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"demo data loaded in {time.perf_counter() - started:.1f} s")
    from sikap.accounts.models import User
    from sikap.org.models import Employee, Unit
    from sikap.planning.models import Plan

    kec = Unit.objects.get(bps_code="1671031")
    kel = Unit.objects.get(bps_code="1671031006")
    pegawai = Employee.objects.get(user__username="pegawai")
    pages = [
        ("camat", "home", reverse("accounts:home")),
        ("pegawai", "home", reverse("accounts:home")),
        ("camat", "org tree", reverse("org:tree")),
        ("camat", "unit kecamatan", reverse("org:unit", args=[kec.pk])),
        ("lurah", "unit kelurahan", reverse("org:unit", args=[kel.pk])),
        ("kepegawaian", "employee profile", reverse("org:employee", args=[pegawai.pk])),
        (
            "pegawai",
            "SKP detail",
            reverse(
                "planning:plan",
                args=[Plan.objects.filter(employee=pegawai, is_current=True).first().pk],
            ),
        ),
        ("camat", "team (SKP)", reverse("planning:team")),
        ("camat", "unit SKP kecamatan", reverse("planning:unit_plans", args=[kec.pk])),
        ("camat", "cascade kecamatan", reverse("planning:cascade", args=[kec.pk])),
        ("camat", "evaluation index", reverse("evaluation:index")),
        ("lurah", "IKM report kelurahan", reverse("surveys:report", args=[kel.pk])),
        ("lurah", "complaints inbox", reverse("complaints:inbox")),
        ("camat", "engagement kecamatan", reverse("dashboards:engagement")),
        ("pegawai", "my development", reverse("development:mine")),
    ]
    print(f"{'page':<22}{'as':<14}{'median ms':>10}{'p90 ms':>9}{'queries':>9}")
    for username, label, url in pages:
        client = Client()
        client.force_login(
            User.objects.get(username=username),
            backend="sikap.accounts.backends.NipOrUsernameBackend",
        )
        client.get(url)
        timings = []
        for _ in range(REPEAT):
            reset_queries()
            begin = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        p90 = sorted(timings)[int(len(timings) * 0.9) - 1]
        print(
            f"{label:<22}{username:<14}{statistics.median(timings):>10.1f}{p90:>9.1f}{len(queries):>9}"
        )


if __name__ == "__main__":
    main()
