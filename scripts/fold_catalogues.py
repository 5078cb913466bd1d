"""Fold every per-app catalogue (sikap/<app>/locale) into the project catalogue (locale/).

Run from anywhere: ``python scripts/fold_catalogues.py``. For each language, every entry of an
app catalogue that the project catalogue lacks (or has untranslated) is copied in, with its
source references made relative to the project root; when both have a different translation,
the project one is kept and the conflict is reported (give the strings a ``pgettext`` context
if they mean different things). The app catalogue is then deleted and the project catalogue
recompiled. Running it again with no app catalogue left changes nothing.

Exit status: 0 when no conflict was found, 1 otherwise (the fold is done either way).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("id", "en")
HEADER_PLURALS = {"id": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def _translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _translation(entry: polib.POEntry) -> object:
    if entry.msgid_plural:
        return tuple(sorted(entry.msgstr_plural.items()))
    return entry.msgstr


def _project_catalogue(root: Path, language: str) -> polib.POFile:
    path = root / "locale" / language / "LC_MESSAGES" / "django.po"
    if path.exists():
        return polib.pofile(str(path), wrapwidth=79)
    po = polib.POFile(wrapwidth=79)
    po.metadata = {
        "Project-Id-Version": "SIKAP",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Language": language,
        "Plural-Forms": HEADER_PLURALS[language],
    }
    return po


def fold(root: Path = ROOT, *, dry_run: bool = False) -> list[str]:
    """Fold the app catalogues under ``root`` into ``root/locale``; return the conflicts."""
    conflicts: list[str] = []
    for language in LANGUAGES:
        app_paths = sorted(root.glob(f"sikap/*/locale/{language}/LC_MESSAGES/django.po"))
        if not app_paths:
            continue
        project = _project_catalogue(root, language)
        index = {_key(e): e for e in project if not e.obsolete}
        for app_path in app_paths:
            app_dir = app_path.parents[3]
            prefix = app_dir.relative_to(root).as_posix()
            for entry in polib.pofile(str(app_path)):
                if entry.obsolete:
                    continue
                occurrences = [(f"{prefix}/{file}", line) for file, line in entry.occurrences]
                existing = index.get(_key(entry))
                if existing is None:
                    entry.occurrences = occurrences
                    project.append(entry)
                    index[_key(entry)] = entry
                    continue
                known = {file for file, _ in existing.occurrences}
                existing.occurrences += [o for o in occurrences if o[0] not in known]
                if not _translated(entry):
                    continue
                if not _translated(existing) or "fuzzy" in existing.flags:
                    existing.msgstr = entry.msgstr
                    existing.msgstr_plural = dict(entry.msgstr_plural)
                    if "fuzzy" in existing.flags and "fuzzy" not in entry.flags:
                        existing.flags.remove("fuzzy")
                elif _translation(existing) != _translation(entry):
                    context = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
                    conflicts.append(
                        f"{language}: {entry.msgid!r}{context}: kept {_translation(existing)!r},"
                        f" {prefix} has {_translation(entry)!r}"
                    )
        if dry_run:
            continue
        target = root / "locale" / language / "LC_MESSAGES" / "django.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        project.save(str(target))
        project.save_as_mofile(str(target.with_suffix(".mo")))
        for app_path in app_paths:
            app_path.unlink()
            app_path.with_suffix(".mo").unlink(missing_ok=True)
    if not dry_run:
        for locale_dir in root.glob("sikap/*/locale"):
            if not any(p.is_file() for p in locale_dir.rglob("*")):
                shutil.rmtree(locale_dir)
    return conflicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this one)")
    parser.add_argument("--dry-run", action="store_true", help="report conflicts, change nothing")
    args = parser.parse_args(argv)
    conflicts = fold(args.root, dry_run=args.dry_run)
    for line in conflicts:
        print(f"conflict: {line}", file=sys.stderr)
    return 1 if conflicts else 0


if __name__ == "__main__":
    raise SystemExit(main())
