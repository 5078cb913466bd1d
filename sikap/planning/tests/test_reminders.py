from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import time_machine
from django.core.management import call_command

from sikap.planning import reminders
from sikap.planning.models import Notification, ReminderLog
from sikap.planning.services import plans as plan_services
from sikap.planning.services import records
from sikap.planning.testing import DAY, make_plan, make_year


def test_nothing_without_an_appraisal_year(db):
    assert reminders.run(dt.date(2030, 1, 1)) == {}


def test_plan_due_once_for_employees_without_a_submitted_plan(personas, chain, mailoutbox):
    draft = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
    assert "plan_due" not in reminders.run(dt.date(2026, 1, 10))
    sent = reminders.run(dt.date(2026, 1, 25))
    # pegawai (draft), peer and hr (no plan); the camat has no penilai, the others approved.
    assert sent["plan_due"] == 3
    assert reminders.run(dt.date(2026, 1, 26)).get("plan_due") is None
    assert ReminderLog.objects.filter(kind="plan_due").count() == 3
    assert Notification.objects.filter(
        recipient=personas.pegawai.user, url__contains=str(draft.pk)
    ).exists()


def test_plan_waiting_reminds_the_penilai(personas, chain):
    with time_machine.travel("2026-02-01 09:00 +07:00"):
        draft = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
        plan_services.submit_plan(plan=draft, by=None, today=DAY)
    with time_machine.travel("2026-02-02 09:00 +07:00"):
        assert "plan_waiting" not in reminders.run()
    with time_machine.travel("2026-02-05 09:00 +07:00"):
        assert reminders.run()["plan_waiting"] == 1
        assert "plan_waiting" not in reminders.run()


def test_realisation_and_feedback_reminders(personas, chain):
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    q1 = plan.appraisal_year.periods.get(number=1)
    # Near the deadline of Q1 (10 April): everyone with missing realisation is reminded.
    sent = reminders.run(dt.date(2026, 4, 5))
    assert sent["realisation_due"] == 4  # camat, lurah, kasi, pegawai: all approved, none filled
    assert sent["no_feedback"] == 3  # the camat's plan has no penilai user
    records.record_realisation(
        indicator=plan.work_results.get().indicators.get(),
        period=q1,
        by=None,
        value=Decimal(1),
        today=dt.date(2026, 4, 6),
    )
    after = reminders.run(dt.date(2026, 4, 15))
    assert after["realisation_missing"] == 2  # lurah's and kasi's plans (camat: no penilai)
    assert "no_feedback" not in after
    assert reminders.run(dt.date(2026, 1, 15)).get("realisation_due") is None


def test_command_runs_and_enqueues(personas, chain):
    out = StringIO()
    call_command("send_plan_reminders", "--today", "2026-02-20", stdout=out)
    assert out.getvalue().strip()
    out = StringIO()
    call_command("send_plan_reminders", "--enqueue", stdout=out)
    assert "queued" in out.getvalue()
    out = StringIO()
    call_command("send_plan_reminders", "--today", "2026-06-20", stdout=out)
    assert out.getvalue()


def test_the_final_period_is_found_by_its_dates_in_january_of_the_next_year(personas, chain):
    final = make_year().periods.get(is_final=True)
    assert final.deadline == dt.date(2027, 1, 10)
    out = StringIO()
    call_command("send_plan_reminders", "--today", "2027-01-05", stdout=out)
    assert "realisation_due 3" in out.getvalue()  # camat, lurah and kasi: approved, none filled
    keys = set(ReminderLog.objects.values_list("key", flat=True))
    assert all(k.endswith(f":{final.pk}") for k in keys if k.startswith("realisation_due:"))


def test_the_command_takes_the_day_as_a_keyword_too(personas, chain):
    make_year()
    out = StringIO()
    call_command("send_plan_reminders", today="2027-01-05", stdout=out)
    assert "realisation_due 3" in out.getvalue()


def test_a_past_year_sends_no_plan_reminders(personas, chain):
    sent = reminders.run(dt.date(2027, 1, 5))
    assert "plan_due" not in sent


def test_due_years_ignore_years_long_over(personas, chain):
    assert [y.year for y in reminders.due_years(dt.date(2026, 6, 1))] == [2026]
    assert reminders.due_years(dt.date(2027, 3, 1)) == []
    assert [y.year for y in reminders.due_years(dt.date(2027, 1, 5))] == [2026]
