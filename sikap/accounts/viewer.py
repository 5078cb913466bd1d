"""The signed-in user's scope (roles and reach) for the pages of accounts.

The scope is built from the organisation (``sikap.org.scope``), which sits above accounts: org
fills ``SCOPE`` in its ``AppConfig.ready`` (sikap/lib/hooks.py), so accounts' home page, menu,
outbox and two-step verification use it without importing org.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sikap.lib.hooks import Hook

SCOPE: Hook[Callable[[Any], Any]] = Hook("scope")


def scope_of(user: Any) -> Any:
    """The scope of ``user`` (``sikap.org.scope.get_scope``, cached for the request)."""
    (provider,) = SCOPE
    return provider(user)
