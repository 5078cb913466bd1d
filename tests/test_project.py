"""Project-wide checks: migrations, settings helpers, deploy check, translations."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from config.env import (
    ImproperlyConfiguredEnv,
    database_key,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_it_has_no_pending_migrations() -> None:
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_env_bool_rejects_garbage() -> None:
    with pytest.raises(ImproperlyConfiguredEnv, match="DEBUG must be a boolean"):
        env_bool("DEBUG", False, env={"DEBUG": "maybe"})
    assert env_bool("DEBUG", False, env={"DEBUG": "Yes"}) is True
    assert env_bool("DEBUG", True, env={"DEBUG": "0"}) is False
    assert env_bool("DEBUG", True, env={}) is True


def test_env_int_rejects_text() -> None:
    with pytest.raises(ImproperlyConfiguredEnv, match="EMAIL_PORT must be an integer"):
        env_int("EMAIL_PORT", 25, env={"EMAIL_PORT": "twenty"})
    assert env_int("EMAIL_PORT", 25, env={"EMAIL_PORT": " 587 "}) == 587
    assert env_int("EMAIL_PORT", 25, env={"EMAIL_PORT": ""}) == 25


def test_env_float_rejects_text() -> None:
    with pytest.raises(ImproperlyConfiguredEnv, match="DB_RANDOM_PAGE_COST must be a number"):
        env_float("DB_RANDOM_PAGE_COST", 1.1, env={"DB_RANDOM_PAGE_COST": "fast"})
    assert env_float("DB_RANDOM_PAGE_COST", 1.1, env={"DB_RANDOM_PAGE_COST": " 2 "}) == 2.0
    assert env_float("DB_RANDOM_PAGE_COST", 1.1, env={}) == 1.1


def test_postgresql_connections_cost_random_reads_as_on_ssd(settings) -> None:
    """Without it the planner reads whole tables where index look-ups are 10 × faster."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    assert settings.DATABASES["default"]["OPTIONS"]["options"] == (
        "-c random_page_cost=1.1 -c jit=off"
    )


@pytest.mark.django_db
def test_the_postgresql_session_uses_the_cost(settings) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
        # JIT spent 40 ms compiling one count of the curves at city scale.
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_two_databases_never_share_cache_keys() -> None:
    """Two instances on one Redis (production and a training copy) keep their scopes apart."""
    city = {"ENGINE": "django.db.backends.postgresql", "HOST": "db", "PORT": 5432, "NAME": "a"}
    assert database_key(city) != database_key({**city, "NAME": "b"})
    assert database_key(city) != database_key({**city, "HOST": "db2"})
    assert database_key(city) == database_key(dict(city))


@pytest.mark.django_db
def test_the_planner_samples_every_officer(settings) -> None:
    """surveys/0007: 1,000 common values of who served, so that a kelurahan's estimate holds."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attname, attstattarget FROM pg_attribute "
            "WHERE (attrelid = 'surveys_servicerecord_officers'::regclass "
            "AND attname = 'employee_id') "
            "OR (attrelid = 'surveys_surveyresponse'::regclass AND attname = 'officer_id')"
        )
        assert {(t, a, int(n)) for t, a, n in cursor.fetchall()} == {
            ("surveys_servicerecord_officers", "employee_id", 1000),
            ("surveys_surveyresponse", "officer_id", 1000),
        }


def test_env_str_requires_a_value_without_default() -> None:
    with pytest.raises(ImproperlyConfiguredEnv, match="SECRET_KEY must be set"):
        env_str("SECRET_KEY", env={})
    assert env_str("X", "d", env={}) == "d"


def test_env_list_splits_commas() -> None:
    assert env_list("H", [], env={"H": "a.id, b.id,,"}) == ["a.id", "b.id"]
    assert env_list("H", ["x"], env={}) == ["x"]


def _run_settings(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings"}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key() -> None:
    result = _run_settings({}, "import django; django.setup()")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_check() -> None:
    env = {
        "SECRET_KEY": "x" * 30 + "production-secret-value-0123456789abcdef",
        "DATABASE_URL": "postgres://localhost/sikap",
        "ALLOWED_HOSTS": "sikap.example.id",
        "SITE_URL": "https://sikap.example.id",
    }
    code = (
        "import django, sys; django.setup(); from django.core.management import call_command; "
        "call_command('check', '--deploy', '--fail-level', 'WARNING')"
    )
    result = _run_settings(env, code)
    assert result.returncode == 0, result.stderr


def test_production_uses_argon2_first() -> None:
    env = {"SECRET_KEY": "y" * 60, "ALLOWED_HOSTS": "sikap.example.id"}
    code = "from django.conf import settings; import django; django.setup(); print(settings.PASSWORD_HASHERS[0])"
    result = _run_settings(env, code)
    assert result.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher", (
        result.stderr
    )


def test_production_cache_is_shared_across_processes() -> None:
    env = {
        "SECRET_KEY": "z" * 60,
        "ALLOWED_HOSTS": "sikap.example.id",
        "SIKAP_VAR_DIR": str(ROOT / "var" / "cache-test"),
    }
    code = "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    assert _run_settings(env, code).stdout.strip().endswith("FileBasedCache")
    # Django's default of 300 entries is culled by a third on the next write: a kecamatan's
    # scopes, snapshots and evidence pass it within minutes.
    code = "import django; django.setup(); from django.core.cache import cache; print(cache._max_entries)"
    assert _run_settings(env, code).stdout.strip() == "10000"
    assert _run_settings({**env, "CACHE_MAX_ENTRIES": "500"}, code).stdout.strip() == "500"
    env["REDIS_URL"] = "redis://127.0.0.1:6379/5"
    code = (
        "import django; django.setup(); from django.core.cache import cache; "
        "cache.set('sikap-probe', 42, 5); print(cache.get('sikap-probe'))"
    )
    result = _run_settings(env, code)
    assert result.stdout.strip() == "42", result.stderr


def test_manage_py_works_in_a_checkout_without_any_environment() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_manage_py_in_production_still_needs_a_real_secret_key() -> None:
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
