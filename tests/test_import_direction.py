"""The app graph runs one way: an app uses only the apps in the layers below it.

An arrow is any of: an ``import`` (at the top or inside a function), a lazy model reference
(``ForeignKey("planning.Plan")``), a URL name (``reverse("evaluation:index")``,
``{% url 'evaluation:index' %}``). ``import_module``/``__import__`` are not used at all: an app
that must call into the apps above it declares a ``sikap.lib.hooks.Hook`` that they fill in their
``AppConfig.ready`` (see docs/architecture.md).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SIKAP = ROOT / "sikap"

# Bottom to top. An app may use the apps of the layers below its own, never one beside or above.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"lib"}),  # helpers with no models and no HTTP
    frozenset({"accounts"}),  # users, roles, sign-in, the menu and home page hooks
    frozenset({"org"}),  # units, positions, employees, the Scope, logins given to employees
    frozenset({"cycle"}),  # appraisal years and periods
    frozenset({"planning"}),  # SKP
    frozenset({"evaluation"}),  # ratings, predikat, curve, penetapan
    frozenset({"surveys", "complaints"}),  # public services; evidence for planning/evaluation
    frozenset({"development"}),  # competency development, reads planning and evaluation
    frozenset({"worklog"}),  # Progres Harian: fed by hooks.WORK_DONE, reads planning
    frozenset({"dashboards"}),  # reads everything below
)
LAYER = {app: index for index, apps in enumerate(LAYERS) for app in apps}

# Single arrows allowed to run up, each named exactly (app, target, what), never a whole pair of
# apps. The one left is a database relation: a role is assigned over a unit subtree, so
# RoleAssignment.unit is a lazy ForeignKey("org.Unit"); Django resolves it without an import.
KNOWN_EXCEPTIONS = frozenset({("accounts", "org", "ForeignKey('org.Unit')")})

MODEL_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField"}
URL_CALLS = {"reverse", "reverse_lazy", "redirect", "resolve_url"}
LAZY_MODEL = re.compile(r"^([a-z_]+)\.[A-Z]\w*$")
URL_NAME = re.compile(r"^([a-z_]+):[\w-]+$")
TEMPLATE_URL = re.compile(r"""{%\s*url\s+['"]([a-z_]+):""")


def _app_of(path: Path) -> str:
    return path.relative_to(SIKAP).parts[0]


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def arrows_in_python(source: str) -> list[tuple[int, str, str]]:
    """(line, target app, what) for every use of another sikap app in a module's source."""
    found: list[tuple[int, str, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("sikap."):
                    found.append((node.lineno, alias.name.split(".")[1], f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "sikap":
                for alias in node.names:
                    found.append((node.lineno, alias.name, f"from sikap import {alias.name}"))
            elif node.module.startswith("sikap."):
                found.append((node.lineno, node.module.split(".")[1], f"from {node.module}"))
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            if name in {"import_module", "__import__"}:
                found.append((node.lineno, "?", f"{name}(...) instead of an import or a Hook"))
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            pattern = (
                LAZY_MODEL if name in MODEL_FIELDS else URL_NAME if name in URL_CALLS else None
            )
            match = pattern.match(first.value) if pattern else None
            if match and match.group(1) in LAYER:  # not admin:, api:, auth.User ...
                found.append((node.lineno, match.group(1), f"{name}({first.value!r})"))
    return found


def arrows_in_template(text: str) -> list[tuple[int, str, str]]:
    return [
        (text.count("\n", 0, m.start()) + 1, m.group(1), m.group(0))
        for m in TEMPLATE_URL.finditer(text)
        if m.group(1) in LAYER
    ]


def wrong_way(app: str, arrows: list[tuple[int, str, str]]) -> list[str]:
    """The arrows that do not point to a lower layer (unknown targets count as wrong)."""
    problems = []
    for line, target, what in arrows:
        if target == app or (app, target, what) in KNOWN_EXCEPTIONS:
            continue
        if target == "?" or target not in LAYER or LAYER[target] >= LAYER[app]:
            problems.append(f"{line}: {what} ({app} -> {target})")
    return problems


def _sources() -> list[Path]:
    return sorted(p for p in SIKAP.rglob("*.py") if "migrations" not in p.parts)


def test_every_app_has_a_layer() -> None:
    apps = {p.name for p in SIKAP.iterdir() if (p / "__init__.py").exists()}
    assert apps == set(LAYER)


def test_python_code_only_uses_the_layers_below() -> None:
    problems = [
        f"{path.relative_to(ROOT)}:{problem}"
        for path in _sources()
        for problem in wrong_way(_app_of(path), arrows_in_python(path.read_text()))
    ]
    assert problems == []


def test_templates_only_link_to_the_layers_below() -> None:
    problems = [
        f"{path.relative_to(ROOT)}:{problem}"
        for path in sorted(SIKAP.glob("*/templates/**/*.html"))
        for problem in wrong_way(_app_of(path), arrows_in_template(path.read_text()))
    ]
    assert problems == []


def test_the_known_exceptions_still_exist() -> None:
    """When an exception is gone, remove it here so it cannot come back unnoticed."""
    used = {
        (_app_of(path), target, what)
        for path in _sources()
        for _line, target, what in arrows_in_python(path.read_text())
    }
    assert used >= KNOWN_EXCEPTIONS


@pytest.mark.parametrize(
    ("app", "source", "expected"),
    [
        ("planning", "from sikap.evaluation.models import Evaluation", ["evaluation"]),
        ("planning", "def f():\n    from sikap.evaluation import services", ["evaluation"]),
        ("planning", "import sikap.dashboards.views", ["dashboards"]),
        ("planning", "from sikap import evaluation", ["evaluation"]),
        ("cycle", "x = models.ForeignKey('planning.Plan', on_delete=None)", ["planning"]),
        ("org", "reverse('planning:index')", ["planning"]),
        ("org", "redirect('cycle:years')", ["cycle"]),
        ("accounts", "importlib.import_module(name)", ["?"]),
        ("surveys", "from sikap.complaints.models import Complaint", ["complaints"]),
        ("evaluation", "from sikap.planning.models import Plan", []),
        ("evaluation", "reverse('cycle:years'); reverse('evaluation:index')", []),
        ("cycle", "x = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=None)", []),
        ("cycle", "messages.success(request, 'Saved: ok')", []),
    ],
)
def test_the_check_catches_each_kind_of_arrow(app: str, source: str, expected: list[str]) -> None:
    problems = wrong_way(app, arrows_in_python(source))
    assert [p.rsplit("-> ", 1)[1].rstrip(")") for p in problems] == expected


def test_the_check_reads_url_tags_in_templates() -> None:
    text = "{% load i18n %}\n<a href=\"{% url 'evaluation:settings' %}\">x</a>"
    assert wrong_way("cycle", arrows_in_template(text)) == [
        "2: {% url 'evaluation: (cycle -> evaluation)"
    ]
