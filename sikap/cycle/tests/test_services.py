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
            period=period, by=None, name="X", start_date=dt.date(2026, 3, 1),
            end_date=dt.date(2026, 2, 1), deadline=dt.date(2026, 2, 10), is_final=False,
        )  # fmt: skip
    assert info.value.error_dict["end_date"][0].code == "end_before_start"


@pytest.mark.django_db
def test_a_period_stays_inside_its_year(year2026):
    period = year2026.periods.get(number=4)
    with pytest.raises(ValidationError) as info:
        services.update_period(
            period=period, by=None, name="X", start_date=dt.date(2026, 10, 1),
            end_date=dt.date(2027, 1, 31), deadline=dt.date(2027, 2, 10), is_final=True,
        )  # fmt: skip
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
            period=final, by=None, name=final.name, start_date=final.start_date,
            end_date=final.end_date, deadline=final.start_date, is_final=False,
        )  # fmt: skip
    codes = {field: errors[0].code for field, errors in info.value.error_dict.items()}
    assert codes == {"deadline": "deadline_before_end", "is_final": "one_final_period"}


@pytest.mark.django_db
def test_reopening_must_end_after_the_deadline(year2026):
    period = year2026.periods.get(number=1)
    with pytest.raises(ValidationError) as info:
        services.reopen_period(period=period, until=period.deadline, by=None)
    assert info.value.error_dict["reopened_until"][0].code == "reopen_before_deadline"
