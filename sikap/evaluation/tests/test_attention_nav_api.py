from __future__ import annotations

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sikap.evaluation import attention, services
from sikap.evaluation.curve import unit_curve
from sikap.org.scope import build_scope
from sikap.planning.testing import make_plan

pytestmark = pytest.mark.django_db

NOW = "2026-11-27 10:00 +0700"


def titles(user):
    return [str(i.title) for i in attention.items(user, build_scope(user))]


def test_the_penilai_is_told_about_evaluations_to_do(personas, plans):
    with time_machine.travel(NOW):
        items = attention.items(personas.user("penilai"), build_scope(personas.user("penilai")))
    todo = next(
        i for i in items if "Evaluations to do" in str(i.title) or "Evaluasi" in str(i.title)
    )
    assert todo.count == 2 * 3  # two plans, three ended quarters


def test_attention_runs_a_fixed_number_of_queries(personas, plans, year2026):
    user = personas.user("penilai")
    with time_machine.travel(NOW):
        scope = build_scope(user)
        attention.items(user, scope)  # creates the settings row once
        with CaptureQueriesContext(connection) as few:
            attention.items(user, scope)
        for n in range(10):
            extra = make_plan(personas.outsider, year2026, penilai=personas.penilai)
            extra.start_date = extra.start_date.replace(month=2 + n % 10, day=1 + n)
            extra.save()
        with CaptureQueriesContext(connection) as many:
            attention.items(user, scope)
    assert len(few.captured_queries) == len(many.captured_queries)


def test_the_camat_sees_calibration_pending_and_the_employee_the_final_predikat(
    personas, plans, q1
):
    with time_machine.travel(NOW):
        assert any("penetapan" in t for t in titles(personas.user("camat")))
        for owner, rater in [
            ("pegawai", "penilai"),
            ("peer", "penilai"),
            ("penilai", "lurah"),
            ("lurah", "camat"),
            ("hr", "camat"),
        ]:
            services.set_ratings(
                plan=plans[owner],
                period=q1,
                by=personas.user(rater),
                result_rating="SESUAI",
                behaviour_rating="SESUAI",
            )
        services.set_organisation_predicate(
            unit=personas.kecamatan, period=q1, predicate="BAIK", by=None
        )
        services.determine_predicates(
            curve=unit_curve(personas.kecamatan, q1),
            by=personas.user("camat"),
            signer=personas.camat,
        )
        assert any("Baik" in t for t in titles(personas.user("pegawai")))
        evaluation = plans["pegawai"].evaluations.get()
        services.file_objection(evaluation=evaluation, reason="x", by=personas.user("pegawai"))
        assert any("Keberatan" in t for t in titles(personas.user("lurah")))


def test_the_api_lists_an_employees_evaluations(personas, plans, q1, login):
    services.set_ratings(
        plan=plans["pegawai"],
        period=q1,
        by=personas.user("penilai"),
        result_rating="DI_ATAS",
        behaviour_rating="DI_ATAS",
    )
    url = f"/api/evaluation/employees/{personas.pegawai.pk}/evaluations"
    data = login(personas.user("penilai")).get(url).json()
    assert data[0]["predicate"] == "SANGAT_BAIK" and data[0]["predicate_label"] == "Sangat Baik"
    assert login(personas.user("pegawai")).get(url).json() == []  # a draft is not shown yet
    assert login(personas.user("outsider")).get(url).status_code == 404


def test_the_evaluation_index_query_count_does_not_grow_with_the_team(
    personas, plans, year2026, login
):
    client = login(personas.user("penilai"))
    with time_machine.travel(NOW):
        client.get(reverse("evaluation:index"))
        with CaptureQueriesContext(connection) as few:
            client.get(reverse("evaluation:index"))
        for n in range(8):
            extra = make_plan(personas.outsider, year2026, penilai=personas.penilai)
            extra.start_date = extra.start_date.replace(month=2 + n, day=1 + n)
            extra.save()
        with CaptureQueriesContext(connection) as many:
            client.get(reverse("evaluation:index"))
    assert len(few.captured_queries) == len(many.captured_queries)
