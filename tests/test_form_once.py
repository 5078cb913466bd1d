"""Every form that creates records carries a one-time token and its view claims it.

The guard itself is tested here on a small view and on the Progres Harian page. Two static checks over the URL patterns (see ``sikap.accounts.formonce``):

- a view that calls a creating service (``create_*``, ``add_*``, ``record_*`` ...; in its own
  code or in a helper of its module it calls) is wrapped in ``formonce.guard``;
- every ``<form method="post">`` that posts to a guarded view carries ``{% form_once %}``: a form
  with ``action="{% url 'app:name' ... %}"`` names its view, a form without an action posts to
  the view that rendered its template (the templates named in that view's code and helpers).

The double submits themselves are tested per app (``*/tests/test_double_submit.py``).
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import re
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import get_template
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from sikap.accounts import formonce
from sikap.accounts.models import FormSubmission, OutgoingEmail
from sikap.accounts.testing import Submit, assert_created_once, token_on_page
from sikap.org.models import Assignment, Contract, Employee, JenisAsn, Position, Unit
from sikap.org.testing import make_position
from sikap.planning.tests.test_races import _burst, postgres_only
from sikap.worklog.models import Entry

ROOT = Path(__file__).resolve().parent.parent

CREATING = re.compile(
    r"\b(?:services|peer|logins)\.(create_\w+|add_\w+|record_\w+|register_\w+|file_\w+|give_\w+"
    r"|import_\w+|report_\w+|setup_\w+|cascade_down|submit_response|submit_reaction"
    r"|request_feedback|answer_feedback|reply_feedback|citizen_reply|assign_acting"
    r"|save_service_type|save_action_plan|save_category|save_response_template)\("
)
# Views that create without a browser form token, and why.
NOT_GUARDED = {
    "surveys:kiosk_submit": "the offline kiosk sends its own idempotency key with each answer",
    "org:give_login": "one login per employee: a repeat resets it; its answer is the PDF slip",
    "org:give_logins": "one login per employee: a repeat resets it; its answer is the PDF slip",
}
# Pages whose POST form needs no token, and why.
# Guarded views no page posts to any more (kept for pages opened before, and the API's tests).
NO_FORM = {
    "planning:realisation_save": "the one-indicator save; the page posts the whole table to "
    "planning:realisation",
}
NO_TOKEN_TEMPLATES = {
    "surveys/kiosk.html": "one page serves citizen after citizen; kiosk.js sends each answer "
    "with its own idempotency key (the form's action is only the no-JavaScript fallback)",
}
TEMPLATE = re.compile(r"""["']([a-z_]+/[\w/.-]+\.html)(?:#[\w-]+)?["']""")
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
ACTION_URL = re.compile(r"""action="[^"]*{%\s*url\s+['"]([\w:-]+)['"]""")
INCLUDE = re.compile(r"""{%\s*include\s+['"]([\w/.-]+)['"]""")


def _patterns(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, Callable[..., Any]]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.callback


def _project_views() -> dict[str, Callable[..., Any]]:
    return {
        name: view
        for name, view in _patterns(get_resolver().url_patterns)
        if getattr(inspect.unwrap(view), "__module__", "").startswith("sikap.")
    }


def _source(view: Callable[..., Any]) -> str:
    """The view's code and that of the module's functions it calls (two levels)."""
    function = inspect.unwrap(view)
    module = inspect.getmodule(function)
    seen: set[str] = set()
    parts: list[str] = []
    todo = [(function, 0)]
    while todo:
        current, depth = todo.pop()
        if current.__name__ in seen:
            continue
        seen.add(current.__name__)
        code = textwrap.dedent(inspect.getsource(current))
        parts.append(code)
        if depth == 2:
            continue
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                helper = getattr(module, node.func.id, None)
                if inspect.isfunction(helper) and helper.__module__ == function.__module__:
                    todo.append((helper, depth + 1))
    return "\n".join(parts)


def _guarded(views: dict[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    return {name: view for name, view in views.items() if getattr(view, "form_once", False)}


def _template_text(name: str) -> str:
    return Path(get_template(name).origin.name).read_text()


def _has_token(body: str) -> bool:
    if "form_once" in body:
        return True
    return any("form_once" in _template_text(name) for name in INCLUDE.findall(body))


def _post_forms(text: str) -> Iterator[tuple[str | None, str]]:
    """(the url name of the action or None, the form's body) of each POST form."""
    for attrs, body in FORM.findall(text):
        if re.search(r"""method=["']?post""", attrs, re.I):
            named = ACTION_URL.search(attrs)
            action = named.group(1) if named else None
            if action is None and re.search(r'action="[^"{]', attrs):
                continue  # a literal address elsewhere
            yield action, attrs + body


def test_every_view_that_creates_records_is_guarded() -> None:
    views = _project_views()
    creating = {name for name, view in views.items() if CREATING.search(_source(view))}
    assert creating - set(NOT_GUARDED) - set(_guarded(views)) == set()
    assert set(NOT_GUARDED) <= creating


def test_every_form_posting_to_a_guarded_view_has_the_token() -> None:
    guarded = _guarded(_project_views())
    rendered_by = {name: set(TEMPLATE.findall(_source(view))) for name, view in guarded.items()}
    missing = []
    reached: set[str] = set()
    for path in sorted((ROOT / "sikap").glob("*/templates/**/*.html")):
        template = "/".join(path.parts[path.parts.index("templates") + 1 :])
        if template in NO_TOKEN_TEMPLATES:
            continue
        for action, body in _post_forms(path.read_text()):
            targets = (
                {action} & set(guarded)
                if action
                else {name for name, names in rendered_by.items() if template in names}
            )
            if targets and not _has_token(body):
                missing.append(f"{template}: {action or '(its own page)'}")
            reached |= targets
    assert missing == []
    # Each guarded view has a form that was checked (else the check above proves nothing).
    assert set(guarded) - reached - set(NO_FORM) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<form method="post" action="{% url \'worklog:week\' 1 %}">{% form_once %}</form>', True),
        ('<form method="post">{% csrf_token %}<button>x</button></form>', False),
    ],
)
def test_the_token_check_reads_a_form(text: str, expected: bool) -> None:
    ((_action, body),) = list(_post_forms(text))
    assert _has_token(body) is expected


def test_the_guard_marks_the_view_through_outer_decorators() -> None:
    views = _project_views()
    assert getattr(views["worklog:week"], "form_once", False)
    assert formonce.FIELD == "form_once"


# --- The guard ---------------------------------------------------------------------------------


@formonce.guard
def _probe(request: HttpRequest) -> HttpResponse:
    """Creates an e-mail row like a service would; the service refuses when asked to."""
    try:
        with transaction.atomic():
            OutgoingEmail.objects.create(to="a@example.id", subject="s", body="b")
            if request.POST.get("refuse"):
                raise ValidationError("refused", code="refused")
    except ValidationError:
        return HttpResponse("the form again, with its error")
    return HttpResponseRedirect("/done/")


def _post(data: dict[str, str]) -> HttpResponse:
    request = RequestFactory().post("/probe/", data)
    request._messages = CookieStorage(request)
    response = _probe(request)
    response.messages = [str(m) for m in get_messages(request)]
    return response


@pytest.mark.django_db
def test_a_token_refused_after_its_claim_is_free_again() -> None:
    token = formonce.new_token()
    refused = _post({formonce.FIELD: token, "refuse": "1"})
    assert refused.status_code == 200
    assert not FormSubmission.objects.exists() and not OutgoingEmail.objects.exists()
    first = _post({formonce.FIELD: token})
    assert first.status_code == 302 and OutgoingEmail.objects.count() == 1
    replay = _post({formonce.FIELD: token})
    assert (replay.status_code, replay["Location"]) == (302, "/done/")
    assert replay.messages == ["Formulir ini sudah dikirim."]
    assert OutgoingEmail.objects.count() == 1
    assert FormSubmission.objects.get(token=token).location == "/done/"


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "not-a-token", "A" * 32])
def test_a_post_without_a_valid_token_is_handled_as_before(token: str) -> None:
    """A page opened before the guard (no token) still saves: once per submit, as it always did."""
    for _ in range(2):
        assert _post({formonce.FIELD: token} if token else {}).status_code == 302
    assert OutgoingEmail.objects.count() == 2
    assert not FormSubmission.objects.exists()


