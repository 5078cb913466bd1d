#!/usr/bin/env python3
"""Fetch the pinned front-end packages with ``npm pack``, verify their sha256, unpack into static/vendor.

Runs with a bare python3 (no project dependencies). Already-unpacked files are left alone, so a
second run is instant and needs no network.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "assets.lock.json"
CACHE = ROOT / "var" / "npm-cache"
VENDOR = ROOT / "static" / "vendor"
SOURCE_MAP = re.compile(rb"^.*sourceMappingURL=.*$", re.MULTILINE)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(name: str, version: str, expected: str) -> Path:
    tarball = CACHE / f"{name.replace('/', '-').lstrip('@')}-{version}.tgz"
    if not tarball.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("npm is needed to fetch the front-end assets (install Node.js and npm).")
        subprocess.run(
            [npm, "pack", f"{name}@{version}", "--pack-destination", str(CACHE), "--silent"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    actual = sha256(tarball)
    if actual != expected:
        tarball.unlink()
        sys.exit(f"checksum mismatch for {name}@{version}: expected {expected}, got {actual}")
    return tarball


def main() -> None:
    lock = json.loads(LOCK.read_text())
    stamp_dir = VENDOR / ".stamps"
    for package in lock["packages"]:
        stamp = stamp_dir / f"{package['name']}-{package['version']}-{package['sha256'][:12]}"
        targets = [VENDOR / target for target in package["files"].values()]
        if stamp.exists() and all(t.exists() for t in targets):
            continue
        tarball = fetch(package["name"], package["version"], package["sha256"])
        with tarfile.open(tarball, "r:gz") as archive:
            for member_name, target in package["files"].items():
                source = archive.extractfile(member_name)
                if source is None:
                    sys.exit(f"{member_name} missing from {tarball.name}")
                # whitenoise's manifest storage fails on source maps that are not shipped.
                data = SOURCE_MAP.sub(b"", source.read())
                destination = VENDOR / target
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(data)
        stamp_dir.mkdir(parents=True, exist_ok=True)
        stamp.touch()
        print(f"assets: {package['name']}@{package['version']} verified and unpacked")


if __name__ == "__main__":
    main()
