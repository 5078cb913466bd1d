from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sikap.cycle import services


@pytest.mark.django_db
def test_period_dates_must_be_in_order(year2026):
    period = year2026.periods.get(number=1)
    with pytest.raises(ValidationError) as info:
        services.update_period(
            period=period,
            by=None,
            name="X",
            start_date=dt.date(2026, 3, 1),
            end_date=dt.date(2026, 2, 1),
            deadline=dt.date(2026, 2, 10),
            is_final=False,
        )
    assert info.value.error_dict["end_date"][0].code == "end_before_start"


@pytest.mark.django_db
def test_a_period_stays_inside_its_year(year2026):
    period = year2026.periods.get(number=4)
    with pytest.raises(ValidationError) as info:
        services.update_period(
            period=period,
            by=None,
            name="X",
            start_date=dt.date(2026, 10, 1),
            end_date=dt.date(2027, 1, 31),
            deadline=dt.date(2027, 2, 10),
            is_final=True,
        )
    assert info.value.error_dict["start_date"][0].code == "outside_year"


@pytest.mark.django_db
def test_a_year_is_set_up_once(year2026):
    with pytest.raises(ValidationError) as info:
        services.setup_appraisal_year(year=2026, period_kind="bulanan", by=None)
    assert info.value.error_dict["year"][0].code == "year_exists"


@pytest.mark.django_db
def test_the_deadline_and_the_final_flag_are_checked(year2026):
    final = year2026.periods.get(is_final=True)
    with pytest.raises(ValidationError) as info:
        services.update_period(
            period=final,
            by=None,
            name=final.name,
            start_date=final.start_date,
            end_date=final.end_date,
            deadline=final.start_date,
            is_final=False,
        )
    codes = {field: errors[0].code for field, errors in info.value.error_dict.items()}
    assert codes == {"deadline": "deadline_before_end", "is_final": "one_final_period"}


@pytest.mark.django_db
def test_reopening_must_end_after_the_deadline(year2026):
    period = year2026.periods.get(number=1)
    with pytest.raises(ValidationError) as info:
        services.reopen_period(period=period, until=period.deadline, by=None)
    assert info.value.error_dict["reopened_until"][0].code == "reopen_before_deadline"


@pytest.mark.django_db
def test_a_2025_model_year_ends_with_a_tahunan_final_across_the_whole_year():
    year = services.setup_appraisal_year(
        year=2027, period_kind="triwulanan", annual_final=True, by=None
    )
    periods = list(year.periods.order_by("number"))
    assert [p.name for p in periods] == [
        "Triwulan I",
        "Triwulan II",
        "Triwulan III",
        "Triwulan IV",
        "Tahunan Final",
    ]
    # Quarter boundaries across the year: each quarter ends the day before the next one starts.
    assert [(p.start_date, p.end_date) for p in periods[:4]] == [
        (dt.date(2027, 1, 1), dt.date(2027, 3, 31)),
        (dt.date(2027, 4, 1), dt.date(2027, 6, 30)),
        (dt.date(2027, 7, 1), dt.date(2027, 9, 30)),
        (dt.date(2027, 10, 1), dt.date(2027, 12, 31)),
    ]
    final = periods[-1]
    assert (final.is_final, final.start_date, final.end_date) == (
        True,
        dt.date(2027, 1, 1),
        dt.date(2027, 12, 31),
    )
    assert [p.has_action_plans for p in periods] == [True, True, True, True, False]
    assert {p.siasn_periodik_id for p in periods} == {2}


@pytest.mark.django_db
def test_a_leap_year_quarter_ends_on_29_february_plus_a_month():
    year = services.setup_appraisal_year(
        year=2028, period_kind="bulanan", annual_final=True, by=None
    )
    february = year.periods.get(number=2)
    assert february.end_date == dt.date(2028, 2, 29)
    assert year.periods.get(is_final=True).name == "Tahunan Final"
    assert not any(p.has_action_plans for p in year.periods.all())
    assert february.siasn_periodik_id == 1


@pytest.mark.django_db
def test_calendar_settings_choose_the_model_of_new_years():
    from sikap.cycle.models import CalendarSettings

    assert CalendarSettings.current().default_period_kind == "triwulanan"
    assert CalendarSettings.current().default_annual_final is True
    services.update_calendar_settings(
        by=None, default_period_kind="bulanan", default_annual_final=False
    )
    services.update_calendar_settings(
        by=None, default_period_kind="bulanan", default_annual_final=False
    )
    assert CalendarSettings.objects.count() == 1
    assert CalendarSettings.current().default_period_kind == "bulanan"


def test_only_the_calendars_owner_reopens_entry(year2026, personas):
    from sikap.cycle.access import can_reopen
    from sikap.org.scope import build_scope

    period = year2026.periods.get(number=1)
    assert can_reopen(build_scope(personas.user("pegawai")), period) is False
    assert can_reopen(build_scope(personas.user("city_hr")), period) is True
