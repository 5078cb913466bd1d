"""planning's links on org's unit and employee pages (registered in PlanningConfig.ready)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.planning.services import plans
from sikap.planning.tests.conftest import make_plan, make_year

pytestmark = pytest.mark.django_db


def test_the_org_unit_page_links_to_the_unit_skp_and_cascade(personas, login):
    body = (
        login(personas.user("camat"))
        .get(reverse("org:unit", args=[personas.kelurahan.pk]))
        .content.decode()
    )
    assert reverse("planning:unit_plans", args=[personas.kelurahan.pk]) in body
    assert reverse("planning:cascade", args=[personas.kelurahan.pk]) in body


def test_the_org_employee_page_links_to_their_skp_only_when_visible(personas, login):
    target = plans.add_organisation_target(
        unit=personas.kecamatan,
        appraisal_year=make_year(),
        by=None,
        sasaran="Meningkatnya kualitas pelayanan",
        indikator="IKM",
        target="85",
    )
    plan = make_plan(personas.camat, organisation_target=target)
    url = reverse("org:employee", args=[personas.camat.pk])
    assert (
        reverse("planning:plan", args=[plan.pk])
        in login(personas.user("camat")).get(url).content.decode()
    )
    assert (
        reverse("planning:plan", args=[plan.pk])
        in login(personas.user("hr")).get(url).content.decode()
    )
