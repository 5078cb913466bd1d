"""Abuse control on the public survey without tracking people.

The client address is only ever used as a salted hash that changes every day, and it lives only
in the cache (never in the database): enough to rate-limit and to notice a form sent twice.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from sikap.lib import ratelimit
from sikap.lib.clientip import client_ip

FORM_LIMIT = (10, 60 * 60)  # submissions per hour from one address on the public form
KIOSK_LIMIT = (240, 60 * 60)  # a counter tablet sends many, and its queue in bursts
DUPLICATE_WINDOW = 10 * 60


def ip_hash(request: HttpRequest) -> str:
    """A daily-salted hash of the client address; the address itself is not kept."""
    # Behind a reverse proxy, TRUSTED_PROXY_COUNT makes this the citizen's address, not the proxy's.
    address = client_ip(request)
    salt = f"{settings.SECRET_KEY}:{timezone.localdate().isoformat()}"
    return hashlib.sha256(f"{salt}:{address}".encode()).hexdigest()[:32]


def over_limit(bucket: str, client: str, limit: tuple[int, int]) -> bool:
    """Count one more request in the window; True when the limit is passed."""
    count, window = limit
    return ratelimit.hit(f"surveys:rate:{bucket}:{client}", limit=count, window=window)


def seen_recently(client: str, payload: dict[str, Any]) -> bool:
    """True when the same address sent exactly these answers in the last minutes."""
    digest = hashlib.sha256(
        f"{client}:{json.dumps(payload, sort_keys=True, default=str)}".encode()
    ).hexdigest()
    return not cache.add(f"surveys:dup:{digest}", 1, DUPLICATE_WINDOW)
