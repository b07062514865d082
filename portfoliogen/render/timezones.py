"""The freelancer's time zone as static text, for the page without JavaScript."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


# A page built in January may be read in July, so the text names both of the zone's offsets
# ("UTC+0, UTC+1 in summer") instead of the one on the build date; the theme's timezone.js adds the
# live, date-exact view in the browser.
@dataclass(frozen=True)
class ZoneFacts:
    name: str            # "Europe/Lisbon"
    city: str            # "Lisbon"
    standard: str        # "UTC+0": the offset outside daylight saving time
    summer: str | None   # "UTC+1", or None for a zone without daylight saving time
    offsets_text: str    # "UTC+0, UTC+1 in summer" / "UTC+5:30"


def format_offset(offset: dt.timedelta) -> str:
    """UTC+0, UTC+1, UTC-3:30, UTC+5:45."""
    minutes = round(offset.total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


@lru_cache(maxsize=32)
def zone_facts(name: str | None, year: int | None = None) -> ZoneFacts | None:
    """Offsets seen on the 1st and 15th of every month of `year` (default:
    this year). The larger one is the summer (daylight saving) offset, in
    either hemisphere."""
    if not name:
        return None
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    year = year or dt.date.today().year
    offsets = {dt.datetime(year, month, day, 12, tzinfo=zone).utcoffset()
               for month in range(1, 13) for day in (1, 15)}
    low, high = min(offsets), max(offsets)
    standard = format_offset(low)
    summer = format_offset(high) if high != low else None
    city = name.rsplit("/", 1)[-1].replace("_", " ")
    text = f"{standard}, {summer} in summer" if summer else standard
    return ZoneFacts(name=name, city=city, standard=standard, summer=summer, offsets_text=text)
