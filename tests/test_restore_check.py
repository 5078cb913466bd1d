"""The backup and restore steps of docs/operations.md work: scripts/restore_check.sh runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not (shutil.which("gpg") and shutil.which("sqlite3")), reason="needs gpg")
def test_an_encrypted_backup_restores_into_a_fresh_database_that_runs(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SIKAP_VAR_DIR"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [str(ROOT / "scripts" / "restore_check.sh"), str(tmp_path / "work")],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "restore check passed" in done.stdout
    assert "public form and home 200" in done.stdout
    # What stays on disk is encrypted: no plain copy of the database is left behind.
    left = sorted(p.name for p in (tmp_path / "work").iterdir() if p.is_file())
    assert "plain.sqlite3" not in left
    assert {"sikap.sqlite3.gpg", "media.tar.gpg"} <= set(left)
