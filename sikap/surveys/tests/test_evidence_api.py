"""Service evidence for SKP pages, the JSON API, the menu and the home-page attention items."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine
from django.urls import reverse

from sikap.org.scope import build_scope
from sikap.surveys import attention, nav
from sikap.surveys.evidence import credited_rows, service_evidence
from sikap.surveys.models import FollowUpPlan, SurveyResponse
from sikap.surveys.stats import totals_aggregates
from sikap.surveys.testing import make_record, make_response

WHEN = dt.datetime(2026, 3, 10, 3, 0, tzinfo=dt.UTC)
START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def _data(personas, domisili, pegawai_responses=10):
    kel = personas.kelurahan
    make_record(kel, domisili, [personas.pegawai], received_at=WHEN, minutes=5)
    make_record(kel, domisili, [personas.pegawai, personas.peer], received_at=WHEN, minutes=25)
    make_record(kel, domisili, [personas.pegawai], received_at=WHEN, minutes=None)
    for _ in range(pegawai_responses):
        make_response(kel, 4, officer=personas.pegawai, when=WHEN)
    make_response(kel, 2, officer=personas.peer, when=WHEN)


def test_service_evidence_counts_services_time_and_index(
    personas, domisili, django_assert_num_queries
):
    _data(personas, domisili)
    ids = [personas.pegawai.pk, personas.peer.pk, personas.camat.pk]
    with django_assert_num_queries(4):
        evidence = service_evidence(ids, START, END)
    mine = evidence[personas.pegawai.pk]
    assert (mine.services, mine.completed, mine.on_time, mine.on_time_share) == (3, 2, 1, 50.0)
    assert (mine.responses, mine.ikm, mine.quality) == (10, Decimal("100.00"), "A")
    peer = evidence[personas.peer.pk]
    assert (peer.services, peer.responses, peer.ikm, peer.quality) == (1, 1, None, None)
    camat = evidence[personas.camat.pk]
    assert (camat.services, camat.on_time_share, camat.ikm) == (0, None, None)
    assert service_evidence([], START, END) == {}


def test_each_employees_evidence_is_kept_and_only_the_others_are_counted(
    personas, domisili, settings, django_assert_num_queries
):
    """The team page, the evaluation form and the calibration show the same people's evidence:
    kept per employee and period for SNAPSHOT_SECONDS, so a second page counts only the rest."""
    settings.SNAPSHOT_SECONDS = 600
    _data(personas, domisili)
    pegawai, peer = personas.pegawai.pk, personas.peer.pk
    first = service_evidence([pegawai], START, END)
    with django_assert_num_queries(4):  # the peer is counted, the pegawai is kept
        both = service_evidence([pegawai, peer], START, END)
    assert both[pegawai] == first[pegawai] and both[peer].services == 1
    with django_assert_num_queries(0):
        assert service_evidence([peer, pegawai], START, END) == both
    # Another period is other figures; a new response shows once the snapshot has expired.
    assert service_evidence([pegawai], START, dt.date(2026, 1, 31))[pegawai].services == 0
    make_response(personas.kelurahan, 4, officer=personas.pegawai, when=WHEN)
    assert service_evidence([pegawai], START, END)[pegawai].responses == 10
    settings.SNAPSHOT_SECONDS = 0
    assert service_evidence([pegawai], START, END)[pegawai].responses == 11


def test_the_evidence_is_counted_when_the_cache_is_unreachable(
    personas, domisili, settings, monkeypatch, caplog
):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    settings.SNAPSHOT_SECONDS = 600
    _data(personas, domisili)
    monkeypatch.setattr(cache, "get_many", down)
    monkeypatch.setattr(cache, "set_many", down)
    evidence = service_evidence([personas.pegawai.pk], START, END)
    assert evidence[personas.pegawai.pk].responses == 10
    assert "cache is unreachable" in caplog.text and "could not keep" in caplog.text


def test_credited_rows_are_the_coalesce_figures_found_from_the_officers(personas, domisili):
    """Every way a response credits an officer, against the plain ``credited()`` aggregate."""
    kel, kec = personas.kelurahan, personas.kecamatan
    pegawai, peer, camat = personas.pegawai, personas.peer, personas.camat
    both = make_record(kel, domisili, [pegawai, peer], received_at=WHEN)
    nobody = make_record(kel, domisili, [camat], received_at=WHEN)
    nobody.officers.clear()
    make_response(kel, 4, when=WHEN, service_record=both)  # both officers of the receipt
    served = make_record(kel, domisili, [peer], received_at=WHEN)
    make_response(kel, 2, officer=camat, when=WHEN, service_record=served)  # the receipt wins
    make_response(kel, 3, officer=peer, when=WHEN, service_record=nobody)  # named, no officers
    make_response(kec, [1, 2, 3, 4, None, 4, 3, 2, 1], officer=pegawai, when=WHEN)  # no receipt
    make_response(kel, 1, when=WHEN)  # credits nobody
    make_response(kel, 4, officer=pegawai, when=WHEN + dt.timedelta(days=200))  # outside
    ids = [pegawai.pk, peer.pk, camat.pk]
    expected = list(
        SurveyResponse.objects.between(START, END)
        .credited()
        .filter(credited_officer__in=ids)
        .values("credited_officer", "unit")
        .annotate(**totals_aggregates())
    )

    def key(row):
        return (row["credited_officer"], row["unit"])

    found = sorted(credited_rows(ids, START, END), key=key)
    assert found == sorted(expected, key=key)
    assert {key(row): row["n"] for row in found} == {
        (pegawai.pk, kel.pk): 1,
        (pegawai.pk, kec.pk): 1,
        (peer.pk, kel.pk): 3,
    }


def test_service_evidence_stays_hidden_below_the_minimum(personas, domisili):
    _data(personas, domisili, pegawai_responses=9)
    assert service_evidence([personas.pegawai.pk], START, END)[personas.pegawai.pk].ikm is None
    assert service_evidence([personas.pegawai.pk], END, END)[personas.pegawai.pk].services == 0


def test_the_api_gives_the_index_of_a_period(personas, login, domisili, client):
    _data(personas, domisili)
    api = login(personas.user("lurah"))
    data = api.get(f"/api/surveys/units/{personas.kelurahan.pk}/ikm?periode=2026-S1").json()
    assert data["respondents"] == 11 and data["period"] == "2026-S1"
    assert data["nrr"]["U1"] == 3.8182
    assert (
        login(personas.user("outsider"))
        .get(f"/api/surveys/units/{personas.kelurahan.pk}/ikm")
        .status_code
        == 404
    )


def test_the_public_api_gives_the_published_index(personas, login, domisili, client):
    _data(personas, domisili)
    url = f"/api/surveys/public/{personas.kelurahan.pk}"
    assert client.get(url).status_code == 404
    lurah = login(personas.user("lurah"))
    lurah.post(reverse("surveys:publish", args=[personas.kelurahan.pk]) + "?periode=2026-S1")
    lurah.logout()
    data = client.get(url).json()
    assert data["respondents"] == 11 and data["quality"] in "ABCD"


def test_the_menu_offers_what_each_role_can_use(personas):
    def labels(name):
        user = personas.user(name)
        return [str(i.label) for i in nav.items(user, build_scope(user))]

    assert len(labels("pegawai")) == 2  # counter + index of their own unit
    assert len(labels("auditor")) == 1  # index only
    assert len(labels("superadmin")) == 1


@time_machine.travel(dt.datetime(2026, 8, 3, 3, 0, tzinfo=dt.UTC), tick=False)
def test_a_unit_head_is_reminded_of_a_missing_follow_up_plan(personas, django_assert_num_queries):
    make_response(personas.kelurahan, 3, when=WHEN)
    user = personas.user("lurah")
    scope = build_scope(user)
    with django_assert_num_queries(3):
        items = attention.items(user, scope)
    assert len(items) == 1 and "Semester I 2026" in items[0].detail
    FollowUpPlan.objects.create(
        unit=personas.kelurahan, period_start=START, period_end=END, unsur="U1", action="x"
    )
    assert attention.items(user, scope) == []
    pegawai = personas.user("pegawai")
    assert attention.items(pegawai, build_scope(pegawai)) == []


def test_the_evidence_card_renders_for_other_apps(personas, domisili):
    from django.template.loader import render_to_string
    from django.utils import translation

    _data(personas, domisili)
    evidence = service_evidence([personas.pegawai.pk, personas.camat.pk], START, END)
    with translation.override("id"):
        html = render_to_string(
            "surveys/evidence_card.html", {"service_evidence": evidence[personas.pegawai.pk]}
        )
        empty = render_to_string(
            "surveys/evidence_card.html", {"service_evidence": evidence[personas.camat.pk]}
        )
    assert "100,00" in html and "50,0%" in html
    assert "Belum ada layanan" in empty
