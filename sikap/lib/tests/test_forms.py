from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from sikap.lib.forms import apply_errors


class _Form(forms.Form):
    nip = forms.CharField()


def test_field_messages_land_on_their_field_and_the_rest_on_the_form():
    form = _Form(data={"nip": "1"})
    assert form.is_valid()
    apply_errors(form, ValidationError({"nip": "NIP tidak valid.", "golongan": "Golongan salah."}))
    assert form.errors["nip"] == ["NIP tidak valid."]
    assert form.non_field_errors() == ["Golongan salah."]


def test_a_plain_message_lands_on_the_form():
    form = _Form(data={"nip": "1"})
    form.is_valid()
    apply_errors(form, ValidationError(["Satu.", "Dua."]))
    assert form.non_field_errors() == ["Satu.", "Dua."]
