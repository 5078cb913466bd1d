"""One catalogue in locale/: Indonesian complete and unambiguous, English complete, no leaks."""

from __future__ import annotations

import ast
import html
import io
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
ID_PO = LOCALE / "id" / "LC_MESSAGES" / "django.po"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
# What `make messages` leaves out of the extraction.
SKIPPED_DIRS = {".venv", ".tools", "var", "static", "node_modules", "test-artifacts", "locale"}
XGETTEXT_KEYWORDS = [
    "--keyword=gettext_noop",
    "--keyword=gettext_lazy",
    "--keyword=ngettext_lazy:1,2",
    "--keyword=pgettext:1c,2",
    "--keyword=npgettext:1c,2,3",
    "--keyword=pgettext_lazy:1c,2",
    "--keyword=npgettext_lazy:1c,2,3",
]

Key = tuple[str | None, str]


def _key(entry: polib.POEntry) -> Key:
    return entry.msgctxt, entry.msgid


def _translation(entry: polib.POEntry) -> object:
    if entry.msgid_plural:
        return tuple(sorted((int(k), v) for k, v in entry.msgstr_plural.items()))
    return entry.msgstr


def _source_files() -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIPPED_DIRS)
        found += [
            Path(dirpath, f) for f in sorted(filenames) if f.endswith((".py", ".html", ".txt"))
        ]
    return found


@pytest.fixture(scope="module")
def extracted() -> dict[Key, list[str]]:
    """Every (context, msgid) in the code and templates, as `make messages` extracts them."""
    xgettext = shutil.which("xgettext")
    assert xgettext, "xgettext (GNU gettext) is needed, as for `make messages`"
    with tempfile.TemporaryDirectory() as tmp:
        inputs: list[str] = []
        for path in _source_files():
            relative = path.relative_to(ROOT)
            if path.suffix == ".py":
                inputs.append(str(relative))
                continue
            target = Path(tmp, f"{relative}.py")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(templatize(path.read_text(encoding="utf-8"), origin=str(relative)))
            inputs.append(str(target))
        pot = Path(tmp, "django.pot")
        subprocess.run(
            [
                xgettext,
                "--language=Python",
                "--from-code=UTF-8",
                *XGETTEXT_KEYWORDS,
                f"--output={pot}",
                "--files-from=-",
            ],
            input="\n".join(inputs),
            text=True,
            cwd=ROOT,
            check=True,
        )
        return {_key(e): [file for file, _line in e.occurrences] for e in polib.pofile(str(pot))}


def test_there_is_one_catalogue_per_language_in_locale() -> None:
    assert settings.LOCALE_PATHS == [LOCALE]
    assert ID_PO.exists() and EN_PO.exists()
    leftovers = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("sikap/*/locale/*/*/*.po"))
    assert leftovers == [], f"fold them: python scripts/fold_catalogues.py ({leftovers})"


