"""The renewal recommendation pages: the penilai's form and HR's list (domain.md §8.1)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from sikap.evaluation.models import Evaluation, EvaluationStatus, RenewalRecommendation
from sikap.evaluation.services import recommend_renewal
from sikap.evaluation.tests.test_renewal import _annual
from sikap.org import services as org_services
from sikap.org.models import JenisAsn
from sikap.org.testing import make_employee, make_position
from sikap.planning.testing import make_plan

pytestmark = pytest.mark.django_db


def _url(evaluation: Evaluation) -> str:
    return reverse("evaluation:renewal", args=[evaluation.pk])


def _recommend(personas, evaluation, decision="perpanjang", reasons="Target tercapai."):
    return recommend_renewal(
        evaluation=evaluation, decision=decision, reasons=reasons, by=personas.penilai.user
    )


def test_the_penilai_gives_the_recommendation_on_the_form(personas, login):
    evaluation = _annual(personas)
    client = login(personas.penilai.user)
    assert client.get(_url(evaluation)).status_code == 200
    response = client.post(
        _url(evaluation), {"decision": "angkat_pppk", "reasons": "Kinerja sangat baik."}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:detail", args=[evaluation.pk])
    rec = RenewalRecommendation.objects.get(evaluation=evaluation)
    assert (rec.decision, rec.reasons) == ("angkat_pppk", "Kinerja sangat baik.")


def test_the_form_keeps_the_current_recommendation_and_an_unchanged_submit_changes_nothing(
    personas, login
):
    evaluation = _annual(personas)
    _recommend(personas, evaluation, "tidak_diperpanjang", "Target tidak tercapai.")
    client = login(personas.penilai.user)
    page = client.get(_url(evaluation)).content.decode()
    assert 'value="tidak_diperpanjang"' in page and "checked" in page
    assert "Target tidak tercapai." in page
    client.post(
        _url(evaluation), {"decision": "tidak_diperpanjang", "reasons": "Target tidak tercapai."}
    )
    rec = RenewalRecommendation.objects.get(evaluation=evaluation)
    assert (rec.decision, rec.reasons) == ("tidak_diperpanjang", "Target tidak tercapai.")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"decision": "perpanjang", "reasons": ""}, "reasons"),
        ({"decision": "", "reasons": "Alasan"}, "decision"),
        ({"decision": "diberhentikan", "reasons": "Alasan"}, "decision"),
        ({"decision": "perpanjang", "reasons": "x" * 1001}, "reasons"),
    ],
)
def test_the_form_requires_a_choice_and_reasons(personas, login, data, field):
    evaluation = _annual(personas)
    response = login(personas.penilai.user).post(_url(evaluation), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not RenewalRecommendation.objects.exists()


def test_a_blank_reason_is_refused_by_the_service_onto_the_form(personas, login):
    evaluation = _annual(personas)
    response = login(personas.penilai.user).post(
        _url(evaluation), {"decision": "perpanjang", "reasons": "   "}
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("reasons")
    assert not RenewalRecommendation.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("penilai", 200),
        ("hr", 403),
        ("lurah", 403),
        ("camat", 403),
        ("auditor", 403),
        ("city_hr", 403),
        ("other_hr", 404),
        ("outsider", 404),
        ("pegawai", 404),
        # The employee sees their evaluation only once final, and never rates it.
        ("peer", 404),
    ],
)
def test_who_may_open_the_recommendation_form(personas, login, persona, status):
    evaluation = _annual(personas)
    client = login(personas.user(persona))
    assert client.get(_url(evaluation)).status_code == status
    post = client.post(_url(evaluation), {"decision": "perpanjang", "reasons": "A"})
    assert post.status_code == (302 if status == 200 else status)


def test_the_final_employee_may_see_but_not_change(personas, login):
    evaluation = _annual(personas)
    Evaluation.objects.filter(pk=evaluation.pk).update(
        status=EvaluationStatus.FINAL, predicate="BAIK", finalised_at=timezone.now()
    )
    assert login(personas.peer.user).get(_url(evaluation)).status_code == 403


def test_the_form_answers_405_to_other_methods(personas, login):
    evaluation = _annual(personas)
    assert login(personas.penilai.user).put(_url(evaluation)).status_code == 405


@pytest.mark.parametrize(("jenis", "final"), [(JenisAsn.PPPK, True), (JenisAsn.PPPK_PW, False)])
def test_the_form_exists_only_on_a_pppk_paruh_waktu_annual_evaluation(
    personas, login, jenis, final
):
    evaluation = _annual(personas, jenis=jenis, final=final)
    assert login(personas.penilai.user).get(_url(evaluation)).status_code == 404


def test_the_evaluation_page_shows_the_recommendation_and_the_button_to_the_penilai(
    personas, login
):
    evaluation = _annual(personas)
    detail = reverse("evaluation:detail", args=[evaluation.pk])
    assert _url(evaluation) in login(personas.penilai.user).get(detail).content.decode()
    _recommend(personas, evaluation, "angkat_pppk", "Layak diangkat.")
    hr_page = login(personas.hr.user).get(detail).content.decode()
    assert "Layak diangkat." in hr_page and "Angkat menjadi PPPK" in hr_page
    assert _url(evaluation) not in hr_page


# --------------------------------------------------------------------------- HR's list

LIST = "evaluation:renewal_list"


def _contract(employee, end: dt.date) -> None:
    org_services.add_contract(
        employee=employee, start_date=dt.date(2026, 1, 1), end_date=end, number="", by=None
    )


@time_machine.travel("2026-11-27 10:00 +0700")
def test_hr_lists_the_recommendations_of_their_subtree_with_the_contract_end(personas, login):
    evaluation = _annual(personas)
    _contract(personas.peer, dt.date(2026, 12, 31))
    _recommend(personas, evaluation, "perpanjang", "Target tercapai.")
    page = login(personas.hr.user).get(reverse(LIST)).content.decode()
    assert "Rudi Hartono" in page and "31 Desember 2026" in page
    assert "Target tercapai." in page and "Agus Setiawan" in page
    assert "Rudi Hartono" not in login(personas.other_hr).get(reverse(LIST)).content.decode()


@pytest.mark.parametrize(
    ("persona", "status", "sees"),
    [
        ("hr", 200, True),
        ("city_hr", 200, True),
        ("auditor", 200, True),
        ("camat", 200, True),
        ("superadmin", 200, True),
        ("other_hr", 200, False),
        ("outsider", 404, False),
        ("pegawai", 404, False),
        ("penilai", 404, False),
    ],
)
def test_who_may_see_the_list(personas, login, persona, status, sees):
    evaluation = _annual(personas)
    _recommend(personas, evaluation)
    response = login(personas.user(persona)).get(reverse(LIST), {"tahun": 2026})
    assert response.status_code == status
    assert ("Rudi Hartono" in response.content.decode()) is sees


def test_the_list_answers_405_to_a_post(personas, login):
    assert login(personas.hr.user).post(reverse(LIST)).status_code == 405


def _second_pppk_pw(personas, name: str, username: str):
    position = make_position(
        personas.seksi, f"Operator {name}", reports_to=personas.peer.position.reports_to
    )
    employee = make_employee(position, name, username=username, pppk=True)
    employee.jenis_asn = JenisAsn.PPPK_PW
    employee.save()
    year = Evaluation.objects.first().period.appraisal_year
    plan = make_plan(employee, year, penilai=personas.penilai, atasan=personas.lurah)
    return Evaluation.objects.create(
        plan=plan, employee=employee, period=year.periods.get(is_final=True)
    )


def test_the_filters_choose_the_recommendation_and_the_contract_end(personas, login):
    _recommend(personas, _annual(personas), "perpanjang")
    _contract(personas.peer, dt.date(2026, 12, 31))
    other = _second_pppk_pw(personas, "Lina Marlina", "lina")
    _contract(other.employee, dt.date(2026, 6, 30))
    _recommend(personas, other, "tidak_diperpanjang")
    client = login(personas.hr.user)

    def names(**params):
        page = client.get(reverse(LIST), {"tahun": 2026, **params}).content.decode()
        return {n for n in ("Rudi Hartono", "Lina Marlina") if n in page}

    assert names() == {"Rudi Hartono", "Lina Marlina"}
    assert names(rekomendasi="tidak_diperpanjang") == {"Lina Marlina"}
    assert names(berakhir_sebelum="2026-07-01") == {"Lina Marlina"}
    assert names(tahun=2025) == set()
    bad = client.get(reverse(LIST), {"berakhir_sebelum": "2026-13-01"})
    assert bad.status_code == 200 and bad.context["form"].has_error("berakhir_sebelum")


def test_the_list_costs_the_same_with_more_rows(personas, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _recommend(personas, _annual(personas))
    _contract(personas.peer, dt.date(2026, 12, 31))
    client = login(personas.hr.user)
    client.get(reverse(LIST), {"tahun": 2026})
    with CaptureQueriesContext(connection) as one:
        client.get(reverse(LIST), {"tahun": 2026})
    for i in range(6):
        ev = _second_pppk_pw(personas, f"Pegawai Paruh Waktu {i}", f"ppw{i}")
        _contract(ev.employee, dt.date(2026, 12, 31))
        _recommend(personas, ev)
    with CaptureQueriesContext(connection) as seven:
        page = client.get(reverse(LIST), {"tahun": 2026})
    assert page.content.decode().count("31 Desember 2026") == 7
    assert len(seven) == len(one)
