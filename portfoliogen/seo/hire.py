"""/hire.json: who, services and prices, availability, hours, languages, top work and contact
routes for agents deciding whom to hire, with its JSON Schema (docs/guide/nda.md)."""

from __future__ import annotations

import json
from typing import Any

from portfoliogen.i18n import iso_date
from portfoliogen.seo.jsonld import price_valid_until
from portfoliogen.seo.meta import plain_text

HIRE_VERSION = "1.0"                        # MAJOR.MINOR: fields are only added within a major version
SCHEMA_PATH = "/schemas/hire-v1.schema.json"


def render_hire(site, abs_url) -> bytes:
    """The public site's data only: blind items as published, no pitch-only ones."""
    profile = site.profile
    contact = site.config.contact
    data: dict[str, Any] = {
        "$schema": abs_url(SCHEMA_PATH),
        "version": HIRE_VERSION,
        "url": abs_url("/"),
        "who": _clean({"name": profile.name, "headline": profile.headline, "location": profile.location,
                       "bio": plain_text(str(profile.bio_html)) or None, "skills": list(profile.skills),
                       "links": [{"label": link.label, "url": link.url} for link in profile.links]}),
        "availability": _availability(profile.availability),
        "timezone": profile.timezone,
        "working_hours": profile.working_hours,
        "languages": list(profile.languages),
        "response_time": profile.response_time,
        "services": [_service(s, abs_url) for s in site.services],
        "top_case_studies": [_case_study(cs, abs_url) for cs in site.featured],
        "contact": _clean({"page": abs_url("/contact/"), "email": contact.email,
                           "booking_url": contact.booking_url, "form_action": contact.form_action}),
    }
    return (json.dumps(_clean(data), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _availability(a) -> dict | None:
    if a is None:
        return None
    return _clean({"status": a.status, "from": iso_date(a.from_) or None, "note": a.note,
                   "updated": iso_date(a.updated) or None})


def _service(s, abs_url) -> dict:
    price = None
    if s.price is not None:
        price = _clean({"from": s.price.from_, "to": s.price.to, "currency": s.price.currency,
                        "unit": s.price.unit, "updated": iso_date(s.price.updated) or None,
                        "valid_until": price_valid_until(s.price).isoformat() if s.price.updated else None})
    return _clean({"id": s.id, "name": s.name, "summary": s.summary, "url": abs_url("/services/") + f"#{s.id}",
                   "timeline": s.timeline, "deliverables": list(s.deliverables), "price": price})


def _case_study(cs, abs_url) -> dict:
    return _clean({"title": cs.title, "summary": cs.summary, "url": abs_url(cs.url_path),
                   "client": cs.client, "industry": cs.industry, "date": iso_date(cs.date),
                   "tags": list(cs.tags), "services": list(cs.services),
                   "outcomes": [{"value": o.value, "label": o.label} for o in cs.outcomes]})


def _clean(data: dict) -> dict:
    """Without empty values: an absent key, never null, for what is not known."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def hire_schema(abs_url) -> bytes:
    """The JSON Schema (2020-12) of hire.json, published beside it."""
    text = {"type": "string", "minLength": 1}
    url = {"type": "string", "pattern": "^(https?://|mailto:|tel:)"}
    date = {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}
    price = _object({"from": {"type": "number", "minimum": 0}, "to": {"type": "number", "minimum": 0},
                     "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                     "unit": {"enum": ["project", "hour", "day", "month"]},
                     "updated": date, "valid_until": date}, ["currency", "unit"])
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": abs_url(SCHEMA_PATH),
        "title": "hire.json",
        "description": "A freelancer's offer for agents and tools deciding whom to hire: who, services with "
                       f"prices, availability, hours, languages, top work and contact routes. Version {HIRE_VERSION}; "
                       "fields are only added within a major version.",
        **_object({
            "$schema": {"type": "string"},
            "version": {"type": "string", "pattern": r"^1\.\d+$"},
            "url": url,
            "who": _object({"name": text, "headline": text, "location": text, "bio": text,
                            "skills": {"type": "array", "items": text},
                            "links": {"type": "array", "items": _object({"label": text, "url": url}, ["label", "url"])}},
                           ["name", "headline"]),
            "availability": _object({"status": {"enum": ["available", "limited", "booked"]}, "from": date,
                                     "note": text, "updated": date}, ["status"]),
            "timezone": text,
            "working_hours": {"type": "string", "pattern": r"^\d{2}:\d{2}-\d{2}:\d{2}$"},
            "languages": {"type": "array", "items": text},
            "response_time": text,
            "services": {"type": "array", "items": _object({
                "id": text, "name": text, "summary": text, "url": url, "timeline": text,
                "deliverables": {"type": "array", "items": text}, "price": price}, ["id", "name", "summary", "url"])},
            "top_case_studies": {"type": "array", "items": _object({
                "title": text, "summary": text, "url": url, "client": text, "industry": text, "date": date,
                "tags": {"type": "array", "items": text}, "services": {"type": "array", "items": text},
                "outcomes": {"type": "array", "items": _object({"value": text, "label": text}, ["value", "label"])}},
                ["title", "summary", "url"])},
            "contact": _object({"page": url, "email": {"type": "string", "format": "email"},
                                "booking_url": url, "form_action": url}, ["page"]),
        }, ["version", "url", "who", "services", "contact"]),
    }
    return (json.dumps(schema, indent=2) + "\n").encode("utf-8")


def _object(properties: dict, required: list[str]) -> dict:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}
