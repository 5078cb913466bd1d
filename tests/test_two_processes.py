"""Two gunicorn servers on one database behave as one SIKAP: a session opened on one is valid on
the other, and a sign-out on the other ends it everywhere (sessions, lockouts and the task queue
live in the database; rate-limit counters in the shared cache); a change to the org chart made
by a third process reaches the scopes both servers keep, at once.

Runs real processes against a throw-away SQLite file (WAL), or against PostgreSQL when
``TWO_PROCESS_DATABASE_URL`` names a scratch database.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "dua-server-Plaju-2026"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped"
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/masuk/", timeout=5).close()
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"no server on port {port}")


# The environment of the running servers, for a third process that changes the data.
servers_env: dict[str, str] = {}


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[tuple[int, int]]:
    env = {
        # Not the test settings' own: the servers run as in production, with the file cache
        # that processes share and the scope kept in it.
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PYTEST", "DJANGO", "SIKAP_TESTING"))
            and k not in ("SCOPE_CACHE_SECONDS", "SNAPSHOT_SECONDS", "REDIS_URL")
        },
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": os.environ.get(
            "TWO_PROCESS_DATABASE_URL", f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        ),
        "SIKAP_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "two-processes-share-one-secret-key-for-their-sessions",
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from sikap.accounts.models import User; "
            f"User.objects.create_user('dua', password='{PASSWORD}')",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from sikap.org.testing import make_employee, make_position, make_unit; "
            "kecamatan = make_unit('Kecamatan Dua', 'kecamatan'); "
            "post = make_position(kecamatan, 'Sekretaris Camat', jenis='ADMINISTRATOR'); "
            "employee = make_employee(post, 'Dua Server', username='kepala'); "
            f"employee.user.set_password('{PASSWORD}'); employee.user.save()",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    ports = (_free_port(), _free_port())
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            _wait(port, process)
        servers_env.update(env)
        yield ports
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


TOKEN = re.compile(r'(?:name="csrfmiddlewaretoken" value="|"X-CSRFToken": ?")([^"]+)"')


def _post(
    opener: urllib.request.OpenerDirector, url: str, data: dict[str, str], *, token_from: str = ""
) -> str:
    page = opener.open(token_from or url, timeout=30).read().decode()
    token = TOKEN.search(page)
    assert token, url
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token.group(1)}).encode()
    request = urllib.request.Request(url, body, headers={"Referer": url})  # noqa: S310
    return str(opener.open(request, timeout=30).geturl())


def test_a_session_opened_on_one_server_is_valid_on_the_other(servers: tuple[int, int]) -> None:
    first, second = (f"http://127.0.0.1:{port}" for port in servers)
    browser = _opener()
    landed = _post(browser, f"{first}/masuk/", {"username": "dua", "password": PASSWORD})
    assert "/masuk/" not in landed
    # The other process knows the session: a page for signed-in users opens without a new login.
    page = browser.open(f"{second}/skp/", timeout=30)
    assert "/masuk/" not in page.geturl()
    # Signing out on the second server ends the session on the first one too.
    _post(browser, f"{second}/keluar/", {}, token_from=f"{second}/skp/")
    after = browser.open(f"{first}/skp/", timeout=30)
    assert "/masuk/" in after.geturl()


def _head(value: bool) -> None:
    """From a third process: make the Sekretaris Camat post the unit's head post, or not."""
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from sikap.org.models import Position; "
            f"Position.objects.filter(name='Sekretaris Camat').update(is_unit_head={value})",
        ],
        cwd=ROOT,
        env=servers_env,
        check=True,
    )


def _status(opener: urllib.request.OpenerDirector, url: str) -> int:
    try:
        return int(opener.open(url, timeout=30).status)
    except urllib.error.HTTPError as error:
        return error.code


def test_a_change_to_the_org_chart_reaches_the_scopes_both_servers_keep(
    servers: tuple[int, int],
) -> None:
    first, second = (f"http://127.0.0.1:{port}" for port in servers)
    browser = _opener()
    _post(browser, f"{first}/masuk/", {"username": "kepala", "password": PASSWORD})
    # Both servers work out the scope of a pegawai and keep it: no engagement page for them.
    assert _status(browser, f"{first}/keterlibatan/") == 403
    assert _status(browser, f"{second}/keterlibatan/") == 403
    _head(True)  # now they head the kecamatan: both servers know it on the next request
    assert _status(browser, f"{second}/keterlibatan/") == 200
    assert _status(browser, f"{first}/keterlibatan/") == 200
    _head(False)
    assert _status(browser, f"{first}/keterlibatan/") == 403
    assert _status(browser, f"{second}/keterlibatan/") == 403
