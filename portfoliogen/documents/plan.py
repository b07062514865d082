"""A pitch's proposal worked out: line prices and totals, milestone and payment dates in working
days, daylight-saving changes, the weekly call and a short content hash; or one error per problem."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import zoneinfo
from dataclasses import dataclass

from portfoliogen.content.loaders import locations_of
from portfoliogen.content.model import Pitch
from portfoliogen.content.site import Site
from portfoliogen.documents.schedule import ONE_DAY, Calendar, DstChange, dst_changes, known_country
from portfoliogen.errors import ErrorCollector, SiteError, did_you_mean
from portfoliogen.i18n import format_money

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


@dataclass(frozen=True)
class Line:
    name: str
    description: str | None
    quantity: float
    unit: str            # project | day | hour | month | item
    amount: float
    amount_text: str


@dataclass(frozen=True)
class Adjusted:
    label: str
    percent: float | None
    amount: float
    amount_text: str


@dataclass(frozen=True)
class MilestoneDates:
    name: str
    delivers: str | None
    days: int
    review_days: int
    start: dt.date
    end: dt.date          # the work is delivered
    review_end: dt.date   # the client's feedback is due


@dataclass(frozen=True)
class PaymentDue:
    percent: float
    amount_text: str
    milestone: str | None   # None: on signing
    due: dt.date | None


@dataclass(frozen=True)
class WeeklySlot:
    weekday: int               # 0 = Monday
    mine: tuple[str, str]      # HH:MM-HH:MM in the freelancer's zone, on the first day
    theirs: tuple[str, str]    # the same slot in the client's zone
    start: dt.datetime         # the first call, aware, in the freelancer's zone
    minutes: int


@dataclass(frozen=True)
class ProposalPlan:
    currency: str
    lines: tuple[Line, ...]
    subtotal_text: str
    discounts: tuple[Adjusted, ...]
    tax: Adjusted | None
    total: float
    total_text: str
    milestones: tuple[MilestoneDates, ...]
    payments: tuple[PaymentDue, ...]
    start: dt.date
    end: dt.date
    skipped: tuple[tuple[dt.date, dt.date, str], ...]   # holidays and days away inside the project
    timezone: str | None
    client_timezone: str | None
    dst: tuple[DstChange, ...]
    slot: WeeklySlot | None
    no_overlap: bool
    digest: str


def plan_pitches(site: Site) -> Site:
    """The site with every proposal's plan attached, or SiteErrors with one line per problem."""
    errors = ErrorCollector()
    pitches = []
    for pitch in site.pitches:
        if pitch.proposal is None:
            pitches.append(pitch)
            continue
        plan = plan_proposal(pitch, site, errors)
        pitches.append(pitch.model_copy(update={"plan": plan}))
    errors.raise_if_any()
    return _replace_pitches(site, tuple(pitches))


def _replace_pitches(site: Site, pitches: tuple[Pitch, ...]) -> Site:
    return dataclasses.replace(site, pitches=pitches, _by_slug={}, _testimonials_by_id={},
                               _services_by_id={}, _position={})


def plan_proposal(pitch: Pitch, site: Site, errors: ErrorCollector) -> ProposalPlan | None:
    proposal = pitch.proposal
    count = len(errors.errors)

    def error(path: tuple, message: str, key: bool = False) -> None:
        line, col = locations_of(pitch).of(("proposal", *path), key=key)
        errors.add(SiteError(pitch.src_path, line, col, message))

    language = site.config.language
    currency, lines = _lines(pitch, site, error)
    calendar = _calendar(site, errors)
    milestones = _milestones(proposal, calendar)
    names = {m.name for m in proposal.milestones}
    if proposal.issued and proposal.issued > site.today + dt.timedelta(days=366):
        error(("issued",), f"issued date {proposal.issued.isoformat()} is more than a year ahead")
    for index, m in enumerate(milestones):
        if m.end > proposal.valid_until:
            error(("milestones", index, "days"), f"milestone '{m.name}' ends on {m.end.isoformat()}, after the "
                                                 f"offer's validity date {proposal.valid_until.isoformat()}")
    share = sum(p.percent for p in proposal.payments)
    if proposal.payments and abs(share - 100) > 0.001:
        error(("payments",), f"the payment schedule sums to {share:g} %, not 100 %", key=True)
    for index, p in enumerate(proposal.payments):
        if p.milestone and p.milestone not in names:
            error(("payments", index, "milestone"), f"no milestone named '{p.milestone}'{did_you_mean(p.milestone, names)}")
    for index, d in enumerate(proposal.discounts):
        if (d.percent is None) == (d.amount is None):
            error(("discounts", index), "a discount needs either 'percent' or 'amount'")
    if currency is None or len(errors.errors) > count:
        return None
    return _assemble(pitch, site, currency, lines, milestones, calendar, language)


def _lines(pitch: Pitch, site: Site, error) -> tuple[str | None, list[tuple]]:
    """(currency, [(name, description, quantity, unit, amount)]) with an error per bad line."""
    proposal = pitch.proposal
    currency = proposal.currency
    lines = []
    for index, item in enumerate(proposal.scope):
        service = site.service(item.service) if item.service else None
        if item.service and service is None:
            known = {s.id for s in site.services}
            error(("scope", index, "service"), f"no service with id '{item.service}'{did_you_mean(item.service, known)}")
            continue
        price = service.price if service else None
        if price is not None:
            if currency is None:
                currency = price.currency
            elif price.currency != currency:
                error(("scope", index, "service"), f"service '{service.id}' is priced in {price.currency}, "
                                                   f"the proposal in {currency}")
                continue
        unit = price.unit if price is not None else "item"
        if item.price is not None:
            amount = item.price if unit == "project" or price is None else item.price * item.quantity
        elif price is None or price.from_ is None:
            error(("scope", index), "this deliverable needs a 'price' (its service has none)")
            continue
        elif price.to is not None and price.to != price.from_:
            error(("scope", index), f"service '{service.id}' has a price range; give this deliverable its 'price'")
            continue
        else:
            amount = price.from_ * (1 if unit == "project" else item.quantity)
        name = item.name or (service.name if service else None)
        if name is None:
            error(("scope", index), "a deliverable needs a 'name' or a 'service'")
            continue
        lines.append((name, item.description or (service.summary if service else None), item.quantity, unit,
                      round(amount, 2)))
    if currency is None:
        error(("scope",), "no currency: give proposal.currency or deliverables from priced services")
    return currency, lines


