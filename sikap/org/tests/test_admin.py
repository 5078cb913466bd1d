"""The Django back office is for the superadmin only."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "org_unit",
        "org_position",
        "org_employee",
        "org_supervisoroverride",
        "accounts_user",
        "accounts_roleassignment",
    ],
)
def test_superadmin_opens_each_back_office_list(personas, login, name):
    response = login(personas.superadmin).get(reverse(f"admin:{name}_changelist"))
    assert response.status_code == 200


def test_employee_change_page_and_history_open(personas, login):
    client = login(personas.superadmin)
    assert (
        client.get(reverse("admin:org_employee_change", args=[personas.pegawai.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("admin:org_employee_history", args=[personas.pegawai.pk])).status_code
        == 200
    )


@pytest.mark.parametrize("persona", ["hr", "camat", "auditor", "pegawai"])
def test_other_roles_are_sent_away_from_the_back_office(personas, login, persona):
    response = login(personas.user(persona)).get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
