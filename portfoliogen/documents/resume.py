"""/resume.json in the JSON Resume format (schema/resume.schema.json, MIT, from @jsonresume/schema):
case studies -> projects, testimonials -> references, links -> basics.profiles; services,
rates and availability under meta."""

from __future__ import annotations

import json
from pathlib import Path

from portfoliogen.urls import Urls

SCHEMA = Path(__file__).resolve().parent / "schema" / "resume.schema.json"


def _drop_empty(value):
    if isinstance(value, dict):
        cleaned = {k: _drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _network(label: str, url: str) -> dict:
    username = url.rstrip("/").rsplit("/", 1)[-1].lstrip("@")
    return {"network": label, "url": url, "username": username}


def resume_data(site) -> dict:
    profile, cv, config = site.profile, site.cv, site.config
    abs_url = Urls(config.base_url).abs_url
    city, _, country = (profile.location or "").rpartition(", ")
    data = {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": {
            "name": profile.name, "label": profile.headline, "email": config.contact.email,
            "url": config.base_url, "summary": (cv.summary if cv and cv.summary else profile.bio or "").strip(),
            "image": abs_url(profile.photo_image.fallback[-1].url_path) if profile.photo_image else None,
            "location": {"city": city or profile.location, "countryCode": (profile.country or "")[:2] or None},
            "profiles": [_network(link.label, link.url) for link in profile.links
                         if link.url.startswith(("https://", "http://"))],
        },
        "work": [{"name": job.organisation, "position": job.role, "location": job.location, "url": job.url,
                  "startDate": _iso(job.start), "endDate": _iso(job.end), "summary": job.summary,
                  "highlights": list(job.highlights)} for job in (cv.experience if cv else ())],
        "education": [{"institution": e.institution, "studyType": e.degree, "url": e.url,
                       "startDate": _iso(e.start), "endDate": _iso(e.end)} for e in (cv.education if cv else ())],
        "certificates": [{"name": c.title, "issuer": c.by, "date": _iso(c.date), "url": c.url}
                         for c in (cv.certifications if cv else ())],
        "publications": [{"name": c.title, "publisher": c.by, "releaseDate": _iso(c.date), "url": c.url,
                          "summary": c.summary} for c in ((cv.publications + cv.talks) if cv else ())],
        "awards": [{"title": c.title, "awarder": c.by, "date": _iso(c.date), "summary": c.summary}
                   for c in (cv.awards if cv else ())],
        "languages": ([{"language": lang.language, "fluency": lang.level} for lang in cv.languages]
                      if cv and cv.languages else [{"language": lang} for lang in profile.languages]),
        "skills": ([{"name": g.name, "level": g.level, "keywords": list(g.skills)} for g in cv.skills]
                   if cv and cv.skills else [{"name": skill} for skill in profile.skills]),
        "projects": [{"name": cs.title, "description": cs.summary, "url": abs_url(cs.url_path),
                      "endDate": _iso(cs.date), "entity": cs.client, "roles": [cs.role] if cs.role else [],
                      "keywords": list(cs.tags), "highlights": [f"{o.value} {o.label}" for o in cs.outcomes]}
                     for cs in site.case_studies],
        "references": [{"name": ", ".join(x for x in (t.author, t.role, t.company) if x), "reference": t.quote}
                       for t in site.testimonials],
        "meta": {"canonical": abs_url("/resume.json"), "version": "v1.0.0",
                 "portfoliogen": {"services": [_service(s) for s in site.services],
                                  "availability": _availability(site), "timezone": profile.timezone,
                                  "workingHours": profile.working_hours}},
    }
    return _drop_empty(data)


def _service(service) -> dict:
    price = service.price
    return {"id": service.id, "name": service.name, "summary": service.summary,
            "price": None if price is None else {"from": price.from_, "to": price.to, "currency": price.currency,
                                                 "unit": price.unit}}


def _availability(site) -> dict | None:
    view = site.availability
    if view is None:
        return None
    return {"status": view.status, "from": _iso(view.from_date), "note": view.note}


def render_resume(site) -> bytes:
    return (json.dumps(resume_data(site), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
