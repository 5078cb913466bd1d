"""Evaluation transitions re-read their row under a lock: a stale copy (a double click, a second
tab) decides a keberatan once and signs a penetapan once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sikap.evaluation import services
from sikap.evaluation.curve import unit_curve
from sikap.evaluation.models import Determination, Evaluation, Objection, ObjectionStatus
from sikap.evaluation.tests.test_evaluation_services import _determine
from sikap.planning.models import Notification
from sikap.planning.tests.test_races import _burst, postgres_only

pytestmark = pytest.mark.django_db


def test_a_keberatan_decided_from_a_stale_copy_is_decided_once(
    personas, plans, q1, django_capture_on_commit_callbacks
):
    _determine(personas, plans, q1)
    evaluation = Evaluation.objects.get(plan=plans["pegawai"])
    objection = services.file_objection(
        evaluation=evaluation, reason="Tidak setuju", by=personas.user("pegawai")
    )
    first, stale = Objection.objects.get(pk=objection.pk), Objection.objects.get(pk=objection.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_objection(
            objection=first, accept=False, reason="Sesuai bukti", by=personas.user("lurah")
        )
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as caught:
        services.decide_objection(
            objection=stale,
            accept=True,
            reason="ok",
            by=personas.user("lurah"),
            result_rating="DI_ATAS",
            behaviour_rating="DI_ATAS",
        )
    assert caught.value.code == "decided_already"
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.REJECTED
    assert objection.history.filter(status=ObjectionStatus.REJECTED).count() == 1
    assert not objection.history.filter(status=ObjectionStatus.ACCEPTED).exists()
    evaluation.refresh_from_db()
    assert evaluation.predicate == "BAIK"
    told = Notification.objects.filter(
        recipient=personas.user("pegawai"), title__startswith="Keberatan Anda"
    )
    assert told.count() == 1


def test_a_keberatan_filed_twice_from_a_stale_copy_is_one(personas, plans, q1):
    _determine(personas, plans, q1)
    a = Evaluation.objects.get(plan=plans["pegawai"])
    b = Evaluation.objects.get(pk=a.pk)
    services.file_objection(evaluation=a, reason="Tidak setuju", by=personas.user("pegawai"))
    with pytest.raises(ValidationError) as caught:
        services.file_objection(evaluation=b, reason="Tidak setuju", by=personas.user("pegawai"))
    assert caught.value.code == "objection_pending"
    assert Objection.objects.filter(evaluation=a).count() == 1


def test_a_penetapan_signed_twice_from_a_stale_curve_is_signed_once(personas, plans, q1):
    stale = unit_curve(personas.kecamatan, q1)
    _determine(personas, plans, q1)
    with pytest.raises(ValidationError) as caught:
        services.determine_predicates(curve=stale, by=personas.user("camat"), signer=personas.camat)
    assert caught.value.code == "signed"
    assert Determination.objects.filter(unit=personas.kecamatan, period=q1).count() == 1


def test_ratings_saved_twice_make_one_evaluation(personas, plans, q1):
    user = personas.user("penilai")
    for _ in range(2):
        services.set_ratings(
            plan=plans["pegawai"],
            period=q1,
            by=user,
            result_rating="SESUAI",
            behaviour_rating="SESUAI",
        )
    assert Evaluation.objects.filter(employee=personas.pegawai, period=q1).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_decide_a_keberatan_once(personas, plans, q1):
    _determine(personas, plans, q1)
    evaluation = Evaluation.objects.get(plan=plans["pegawai"])
    objection = services.file_objection(
        evaluation=evaluation, reason="Tidak setuju", by=personas.user("pegawai")
    )
    lurah = personas.user("lurah")
    results = _burst(
        8,
        lambda: services.decide_objection(
            objection=Objection.objects.get(pk=objection.pk),
            accept=False,
            reason="Sesuai bukti",
            by=lurah,
        ),
    )
    decided = [r for r in results if isinstance(r, Objection)]
    assert len(decided) == 1
    assert all(r.code == "decided_already" for r in results if isinstance(r, ValidationError))
    assert objection.history.filter(status=ObjectionStatus.REJECTED).count() == 1
