"""The ``|widget`` filter lays out every field as Bootstrap expects it."""

from __future__ import annotations

import re

from django import forms
from django.template import Context, Template


class _Choices(forms.Form):
    decision = forms.ChoiceField(
        label="Rekomendasi",
        choices=[("a", "Perpanjang"), ("b", "Tidak diperpanjang")],
        widget=forms.RadioSelect,
    )
    areas = forms.MultipleChoiceField(
        label="Bidang",
        choices=[("x", "Pelayanan"), ("y", "Kearsipan")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reasons = forms.CharField(label="Alasan", widget=forms.Textarea)


def _render(form: forms.Form) -> str:
    return Template('{% include "includes/form_fields.html" %}').render(Context({"form": form}))


def test_each_radio_and_check_box_sits_in_its_own_form_check_with_its_label():
    html = _render(_Choices())
    options = re.findall(
        r'<div class="form-check"><input ([^>]*)><label class="form-check-label" for="([^"]+)">([^<]+)</label></div>',
        html,
    )
    assert [(label, ids) for _attrs, ids, label in options] == [
        ("Perpanjang", "id_decision_0"),
        ("Tidak diperpanjang", "id_decision_1"),
        ("Pelayanan", "id_areas_0"),
        ("Kearsipan", "id_areas_1"),
    ]
    assert all('class="form-check-input"' in attrs for attrs, _ids, _label in options)
    assert all(f'id="{ids}"' in attrs for attrs, ids, _label in options)
    assert '<div id="id_decision" role="radiogroup" aria-label="Rekomendasi">' in html
    assert '<div id="id_areas" role="group" aria-label="Bidang">' in html


def test_a_refused_choice_is_marked_invalid_and_keeps_what_was_chosen():
    form = _Choices(data={"areas": ["y"], "reasons": ""})
    assert not form.is_valid()
    html = _render(form)
    radios = re.findall(r'<input type="radio"[^>]*>', html)
    assert radios and all("is-invalid" in r and 'aria-invalid="true"' in r for r in radios)
    [kept] = [box for box in re.findall(r'<input type="checkbox"[^>]*>', html) if "checked" in box]
    assert 'value="y"' in kept
