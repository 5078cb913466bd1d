"""Fewer clicks: an RHK with its indicators in one form, "save and add the next", submit after one
confirmation page, "approve and open the next", approve every waiting SKP of the team at once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.org.testing import make_employee
from sikap.planning.models import Indicator, Plan, PlanStatus, WorkResult
from sikap.planning.services import plans
from sikap.planning.testing import DAY, make_plan

ROLES_WITHOUT_CHANGE = ("penilai", "lurah", "camat", "hr", "auditor", "city_hr")


@pytest.fixture
def draft(personas, chain):
    return make_plan(personas.pegawai, texts=(), approve=False)


def _rhk(chain, text: str = "Tersusunnya data kependudukan", **extra: str) -> dict[str, object]:
    return {
        "category": "UTAMA",
        "text": text,
        "intervenes": chain.kasi_rhk.pk,
        "iki-TOTAL_FORMS": "3",
        "iki-INITIAL_FORMS": "0",
        "iki-0-aspect": "kuantitas",
        "iki-1-aspect": "kualitas",
        "iki-2-aspect": "waktu",
        **extra,
    }


def _three_indicators() -> dict[str, str]:
    rows = {}
    for i, (text, value, unit) in enumerate(
        (
            ("Jumlah laporan", "12", "Laporan"),
            ("Persentase data valid", "100", "%"),
            ("Ketepatan waktu", "12", "Bulan"),
        )
    ):
        rows |= {
            f"iki-{i}-text": text,
            f"iki-{i}-target_value": value,
            f"iki-{i}-target_unit": unit,
        }
    return rows


def test_the_rhk_form_offers_three_indicator_rows_with_the_usual_aspects(personas, draft, login):
    response = login(personas.user("pegawai")).get(
        reverse("planning:work_result_create", args=[draft.pk])
    )
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [f["aspect"].value() for f in rows] == ["kuantitas", "kualitas", "waktu"]
    assert 'name="next"' in response.text and 'name="add_row"' in response.text


def test_an_rhk_is_saved_with_its_indicators_and_the_next_one_opens(personas, chain, draft, login):
    client = login(personas.user("pegawai"))
    url = reverse("planning:work_result_create", args=[draft.pk])
    response = client.post(url, _rhk(chain, next="1") | _three_indicators())
    assert response.status_code == 302
    assert response.url == f"{url}?c=UTAMA"
    result = draft.work_results.get()
    assert result.intervenes == chain.kasi_rhk
    saved = [(i.aspect, i.text, i.target_value, i.target_unit) for i in result.indicators.all()]
    assert saved == [
        ("kuantitas", "Jumlah laporan", 12, "Laporan"),
        ("kualitas", "Persentase data valid", 100, "%"),
        ("waktu", "Ketepatan waktu", 12, "Bulan"),
    ]
    assert result.history.latest().history_user == personas.user("pegawai")
    # Without "next" the SKP page opens; untouched rows are skipped.
    only_one = {k: v for k, v in _three_indicators().items() if k.startswith("iki-0-")}
    done = client.post(url, _rhk(chain, "Terlaksananya pelayanan") | only_one)
    assert done.status_code == 302 and done.url == reverse("planning:plan", args=[draft.pk])
    assert draft.work_results.get(text="Terlaksananya pelayanan").indicators.count() == 1


def test_a_refused_indicator_keeps_the_rhk_unsaved_and_shows_on_its_row(
    personas, chain, draft, login
):
    client = login(personas.user("pegawai"))
    url = reverse("planning:work_result_create", args=[draft.pk])
    data = _rhk(chain) | _three_indicators()
    data.pop("iki-1-target_value")
    data.pop("iki-1-target_unit")
    response = client.post(url, data)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [e.code for e in rows.forms[1].errors.as_data()["target_value"]] == ["target_required"]
    assert not rows.forms[0].errors and not rows.forms[2].errors
    assert not WorkResult.objects.filter(plan=draft).exists()
    assert (
        not Indicator.objects.exists()
        or not Indicator.objects.filter(work_result__plan=draft).exists()
    )
    # The RHK's own refusal stays on the RHK part of the form.
    unlinked = client.post(url, _rhk(chain, intervenes="") | _three_indicators())
    codes = [e.code for e in unlinked.context["form"].errors.as_data()["intervenes"]]
    assert codes == ["intervenes_required"]
    assert not WorkResult.objects.filter(plan=draft).exists()


def test_a_row_is_added_without_saving(personas, chain, draft, login):
    client = login(personas.user("pegawai"))
    url = reverse("planning:work_result_create", args=[draft.pk])
    response = client.post(url, _rhk(chain, add_row="1") | _three_indicators())
    assert response.status_code == 200
    rows = response.context["rows"]
    assert rows.total_form_count() == 4
    assert rows.forms[0]["text"].value() == "Jumlah laporan"
    assert not draft.work_results.exists()
    filled = _rhk(chain) | _three_indicators() | {"iki-TOTAL_FORMS": "4", "iki-3-aspect": "biaya"}
    filled |= {"iki-3-text": "Anggaran", "iki-3-target_value": "5", "iki-3-target_unit": "Juta"}
    assert client.post(url, filled).status_code == 302
    assert draft.work_results.get().indicators.count() == 4


def test_the_rhk_form_only_for_the_owner_of_a_draft(personas, chain, draft, login):
    url = reverse("planning:work_result_create", args=[draft.pk])
    data = _rhk(chain) | _three_indicators()
    for who in ROLES_WITHOUT_CHANGE:
        client = login(personas.user(who))
        assert client.get(url).status_code == 403, who
        assert client.post(url, data).status_code == 403, who
    for who in ("outsider", "other_hr", "peer"):
        assert login(personas.user(who)).post(url, data).status_code == 404, who
    assert not draft.work_results.exists()
    plans.add_work_result(plan=draft, by=None, text="L", intervenes=chain.kasi_rhk, today=DAY)
    submitted = make_plan(personas.peer, intervenes=chain.kasi_rhk, approve=False)
    plans.submit_plan(plan=submitted, by=None, today=DAY)
    locked = reverse("planning:work_result_create", args=[submitted.pk])
    assert login(personas.user("peer")).post(locked, data).status_code == 403
    assert login(personas.user("pegawai")).delete(url).status_code == 405


def test_submit_asks_once_then_submits(personas, chain, login):
    draft = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
    client = login(personas.user("pegawai"))
    url = reverse("planning:submit", args=[draft.pk])
    plan_page = client.get(reverse("planning:plan", args=[draft.pk]))
    assert f'href="{url}"' in plan_page.text
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Agus Setiawan" in confirm.text and f'action="{url}"' in confirm.text
    assert [r.n_indicators for r in confirm.context["results"]] == [1]
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT
    client.post(url)
    draft.refresh_from_db()
    assert draft.status == PlanStatus.SUBMITTED
    # Once submitted the confirmation page is gone: back to the SKP.
    again = client.get(url)
    assert again.status_code == 302 and again.url == reverse("planning:plan", args=[draft.pk])


def test_the_submit_page_only_for_the_owner(personas, chain, login):
    draft = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
    url = reverse("planning:submit", args=[draft.pk])
    for who in ("penilai", "lurah", "camat", "hr", "auditor", "city_hr"):
        assert login(personas.user(who)).get(url).status_code == 403, who
    for who in ("outsider", "other_hr", "peer"):
        assert login(personas.user(who)).get(url).status_code == 404, who
    assert login(personas.user("pegawai")).put(url).status_code == 405


def _waiting(personas, chain, name: str) -> Plan:
    employee = make_employee(personas.pegawai.position, name)
    draft = make_plan(employee, intervenes=chain.kasi_rhk, approve=False, today=DAY)
    return plans.submit_plan(plan=draft, by=None, today=DAY)


def test_approve_and_open_the_next_waiting(personas, chain, login):
    first, second = _waiting(personas, chain, "Staf A"), _waiting(personas, chain, "Staf B")
    client = login(personas.user("penilai"))
    page = client.get(reverse("planning:plan", args=[first.pk]))
    assert 'name="then" value="next"' in page.text
    response = client.post(reverse("planning:approve", args=[first.pk]), {"then": "next"})
    assert response.status_code == 302
    assert response.url == reverse("planning:plan", args=[second.pk])
    first.refresh_from_db()
    assert first.status == PlanStatus.APPROVED
    assert first.history.latest().history_user == personas.user("penilai")
    last = client.post(reverse("planning:approve", args=[second.pk]), {"then": "next"})
    assert last.url == reverse("planning:team")
    # Approving again changes nothing (idempotent) and goes on to the team: none left waiting.
    again = client.post(reverse("planning:approve", args=[second.pk]), {"then": "next"})
    assert again.url == reverse("planning:team")
    second.refresh_from_db()
    assert second.history.filter(status=PlanStatus.APPROVED).count() == 1


def test_approve_every_waiting_skp_of_the_team_after_one_confirmation(
    personas, chain, login, django_assert_max_num_queries
):
    waiting = [_waiting(personas, chain, f"Staf {i}") for i in range(4)]
    not_mine = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, approve=False)
    client = login(personas.user("penilai"))
    team = client.get(reverse("planning:team"))
    assert team.context["approvable"] == 4
    assert 'name="all" value="1"' in team.text
    url = reverse("planning:team_approve")
    with django_assert_max_num_queries(20):
        confirm = client.post(url, {"all": "1"})
    assert confirm.status_code == 200
    assert [p.pk for p in confirm.context["plans"]] == [p.pk for p in waiting]
    for plan in waiting:
        assert reverse("planning:plan", args=[plan.pk]) in confirm.text
    assert Plan.objects.filter(status=PlanStatus.SUBMITTED).count() == 4
    done = client.post(url, {"all": "1", "confirm": "1"})
    assert done.status_code == 302
    for plan in waiting:
        plan.refresh_from_db()
        assert plan.status == PlanStatus.APPROVED
        assert plan.history.latest().history_user == personas.user("penilai")
    not_mine.refresh_from_db()
    assert not_mine.status == PlanStatus.DRAFT


def test_approve_all_for_other_roles(personas, chain, login):
    waiting = _waiting(personas, chain, "Staf A")
    url = reverse("planning:team_approve")
    for who in ("pegawai", "hr", "auditor", "outsider", "other_hr", "city_hr"):
        assert login(personas.user(who)).post(url, {"all": "1", "confirm": "1"}).status_code == 403
    # The lurah has a team (the Kasi) but nothing of theirs waits: back to the team page.
    lurah = login(personas.user("lurah")).post(url, {"all": "1", "confirm": "1"})
    assert lurah.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == PlanStatus.SUBMITTED