@pytest.mark.django_db
def test_old_tokens_are_purged(settings: Any) -> None:
    settings.FORM_ONCE_DAYS = 7
    old, recent = FormSubmission.objects.bulk_create(
        [FormSubmission(token="a" * 32), FormSubmission(token="b" * 32)]
    )
    FormSubmission.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=8)
    )
    call_command("purge_form_submissions", stdout=(out := __import__("io").StringIO()))
    assert list(FormSubmission.objects.values_list("token", flat=True)) == [recent.token]
    assert out.getvalue().strip() == "1 form token(s) deleted"


def _entry_form(personas: Any, client: Client) -> Submit:
    url = reverse("worklog:week", args=[personas.pegawai.pk]) + "?minggu=2026-02-09"
    data = {
        "minggu": "2026-02-09",
        "date": "2026-02-10",
        "start_time": "08:00",
        "end_time": "09:00",
        "activity": "Melayani warga",
        "realisation": 2,
        "satuan": "layanan",
        "location": "kantor",
    }
    return Submit(client, url, data, Entry.objects.filter(employee=personas.pegawai))


@pytest.mark.django_db
def test_a_double_submit_of_a_page_says_it_was_already_sent(personas: Any, login: Any) -> None:
    submit = _entry_form(personas, login(personas.user("pegawai")))
    assert_created_once(submit)
    token = token_on_page(submit.client, submit.url, submit.url)
    submit.client.post(submit.url, submit.payload(token))
    replay = submit.client.post(submit.url, submit.payload(token), follow=True)
    assert "Formulir ini sudah dikirim." in replay.content.decode()
    assert submit.rows.count() == 2