def test_no_msgid_has_two_different_translations() -> None:
    catalogues = [ID_PO, *ROOT.glob("sikap/*/locale/id/LC_MESSAGES/django.po")]
    seen: dict[Key, dict[object, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in catalogues:
        for entry in polib.pofile(str(path)).translated_entries():
            seen[_key(entry)][_translation(entry)].append(str(path.relative_to(ROOT)))
    clashes = {key: dict(texts) for key, texts in seen.items() if len(texts) > 1}
    assert clashes == {}, "give these a pgettext context or one translation"


def test_every_string_in_the_code_has_its_indonesian_translation(extracted) -> None:
    po = polib.pofile(str(ID_PO))
    translated = {_key(e) for e in po.translated_entries() if "fuzzy" not in e.flags}
    missing = {key: files[:2] for key, files in extracted.items() if key not in translated}
    assert missing == {}, "run `make messages` and translate them in locale/id"


@pytest.mark.parametrize("po_path", [ID_PO, EN_PO], ids=["id", "en"])
def test_catalogue_matches_the_code_and_is_compiled(po_path: Path, extracted) -> None:
    po = polib.pofile(str(po_path))
    keys = {_key(e) for e in po if not e.obsolete}
    assert sorted(set(extracted) - keys, key=str) == [], "run `make messages`"
    assert sorted(keys - set(extracted), key=str) == [], "stale entries: run `make messages`"
    assert [e.msgid for e in po.fuzzy_entries()] == []
    compiled = {_key(e): _translation(e) for e in polib.mofile(str(po_path.with_suffix(".mo")))}
    stale = [e.msgid for e in po.translated_entries() if compiled.get(_key(e)) != _translation(e)]
    assert stale == [], "run `make messages` (compilemessages)"


def test_english_translations_keep_the_placeholders() -> None:
    placeholder = re.compile(r"%(?:\(\w+\))?[sdf]|\{\w*\}")
    for path in (ID_PO, EN_PO):
        for entry in polib.pofile(str(path)).translated_entries():
            if entry.msgid_plural:
                continue
            assert sorted(placeholder.findall(entry.msgstr)) == sorted(
                placeholder.findall(entry.msgid)
            ), f"{path.parent.parent.name}: {entry.msgid!r}"


# --- no bare literal in a raised ValidationError ------------------------------------------------


def _is_bare_text(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node, ast.BinOp) and _is_bare_text(node.left)


def _name(node: ast.expr) -> str | None:
    return getattr(node, "id", None) or getattr(node, "attr", None)


def _message_problem(node: ast.expr, *, has_code: bool) -> str | None:
    """What is wrong with a ValidationError message argument (nested ones are checked apart)."""
    if _is_bare_text(node):
        return "message is a bare string literal, not gettext"
    if isinstance(node, ast.Dict | ast.List | ast.Tuple):
        parts = node.values if isinstance(node, ast.Dict) else node.elts
        problems = [_message_problem(p, has_code=False) for p in parts if p is not None]
        return next((p for p in problems if p), None)
    if isinstance(node, ast.Call) and _name(node.func) == "ValidationError":
        return None
    if isinstance(node, ast.Call | ast.BinOp) and not has_code:
        return "message without code="
    return None


def _validation_error_problems(source: str) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _name(node.func) == "ValidationError" and node.args:
            has_code = any(k.arg == "code" for k in node.keywords)
            problem = _message_problem(node.args[0], has_code=has_code)
            if problem:
                problems.append((node.lineno, problem))
    return problems


def test_the_ast_check_catches_bare_literals_and_missing_codes() -> None:
    source = (
        'ValidationError("Wajib diisi.")\n'
        'ValidationError({"text": "Wajib diisi."})\n'
        'ValidationError(f"NIP {nip} sudah ada.")\n'
        'ValidationError(_("Required."))\n'
        'ValidationError(_("Required."), code="required")\n'
        'ValidationError({"text": ValidationError(_("Required."), code="required")})\n'
        "ValidationError(errors)\n"
        'ValidationError({"text": _("Required.")})\n'
        'ValidationError([ValidationError(_("Required."), code="required")])\n'
    )
    assert _validation_error_problems(source) == [
        (1, "message is a bare string literal, not gettext"),
        (2, "message is a bare string literal, not gettext"),
        (3, "message is a bare string literal, not gettext"),
        (4, "message without code="),
        (8, "message without code="),
    ]


def test_no_validation_error_is_raised_with_a_bare_string_or_without_a_code() -> None:
    found = {
        f"{path.relative_to(ROOT)}:{line}": problem
        for path in sorted((ROOT / "sikap").rglob("*.py"))
        if "migrations" not in path.parts and "tests" not in path.parts
        for line, problem in _validation_error_problems(path.read_text(encoding="utf-8"))
    }
    assert found == {}, "write ValidationError(_('English text'), code='...')"


# --- pages in English show no Indonesian from templates or services ----------------------------

PERSONAS = ("", "pegawai", "penilai", "camat", "kepegawaian", "auditor")
PAGES_PER_PERSONA = 20
SKIP_URL = re.compile(
    r"/(keluar|admin|api|static|i18n|media-not-served)/|pdf|excel|xlsx|csv|json|/bukti/|berkas"
    r"|sertifikat|contoh=|unduh|ekspor|export|\.svg|\.png|qr"
)
TAG = re.compile(r"<[^>]+>")
DROPPED = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->", re.S)
ATTRIBUTES = re.compile(r'\b(?:aria-label|placeholder|title|alt|value)="([^"]*)"')
HREF = re.compile(r'href="(/[^"#]*)')
# Indonesian texts that are also proper English on these pages (names, acronyms, official terms).
ALSO_ENGLISH = {"Bahasa Indonesia"}


def _stored_text() -> str:
    """Every text value in the database: the demo's own Indonesian data is not a leak."""
    chunks: list[str] = []
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        if fields:
            for row in model._default_manager.values_list(*fields):
                chunks += [str(v) for v in row if v]
    return "\n".join(chunks)


def _indonesian_markers(extracted: dict[Key, list[str]], data: str) -> dict[str, str]:
    """Indonesian interface texts that differ from their English source and are not data."""
    po = polib.pofile(str(ID_PO))
    english = "\n".join(e.msgid for e in po) + "\n" + "\n".join(e.msgid_plural for e in po)
    markers: dict[str, str] = {}
    for entry in po.translated_entries():
        if _key(entry) not in extracted:
            continue
        texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for text in texts:
            for piece in re.split(r"%\(\w+\)[sdf]|%[sd]|\n|[:()]", text):
                piece = piece.strip(" .,;·–-")
                if (
                    len(piece) >= 6
                    and " " in piece
                    and piece != entry.msgid
                    and piece not in english
                    and piece not in ALSO_ENGLISH
                    and piece not in data
                ):
                    markers[piece] = entry.msgid
    return markers


def _official_texts() -> list[str]:
    """Regulation wording printed as the regulation has it (the SKP form), in every language."""
    from sikap.planning import rules
    from sikap.surveys.rules import UNSUR

    # The SKM questionnaire (PermenPAN-RB 14/2017) is asked in the regulation's words.
    skm = [text for u in UNSUR for text in (u.name, u.question, *u.answers)]
    return [
        rules.FOOTNOTE_INTERVENSI,
        rules.FOOTNOTE_EKSPEKTASI,
        rules.QUALITATIVE_LABEL,
        *rules.COACHING_STATEMENTS,
        *skm,
    ]


def _visible_text(body: str) -> str:
    body = DROPPED.sub(" ", body)
    text = TAG.sub(" ", body) + " " + " ".join(ATTRIBUTES.findall(body))
    text = re.sub(r"\s+", " ", html.unescape(text))
    for official in _official_texts():
        text = text.replace(official, " ")
    return text


def _crawl(client, start: str) -> dict[str, str]:
    pages: dict[str, str] = {}
    queue, shapes = [start], {re.sub(r"\d+", "N", start)}
    while queue and len(pages) < PAGES_PER_PERSONA:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        pages[url] = _visible_text(body)
        for path in HREF.findall(body):
            path = html.unescape(path)
            shape = re.sub(r"\d+", "N", path)
            if shape not in shapes and not SKIP_URL.search(path):
                shapes.add(shape)
                queue.append(path)
    return pages


@pytest.mark.django_db
def test_pages_in_english_show_no_indonesian_interface_text(client, extracted) -> None:
    call_command("load_demo", stdout=io.StringIO(), quiet_logins=True)
    from sikap.accounts.models import User

    markers = _indonesian_markers(extracted, _stored_text())
    assert len(markers) > 500
    pattern = re.compile("|".join(rf"\b{re.escape(m)}\b" for m in sorted(markers, key=len)[::-1]))
    leaks: dict[str, list[str]] = {}
    visited = 0
    for username in PERSONAS:
        client.logout()
        if username:
            client.force_login(User.objects.get(username=username))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        for url, text in _crawl(client, "/").items():
            visited += 1
            found = sorted({f"{m!r} (for {markers[m]!r})" for m in pattern.findall(text)})
            if found:
                leaks[f"{username or 'citizen'} {url}"] = found
    assert visited > 60
    assert leaks == {}, "\n".join(f"{page}: {', '.join(found)}" for page, found in leaks.items())
