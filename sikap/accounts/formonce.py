"""Replay guard for forms that create records: a double submit makes one record.

A create form renders a fresh one-time token as a hidden field (``{% form_once %}`` from the
``ui`` tag library). Its view is decorated with :func:`guard`, which runs the view in one
transaction that first inserts the token into ``FormSubmission`` (unique). So:

- the claim and the write commit or roll back together: a view that does not redirect (a
  validation error, also one raised by the service after the claim), or that calls
  :func:`refused` before redirecting with its error message, rolls the claim back and the token
  is free again for the corrected form;
- a second request with the same token (double tap, re-submit, back + submit) fails to insert:
  it writes nothing and is redirected where the first went, with the message "This form was
  already sent". On PostgreSQL a concurrent second insert waits for the first transaction and
  then fails (or succeeds, if the first rolled back); SQLite's single writer serialises them;
  several app servers share the table;
- a POST without a token (a page opened before the guard existed) is handled as before, once
  per submit: nobody loses what they typed on an old page;
- claimed tokens are deleted after ``FORM_ONCE_DAYS`` by ``manage.py purge_form_submissions``.

The guard lives in accounts, the lowest app that may own a model (``sikap.lib`` has none).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.models import FormSubmission

FIELD = "form_once"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")

View = Callable[..., HttpResponse]


def new_token() -> str:
    """A fresh token for one rendering of a create form."""
    return uuid.uuid4().hex


def _location(response: HttpResponse) -> str | None:
    """Where a successful create sent the browser; None when the view did not succeed."""
    if isinstance(response, HttpResponseRedirect) or response.status_code in (301, 302, 303):
        return str(response["Location"])
    return response.headers.get("HX-Redirect")


def refused(request: HttpRequest) -> None:
    """Mark a guarded view's request as not done (for views that redirect after an error too)."""
    request._form_once_refused = True  # type: ignore[attr-defined]


def _replay(request: HttpRequest, token: str) -> HttpResponse:
    first = FormSubmission.objects.filter(token=token).first()
    messages.info(request, _("This form was already sent."))
    return HttpResponseRedirect(first.location if first and first.location else request.path)


def guard(view: View) -> View:
    """Run a create view's POST at most once per form token (see the module docstring)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not _TOKEN.match(token):
            return view(request, *args, **kwargs)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = FormSubmission.objects.create(token=token)
            except IntegrityError:
                return _replay(request, token)
            response = view(request, *args, **kwargs)
            location = _location(response)
            if location is None or getattr(request, "_form_once_refused", False):
                transaction.set_rollback(True)
            else:
                claim.location = location[:500]
                claim.save(update_fields=["location"])
            return response

    wrapper.form_once = True  # type: ignore[attr-defined]  # copied up by the outer decorators
    return wrapper


def purge(*, now: dt.datetime | None = None) -> int:
    """Delete the tokens claimed more than ``FORM_ONCE_DAYS`` ago; return how many."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.FORM_ONCE_DAYS)
    deleted, _per_model = FormSubmission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
