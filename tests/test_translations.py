"""Indonesian is the default language: every interface string must have its Indonesian text."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = sorted(
    [
        *ROOT.glob("locale/id/LC_MESSAGES/django.po"),
        *ROOT.glob("sikap/*/locale/id/LC_MESSAGES/django.po"),
    ]
)
APPS_WITH_TEMPLATES = sorted(
    p.relative_to(ROOT / "sikap").parts[0] for p in ROOT.glob("sikap/*/templates/*/*.html")
)


def test_there_are_catalogs() -> None:
    assert CATALOGS


@pytest.mark.parametrize("app", sorted(set(APPS_WITH_TEMPLATES)))
def test_every_app_with_pages_has_an_indonesian_catalog(app: str) -> None:
    assert (ROOT / "sikap" / app / "locale" / "id" / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalog_is_complete_and_compiled(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"untranslated in {po_path}: {untranslated[:10]}"
    assert fuzzy == [], f"fuzzy in {po_path}: {fuzzy[:10]}"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run compilemessages"
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural) for e in polib.mofile(str(mo_path))
    }
    for entry in po.translated_entries():
        expected = entry.msgstr or {int(k): v for k, v in entry.msgstr_plural.items()}
        got = compiled.get((entry.msgctxt, entry.msgid))
        if isinstance(got, dict):
            got = {int(k): v for k, v in got.items()}
        assert got == expected, f"{mo_path} is stale for {entry.msgid!r}: run compilemessages"
