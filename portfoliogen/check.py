"""What a prospective client would miss: warnings for `portfoliogen check`
(errors with --strict), each naming the file (and line) to fix."""

from __future__ import annotations

import datetime as dt
import re

from portfoliogen.content.loaders import locations_of
from portfoliogen.content.model import Model
from portfoliogen.content.site import Site
from portfoliogen.errors import SiteError, plural
from portfoliogen.seo.jsonld import PRICE_VALID_DAYS
from portfoliogen.seo.meta import DESCRIPTION_LIMIT

MIN_TESTIMONIALS = 3
_EMPTY_ALT_IMAGE = re.compile(r"!\[\s*\]\(")


def _at(obj: Model, path: tuple, message: str) -> SiteError:
    line, col = locations_of(obj).of(path)
    return SiteError(obj.src_path, line, col, message)


def presence_warnings(site: Site) -> list[SiteError]:
    config = site.config
    profile = site.profile
    out: list[SiteError] = []
    if not profile.photo:
        out.append(_at(profile, (), "no photo: clients hire people; add 'photo' and 'photo_alt'"))
    if site.availability and site.availability.is_stale:
        out.append(_at(profile, ("availability", "from"),
                       "availability 'from' date has passed: it reads as available now; update or remove it"))
    if not (config.contact.email or config.contact.form_action or config.contact.booking_url):
        out.append(SiteError(config.config_path.name, None, None,
                             "no contact route: set contact.email, contact.form_action or contact.booking_url"))
    for cs in site.case_studies:
        missing = [name for name, value in (("outcomes", cs.outcomes), ("cover", cs.cover),
                                            ("client", cs.client)) if not value]
        if missing:
            out.append(_at(cs, (), f"case study without {', '.join(missing)}: "
                                   "clients look for who it was for and what changed"))
        if len(cs.summary) > DESCRIPTION_LIMIT:
            out.append(_at(cs, ("summary",), f"summary is {len(cs.summary)} characters; search results "
                                             f"show about {DESCRIPTION_LIMIT}"))
        out.extend(_empty_alts(cs))
    for page in site.pages:
        if page.description and len(page.description) > DESCRIPTION_LIMIT:
            out.append(_at(page, ("description",), f"description is {len(page.description)} characters; "
                                                   f"search results show about {DESCRIPTION_LIMIT}"))
        out.extend(_empty_alts(page))
    for t in site.testimonials:
        missing = [name for name, value in (("role", t.role), ("company", t.company)) if not value]
        if missing:
            out.append(_at(t, (), f"testimonial '{t.id}' without {' and '.join(missing)}: "
                                  "a named role and company make it credible"))
        if t.avatar and not t.avatar_alt:
            out.append(_at(t, ("avatar",), f"testimonial '{t.id}' avatar has no avatar_alt"))
    if len(site.testimonials) < MIN_TESTIMONIALS:
        out.append(SiteError("content/testimonials.yaml", None, None,
                             f"{plural(len(site.testimonials), 'testimonial')}: clients look for at least "
                             f"{MIN_TESTIMONIALS}"))
    out.extend(SiteError(notice.path, None, None, notice.message) for notice in site.notices)
    out.extend(stale_warnings(site))
    return out


def stale_warnings(site: Site) -> list[SiteError]:
    """Prices and availability not checked for PRICE_VALID_DAYS: agents and
    search engines read them as current (hire.json, priceValidUntil)."""
    out = []
    limit = site.today - dt.timedelta(days=PRICE_VALID_DAYS)
    for s in site.services:
        if s.price is not None and s.price.updated is not None and s.price.updated < limit:
            out.append(_at(s, ("price", "updated"), f"price of '{s.id}' last checked {s.price.updated.isoformat()}, "
                                                    f"over {PRICE_VALID_DAYS} days ago: check it and update 'updated'"))
    a = site.profile.availability
    if a is not None and a.updated is not None and a.updated < limit:
        out.append(_at(site.profile, ("availability", "updated"),
                       f"availability last checked {a.updated.isoformat()}, over {PRICE_VALID_DAYS} days ago: "
                       "check it and update 'updated'"))
    return out


def _empty_alts(obj: Model) -> list[SiteError]:
    out = []
    for match in _EMPTY_ALT_IMAGE.finditer(obj.body):
        line = obj.body_line + obj.body.count("\n", 0, match.start())
        col = match.start() - obj.body.rfind("\n", 0, match.start())
        out.append(SiteError(obj.src_path, line, col, "image without alt text: describe it inside ![...]"))
    return out
