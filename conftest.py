"""Shared pytest fixtures: personas, an htmx client, and the browser (Playwright on Debian's Chromium)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API runs an event loop

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).exists()
E2E_REQUIRED = os.environ.get("E2E_REQUIRED") == "1"
ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    for item in items:
        if "page" in getattr(item, "fixturenames", ()) or "live_page" in getattr(
            item, "fixturenames", ()
        ):
            item.add_marker(pytest.mark.e2e)
    if HAVE_CHROMIUM:
        return
    if E2E_REQUIRED:
        raise pytest.UsageError(f"E2E_REQUIRED=1 but Chromium was not found at {CHROMIUM}")
    skip = pytest.mark.skip(reason="Chromium not found; browser tests skipped")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}


@pytest.fixture
def live_page(page: Any, live_server: Any) -> Any:
    """A page that may only talk to the live server: any other request fails the test."""
    leaks: list[str] = []
    origin = live_server.url

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(origin) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            leaks.append(url)
            route.abort()

    # Anything the Content-Security-Policy blocks (an inline script or handler) fails the test.
    blocked: list[str] = []

    def watch(message: Any) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    # Any script that fails to parse or throws (a broken merge of app.js) fails the test too.
    errors: list[str] = []
    page.context.route("**/*", guard)
    page.on("console", watch)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(15_000)
    page.base_url = origin
    yield page
    assert not leaks, f"requests left the live server: {leaks}"
    assert not blocked, f"the Content-Security-Policy blocked: {blocked}"
    assert not errors, f"JavaScript errors on the page: {errors}"


def screenshot(page: Any, name: str) -> None:
    """Save a screenshot under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def personas(db: Any) -> Any:
    from sikap.org.testing import make_personas

    return make_personas()


@pytest.fixture
def login(client: Any) -> Any:
    """Log the Django test client in as a persona's user: ``login(personas.user("camat"))``."""

    def _login(user: Any) -> Any:
        client.force_login(user, backend="sikap.accounts.backends.NipOrUsernameBackend")
        return client

    return _login


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Every test starts in the default language (Bahasa Indonesia), whatever the one before it
    activated (a request in English leaves English active in the thread)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Every test starts with an empty cache: what one test kept (rate-limit counters, snapshots
    of figures) must not answer for the rows of the next, which may reuse the same ids."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def wait_until(page: Any, expression: str, timeout: float = 15.0) -> None:
    """Poll a JavaScript expression until it is truthy.

    Playwright's ``wait_for_function`` evaluates its string with ``eval`` inside the page,
    which the Content-Security-Policy forbids; ``page.evaluate`` runs through the DevTools
    protocol and is not subject to it.
    """
    import time

    deadline = time.monotonic() + timeout
    while True:
        if page.evaluate(expression):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(100)
