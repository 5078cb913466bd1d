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
        evaluation=evaluation,
        decision=decision,
        reasons="  Target tercapai.  ",
        by=personas.penilai.user,
    )
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


@pytest.mark.parametrize(
    ("decision", "reasons", "code"),
    [
        ("perpanjang", "   ", "reasons"),
        ("diberhentikan", "Alasan", "decision"),
    ],
)
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


def _pdf_text(response) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_the_dossier_of_a_contract_ending_mid_quarter(client, personas):
    import datetime as dt

    from django.urls import reverse

    from sikap.org import services as org_services

    evaluation = _annual(personas)
    org_services.add_contract(
        employee=personas.peer,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 8, 15),
        number="PK-9",
        by=None,
    )
    q1 = evaluation.plan.appraisal_year.periods.get(number=1)
    Evaluation.objects.create(
        plan=evaluation.plan,
        employee=personas.peer,
        period=q1,
        result_rating="DIATAS",
        behaviour_rating="SESUAI",
        predicate="BAIK",
    )
    recommend_renewal(
        evaluation=evaluation,
        decision="angkat_pppk",
        reasons="Kinerja konsisten baik.",
        by=personas.penilai.user,
    )
    client.force_login(personas.hr.user)
    response = client.get(reverse("evaluation:pppk_dossier", args=[evaluation.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response)
    assert "Triwulan III" in text and "15 Agustus 2026" in text
    assert "Triwulan IV" not in text
    assert "Angkat menjadi PPPK" in text and "Kinerja konsisten baik." in text
    assert "Belum dievaluasi" in text  # triwulan II and III have no evaluation yet


@pytest.mark.parametrize(
    ("persona", "status"),
    [("penilai", 200), ("hr", 200), ("other_hr", 404), ("outsider", 404), ("pegawai", 404)],
)
def test_who_may_download_the_dossier(client, personas, persona, status):
    from django.urls import reverse

    evaluation = _annual(personas)
    client.force_login(personas.user(persona))
    url = reverse("evaluation:pppk_dossier", args=[evaluation.pk])
    assert client.get(url).status_code == status


def test_the_dossier_is_only_for_the_annual_evaluation_of_a_pppk_paruh_waktu(client, personas):
    from django.urls import reverse

    evaluation = _annual(personas, final=False)
    client.force_login(personas.hr.user)
    assert client.get(reverse("evaluation:pppk_dossier", args=[evaluation.pk])).status_code == 404


@pytest.mark.parametrize("final", [True, False])
def test_the_evaluation_page_links_the_dossier_only_where_it_exists(client, personas, final):
    from django.urls import reverse

    evaluation = _annual(personas, final=final)
    client.force_login(personas.hr.user)
    page = client.get(reverse("evaluation:detail", args=[evaluation.pk])).content.decode()
    dossier = reverse("evaluation:pppk_dossier", args=[evaluation.pk])
    assert (dossier in page) is final
