"""Automatic accessibility checks (axe-core, WCAG 2 A/AA) on the main pages of every app."""

from __future__ import annotations

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

CHECK = (
    "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
    ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"
)
SKIP = re.compile(
    r"/(keluar|admin|api|static|i18n)/|pdf|excel|xlsx|csv|json|/bukti/|berkas|sertifikat|contoh=|unduh|ekspor|export"
)
PER_PERSONA = 25


def _crawl(page, start: str) -> list[str]:
    seen: list[str] = []
    queue = [start]
    while queue and len(seen) < PER_PERSONA:
        url = queue.pop(0)
        if url in seen or SKIP.search(url):
            continue
        response = page.goto(page.base_url + url)
        if (
            response is None
            or response.status != 200
            or "text/html" not in response.headers.get("content-type", "")
        ):
            seen.append(url)
            continue
        seen.append(url)
        for href in page.eval_on_selector_all(
            "a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
        ):
            path = href.split("#")[0]
            # One page per URL shape is enough: /skp/12/ and /skp/13/ look the same.
            shape = re.sub(r"\d+", "N", path)
            if path and all(re.sub(r"\d+", "N", s) != shape for s in seen + queue):
                queue.append(path)
    return seen


def test_main_pages_have_no_automatic_accessibility_violations(live_page):
    call_command("load_demo", stdout=io.StringIO(), quiet_logins=True)
    page = live_page
    problems: dict[str, list[str]] = {}
    for username in ("", "pegawai", "penilai", "camat", "kepegawaian"):
        page.context.clear_cookies()
        if username:  # "" is a citizen, without an account
            page.goto(page.base_url + "/masuk/")
            page.fill("#id_username", username)
            page.fill("#id_password", settings.SIKAP_DEMO_PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state()
        for url in _crawl(page, "/"):
            if SKIP.search(url):
                continue
            response = page.goto(page.base_url + url)
            if (
                response is None
                or response.status != 200
                or "text/html" not in response.headers.get("content-type", "")
            ):
                continue
            page.add_script_tag(url="/static/vendor/axe/axe.min.js")  # a file of our origin: CSP
            violations = page.evaluate(CHECK)
            if violations:
                problems[f"{username or 'citizen'} {url}"] = violations
    assert not problems, "\n".join(f"{page_}: {found}" for page_, found in problems.items())
