"""Services of the register and the survey: the rules that views, kiosk and import share."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from sikap.surveys import access, services
from sikap.surveys.abuse import ip_hash, over_limit
from sikap.surveys.models import Channel, SurveyResponse
from sikap.surveys.paper import ParsedTable, parse_rows
from sikap.surveys.periods import parse_period
from sikap.surveys.testing import make_record, make_service_type


def _submit(unit, **kwargs):
    kwargs.setdefault("answers", {"U1": 3})
    return services.submit_response(unit=unit, channel=Channel.LINK, **kwargs)


def test_a_receipt_is_answered_once(personas, domisili):
    record = make_record(personas.kelurahan, domisili, [personas.pegawai])
    response, created = _submit(personas.kelurahan, service_record=record)
    assert created and response.service_type == domisili
    with pytest.raises(ValidationError):
        _submit(personas.kelurahan, service_record=record)
    with pytest.raises(ValidationError):
        _submit(personas.kelurahan, service_record=record, idempotency_key=uuid.uuid4())
    assert SurveyResponse.objects.count() == 1


def test_a_repeated_key_returns_the_first_response(personas):
    key = uuid.uuid4()
    first, created = _submit(personas.kelurahan, idempotency_key=key)
    again, created_again = _submit(personas.kelurahan, idempotency_key=key)
    assert (created, created_again, again.pk) == (True, False, first.pk)


def test_answers_and_units_are_checked(personas, domisili):
    record = make_record(personas.kelurahan, domisili, [personas.pegawai])
    other = make_service_type(personas.kecamatan, "Legalisasi SKTM")
    for kwargs in (
        {"answers": {"U1": 5}},
        {"answers": {"U2": True}},
        {"answers": {"U1": None}},
        {"service_record": record, "unit": personas.kecamatan},
        {"service_type": other},
    ):
        unit = kwargs.pop("unit", personas.kelurahan)
        with pytest.raises(ValidationError):
            _submit(unit, **kwargs)
    assert not SurveyResponse.objects.exists()


def test_an_invalid_table_is_never_imported(personas):
    table = parse_rows([["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"], ["9"] * 9])
    with pytest.raises(ValidationError):
        services.import_paper(
            unit=personas.kelurahan,
            table=table,
            filename="x.csv",
            submitted_on=dt.date(2026, 1, 1),
            by=personas.user("hr"),
        )
    with pytest.raises(ValidationError):
        services.import_paper(
            unit=personas.kelurahan,
            table=ParsedTable(),
            filename="x.csv",
            submitted_on=dt.date(2026, 1, 1),
            by=personas.user("hr"),
        )


def test_a_follow_up_needs_an_action_and_known_unsur(personas):
    period = parse_period("2026-S1", today=dt.date(2026, 8, 1))
    for kwargs in (
        {"action": " ", "unsur": ["U3"]},
        {"action": "x", "unsur": ["U10"]},
        {"action": "x", "unsur": []},
    ):
        with pytest.raises(ValidationError):
            services.save_follow_up(
                unit=personas.kelurahan, period=period, by=personas.lurah.user, **kwargs
            )
    plan = services.save_follow_up(
        unit=personas.kelurahan,
        period=period,
        by=personas.lurah.user,
        unsur=["U3", "U9"],
        action="Tambah loket",
    )
    again = services.save_follow_up(
        unit=personas.kelurahan,
        period=period,
        by=personas.lurah.user,
        unsur=["U3"],
        action="Tambah loket dan kursi",
    )
    assert again.pk == plan.pk and again.unsur == "U3"


def test_parse_period_falls_back_to_the_current_year():
    today = dt.date(2026, 5, 1)
    assert parse_period("abcd", today=today).key == "2026"
    assert parse_period("2026-X9", today=today).key == "2026"
    assert parse_period("2026-T4", today=today).end == dt.date(2026, 12, 31)
    assert parse_period("2025-T1", today=today).end == dt.date(2025, 3, 31)


def test_the_superadmin_reads_every_service_unit(personas):
    units = access.service_units_visible_to(personas.user("superadmin"))
    assert set(units) >= {personas.kecamatan, personas.kelurahan, personas.other_kecamatan}
    assert access.service_unit_of(None) is None


def test_the_rate_limit_survives_an_expired_counter(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.1.1")
    client = ip_hash(request)
    assert "10.1.1.1" not in client
    assert not over_limit("t", client, (1, 60))
    assert over_limit("t", client, (1, 60))


def test_settings_promise_and_catalogue_services_check_their_input(personas, domisili):
    from sikap.surveys.models import ServicePromise, SurveySettings

    settings = SurveySettings(unit=personas.kelurahan, education_options=" ")
    with pytest.raises(ValidationError):
        services.save_settings(settings=settings, by=None)
    with pytest.raises(ValidationError):
        services.save_promise(
            promise=ServicePromise(unit=personas.kelurahan, text=" "), signer=None, by=None
        )
    with pytest.raises(ValidationError):
        services.save_service_type(service_type=domisili, unit=personas.kecamatan, by=None)


def test_the_client_address_may_come_from_behind_a_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    one = ip_hash(RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4"))
    two = ip_hash(RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="5.6.7.8"))
    same = ip_hash(
        RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")
    )
    assert one != two and one == same


def test_the_purge_blanks_comments_and_profiles_past_the_subtree_retention(personas) -> None:
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from sikap.surveys.models import SurveySettings
    from sikap.surveys.testing import make_response

    now = timezone.now()
    profile = {"comment": "Petugas A ramah", "age": 40, "gender": "L", "education": "SMA"}
    old = make_response(personas.kelurahan, when=now - dt.timedelta(days=800), **profile)
    young = make_response(personas.kelurahan, when=now - dt.timedelta(days=100), **profile)
    services.purge_respondent_data()
    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.comment, old.age, old.gender, old.education) == ("", None, "", "")
    assert old.u1 == 3  # the answers stay: past IKM figures do not change
    assert young.comment == "Petugas A ramah"
    # A shorter retention set on the kecamatan applies to the kelurahan below it.
    SurveySettings.objects.create(unit=personas.kecamatan, retention_days=90)
    call_command("purge_survey_personal_data", stdout=io.StringIO())
    young.refresh_from_db()
    assert (young.comment, young.age) == ("", None)