def _calendar(site: Site, errors: ErrorCollector) -> Calendar:
    profile = site.profile
    country = profile.country
    if country and not known_country(country):
        line, col = locations_of(profile).of(("country",))
        errors.add(SiteError(profile.src_path, line, col, f"no public holidays known for country '{country}'"))
        country = None
    return Calendar(country, tuple((u.from_, u.to) for u in profile.unavailable), site.config.language)


def _milestones(proposal, calendar: Calendar) -> list[MilestoneDates]:
    out, cursor = [], proposal.start
    for m in proposal.milestones:
        start = calendar.next_working_day(cursor)
        end = calendar.add_working_days(start, m.days)
        review_end = calendar.add_working_days(end + ONE_DAY, m.review_days, personal=False) if m.review_days else end
        out.append(MilestoneDates(m.name, m.delivers, m.days, m.review_days, start, end, review_end))
        cursor = review_end + ONE_DAY
    return out


def _assemble(pitch, site, currency, lines, milestones, calendar, language) -> ProposalPlan:
    proposal = pitch.proposal
    money = lambda amount: format_money(amount, currency, language)  # noqa: E731
    subtotal = round(sum(line[4] for line in lines), 2)
    discounts, running = [], subtotal
    for d in proposal.discounts:
        off = round(subtotal * d.percent / 100 if d.percent else d.amount, 2)
        running = round(running - off, 2)
        discounts.append(Adjusted(d.label, d.percent, off, money(-off)))
    tax = None
    if proposal.tax:
        amount = round(running * proposal.tax.rate / 100, 2)
        tax = Adjusted(proposal.tax.label, proposal.tax.rate, amount, money(amount))
    total = round(running + (tax.amount if tax else 0), 2)
    by_name = {m.name: m for m in milestones}
    payments = tuple(PaymentDue(p.percent, money(round(total * p.percent / 100, 2)), p.milestone,
                                by_name[p.milestone].end if p.milestone else None) for p in proposal.payments)
    first, last = milestones[0].start, max(m.review_end for m in milestones)
    mine, theirs = site.profile.timezone, proposal.client_timezone
    dst = tuple(dst_changes(mine, theirs, first, last)) if mine and theirs else ()
    slot = _weekly_slot(proposal, site.profile, first) if mine and theirs and proposal.weekly_call else None
    plan = ProposalPlan(
        currency=currency, lines=tuple(Line(n, d, q, u, a, money(a)) for n, d, q, u, a in lines),
        subtotal_text=money(subtotal), discounts=tuple(discounts), tax=tax, total=total, total_text=money(total),
        milestones=tuple(milestones), payments=payments, start=first, end=last,
        skipped=tuple(calendar.skipped(first, last)), timezone=mine, client_timezone=theirs, dst=dst,
        slot=slot, no_overlap=bool(mine and theirs and proposal.weekly_call and slot is None), digest="")
    return _with_digest(plan, pitch)


def _with_digest(plan: ProposalPlan, pitch: Pitch) -> ProposalPlan:
    """A short hash of what was offered, so client and freelancer cite the same version."""
    offered = {"title": pitch.title, "prospect": pitch.prospect,
               "proposal": pitch.proposal.model_dump(mode="json", by_alias=True),
               "dates": [[m.start.isoformat(), m.end.isoformat(), m.review_end.isoformat()] for m in plan.milestones],
               "total": plan.total, "currency": plan.currency}
    text = json.dumps(offered, sort_keys=True, ensure_ascii=False)
    return dataclasses.replace(plan, digest=hashlib.sha256(text.encode("utf-8")).hexdigest()[:8])


def _weekly_slot(proposal, profile, first: dt.date) -> WeeklySlot | None:
    """The weekly call at the start of the hours both work, on the first such weekday."""
    call = proposal.weekly_call
    weekday = WEEKDAYS.index(call.day)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    mine_zone, their_zone = zoneinfo.ZoneInfo(profile.timezone), zoneinfo.ZoneInfo(proposal.client_timezone)
    my_start, my_end = _hours(profile.working_hours or "09:00-17:00", day, mine_zone)
    their_start, their_end = _hours(proposal.client_working_hours, day, their_zone)
    start, end = max(my_start, their_start), min(my_end, their_end)
    if end - start < dt.timedelta(minutes=call.minutes):
        return None
    finish = start + dt.timedelta(minutes=call.minutes)
    fmt = lambda t, z: t.astimezone(z).strftime("%H:%M")  # noqa: E731
    return WeeklySlot(weekday, (fmt(start, mine_zone), fmt(finish, mine_zone)),
                      (fmt(start, their_zone), fmt(finish, their_zone)), start.astimezone(mine_zone), call.minutes)


def _hours(text: str, day: dt.date, zone) -> tuple[dt.datetime, dt.datetime]:
    begin, end = (dt.time.fromisoformat(part.strip()) for part in text.split("-"))
    return (dt.datetime.combine(day, begin, zone).astimezone(dt.timezone.utc),
            dt.datetime.combine(day, end, zone).astimezone(dt.timezone.utc))
