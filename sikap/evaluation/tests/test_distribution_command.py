from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


def run(*args: str) -> dict:
    out = io.StringIO()
    call_command("distribution_limits", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_min_and_max_per_predicate_by_short_code():
    payload = run("--organisation-predicate", "Baik", "--headcount", "10")
    assert set(payload["predicates"]) == {"SB", "B", "BP", "K", "SK"}
    baik = payload["predicates"]["B"]
    assert (baik["code"], baik["label"], baik["min"], baik["max"]) == ("BAIK", "Baik", 0, 7)
    assert payload["group_minimums"][0]["predicates"] == ["BP", "K"]
    assert payload["group_minimums"][0]["min"] == 1
    assert "violations" not in payload


def test_it_accepts_cukup_and_codes_and_rounding():
    strict = run("--organisation-predicate", "cukup", "--headcount", "9")
    assert strict["predicates"]["SB"]["max"] == 0
    assert strict["predicates"]["BP"]["min"] == 6
    lenient = run(
        "--organisation-predicate", "BUTUH_PERBAIKAN", "--headcount", "9", "--rounding", "lenient"
    )
    assert lenient["predicates"]["SB"]["max"] == 1
    assert lenient["rounding"] == "lenient"


def test_it_reports_violations_with_actual_counts():
    payload = run(
        "--organisation-predicate", "Sangat Kurang", "--headcount", "5", "--actual", "1,1,0,0,3"
    )
    kinds = {v["kind"] for v in payload["violations"]}
    assert "must_not_exist" in kinds and "must_exist" in kinds
    assert all(v["message"] for v in payload["violations"])
    ok = run("--organisation-predicate", "Baik", "--headcount", "10", "--actual", "1,6,2,1,0")
    assert ok["violations"] == []


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--organisation-predicate", "Hebat", "--headcount", "5"], "Unknown"),
        (["--organisation-predicate", "Baik", "--headcount", "-1"], "non-negative"),
        (["--organisation-predicate", "Baik", "--headcount", "x"], "non-negative"),
        (
            ["--organisation-predicate", "Baik", "--headcount", "5", "--actual", "1,2,2"],
            "5 bilangan",
        ),
        (
            ["--organisation-predicate", "Baik", "--headcount", "5", "--actual", "1,2,2,a,0"],
            "5 bilangan",
        ),
        (
            ["--organisation-predicate", "Baik", "--headcount", "5", "--actual", "1,2,2,1,0"],
            "harus sama",
        ),
    ],
)
def test_invalid_arguments_raise_a_clear_error(args, fragment):
    with pytest.raises(CommandError, match=fragment):
        call_command("distribution_limits", *args, "--json", stdout=io.StringIO())


def test_the_command_line_exits_non_zero_with_the_message_on_stderr():
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    bad = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "distribution_limits",
            "--organisation-predicate",
            "Baik",
            "--headcount",
            "3",
            "--actual",
            "1,1,1,1,1",
            "--json",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0
    assert "harus sama" in bad.stderr
    good = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "distribution_limits",
            "--organisation-predicate",
            "Istimewa",
            "--headcount",
            "3",
            "--json",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0
    assert json.loads(good.stdout)["predicates"]["SB"]["max"] == 2


def test_plain_output_lists_each_predicate():
    out = io.StringIO()
    call_command(
        "distribution_limits",
        "--organisation-predicate",
        "Kurang",
        "--headcount",
        "10",
        "--actual",
        "1,0,1,7,1",
        stdout=out,
    )
    text = out.getvalue()
    assert "Kurang/Misconduct" in text and "min" in text
