"""Deploy checks of settings that only the operator can get right."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def site_url_is_configured(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """E-mail links must point to the address people use, not to a developer's machine."""
    parts = urlsplit(settings.SITE_URL or "")
    if parts.scheme in ("http", "https") and parts.hostname not in (
        None,
        "127.0.0.1",
        "localhost",
        "::1",
    ):
        return []
    return [
        Warning(
            "SITE_URL is not set to the public address of SIKAP.",
            hint="Set SITE_URL, e.g. https://sikap.palembang.go.id; e-mail links are built from it.",
            id="sikap.W001",
        )
    ]
