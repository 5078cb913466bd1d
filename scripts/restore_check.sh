#!/usr/bin/env bash
# Backup and restore, checked end to end (docs/operations.md, "Backups"):
#   1. a demo database is made (migrate + load_demo) with its media folder;
#   2. it is backed up the documented way and encrypted (gpg --symmetric, AES256);
#   3. the encrypted backup is decrypted and restored into a fresh, empty database;
#   4. the restored copy must pass `manage.py check`, have no pending migration, hold the demo's
#      rows, and serve pages (the public complaint form and a signed-in home page).
# SQLite by default; with RESTORE_CHECK_PG=postgres://user@host:port it does the same with
# pg_dump -Fc / pg_restore into two throw-away databases on that server.
# Usage: scripts/restore_check.sh [workdir]   (the passphrase comes from BACKUP_PASSPHRASE_FILE,
# else a random one is made for the run)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PY:-$ROOT/.venv/bin/python}"
WORK="${1:-$(mktemp -d)}"
mkdir -p "$WORK"
PASS="${BACKUP_PASSPHRASE_FILE:-$WORK/passphrase}"
[ -f "$PASS" ] || head -c 32 /dev/urandom | base64 > "$PASS"
export DEBUG=1
manage() { (cd "$ROOT" && "$PY" manage.py "$@"); }
encrypt() { gpg --batch --yes --quiet --pinentry-mode loopback --passphrase-file "$PASS" --symmetric --cipher-algo AES256 -o "$1"; }
decrypt() { gpg --batch --yes --quiet --pinentry-mode loopback --passphrase-file "$PASS" --decrypt "$1"; }

if [ -n "${RESTORE_CHECK_PG:-}" ]; then
  SRC_DB="sikap_restore_src_$$"; DST_DB="sikap_restore_dst_$$"
  SRC="$RESTORE_CHECK_PG/$SRC_DB"; DST="$RESTORE_CHECK_PG/$DST_DB"
  trap 'psql -q "$RESTORE_CHECK_PG/postgres" -c "DROP DATABASE IF EXISTS $SRC_DB" -c "DROP DATABASE IF EXISTS $DST_DB" >/dev/null 2>&1 || true' EXIT
  psql -q "$RESTORE_CHECK_PG/postgres" -c "CREATE DATABASE $SRC_DB" -c "CREATE DATABASE $DST_DB"
else
  SRC="sqlite:///$WORK/source.sqlite3"; DST="sqlite:///$WORK/restored.sqlite3"
fi

echo "1. demo database"
SIKAP_VAR_DIR="$WORK/source" DATABASE_URL="$SRC" manage migrate -v0
SIKAP_VAR_DIR="$WORK/source" DATABASE_URL="$SRC" manage load_demo --quiet-logins >/dev/null

echo "2. encrypted backup"
if [ -n "${RESTORE_CHECK_PG:-}" ]; then
  pg_dump -Fc "$SRC" | encrypt "$WORK/sikap.dump.gpg"
else
  sqlite3 "$WORK/source.sqlite3" ".backup '$WORK/plain.sqlite3'"
  encrypt "$WORK/sikap.sqlite3.gpg" < "$WORK/plain.sqlite3"
  rm "$WORK/plain.sqlite3"
fi
mkdir -p "$WORK/source/media"
tar -C "$WORK/source" -cf - media | encrypt "$WORK/media.tar.gpg"
if grep -qa "Kecamatan Plaju" "$WORK"/*.gpg; then echo "backup is not encrypted" >&2; exit 1; fi

echo "3. restore into a fresh database"
mkdir -p "$WORK/restored"
if [ -n "${RESTORE_CHECK_PG:-}" ]; then
  decrypt "$WORK/sikap.dump.gpg" | pg_restore --no-owner -d "$DST"
else
  decrypt "$WORK/sikap.sqlite3.gpg" > "$WORK/restored.sqlite3"
fi
decrypt "$WORK/media.tar.gpg" | tar -C "$WORK/restored" -xf -

echo "4. the restored copy runs"
export SIKAP_VAR_DIR="$WORK/restored" DATABASE_URL="$DST"
manage check
manage migrate --check -v0
manage shell -v 0 -c '
from django.test import Client
from django.urls import reverse
from sikap.accounts.models import User
from sikap.complaints.models import Complaint
from sikap.org.models import Employee
counts = (User.objects.count(), Employee.objects.count(), Complaint.objects.count())
assert all(counts), counts
page = Client().get(reverse("complaints:public_form"))
assert page.status_code == 200 and "Kelurahan" in page.content.decode(), page.status_code
staff = Client()
staff.force_login(User.objects.filter(is_active=True, is_superuser=False).order_by("pk").first())
home = staff.get("/")
assert home.status_code == 200, home.status_code
print("restored: %s users, %s employees, %s complaints; public form and home 200" % counts)
'
echo "restore check passed"
