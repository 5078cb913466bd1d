"""The penilai sees what waits: revisions under review, bulk approval, done notices, "next"."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sikap.org.testing import make_employee
from sikap.planning.models import Notification, Plan, PlanStatus
from sikap.planning.services import plans
from sikap.planning.testing import DAY, make_plan


@pytest.fixture
def plan(personas, chain):
    return make_plan(personas.pegawai, intervenes=chain.kasi_rhk)


def _submitted_revision(plan: Plan) -> Plan:
    revision = plans.start_revision(plan=plan, by=plan.employee.user)
    return plans.submit_plan(plan=revision, by=plan.employee.user, today=DAY)


def _submitted(personas, chain, name: str) -> Plan:
    employee = make_employee(personas.pegawai.position, name)
    return make_plan(employee, intervenes=chain.kasi_rhk, approve=False, today=DAY)


def _waiting(personas, chain, name: str) -> Plan:
    draft = _submitted(personas, chain, name)
    return plans.submit_plan(plan=draft, by=None, today=DAY)


def test_team_page_shows_the_revision_that_waits(personas, plan, login):
    revision = _submitted_revision(plan)
    response = login(personas.user("penilai")).get(reverse("planning:team"))
    text = response.text
    assert reverse("planning:plan", args=[revision.pk]) in text
    assert f'href="{reverse("planning:plan", args=[plan.pk])}"' not in text
    assert response.context["waiting"] == 1
    row = next(r for r in response.context["rows"] if r["employee"] == personas.pegawai)
    assert row["shown"] == revision and row["approvable"]
    # Realisation is still counted on the version in force.
    assert row["plan"] == plan


def test_unit_page_counts_the_revision_as_submitted(personas, plan, login):
    _submitted_revision(plan)
    response = login(personas.user("lurah")).get(
        reverse("planning:unit_plans", args=[personas.kelurahan.pk])
    )
    assert response.context["counts"]["submitted"] == 1
    row = next(r for r in response.context["rows"] if r["employee"] == personas.pegawai)
    assert row["plan"].version == 2


def test_a_draft_revision_leaves_the_approved_version_shown(personas, plan, login):
    plans.start_revision(plan=plan, by=plan.employee.user)
    response = login(personas.user("penilai")).get(reverse("planning:team"))
    row = next(r for r in response.context["rows"] if r["employee"] == personas.pegawai)
    assert row["shown"] == plan and not row["approvable"]


def test_bulk_approval_asks_once_then_approves_each(personas, chain, login):
    waiting = [_waiting(personas, chain, f"Staf {i}") for i in range(3)]
    client = login(personas.user("penilai"))
    url = reverse("planning:team_approve")
    ids = [str(p.pk) for p in waiting]
    confirm = client.post(url, {"plan": ids})
    assert confirm.status_code == 200
    assert [p.pk for p in confirm.context["plans"]] == [p.pk for p in waiting]
    assert Plan.objects.filter(status=PlanStatus.SUBMITTED).count() == 3
    done = client.post(url, {"plan": ids, "confirm": "1"})
    assert done.status_code == 302 and done.url == reverse("planning:team")
    for p in waiting:
        p.refresh_from_db()
        assert p.status == PlanStatus.APPROVED
        assert p.history.latest().history_user == personas.user("penilai")


def test_bulk_approval_with_nothing_chosen_goes_back(personas, chain, login):
    client = login(personas.user("penilai"))
    response = client.post(reverse("planning:team_approve"), {"plan": ["x"]})
    assert response.status_code == 302


def test_bulk_approval_only_for_the_penilai(personas, chain, login):
    waiting = _waiting(personas, chain, "Staf A")
    url = reverse("planning:team_approve")
    data = {"plan": [str(waiting.pk)], "confirm": "1"}
    assert login(personas.user("pegawai")).post(url, data).status_code == 403
    assert login(personas.user("outsider")).post(url, data).status_code == 403
    # The lurah leads the penilai: a team of their own, but not this SKP's penilai.
    assert login(personas.user("lurah")).post(url, data).status_code == 403
    assert login(personas.user("penilai")).get(url).status_code == 405
    waiting.refresh_from_db()
    assert waiting.status == PlanStatus.SUBMITTED


def test_bulk_approval_of_an_unseen_plan_is_404(personas, chain, login):
    other = make_plan(personas.outsider, penilai=None)
    Plan.objects.filter(pk=other.pk).update(status=PlanStatus.SUBMITTED)
    response = login(personas.user("penilai")).post(
        reverse("planning:team_approve"), {"plan": [str(other.pk)]}
    )
    assert response.status_code == 404


def test_notices_of_done_work_are_marked_done(personas, chain):
    waiting = _waiting(personas, chain, "Staf A")
    notice = Notification.objects.get(
        recipient=personas.user("penilai"), url=reverse("planning:plan", args=[waiting.pk])
    )
    assert notice.read_at is None
    plans.approve_plan(plan=waiting, by=personas.user("penilai"))
    notice.refresh_from_db()
    assert notice.read_at is not None
    # The employee's own notice of the approval stays unread.
    assert Notification.objects.filter(recipient=waiting.employee.user, read_at=None).exists()


def test_a_returned_plan_marks_its_notice_done(personas, chain):
    waiting = _waiting(personas, chain, "Staf A")
    plans.return_plan(plan=waiting, by=personas.user("penilai"), note="Perbaiki target")
    assert not Notification.objects.filter(
        recipient=personas.user("penilai"),
        read_at=None,
        url=reverse("planning:plan", args=[waiting.pk]),
    ).exists()


def test_next_button_leads_to_the_next_waiting_skp(personas, chain, login):
    a, b = _waiting(personas, chain, "Ani"), _waiting(personas, chain, "Budi")
    client = login(personas.user("penilai"))
    assert client.get(reverse("planning:plan", args=[a.pk])).context["next_waiting"] == b
    # From the last one it wraps round to the first.
    assert client.get(reverse("planning:plan", args=[b.pk])).context["next_waiting"] == a
    plans.approve_plan(plan=b, by=personas.user("penilai"))
    assert client.get(reverse("planning:plan", args=[a.pk])).context["next_waiting"] is None
    # The employee sees no such button.
    assert (
        login(a.employee.user).get(reverse("planning:plan", args=[a.pk])).context["next_waiting"]
        is None
    )


def test_team_page_cost_stays_constant_with_revisions(personas, plan, chain, login):
    client = login(personas.user("penilai"))
    url = reverse("planning:team")
    _submitted_revision(plan)
    _waiting(personas, chain, "Staf A")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for i in range(5):
        staff = make_plan(
            make_employee(personas.pegawai.position, f"Staf R{i}"), intervenes=chain.kasi_rhk
        )
        _submitted_revision(staff)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.context["waiting"] == 7
    assert len(large) == len(small)
