"""SIKAP compresses its own pages, so that a phone on a weak connection gets them small even
where no proxy compresses (a kecamatan's server behind a bare gunicorn).

Static files are compressed ahead by whitenoise, which answers them before this middleware.
Here only text answers are compressed (HTML pages and htmx swaps, JSON of the API, CSV): PDF,
spreadsheets, images and uploaded files are compressed formats already, and streaming them
through gzip would only cost the server CPU and drop their ``Content-Length``.

Django's ``GZipMiddleware`` does the work, with its mitigation of BREACH (random bytes in the
gzip header of every answer, "Heal the Breach"); the CSRF token is also masked per request.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/xml")


def is_compressible(content_type: str) -> bool:
    """Whether an answer of this ``Content-Type`` gains from gzip (text, JSON, XML)."""
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind.startswith(COMPRESSIBLE) or kind.endswith(("+json", "+xml"))


class TextGZipMiddleware(GZipMiddleware):
    """``GZipMiddleware`` for text answers only."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not is_compressible(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
