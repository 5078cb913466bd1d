"""Every delete and every "Buat revisi" asks first, through templates/includes/confirm.html."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from sikap.planning.models import Plan, PlanStatus
from sikap.planning.testing import make_plan

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    p
    for p in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("sikap/*/templates/**/*.html")]
    if p.name != "confirm.html"
)
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)
# What deletes or starts a revision: a URL named so, or a button sending "delete".
DESTRUCTIVE = re.compile(
    r"""\{%\s*url\s+['"][\w:]*(delete|discard|remove|revise)\b|name=["']delete["']"""
)


def test_the_scan_reads_the_templates_that_delete():
    names = {p.name for p in TEMPLATES}
    assert {"plan.html", "realisation.html", "week.html", "holidays.html"} <= names


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_form_deletes_or_revises_without_asking(template):
    text = template.read_text()
    bare = [
        form[:160]
        for form in FORM.findall(text)
        if DESTRUCTIVE.search(form) and not _answered_elsewhere(form, text)
    ]
    assert not bare, f"use includes/confirm.html for: {bare}"


def _answered_elsewhere(form: str, text: str) -> bool:
    """A hidden form inside a bigger form (forms cannot nest) is sent only by the answer button
    of a question: ``<details class="confirm">`` with a ``data-confirm-yes`` button naming it."""
    opening = form[: form.index(">")]
    found = re.search(r'\bid="([^"]+)"', opening)
    if " hidden" not in opening or not found:
        return False
    answer = re.compile(
        r'<details class="confirm"[^>]*>(?:(?!</details>).)*?<button[^>]*form="'
        + re.escape(found.group(1))
        + r'"[^>]*data-confirm-yes',
        re.S,
    )
    return bool(answer.search(text))


def test_the_scan_catches_a_bare_delete_form():
    form = (
        '<form method="post" action="{% url \'planning:evidence_delete\' e.pk %}">'
        "<button>hapus</button></form>"
    )
    assert DESTRUCTIVE.search(FORM.findall(form)[0])


def test_a_hidden_delete_form_passes_only_when_a_question_sends_it():
    form = '<form method="post" action="{% url \'planning:evidence_delete\' e.pk %}" id="del-1" hidden></form>'
    asked = (
        '<details class="confirm" data-confirm><summary>hapus</summary>'
        '<button type="submit" form="del-1" data-confirm-yes>Ya</button></details>'
    )
    assert _answered_elsewhere(form, form + asked)
    assert not _answered_elsewhere(form, form + '<button type="submit" form="del-1">hapus</button>')


def test_start_a_revision_asks_and_the_answer_revises(personas, login):
    plan = make_plan(personas.pegawai, penilai=personas.penilai)
    client = login(personas.user("pegawai"))
    page = client.get(reverse("planning:plan", args=[plan.pk])).text
    url = reverse("planning:revise", args=[plan.pk])
    confirm = page[page.index('<details class="confirm"') :]
    confirm = confirm[: confirm.index("</details>")]
    assert "<summary" in confirm and "Buat revisi" in confirm
    assert "Mulai revisi SKP ini?" in confirm
    assert f'action="{url}"' in confirm and "Ya, buat revisi" in confirm
    assert not re.search(r"<button[^>]*>\s*Buat revisi", page)
    client.post(url)
    assert Plan.objects.filter(revision_of=plan).exists()


def test_the_delete_of_a_work_result_asks_in_indonesian(personas, login):
    plan = make_plan(personas.pegawai, penilai=personas.penilai)
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    client = login(personas.user("pegawai"))
    page = client.get(reverse("planning:plan", args=[plan.pk])).text
    url = reverse("planning:work_result_delete", args=[plan.work_results.get().pk])
    assert f'action="{url}"' in page
    assert "Hapus Rencana Hasil Kerja ini beserta indikatornya?" in page
    assert "Ya, hapus" in page
