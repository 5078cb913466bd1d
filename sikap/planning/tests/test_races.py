"""Workflow transitions lock their row and are idempotent: a double click or a burst of
concurrent requests makes one transition, one history row, one notification."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from sikap.accounts.models import OutgoingEmail
from sikap.planning.models import Notification, Plan, PlanStatus
from sikap.planning.services import plans
from sikap.planning.tests.conftest import make_plan

pytestmark = pytest.mark.django_db


def _history(plan: Plan, status: str) -> int:
    return plan.history.filter(status=status).count()


def test_a_repeated_submit_with_a_stale_copy_changes_nothing(personas, chain):
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, approve=False)
    first, second = Plan.objects.get(pk=plan.pk), Plan.objects.get(pk=plan.pk)
    plans.submit_plan(plan=first, by=personas.pegawai.user)
    plans.submit_plan(plan=second, by=personas.pegawai.user)  # loaded before the first
    assert second.status == PlanStatus.SUBMITTED
    assert _history(plan, PlanStatus.SUBMITTED) == 1
    waiting = Notification.objects.filter(
        recipient=personas.penilai.user, title__contains="menunggu"
    )
    assert waiting.count() == 1


def test_a_repeated_approval_and_return_change_nothing(personas, chain):
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, approve=False)
    plans.submit_plan(plan=plan, by=None)
    a, b = Plan.objects.get(pk=plan.pk), Plan.objects.get(pk=plan.pk)
    plans.return_plan(plan=a, by=personas.penilai.user, note="Perbaiki")
    plans.return_plan(plan=b, by=personas.penilai.user, note="Perbaiki")
    assert _history(plan, PlanStatus.RETURNED) == 1
    plans.submit_plan(plan=plan, by=None)
    a, b = Plan.objects.get(pk=plan.pk), Plan.objects.get(pk=plan.pk)
    plans.approve_plan(plan=a, by=personas.penilai.user)
    plans.approve_plan(plan=b, by=personas.penilai.user)
    assert _history(plan, PlanStatus.APPROVED) == 1
    approved = Notification.objects.filter(
        recipient=personas.pegawai.user, title__contains="setuju"
    )
    assert approved.count() == 1


def test_a_second_revision_from_a_stale_copy_is_refused(personas, chain):
    original = chain.kasi_plan
    stale = Plan.objects.get(pk=original.pk)
    plans.start_revision(plan=original, by=None)
    with pytest.raises(ValidationError):
        plans.start_revision(plan=stale, by=None)
    assert original.revisions.count() == 1


def _burst(n: int, work: Callable[[], Any]) -> list[Any]:
    """Run ``work`` in ``n`` threads released together; return what each returned or raised."""
    barrier = threading.Barrier(n)
    results: list[Any] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            barrier.wait()
            outcome: Any = work()
        except Exception as exc:
            outcome = exc
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_submits_make_one_transition(personas, chain):
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, approve=False)
    OutgoingEmail.objects.all().delete()
    user = personas.pegawai.user
    results = _burst(
        10, lambda: plans.submit_plan(plan=Plan.objects.get(pk=plan.pk), by=user).status
    )
    assert results == [PlanStatus.SUBMITTED] * 10
    assert _history(plan, PlanStatus.SUBMITTED) == 1
    waiting = Notification.objects.filter(
        recipient=personas.penilai.user, title__contains="menunggu"
    )
    assert waiting.count() == 1
    assert OutgoingEmail.objects.filter(to=personas.penilai.email).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_twelve_concurrent_approvals_make_one_transition(personas, chain):
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, approve=False)
    plans.submit_plan(plan=plan, by=None)
    user = personas.penilai.user
    results = _burst(
        12, lambda: plans.approve_plan(plan=Plan.objects.get(pk=plan.pk), by=user).status
    )
    assert results == [PlanStatus.APPROVED] * 12
    assert _history(plan, PlanStatus.APPROVED) == 1
    approved = Notification.objects.filter(
        recipient=personas.pegawai.user, title__contains="setuju"
    )
    assert approved.count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_revisions_make_one_copy_and_no_error_500(personas, chain):
    original = chain.kasi_plan
    results = _burst(
        8, lambda: plans.start_revision(plan=Plan.objects.get(pk=original.pk), by=None)
    )
    made = [r for r in results if isinstance(r, Plan)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == 7
    assert original.revisions.count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_leaders_reminding_one_person_at_once_send_one_reminder(personas):
    from sikap.planning import nudges
    from sikap.planning.models import Nudge, NudgeTopic

    leaders = [personas.camat.user, personas.lurah.user, personas.penilai.user] * 3
    picked = iter(leaders)
    results = _burst(
        len(leaders),
        lambda: nudges.send_nudge(
            employee=personas.pegawai, topic=NudgeTopic.NO_PLAN, by=next(picked)
        ),
    )
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == len(leaders) - 1
    assert {r.code for r in refused} == {"already_nudged"}
    assert Nudge.objects.count() == 1
    assert Notification.objects.filter(recipient=personas.pegawai.user).count() == 1
