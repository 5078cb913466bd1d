#!/usr/bin/env python
"""A bounded load scenario: 200 concurrent clients for at most 60 s on loopback, with wrk.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sikap_synth .venv/bin/python bench/load.py [SECONDS]

Needs Debian's ``wrk`` (``apt-get install wrk``) and a database with the synthetic city
(``manage.py generate_synthetic --scale city``). Starts gunicorn as in production (DEBUG off,
3 workers for 2 CPUs, persistent DB connections) on 127.0.0.1, signs in 50 employees by
creating their sessions directly, then lets
wrk's clients request, in turn, the survey form of a unit, the kiosk page of a unit and the home
page of a signed-in employee. Prints requests/s, errors and latency percentiles; stops by itself.
The kiosk's POST sync is rate limited per address (240 an hour), so from one loopback address it
is not part of the mix.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("LOAD_PORT", "8765"))
CLIENTS = 200
LUA = """
paths = {%s}
cookies = {%s}
counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  local headers = {}
  headers["Accept-Encoding"] = "gzip"
  if string.sub(path, 1, 2) == "S:" then
    path = string.sub(path, 3)
    headers["Cookie"] = "sessionid=" .. cookies[(counter %% #cookies) + 1]
  end
  return wrk.format("GET", path, headers)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%%d errors=%%d non2xx=%%d p50=%%.1f p90=%%.1f p99=%%.1f max=%%.1f\\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.errors.status, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def _setup() -> tuple[list[str], list[str]]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from sikap.org.models import Employee
    from sikap.surveys.models import SurveySettings

    settings = list(SurveySettings.objects.select_related("unit").order_by("pk")[:40])
    paths = [f"/survei/unit/{s.unit_id}/" for s in settings]
    paths += [f"/survei/kios/{s.kiosk_key}/" for s in settings]
    cookies = []
    for employee in (
        Employee.objects.filter(user__isnull=False, is_active=True)
        .select_related("user")
        .order_by("pk")[:50]
    ):
        store = SessionStore()
        store[SESSION_KEY] = str(employee.user.pk)
        store[BACKEND_SESSION_KEY] = "sikap.accounts.backends.NipOrUsernameBackend"
        store[HASH_SESSION_KEY] = employee.user.get_session_auth_hash()
        store.create()
        cookies.append(store.session_key)
    paths += ["S:/"] * 40
    return paths, cookies


def _production_env() -> dict[str, str]:
    """The server runs as in production (DEBUG off, hashed and compressed static files from
    whitenoise, persistent connections), plain HTTP on loopback; static files are collected
    into a throw-away SIKAP_VAR_DIR."""
    var_dir = tempfile.mkdtemp(prefix="sikap-load-")
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(
        {
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{PORT}",
            "SECURE_SSL_REDIRECT": "0",
            "SIKAP_VAR_DIR": var_dir,
            "DB_CONN_MAX_AGE": os.environ.get("DB_CONN_MAX_AGE", "60"),
        }
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return env


def main() -> int:
    seconds = min(60, int(sys.argv[1]) if len(sys.argv) > 1 else 30)
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk")
        return 2
    paths, cookies = _setup()
    env = _production_env()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "3",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/survei/publik/", timeout=2)
                break
            except Exception:
                time.sleep(0.5)
        script = LUA % (", ".join(f'"{p}"' for p in paths), ", ".join(f'"{c}"' for c in cookies))
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
            handle.write(script)
        result = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{CLIENTS}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                handle.name,
                f"http://127.0.0.1:{PORT}",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 30,
            check=False,
        )
        print(result.stdout)
        match = re.search(r"RESULT (.*)", result.stdout)
        if match:
            figures = dict(pair.split("=") for pair in match.group(1).split())
            print(
                f"load: {CLIENTS} clients, {seconds} s: {int(figures['requests']) / seconds:.1f} req/s, "
                f"errors {figures['errors']}, non-2xx {figures['non2xx']}, p50 {figures['p50']} ms, "
                f"p90 {figures['p90']} ms, p99 {figures['p99']} ms"
            )
        return 0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(env["SIKAP_VAR_DIR"], ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
