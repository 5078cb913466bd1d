"""Daily use (issue 10, item 13): the live predikat is served from the rule, one date format."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from sikap.evaluation.rules import PREDICATE_MATRIX


@pytest.mark.django_db
def test_the_evaluation_page_serves_the_kuadran_kinerja_of_the_rule(personas, login, plans, q1):
    url = reverse("evaluation:evaluate", args=[plans["pegawai"].pk, q1.pk])
    text = login(personas.user("penilai")).get(url).text
    found = re.search(r'<script id="predicate-matrix" type="application/json">(.*?)</script>', text)
    assert found is not None
    served = json.loads(found.group(1))
    assert served == {f"{r.value}|{b.value}": p.label for (r, b), p in PREDICATE_MATRIX.items()}
    assert served["DI_ATAS|DI_ATAS"] == "Sangat Baik" and len(served) == 9
    assert 'id="live-predikat"' in text and "evaluation/predikat" in text


@pytest.mark.django_db
def test_the_keberatan_decision_page_shows_the_ratings_and_links_the_evidence(
    personas, plans, q1, login
):
    from sikap.evaluation.models import Objection
    from sikap.evaluation.tests.test_evaluation_views import _final

    evaluation = _final(personas, plans, q1)
    login(personas.user("pegawai")).post(
        reverse("evaluation:objection_create", args=[evaluation.pk]), {"reason": "Mohon ditinjau"}
    )
    objection = Objection.objects.get(evaluation=evaluation)
    page = login(personas.user("lurah")).get(
        reverse("evaluation:objection_decide", args=[objection.pk])
    )
    assert page.status_code == 200
    assert evaluation.get_result_rating_display() in page.text
    assert reverse("evaluation:evaluate", args=[evaluation.plan_id, q1.pk]) in page.text
