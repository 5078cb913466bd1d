"""Survey settings belong to one service unit: tried as the HR admin of another kecamatan."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.surveys.models import SurveySettings

pytestmark = pytest.mark.django_db

DATA = {
    "form": "settings",
    "weight": "worksheet",
    "min_officer_responses": "1",
    "education_options": "SD",
    "occupation_options": "Swasta",
}


@pytest.mark.parametrize(
    ("name", "get", "post"),
    [
        ("other_hr", 404, 404),
        ("outsider", 404, 404),
        ("auditor", 403, 403),
        ("pegawai", 403, 403),
        ("hr", 200, 302),
        ("lurah", 200, 302),
        ("city_hr", 200, 302),
        ("superadmin", 200, 302),
    ],
)
def test_survey_settings_of_plaju_are_changed_only_by_its_owners(login, personas, name, get, post):
    url = reverse("surveys:settings", args=[personas.kelurahan.pk])
    client = login(personas.user(name))
    assert client.get(url).status_code == get
    assert client.post(url, DATA).status_code == post
    stored = SurveySettings.objects.filter(unit=personas.kelurahan).first()
    changed = stored is not None and stored.min_officer_responses == 1
    assert changed == (post == 302)
    if changed:
        assert stored.history.latest().history_user == personas.user(name)
