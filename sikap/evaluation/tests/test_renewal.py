"""The renewal recommendation of a PPPK Paruh Waktu on the annual evaluation (domain.md §8.1)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sikap.evaluation.models import Evaluation, RenewalDecision
from sikap.evaluation.services import recommend_renewal
from sikap.org.models import JenisAsn
from sikap.planning.testing import make_plan, make_year

pytestmark = pytest.mark.django_db


def _annual(personas, *, jenis=JenisAsn.PPPK_PW, final=True):
    peer = personas.peer
    peer.jenis_asn = jenis
    peer.save()
    year = make_year(2026)
    period = year.periods.get(is_final=True) if final else year.periods.get(number=1)
    plan = make_plan(peer, year, penilai=personas.penilai, atasan=personas.lurah)
    return Evaluation.objects.create(plan=plan, employee=peer, period=period)


@pytest.mark.parametrize("decision", RenewalDecision.values)
def test_the_penilai_recommends_with_reasons_and_it_is_audited(personas, decision):
    evaluation = _annual(personas)
    assert evaluation.plan.penilai == personas.penilai
    rec = recommend_renewal(
        evaluation=evaluation, decision=decision, reasons="  Target tercapai.  ",
        by=personas.penilai.user,
    )  # fmt: skip
    assert rec.reasons == "Target tercapai." and rec.decision == decision
    assert rec.history.first().history_user == personas.penilai.user


def test_a_second_recommendation_replaces_the_first_and_keeps_the_trail(personas):
    evaluation = _annual(personas)
    by = personas.penilai.user
    recommend_renewal(evaluation=evaluation, decision="perpanjang", reasons="A", by=by)
    rec = recommend_renewal(evaluation=evaluation, decision="angkat_pppk", reasons="B", by=by)
    assert [h.decision for h in rec.history.order_by("history_date")] == [
        "perpanjang",
        "angkat_pppk",
    ]


@pytest.mark.parametrize(("decision", "reasons", "code"), [
    ("perpanjang", "   ", "reasons"),
    ("diberhentikan", "Alasan", "decision"),
])  # fmt: skip
def test_it_refuses_a_recommendation_without_reasons_or_choice(personas, decision, reasons, code):
    evaluation = _annual(personas)
    with pytest.raises(ValidationError) as exc:
        recommend_renewal(
            evaluation=evaluation, decision=decision, reasons=reasons, by=personas.penilai.user
        )
    assert exc.value.error_dict[code][0].code == code


@pytest.mark.parametrize("persona", ["pegawai", "peer", "lurah", "camat", "hr", "outsider"])
def test_only_the_penilai_recommends(personas, persona):
    evaluation = _annual(personas)
    with pytest.raises(ValidationError) as exc:
        recommend_renewal(
            evaluation=evaluation, decision="perpanjang", reasons="A", by=personas.user(persona)
        )
    assert exc.value.error_list[0].code == "not_penilai"


@pytest.mark.parametrize(("jenis", "final"), [(JenisAsn.PPPK, True), (JenisAsn.PPPK_PW, False)])
def test_only_the_annual_evaluation_of_a_pppk_paruh_waktu(personas, jenis, final):
    evaluation = _annual(personas, jenis=jenis, final=final)
    with pytest.raises(ValidationError) as exc:
        recommend_renewal(
            evaluation=evaluation, decision="perpanjang", reasons="A", by=personas.penilai.user
        )
    assert exc.value.error_list[0].code == "not_pppk_pw_annual"
