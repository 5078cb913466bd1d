"""Test helpers for the create-form token (``sikap.accounts.formonce``)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.test import Client

from sikap.accounts.formonce import FIELD

_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
_ACTION = re.compile(r'action="([^"]*)"')
_TOKEN = re.compile(rf'name="{FIELD}" value="([0-9a-f]{{32}})"')


def token_on_page(client: Client, page: str, action: str) -> str:
    """The token of the form on ``page`` that posts to ``action`` (its own page when no action)."""
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    path = action.split("?")[0]
    for attrs, body in _FORM.findall(response.content.decode()):
        found = _ACTION.search(attrs)
        target = html.unescape(found.group(1)).split("?")[0] if found else ""
        token = _TOKEN.search(body)
        if token and (target == path or (not target and page.split("?")[0] == path)):
            return token.group(1)
    raise AssertionError(f"no form with a {FIELD} token posts to {action} on {page}")


@dataclass
class Submit:
    """One create form: who posts, where, what (a dict, or a function for fresh uploads), and
    the rows it creates; ``page`` is where the form is shown when that is another address."""

    client: Client
    url: str
    data: dict[str, Any] | Callable[[], dict[str, Any]]
    rows: QuerySet[Any]
    page: str | None = None

    def payload(self, token: str) -> dict[str, Any]:
        data = self.data() if callable(self.data) else dict(self.data)
        return {**data, FIELD: token}


def assert_created_once(submit: Submit) -> None:
    """The form's token posted twice creates its records once; the replay goes where the first went."""
    token = token_on_page(submit.client, submit.page or submit.url, submit.url)
    before = submit.rows.count()
    first = submit.client.post(submit.url, submit.payload(token))
    assert first.status_code == 302, first.content.decode()[:2000]
    created = submit.rows.count() - before
    assert created >= 1
    second = submit.client.post(submit.url, submit.payload(token))
    assert submit.rows.count() == before + created
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
