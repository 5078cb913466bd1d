"""The language a user reads what SIKAP writes to them later (notifications, their e-mails)."""

from __future__ import annotations

from typing import Any

from django.conf import settings


def language_of(user: Any) -> str:
    """The recipient's language for text written outside their request.

    SIKAP stores no language per user: the switch in the header sets a cookie of the browser
    (``config/locale.py``), which a notice written during someone else's request or a nightly
    job cannot read. So every recipient gets the instance's language (``LANGUAGE_CODE``).
    """
    return settings.LANGUAGE_CODE
