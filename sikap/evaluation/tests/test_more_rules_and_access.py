from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from sikap.cycle.services import setup_appraisal_year
from sikap.evaluation import services
from sikap.evaluation.rules import Rating
from sikap.evaluation.suggestion import IndicatorOutcome, suggest_result_rating


def outcome(target, realisation, main=True):
    return IndicatorOutcome(
        main=main,
        target=Decimal(target),
        realisation=None if realisation is None else Decimal(realisation),
    )


def test_the_suggestion_needs_numbers():
    assert suggest_result_rating([]).rating is None
    assert suggest_result_rating([outcome(10, None)]).rating is None


def test_the_suggestion_levels_and_reasons():
    assert suggest_result_rating([outcome(10, 12), outcome(10, 11)]).rating is Rating.DI_ATAS
    assert suggest_result_rating([outcome(10, 10), outcome(10, 10)]).rating is Rating.SESUAI
    assert suggest_result_rating([outcome(10, 12), outcome(10, 8)]).rating is Rating.SESUAI
    with translation.override("id"):
        below = suggest_result_rating(
            [outcome(10, 2), outcome(10, 3), outcome(10, 12), outcome(10, None)]
        )
    assert below.rating is Rating.DI_BAWAH
    assert any("tanpa realisasi" in r for r in below.reasons)
    assert "1 dari 3 indikator mencapai target (33%)." in below.reasons


@pytest.mark.django_db
def test_a_period_of_another_year_cannot_be_rated(personas, plans):
    other = setup_appraisal_year(year=2027, period_kind="triwulanan", by=None)
    with pytest.raises(ValidationError):
        services.set_ratings(
            plan=plans["pegawai"],
            period=other.periods.first(),
            by=personas.user("penilai"),
            result_rating="SESUAI",
            behaviour_rating="SESUAI",
        )


@pytest.mark.django_db
def test_unknown_periods_and_units_are_404(personas, login, year2026):
    client = login(personas.user("hr"))
    assert client.get(reverse("evaluation:calibration", args=[9999, 1])).status_code == 404


@pytest.mark.django_db
def test_the_superadmin_sees_every_unit_and_sets_predicates(personas, login, year2026):
    client = login(personas.user("superadmin"))
    page = client.get(reverse("evaluation:index"))
    assert "Kecamatan Seberang Ulu II" in page.text
    q1 = year2026.periods.get(number=1)
    url = reverse("evaluation:organisation_predicate", args=[personas.other_kecamatan.pk, q1.pk])
    assert client.post(url, {"predicate": "KURANG"}).status_code == 302


@pytest.mark.django_db
def test_with_the_hr_setting_only_hr_sets_the_predicate(personas, login, year2026):
    services.update_settings(
        by=None,
        organisation_predicate_setter="hr",
        rounding="STRICT",
        pooling_threshold=1,
        objection_days=14,
    )
    q1 = year2026.periods.get(number=1)
    url = reverse("evaluation:organisation_predicate", args=[personas.kelurahan.pk, q1.pk])
    assert login(personas.user("camat")).get(url).status_code == 403
    assert login(personas.user("hr")).post(url, {"predicate": "BAIK"}).status_code == 302
