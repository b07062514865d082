"""Working days and daylight-saving changes, against a computation written here from the
countries' published holiday lists and DST rules (not from the `holidays` package)."""

from __future__ import annotations

import datetime as dt

import pytest

from portfoliogen.documents.schedule import Calendar, dst_changes, holiday_language, known_country

# Public holidays published by each government, for spring 2027 (Easter Sunday: 28 March).
OFFICIAL = {
    "PT": {dt.date(2027, 3, 26), dt.date(2027, 4, 25), dt.date(2027, 5, 1), dt.date(2027, 5, 27),
           dt.date(2027, 6, 10)},                                        # Good Friday, Freedom, Labour, Corpus Christi, Portugal Day
    "DE": {dt.date(2027, 3, 26), dt.date(2027, 3, 29), dt.date(2027, 5, 1), dt.date(2027, 5, 6),
           dt.date(2027, 5, 17)},                                        # Good Friday, Easter Monday, Labour, Ascension, Whit Monday
    "US": {dt.date(2027, 5, 31), dt.date(2027, 6, 18), dt.date(2027, 7, 5)},  # federal (OPM): Memorial Day,
                                                                         # Juneteenth and Independence Day observed
}


def independent_end(start: dt.date, days: int, off: set[dt.date], away=()) -> dt.date:
    """The last of `days` working days from `start`, counted one day at a time."""
    counted, day = 0, start - dt.timedelta(days=1)
    while counted < days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in off and not any(a <= day <= b for a, b in away):
            counted += 1
    return day


@pytest.mark.parametrize("country", sorted(OFFICIAL))
@pytest.mark.parametrize("days", [1, 5, 19, 40, 60])
def test_working_days_skip_weekends_and_public_holidays(country: str, days: int) -> None:
    start = dt.date(2027, 3, 15) if country != "US" else dt.date(2027, 5, 10)
    assert Calendar(country).add_working_days(start, days) == independent_end(start, days, OFFICIAL[country])


def test_a_public_holiday_moves_the_end_by_one_day() -> None:
    # 22-31 March 2027 in Portugal: Good Friday (26th) is not worked.
    assert Calendar("PT").add_working_days(dt.date(2027, 3, 22), 5) == dt.date(2027, 3, 29)
    assert Calendar(None).add_working_days(dt.date(2027, 3, 22), 5) == dt.date(2027, 3, 26)


def test_unavailable_periods_are_skipped_for_work_not_for_the_clients_review() -> None:
    away = ((dt.date(2027, 4, 5), dt.date(2027, 4, 9)),)
    calendar = Calendar("DE", away)
    start = dt.date(2027, 4, 1)
    assert calendar.add_working_days(start, 6) == independent_end(start, 6, OFFICIAL["DE"], away)
    assert calendar.add_working_days(start, 6, personal=False) == independent_end(start, 6, OFFICIAL["DE"])


def test_skipped_days_come_in_runs() -> None:
    calendar = Calendar("PT", ((dt.date(2027, 4, 5), dt.date(2027, 4, 9)),))
    runs = calendar.skipped(dt.date(2027, 3, 22), dt.date(2027, 4, 16))
    assert [(a, b) for a, b, _ in runs] == [(dt.date(2027, 3, 26),) * 2, (dt.date(2027, 4, 5), dt.date(2027, 4, 9))]
    assert runs[1][2] == "unavailable"


def _second_sunday_of_march(year: int) -> dt.date:
    first = dt.date(year, 3, 1)
    return first + dt.timedelta(days=(6 - first.weekday()) % 7 + 7)


def _last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 31)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def test_dst_changes_between_berlin_and_new_york_in_spring() -> None:
    # The US moves its clocks on the second Sunday of March, the EU on the last: for those
    # two weeks New York is 5 hours behind Berlin instead of 6.
    changes = dst_changes("Europe/Berlin", "America/New_York", dt.date(2027, 3, 1), dt.date(2027, 4, 30))
    assert [(c.day, c.hours_before, c.hours_after) for c in changes] == [
        (_second_sunday_of_march(2027), -6, -5), (_last_sunday(2027, 3), -5, -6)]


def test_no_dst_flag_when_both_zones_change_together_or_never() -> None:
    assert dst_changes("Europe/Lisbon", "Europe/London", dt.date(2027, 3, 1), dt.date(2027, 11, 30)) == []
    assert dst_changes("Asia/Tokyo", "Asia/Kolkata", dt.date(2027, 1, 1), dt.date(2027, 12, 31)) == []


def test_southern_hemisphere_change_is_flagged() -> None:
    # Sydney leaves daylight saving time on the first Sunday of April 2027.
    changes = dst_changes("Australia/Sydney", "Asia/Tokyo", dt.date(2027, 3, 1), dt.date(2027, 5, 1))
    assert [(c.day, c.hours_before, c.hours_after) for c in changes] == [(dt.date(2027, 4, 4), -2, -1)]


def test_known_countries() -> None:
    assert known_country("PT") and known_country("US-CA") and not known_country("XX")


@pytest.mark.parametrize("country, language, expected", [
    ("FR", "fr", "fr"), ("PT", "pt", "pt_PT"), ("BR", "pt-BR", "pt_BR"), ("GB", "en", "en_GB"),
    ("US", "en", "en_US"), ("EG", "ar", "ar_EG"), ("US", "fr", None), ("DE", None, None)])
def test_holiday_names_follow_the_sites_language_where_the_country_has_it(country, language, expected) -> None:
    assert holiday_language(country, language) == expected


def test_a_calendar_names_holidays_in_its_language() -> None:
    easter_monday = dt.date(2027, 3, 29)
    assert Calendar("FR", language="fr").holiday(easter_monday) == "Lundi de Pâques"
    assert Calendar("DE", language="de").holiday(easter_monday) == "Ostermontag"
