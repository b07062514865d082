"""proposal.ics: each milestone's work and the client's review as all-day events, and the weekly
call as a recurring event in the freelancer's time zone (made with `icalendar`)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING

from portfoliogen.documents.plan import ProposalPlan

if TYPE_CHECKING:
    import icalendar

ONE_DAY = dt.timedelta(days=1)


def render_ics(pitch, plan: ProposalPlan, host: str, gettext) -> bytes:
    """`gettext`: the theme's, so event titles are in the site's language."""
    import icalendar   # here, not at import: only a site with pitches makes calendars (~20 ms)

    proposal = pitch.proposal
    cal = icalendar.Calendar()
    cal.add("prodid", "-//portfoliogen//proposal//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", pitch.title)
    stamp = dt.datetime.combine(proposal.issued or proposal.start, dt.time(0), dt.timezone.utc)
    _ = lambda message, **values: str(gettext(message, **values))  # noqa: E731  (`_`: extracted)

    def event(uid: str, summary: str, start, end, description: str | None = None) -> icalendar.Event:
        ev = icalendar.Event()
        ev.add("uid", f"{plan.digest}-{uid}@{host}")
        ev.add("dtstamp", stamp)
        ev.add("summary", summary)
        ev.add("dtstart", start)
        ev.add("dtend", end)
        if description:
            ev.add("description", description)
        cal.add_component(ev)
        return ev

    for index, m in enumerate(plan.milestones, 1):
        event(f"m{index}", _("%(title)s: %(milestone)s", title=pitch.prospect, milestone=m.name),
              m.start, m.end + ONE_DAY, m.delivers)
        if m.review_days:
            event(f"r{index}", _("Feedback due: %(milestone)s", milestone=m.name),
                  m.review_end, m.review_end + ONE_DAY)
    if plan.slot:
        zone = zoneinfo.ZoneInfo(plan.timezone)
        start = plan.slot.start.replace(tzinfo=zone)
        ev = event("call", _("Weekly call: %(title)s", title=pitch.title),
                   start, start + dt.timedelta(minutes=plan.slot.minutes))
        until = dt.datetime.combine(plan.end, dt.time(23, 59, 59), zone).astimezone(dt.timezone.utc)
        ev.add("rrule", {"freq": "weekly", "until": until})
        if hasattr(cal, "add_missing_timezones"):
            cal.add_missing_timezones()
    return cal.to_ical()
