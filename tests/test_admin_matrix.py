"""The back office in the permission matrix: every admin page × every persona (issue 11.3).

Only the superadmin enters; every other persona is sent to the admin sign-in, GET and POST.
Records whose state the services maintain are read-only there, including simple-history's
revert form, which would otherwise save an old version past every rule.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from sikap.lib.admin import ReadOnlyAdmin
from sikap.org.testing import PERSONA_NAMES

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    f"{model._meta.app_label}_{model._meta.model_name}" for model in admin.site._registry
)
OURS = {
    f"{model._meta.app_label}_{model._meta.model_name}"
    for model in admin.site._registry
    if model.__module__.startswith("sikap.")
}
SERVICE_MAINTAINED = {
    "planning_plan",
    "planning_indicator",
    "planning_evidence",
    "planning_feedback",
    "evaluation_evaluation",
    "evaluation_determination",
    "evaluation_objection",
    "evaluation_organisationassessment",
    "evaluation_evaluationsettings",
    "complaints_complaint",
    "complaints_complaintsettings",
    "complaints_holiday",
    "development_developmentplan",
    "development_ownactivity",
    "surveys_servicerecord",
    "surveys_servicepromise",
    "org_supervisoroverride",
    "cycle_entryclosure",
    "cycle_periodreopening",
    "accounts_twofactorevent",
    "worklog_entry",
    "planning_nudge",
    "planning_nudgetemplate",
}


@pytest.mark.parametrize("name", REGISTERED)
def test_superadmin_opens_every_admin_list_and_add_page(personas, login, name):
    client = login(personas.superadmin)
    assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    add = client.get(reverse(f"admin:{name}_add")).status_code
    if name in OURS:
        assert add == (403 if name in SERVICE_MAINTAINED or name == "org_employee" else 200)


@pytest.mark.parametrize("persona", [p for p in PERSONA_NAMES if p != "superadmin"])
def test_every_other_persona_is_sent_away_from_every_admin_page(personas, login, persona):
    client = login(personas.user(persona))
    for name in REGISTERED:
        for url in (reverse(f"admin:{name}_changelist"), reverse(f"admin:{name}_add")):
            get, post = client.get(url), client.post(url, {})
            assert (get.status_code, post.status_code) == (302, 302), (persona, url)
            assert "/admin/login/" in get["Location"]


@pytest.mark.parametrize("name", sorted(SERVICE_MAINTAINED))
def test_service_maintained_records_are_read_only_in_the_admin(name):
    model = next(
        m for m in admin.site._registry if f"{m._meta.app_label}_{m._meta.model_name}" == name
    )
    assert isinstance(admin.site._registry[model], ReadOnlyAdmin)


def test_the_revert_form_of_a_read_only_record_refuses_to_save(personas, login):
    from sikap.complaints.models import ComplaintSettings

    settings = ComplaintSettings.load()
    settings.verification_days = 9
    settings.save()
    version = settings.history.order_by("history_id").first()
    client = login(personas.superadmin)
    url = reverse(
        "admin:complaints_complaintsettings_simple_history", args=[settings.pk, version.history_id]
    )
    assert client.get(url).status_code == 200
    assert client.post(url, {"verification_days": 1}).status_code == 403
    settings.refresh_from_db()
    assert settings.verification_days == 9
