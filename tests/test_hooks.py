"""Every app fills the extension points of the apps below it in its AppConfig.ready."""

from __future__ import annotations

import pytest
from django.test import Client

from sikap.accounts import attention, home, navigation, viewer
from sikap.complaints.evidence import complaint_evidence
from sikap.lib.hooks import CITIZEN_THEMES
from sikap.org.demo_steps import STEPS
from sikap.planning import objective
from sikap.surveys.evidence import service_evidence


def _names(hook: object) -> list[str]:
    return [f"{item.__module__}.{item.__name__}" for item in hook]


def test_the_demo_steps_run_in_order():
    assert _names(STEPS) == [
        "sikap.org.demo.load",
        "sikap.cycle.demo.load",
        "sikap.planning.demo.load",
        "sikap.surveys.demo.load",
        "sikap.complaints.demo.load",
        "sikap.development.demo.load",
        "sikap.evaluation.demo.load",
        "sikap.accounts.demo.load",  # enrols the demo's two-step sign-in once every user exists
    ]


def test_every_app_offers_its_menu_and_attention():
    assert _names(navigation.MENU) == [
        f"sikap.{app}.nav.items"
        for app in (
            "accounts",
            "org",
            "cycle",
            "planning",
            "evaluation",
            "surveys",
            "complaints",
            "development",
            "dashboards",
        )
    ]
    assert _names(attention.PROVIDERS) == [
        f"sikap.{app}.attention.items"
        for app in (
            "org",
            "planning",
            "evaluation",
            "surveys",
            "complaints",
            "development",
            "dashboards",
        )
    ]


def test_org_gives_accounts_the_scope():
    assert _names(viewer.SCOPE) == ["sikap.org.scope.get_scope"]


def test_the_leaders_figures_are_a_section_of_the_home_page():
    assert _names(home.SECTIONS) == ["sikap.dashboards.home.leader_section"]


def test_the_record_pages_get_the_links_of_the_apps_above():
    assert _names(navigation.links("unit")) == [
        "sikap.org.nav.unit_links",
        "sikap.planning.nav.unit_links",
        "sikap.development.nav.unit_links",
        "sikap.dashboards.nav.unit_links",
    ]
    assert _names(navigation.links("employee")) == [
        "sikap.org.nav.employee_links",
        "sikap.planning.nav.employee_links",
        "sikap.development.nav.employee_links",
    ]
    assert _names(navigation.links("me")) == ["sikap.org.nav.me_links"]
    assert _names(navigation.links("period")) == ["sikap.evaluation.nav.period_links"]
    assert _names(navigation.links("landing")) == [
        "sikap.surveys.nav.landing_links",
        "sikap.complaints.nav.landing_links",
    ]
    assert _names(navigation.links("after_survey")) == ["sikap.complaints.nav.after_survey_links"]


def test_the_service_apps_register_their_evidence():
    assert list(objective.SOURCES) == [
        objective.EvidenceSource("service", service_evidence),
        objective.EvidenceSource("complaints", complaint_evidence),
    ]


def test_complaints_offer_their_themes_to_the_suggestions_page():
    assert _names(CITIZEN_THEMES) == ["sikap.complaints.themes.complaint_themes"]


@pytest.mark.django_db
def test_the_progres_harian_answers_the_realisation_page():
    from sikap.lib import hooks

    assert _names(hooks.REALISATION_HINTS) == ["sikap.worklog.hints.realisation_hints"]


def test_the_public_home_page_shows_the_four_doors_in_order(client: Client):
    page = client.get("/").content.decode()
    doors = [
        "Survei kepuasan",
        "Sampaikan pengaduan",
        "Lacak pengaduan",
        "Hasil yang dipublikasikan",
    ]
    positions = [page.find(door) for door in doors]
    assert -1 not in positions, positions
    assert positions == sorted(positions)
