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
