"""Citizens' saran for staff (masked, searched, paged), the leader's follow-up, the public page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sikap.surveys import services
from sikap.surveys.models import FollowUpPlan, SuggestionFollowUp
from sikap.surveys.periods import parse_period
from sikap.surveys.suggestions import current_quarter, public_follow_ups, suggestion_list
from sikap.surveys.testing import make_response

NOW = dt.datetime(2026, 11, 27, 4, 0, tzinfo=dt.UTC)
OCTOBER = dt.datetime(2026, 10, 5, 3, 0, tzinfo=dt.UTC)
PERSONAL = "Antrean lama. Nama saya Budi Santoso, hubungi 0812-3456-7890 atau budi@mail.id"
READERS = ("lurah", "camat", "hr", "auditor", "penilai", "superadmin", "city_hr")


@pytest.fixture
def saran(personas, domisili):
    """Two saran in Triwulan IV (one with personal data), one in Triwulan III, one blank comment."""
    kel = personas.kelurahan
    personal = make_response(
        kel, [4, 4, 2, 4, 3, 4, 4, 3, 4], service_type=domisili, when=OCTOBER, comment=PERSONAL
    )
    plain = make_response(
        kel, 3, when=OCTOBER + dt.timedelta(days=20), comment="Ruang tunggu panas"
    )
    make_response(kel, 3, when=dt.datetime(2026, 8, 1, 3, tzinfo=dt.UTC), comment="Parkir sempit")
    make_response(kel, 3, when=OCTOBER)
    return {"personal": personal, "plain": plain}


def _list_url(unit, query=""):
    return reverse("surveys:suggestions", args=[unit.pk]) + query


def _mark_url(unit, response, query="?periode=2026-T4"):
    return reverse("surveys:suggestion_follow_up", args=[unit.pk, response.pk]) + query


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("who", READERS)
def test_leaders_penilai_hr_and_auditors_read_the_masked_saran(personas, login, saran, who):
    page = login(personas.user(who)).get(_list_url(personas.kelurahan))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ruang tunggu panas" in html and "Antrean lama" in html
    for personal in ("Budi", "Santoso", "0812", "budi@mail.id"):
        assert personal not in html
    assert "Parkir sempit" not in html  # Triwulan III: the default period is the current quarter
    listing = page.context["listing"]
    assert (listing.total, page.context["period"].key) == (2, "2026-T4")
    assert listing.first == OCTOBER


@pytest.mark.parametrize("who", ("pegawai", "peer"))
def test_an_officer_who_is_not_a_penilai_is_refused(personas, login, saran, who):
    assert login(personas.user(who)).get(_list_url(personas.kelurahan)).status_code == 403


@pytest.mark.parametrize("who", ("other_hr", "outsider"))
def test_hr_of_another_kecamatan_and_outsiders_get_404(personas, login, saran, who):
    client = login(personas.user(who))
    assert client.get(_list_url(personas.kelurahan)).status_code == 404
    assert client.get(_mark_url(personas.kelurahan, saran["plain"])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, personas, saran):
    assert client.get(_list_url(personas.kelurahan)).status_code == 302


def test_the_list_answers_only_get(personas, login, saran):
    assert login(personas.user("lurah")).post(_list_url(personas.kelurahan)).status_code == 405


@time_machine.travel(NOW, tick=False)
def test_the_search_matches_the_masked_text_only(personas, login, saran):
    client = login(personas.user("lurah"))
    found = client.get(_list_url(personas.kelurahan, "?q=ANTREAN")).context["listing"]
    assert [s.pk for s in found.rows] == [saran["personal"].pk]
    for hidden in ("Budi", "0812-3456", "budi@mail.id"):
        listing = client.get(_list_url(personas.kelurahan, f"?q={hidden}")).context["listing"]
        assert (listing.matching, listing.rows) == (0, [])
    both = client.get(_list_url(personas.kelurahan, "?q=ruang+panas")).context["listing"]
    assert [s.pk for s in both.rows] == [saran["plain"].pk]


@time_machine.travel(NOW, tick=False)
def test_a_period_and_a_service_narrow_the_list(personas, login, saran, domisili):
    client = login(personas.user("lurah"))
    third = client.get(_list_url(personas.kelurahan, "?periode=2026-T3")).context["listing"]
    assert [s.text for s in third.rows] == ["Parkir sempit"]
    one = client.get(_list_url(personas.kelurahan, f"?layanan={domisili.pk}")).context["listing"]
    assert [s.pk for s in one.rows] == [saran["personal"].pk]
    assert one.rows[0].service == domisili.name


@time_machine.travel(NOW, tick=False)
def test_the_htmx_request_gets_the_results_partial(personas, login, saran):
    page = login(personas.user("lurah")).get(
        _list_url(personas.kelurahan, "?q=panas"), HTTP_HX_REQUEST="true"
    )
    html = page.content.decode()
    assert html.lstrip().startswith('<div id="results"') and "<html" not in html
    assert "HX-Request" in page["Vary"]


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@time_machine.travel(NOW, tick=False)
def test_the_page_costs_the_same_with_more_saran(personas, login, saran, domisili):
    client = login(personas.user("lurah"))
    url = _list_url(personas.kelurahan)
    client.get(url)
    few = [_queries(client, url + query) for query in ("", "?q=a", "?page=2")]
    for day in range(45):
        response = make_response(
            personas.kelurahan,
            3,
            service_type=domisili,
            comment=f"Saran ke-{day} agar cepat",
            when=OCTOBER + dt.timedelta(days=day),
        )
        if day % 2:
            _mark(personas, response)
    assert [_queries(client, url + query) for query in ("", "?q=a", "?page=2")] == few
    assert len(client.get(url + "?q=a").context["listing"].rows) == 20


def _mark(personas, response, note="Kipas angin dipasang di ruang tunggu", **fields):
    fields.setdefault("period", parse_period("2026-T4", today=NOW.date()))
    fields.setdefault("plan_action", "Perbaiki ruang tunggu")
    return services.mark_suggestion(
        response=response, note=note, by=personas.lurah.user, lowest=["U3"], **fields
    )


@time_machine.travel(NOW, tick=False)
def test_the_lurah_marks_a_saran_under_a_new_plan_and_the_public_page_shows_it(
    personas, login, saran, client
):
    kel = personas.kelurahan
    lurah = login(personas.user("lurah"))
    form = lurah.get(_mark_url(kel, saran["personal"]))
    assert form.status_code == 200
    assert "Budi" not in form.content.decode() and "Antrean lama" in form.content.decode()
    answer = lurah.post(
        _mark_url(kel, saran["personal"]),
        {
            "plan": "new",
            "plan_action": "Tambah loket pada jam sibuk",
            "note": "Loket kedua dibuka pukul 08.00–10.00",
        },
    )
    assert answer.status_code == 302
    plan = FollowUpPlan.objects.get(unit=kel)
    assert (plan.period_start, plan.unsur, plan.action) == (
        dt.date(2026, 10, 1),
        "U3",
        "Tambah loket pada jam sibuk",
    )
    marked = SuggestionFollowUp.objects.get(response=saran["personal"])
    assert (marked.plan, marked.marked_by) == (plan, personas.lurah)
    html = client.get(reverse("surveys:public", args=[kel.pk])).content.decode()
    assert "Loket kedua dibuka" in html and "Antrean lama" in html
    for personal in ("Budi", "Santoso", "0812", "budi@mail.id", "Ruang tunggu panas"):
        assert personal not in html


@time_machine.travel(NOW, tick=False)
def test_marking_again_revises_the_note_and_keeps_the_history(personas, login, saran):
    kel = personas.kelurahan
    first = _mark(personas, saran["plain"])
    plan = first.plan
    assert _mark(personas, saran["plain"], plan=plan, period=None).history.count() == 1
    lurah = login(personas.user("lurah"))
    page = lurah.get(_mark_url(kel, saran["plain"]))
    assert page.context["form"].initial == {"plan": str(plan.pk), "note": first.note}
    assert [c[0] for c in page.context["form"].fields["plan"].choices] == [str(plan.pk)]
    lurah.post(_mark_url(kel, saran["plain"]), {"plan": str(plan.pk), "note": "AC dipasang"})
    first.refresh_from_db()
    assert first.note == "AC dipasang"
    assert [h.note for h in first.history.order_by("history_date")] == [
        "Kipas angin dipasang di ruang tunggu",
        "AC dipasang",
    ]
    assert "Kipas angin" in lurah.get(_mark_url(kel, saran["plain"])).content.decode()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("who", ("hr", "auditor", "penilai", "pegawai"))
def test_only_a_leader_marks_a_saran(personas, login, saran, who):
    client = login(personas.user(who))
    assert client.get(_mark_url(personas.kelurahan, saran["plain"])).status_code == 403
    answer = client.post(
        _mark_url(personas.kelurahan, saran["plain"]), {"plan": "new", "note": "x"}
    )
    assert answer.status_code == 403
    assert not SuggestionFollowUp.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_camat_marks_a_kelurahan_saran_and_the_form_wants_a_note_and_a_plan(
    personas, login, saran
):
    camat = login(personas.user("camat"))
    page = camat.post(_mark_url(personas.kelurahan, saran["plain"]), {"plan": "new", "note": ""})
    assert page.status_code == 200
    errors = page.context["form"].errors.as_data()
    assert {e.code for e in errors["note"]} == {"required"}
    assert {e.code for e in errors["plan_action"]} == {"action_required"}
    assert not FollowUpPlan.objects.exists()
    ok = camat.post(
        _mark_url(personas.kelurahan, saran["plain"]),
        {"plan": "new", "plan_action": "Pasang kipas", "note": "Kipas dipasang"},
    )
    assert ok.status_code == 302
    assert SuggestionFollowUp.objects.get().marked_by == personas.camat


def test_a_response_without_saran_or_of_another_unit_is_404(personas, login, saran, domisili):
    blank = make_response(personas.kelurahan, 3, when=OCTOBER)
    elsewhere = make_response(personas.kecamatan, 3, when=OCTOBER, comment="Bagus")
    client = login(personas.user("lurah"))
    assert client.get(_mark_url(personas.kelurahan, blank)).status_code == 404
    assert client.get(_mark_url(personas.kelurahan, elsewhere)).status_code == 404
    assert client.put(_mark_url(personas.kelurahan, saran["plain"])).status_code == 405


@time_machine.travel(NOW, tick=False)
def test_the_service_refuses_a_plan_of_another_unit_or_period_and_a_purged_saran(personas, saran):
    other_unit = FollowUpPlan.objects.create(
        unit=personas.kecamatan,
        period_start=dt.date(2026, 10, 1),
        period_end=dt.date(2026, 12, 31),
        unsur="U1",
        action="x",
    )
    third = FollowUpPlan.objects.create(
        unit=personas.kelurahan,
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 9, 30),
        unsur="U1",
        action="x",
    )
    for plan in (other_unit, third):
        with pytest.raises(ValidationError) as refused:
            _mark(personas, saran["plain"], plan=plan)
        assert refused.value.error_dict["plan"][0].code == "plan_not_covering"
    with pytest.raises(ValidationError) as refused:
        _mark(personas, saran["plain"], period=parse_period("2026-T3", today=NOW.date()))
    assert refused.value.error_dict["plan"][0].code == "plan_required"
    with pytest.raises(ValidationError) as refused:
        _mark(personas, saran["plain"], note="  ")
    assert refused.value.error_dict["note"][0].code == "note_required"
    saran["plain"].comment = ""
    saran["plain"].save()
    with pytest.raises(ValidationError) as refused:
        _mark(personas, saran["plain"])
    assert refused.value.error_list[0].code == "suggestion_purged"


@time_machine.travel(NOW, tick=False)
def test_a_purged_saran_disappears_from_staff_and_public_pages(personas, login, saran, client):
    _mark(personas, saran["personal"])
    assert [item.note for item in public_follow_ups(personas.kelurahan)] == [
        "Kipas angin dipasang di ruang tunggu"
    ]
    with time_machine.travel(NOW + dt.timedelta(days=800)):
        services.purge_respondent_data()
    assert public_follow_ups(personas.kelurahan) == []
    html = client.get(reverse("surveys:public", args=[personas.kelurahan.pk])).content.decode()
    assert "Kipas angin" not in html and "Antrean" not in html
    period = parse_period("2026-T4", today=NOW.date())
    assert suggestion_list(personas.kelurahan, period).total == 0


def test_the_public_note_is_masked_too(personas, saran):
    with time_machine.travel(NOW, tick=False):
        _mark(personas, saran["plain"], note="Ditangani Pak Joko Widodo, 081234567890")
    [item] = public_follow_ups(personas.kelurahan)
    assert "Joko" not in item.note and "0812" not in item.note


def test_the_current_quarter_is_the_default_period():
    assert current_quarter(dt.date(2026, 2, 28)).key == "2026-T1"
    assert current_quarter(dt.date(2026, 12, 31)).key == "2026-T4"


@time_machine.travel(NOW, tick=False)
def test_the_report_links_the_saran_page_for_readers_only(personas, login, saran):
    url = reverse("surveys:report", args=[personas.kelurahan.pk])
    target = _list_url(personas.kelurahan)
    assert target in login(personas.user("auditor")).get(url).content.decode()
    assert target not in login(personas.user("pegawai")).get(url).content.decode()


@time_machine.travel(NOW, tick=False)
def test_a_new_plan_without_its_text_names_the_plan_action_field(personas, saran):
    with pytest.raises(ValidationError) as caught:
        _mark(personas, saran["plain"], plan_action=" ")
    assert [e.code for e in caught.value.error_dict["plan_action"]] == ["action_required"]


@time_machine.travel(NOW, tick=False)
def test_a_new_plan_for_an_unknown_unsur_keeps_the_unsur_error(personas, saran):
    with pytest.raises(ValidationError) as caught:
        services.mark_suggestion(
            response=saran["plain"],
            note="Kipas dipasang",
            by=personas.lurah,
            lowest=["X9"],
            period=parse_period("2026-T4", today=NOW.date()),
            plan_action="Perbaiki ruang tunggu",
        )
    assert [e.code for e in caught.value.error_dict["unsur"]] == ["unknown_unsur"]
