"""portfoliogen.render.timezones: the static time-zone text a page keeps without JavaScript."""

from __future__ import annotations

import datetime as dt

from portfoliogen.render.timezones import format_offset, zone_facts


def test_offsets_of_both_hemispheres_and_odd_offsets() -> None:
    assert zone_facts("Europe/Lisbon", 2025).offsets_text == "UTC+0, UTC+1 in summer"
    sydney = zone_facts("Australia/Sydney", 2025)
    assert (sydney.standard, sydney.summer, sydney.city) == ("UTC+10", "UTC+11", "Sydney")
    assert zone_facts("Asia/Kolkata", 2025).offsets_text == "UTC+5:30"
    assert zone_facts("America/St_Johns", 2025).offsets_text == "UTC-3:30, UTC-2:30 in summer"
    assert zone_facts("America/Argentina/Buenos_Aires", 2025).city == "Buenos Aires"


def test_none_for_missing_or_unknown_zones() -> None:
    assert zone_facts(None) is None and zone_facts("") is None
    assert zone_facts("Mars/Olympus_Mons") is None


def test_format_offset() -> None:
    assert format_offset(dt.timedelta(0)) == "UTC+0"
    assert format_offset(dt.timedelta(hours=5, minutes=45)) == "UTC+5:45"
    assert format_offset(dt.timedelta(hours=-9, minutes=-30)) == "UTC-9:30"
