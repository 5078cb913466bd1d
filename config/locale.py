"""The interface language: Indonesian for everyone until they choose English.

Django's ``LocaleMiddleware`` falls back to the browser's ``Accept-Language``, so a phone set to
English got an English landing page although SIKAP is an Indonesian public service. Here only
an explicit choice counts: the language cookie written by ``set_language`` (the switch in the
header); otherwise ``LANGUAGE_CODE``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def chosen_language(request: HttpRequest) -> str:
    """The language the visitor chose with the switch, else the default (Indonesian)."""
    wanted = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if wanted:
        try:
            return translation.get_supported_language_variant(wanted)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware(LocaleMiddleware):
    """``LocaleMiddleware`` without the ``Accept-Language`` fallback (no i18n URL prefixes)."""

    def process_request(self, request: HttpRequest) -> None:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
