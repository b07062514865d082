"""schema.org structured data (JSON-LD) for each page kind: pure functions of the site,
returning plain dicts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from portfoliogen.i18n import iso_date
from portfoliogen.seo.meta import plain_text, shorten

CONTEXT = "https://schema.org"
UNIT_CODES = {"hour": "HUR", "day": "DAY", "month": "MON"}   # UN/CEFACT codes
# A price checked on `price.updated` is offered as valid this long (check warns after it).
PRICE_VALID_DAYS = 90


_EMPTY = (None, "", [], {}, ())
_NESTED = (dict, list, tuple)


# The template serialises these dicts with `tojson`, which escapes `<`, `>`, `&` and `'`, so
# `</script>` cannot end the tag early.
# Every value comes from a content field; nothing is made up to please a validator (no invented
# ratings, prices or addresses). Objects that appear on several pages (the person, the business, a
# case study) carry an `@id` so search engines can join them.
def _clean(obj: Any) -> Any:
    """Drop empty values (None, '', [], {}) at every level. Runs for every
    page of every build: leaves are tested in place, not through a call."""
    if isinstance(obj, dict):
        out = {}
        for key, value in obj.items():
            if isinstance(value, _NESTED):
                value = _clean(value)
            if value not in _EMPTY:
                out[key] = value
        return out
    if isinstance(obj, (list, tuple)):
        return [v for v in (_clean(x) if isinstance(x, _NESTED) else x for x in obj) if v not in _EMPTY]
    return obj


class JsonLd:
    """Builds the graph of each page. `abs_url` maps a url_path (or an
    object with one) to an absolute URL under base_url."""

    def __init__(self, site, abs_url: Callable[[Any], str]):
        self.site = site
        self.abs_url = abs_url
        home = abs_url("/")
        self.person_id = home + "#person"
        self.business_id = home + "#business"
        self.website_id = home + "#website"

    # ------------------------------------------------------------ pieces
    def _image(self, image: Any) -> str | None:
        return self.abs_url(image.src.url_path) if image is not None else None

    def person(self, full: bool = True) -> dict:
        p = self.site.profile
        if not full:
            return {"@type": "Person", "@id": self.person_id, "name": p.name}
        email = self.site.config.contact.email
        return {
            "@type": "Person",
            "@id": self.person_id,
            "name": p.name,
            "jobTitle": p.headline,
            "description": shorten(plain_text(str(p.bio_html))) if p.bio_html else None,
            "url": self.abs_url("/"),
            "image": self._image(p.photo_image),
            "email": f"mailto:{email}" if email else None,
            "sameAs": [link.url for link in p.links],
            "knowsLanguage": list(p.languages),
            "knowsAbout": list(p.skills),
            "address": {"@type": "PostalAddress", "addressLocality": p.location} if p.location else None,
        }

    def website(self) -> dict:
        cfg = self.site.config
        return {"@type": "WebSite", "@id": self.website_id, "url": self.abs_url("/"),
                "name": cfg.title, "inLanguage": cfg.language, "publisher": {"@id": self.person_id}}

    def business(self) -> dict:
        p = self.site.profile
        return {
            "@type": "ProfessionalService",
            "@id": self.business_id,
            "name": p.name,
            "description": p.headline,
            "url": self.abs_url("/"),
            "image": self._image(p.photo_image),
            "founder": {"@id": self.person_id},
            "address": {"@type": "PostalAddress", "addressLocality": p.location} if p.location else None,
            "knowsLanguage": list(p.languages),
            "makesOffer": [self.offer(s) for s in self.site.services],
        }

    def offer(self, service) -> dict:
        offer: dict[str, Any] = {
            "@type": "Offer",
            "url": self.abs_url("/services/"),
            "itemOffered": {"@type": "Service", "name": service.name, "description": service.summary,
                            "provider": {"@id": self.person_id}},
        }
        price = service.price
        if price is not None and (price.from_ is not None or price.to is not None):
            spec: dict[str, Any] = {"@type": "PriceSpecification", "priceCurrency": price.currency}
            if price.unit in UNIT_CODES:
                spec.update({"@type": "UnitPriceSpecification", "unitCode": UNIT_CODES[price.unit],
                             "unitText": price.unit})
            if price.from_ is not None and price.to is not None and price.from_ != price.to:
                spec.update(minPrice=_number(price.from_), maxPrice=_number(price.to))
            elif price.from_ is not None and price.to is None:
                spec["minPrice"] = _number(price.from_)
            else:
                spec["price"] = _number(price.to if price.to is not None else price.from_)
            offer["priceSpecification"] = spec
            offer["priceCurrency"] = price.currency
            if getattr(price, "updated", None) is not None:
                offer["priceValidUntil"] = price_valid_until(price).isoformat()
        return offer

    def work_ref(self, cs) -> dict:
        return {"@type": "CreativeWork", "@id": self.abs_url(cs.url_path) + "#work",
                "name": cs.title, "url": self.abs_url(cs.url_path)}

    def creative_work(self, cs, image_url: str | None) -> dict:
        return {
            **self.work_ref(cs),
            "headline": cs.title,
            "description": cs.summary,
            "author": self.person(full=False),
            "dateCreated": iso_date(cs.date),
            "inLanguage": self.site.config.language,
            "image": list(dict.fromkeys(u for u in (self._image(cs.cover_image), image_url) if u)),
            "about": [{"@type": "Thing", "name": t} for t in cs.tags]
                     + [{"@type": "Service", "name": s.name} for s in self.site.services_for(cs)],
            "keywords": ", ".join(cs.tags) if cs.tags else None,
            "sourceOrganization": {"@type": "Organization", "name": cs.client} if cs.client else None,
            "review": [self.review(t, item=None) for t in self.site.testimonials_for(cs)],
        }

    def review(self, t, item: dict | None) -> dict:
        author: dict[str, Any] = {"@type": "Person", "name": t.author, "jobTitle": t.role}
        if t.company:
            author["worksFor"] = {"@type": "Organization", "name": t.company}
        return {
            "@type": "Review",
            "reviewBody": plain_text(str(t.quote_html or t.quote)),
            "author": author,
            "datePublished": iso_date(t.date) if t.date else None,
            "url": t.source_url,
            "itemReviewed": item,
        }

    def reviewed_item(self, t) -> dict:
        """What a testimonial reviews: its case study, else the business
        (or the person when there are no services)."""
        cs = self.site.case_study_for(t)
        if cs is not None:
            return self.work_ref(cs)
        if self.site.services:
            return {"@type": "ProfessionalService", "@id": self.business_id, "name": self.site.profile.name}
        return self.person(full=False)

    def breadcrumbs(self, crumbs) -> dict:
        return {"@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": i, "name": title, "item": self.abs_url(path)}
            for i, (title, path) in enumerate(crumbs, 1)]}

    # ------------------------------------------------------------ pages
    def for_page(self, kind: str, crumbs, subject: Any = None, image_url: str | None = None) -> tuple[dict, ...]:
        """The page's JSON-LD: one {"@context", "@graph"} object, or none."""
        site = self.site
        graph: list[dict] = []
        if kind == "home":
            graph += [self.person(), self.website()]
            if site.services:
                graph.append(self.business())
        elif kind == "case_study":
            graph.append(self.creative_work(subject, image_url))
        elif kind == "services" and site.services:
            graph.append(self.business())
        elif kind == "testimonials":
            graph += [self.review(t, self.reviewed_item(t)) for t in site.testimonials]
        elif kind in ("work", "tag"):
            works = subject.case_studies if subject is not None else site.case_studies
            graph.append({"@type": "ItemList", "itemListElement": [
                {"@type": "ListItem", "position": i, "url": self.abs_url(cs.url_path), "name": cs.title}
                for i, cs in enumerate(works, 1)]})
        elif kind == "contact":
            graph.append({"@type": "ContactPage", "url": self.abs_url("/contact/"),
                          "mainEntity": self.person()})
        if crumbs and kind not in ("home", "pitch", "404"):
            graph.append(self.breadcrumbs(crumbs))
        if not graph:
            return ()
        return (_clean({"@context": CONTEXT, "@graph": graph}),)


def price_valid_until(price) -> dt.date:
    return price.updated + dt.timedelta(days=PRICE_VALID_DAYS)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