@pytest.mark.django_db
def test_a_form_error_leaves_the_token_free(personas: Any, login: Any) -> None:
    submit = _entry_form(personas, login(personas.user("pegawai")))
    token = token_on_page(submit.client, submit.url, submit.url)
    bad = submit.client.post(submit.url, {**submit.payload(token), "end_time": "07:00"})
    assert bad.status_code == 200 and not submit.rows.exists()
    assert submit.client.post(submit.url, submit.payload(token)).status_code == 302
    assert submit.rows.count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submits_make_one_record(personas: Any) -> None:
    user = personas.user("pegawai")
    submit = _entry_form(personas, Client())
    submit.client.force_login(user, backend="sikap.accounts.backends.NipOrUsernameBackend")
    payload = submit.payload(token_on_page(submit.client, submit.url, submit.url))

    def post() -> tuple[int, str]:
        client = Client()
        client.force_login(user, backend="sikap.accounts.backends.NipOrUsernameBackend")
        response = client.post(submit.url, payload)
        return response.status_code, response["Location"]

    results = _burst(6, post)
    assert len(set(results)) == 1 and results[0][0] == 302
    assert submit.rows.count() == 1
    assert FormSubmission.objects.count() == 1


# org sits below accounts, so its create forms are tried here rather than in org's tests.


