"""Working days: weekends, the freelancer's `unavailable:` periods and their country's public
holidays (the `holidays` package) skipped; daylight-saving changes between two time zones."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache


def _holiday_data():
    """The `holidays` package, imported when a date is planned (~30 ms: most builds plan none)."""
    import holidays
    return holidays

ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=64)
def _holidays(country: str, years: tuple[int, ...], language: str | None = None):
    code, _, subdiv = country.partition("-")
    return _holiday_data().country_holidays(code, subdiv=subdiv or None, years=years,
                                         language=holiday_language(code, language))


def holiday_language(code: str, language: str | None) -> str | None:
    """The `holidays` locale closest to the site's language for this country (fr -> fr, pt -> pt_PT,
    en -> en_GB in GB), or None: its names then stay in the country's own language."""
    if not language:
        return None
    wanted = language.replace("-", "_")
    base = wanted.split("_")[0].lower()
    known = _holiday_data().list_localized_countries().get(code, [])
    for candidate in (wanted, f"{base}_{code}", base):
        if candidate in known:
            return candidate
    return next((k for k in sorted(known) if k.split("_")[0] == base), None)


def known_country(country: str) -> bool:
    code, _, subdiv = country.partition("-")
    supported = _holiday_data().list_supported_countries()
    return code in supported and (not subdiv or subdiv in supported[code])


@dataclass(frozen=True)
class Calendar:
    """Which days count as working days for one freelancer."""

    country: str | None = None
    away: tuple[tuple[dt.date, dt.date], ...] = ()   # (first, last) days away, inclusive
    language: str | None = None   # the site's: holiday names are shown to the client

    def holiday(self, day: dt.date) -> str | None:
        if not self.country:
            return None
        return _holidays(self.country, (day.year,), self.language).get(day)

    def is_working_day(self, day: dt.date, *, personal: bool = True) -> bool:
        """`personal`: also skip days the freelancer is away (not for the client's review)."""
        if day.weekday() >= 5 or self.holiday(day):
            return False
        return not (personal and any(first <= day <= last for first, last in self.away))

    def next_working_day(self, day: dt.date, *, personal: bool = True) -> dt.date:
        """`day` itself when it is a working day, else the first one after it."""
        while not self.is_working_day(day, personal=personal):
            day += ONE_DAY
        return day

    def add_working_days(self, first: dt.date, count: int, *, personal: bool = True) -> dt.date:
        """The last day of `count` working days starting on or after `first`."""
        day = self.next_working_day(first, personal=personal)
        for _ in range(count - 1):
            day = self.next_working_day(day + ONE_DAY, personal=personal)
        return day

    def skipped(self, first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date, str]]:
        """Weekdays between first and last that are not worked, and why ("unavailable" for days
        away), as (first, last, why) runs: a week away is one entry, not five."""
        out: list[tuple[dt.date, dt.date, str]] = []
        day = first
        while day <= last:
            if day.weekday() < 5:
                why = self.holiday(day) or ("unavailable" if any(a <= day <= b for a, b in self.away) else None)
                if why and out and out[-1][2] == why and self._next_weekday(out[-1][1]) == day:
                    out[-1] = (out[-1][0], day, why)
                elif why:
                    out.append((day, day, why))
            day += ONE_DAY
        return out

    @staticmethod
    def _next_weekday(day: dt.date) -> dt.date:
        day += ONE_DAY
        while day.weekday() >= 5:
            day += ONE_DAY
        return day


@dataclass(frozen=True)
class DstChange:
    """From `day` on, the client's clock is `hours_after` ahead of the freelancer's (was `hours_before`)."""

    day: dt.date
    hours_before: float
    hours_after: float


def _offset_hours(zone: str, day: dt.date) -> float:
    noon = dt.datetime.combine(day, dt.time(12), zoneinfo.ZoneInfo(zone))
    return noon.utcoffset().total_seconds() / 3600


def zone_difference(mine: str, theirs: str, day: dt.date) -> float:
    """Hours the client's clock is ahead of the freelancer's on `day`."""
    return _offset_hours(theirs, day) - _offset_hours(mine, day)


def dst_changes(mine: str, theirs: str, first: dt.date, last: dt.date) -> list[DstChange]:
    """Days inside [first, last] on which the difference between the two zones changes."""
    out, day = [], first
    before = zone_difference(mine, theirs, day)
    while day < last:
        day += ONE_DAY
        now = zone_difference(mine, theirs, day)
        if now != before:
            out.append(DstChange(day, before, now))
            before = now
    return out


def weekdays_between(first: dt.date, last: dt.date, weekday: int) -> Iterable[dt.date]:
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    while day <= last:
        yield day
        day += dt.timedelta(days=7)
