from __future__ import annotations

from django.test import RequestFactory

from sikap.lib.clientip import axes_client_ip, client_ip


def test_without_proxies_the_remote_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.5"


def test_behind_one_proxy_the_last_forwarded_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 36.68.1.2"
    )
    assert client_ip(request) == "36.68.1.2"


def test_a_missing_header_falls_back_to_the_remote_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="36.68.1.2")
    assert client_ip(request) == "127.0.0.1"
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="")) == "unknown"


def test_axes_gets_none_for_an_unknown_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert axes_client_ip(RequestFactory().get("/", REMOTE_ADDR="")) is None
    assert axes_client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.7")) == "10.0.0.7"