def _org_form(kind: str, personas: Any, client: Client) -> Submit:
    if kind == "unit":
        url = reverse("org:unit_create", args=[personas.kelurahan.pk])
        data = {
            "name": "Seksi Kesejahteraan Sosial",
            "kind": "seksi",
            "bps_code": "",
            "address": "",
        }
        return Submit(client, url, data, Unit.objects.filter(name=data["name"]))
    if kind == "position":
        url = reverse("org:position_create", args=[personas.seksi.pk])
        data = {
            "name": "Kepala Seksi Kesos",
            "jenis": "PENGAWAS",
            "jenjang": "",
            "eselon": "IV.b",
            "reports_to": personas.lurah.position.pk,
        }
        return Submit(client, url, data, Position.objects.filter(name=data["name"]))
    if kind == "employee":
        url = reverse("org:employee_create", args=[personas.seksi.pk])
        data = {
            "nip": "198807072012011004",
            "name": "Ilham Saputra",
            "jenis_asn": "PNS",
            "golongan": "III/b",
            "is_active": "on",
            "start_date": "2026-01-02",
            "position": make_position(personas.seksi, "Staf Kesos").pk,
        }
        return Submit(client, url, data, Employee.objects.filter(name=data["name"]))
    if kind == "acting":
        url = reverse("org:employee_acting", args=[personas.peer.pk])
        data = {
            "position": personas.penilai.position.pk,
            "kind": "PLH",
            "start_date": "2026-06-01",
            "end_date": "2026-06-05",
        }
        return Submit(
            client, url, data, Assignment.objects.filter(employee=personas.peer, kind="PLH")
        )
    peer = personas.peer
    peer.jenis_asn = JenisAsn.PPPK_PW
    peer.save()
    url = reverse("org:employee_contract", args=[peer.pk])
    data = {"start_date": "2026-01-01", "end_date": "2026-12-31"}
    return Submit(client, url, data, Contract.objects.filter(employee=peer))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["unit", "position", "employee", "contract", "acting"])
def test_a_double_submit_of_an_org_form_creates_one_record(kind: str, personas: Any, login: Any):
    assert_created_once(_org_form(kind, personas, login(personas.user("hr"))))


# Every guarded view has its double submit tried: a case in an app's CASES table
# (``*/tests/test_double_submit.py``; "app:name (variant)" counts for app:name), or one of the
# tests named here.
TRIED_ELSEWHERE = {
    "cycle:year_create": "sikap/cycle/tests/test_double_submit.py",
    "evaluation:objection_create": "sikap/evaluation/tests/test_double_submit.py",
    "evaluation:peer_request": "sikap/evaluation/tests/test_double_submit.py",
    "evaluation:peer_answer": "sikap/evaluation/tests/test_double_submit.py",
    "worklog:week": "test_a_double_submit_of_a_page_says_it_was_already_sent (here)",
    "org:unit_create": "test_a_double_submit_of_an_org_form_creates_one_record (here)",
    "org:position_create": "test_a_double_submit_of_an_org_form_creates_one_record (here)",
    "org:employee_create": "test_a_double_submit_of_an_org_form_creates_one_record (here)",
    "org:employee_contract": "test_a_double_submit_of_an_org_form_creates_one_record (here)",
    "org:employee_acting": "test_a_double_submit_of_an_org_form_creates_one_record (here)",
    # One view creates and edits; its create address is in surveys' CASES.
    "surveys:service_type_edit": "surveys:service_type_create",
}


def _tried_in_case_tables() -> set[str]:
    import importlib

    names: set[str] = set()
    for path in sorted(ROOT.glob("sikap/*/tests/test_double_submit.py")):
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        names |= {key.split(" (")[0] for key in getattr(module, "CASES", {})}
    return names


def test_every_guarded_view_has_its_double_submit_tried() -> None:
    views = _project_views()
    guarded = set(_guarded(views)) - set(NO_FORM)
    tried = _tried_in_case_tables() | set(TRIED_ELSEWHERE)
    assert sorted(guarded - tried) == [], "add a case to the app's tests/test_double_submit.py"
    assert sorted(set(TRIED_ELSEWHERE) - guarded) == [], "TRIED_ELSEWHERE names a view not guarded"
