"""hire.json against its published JSON Schema, llms.txt, and what neither may say (pitch-only
items, a blind item's real client); priceValidUntil and the 90-day stale warning."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from portfoliogen.check import stale_warnings
from portfoliogen.seo.hire import hire_schema, render_hire
from portfoliogen.seo.jsonld import JsonLd
from portfoliogen.seo.llms import render_llms
from portfoliogen.urls import Urls
from tests.unit.sitefiles import resolve, study, write_site

PROFILE = ("name: Ada Lovelace\nheadline: Engineer\ntimezone: Europe/London\nworking_hours: '09:00-17:00'\n"
           "languages: [English]\navailability: {status: limited, from: 2026-09, updated: 2026-01-10}\n")
SERVICES = ("- id: audits\n  name: Audits\n  summary: A look at one flow.\n"
            "  price: {from: 3000, to: 5000, currency: EUR, unit: project, updated: 2026-05-01}\n"
            "- id: days\n  name: Days\n  summary: By the day.\n  price: {from: 700, currency: EUR, unit: day}\n")


def _site(tmp_path: Path):
    write_site(tmp_path, {
        "config.yaml": "title: Ada\nbase_url: https://ada.example/sub/\ncontact: {email: ada@ada.example}\n",
        "content/profile.yaml": PROFILE, "content/services.yaml": SERVICES,
        "content/case-studies/globex.md": study("Globex planner", "client: Globex\nvisibility: blind\n"
                                                "client_blind: a logistics firm\nfeatured: true\nservices: [audits]\n"),
        "content/case-studies/initech.md": study("Initech falcon", "client: Initech\nvisibility: pitch-only\n"
                                                 "featured: true\n"),
        "content/case-studies/open.md": study("Open work", "client: Acme\nfeatured: true\nindustry: Retail\n"),
    })
    site, _ = resolve(tmp_path)
    return site, Urls(site.config.base_url).abs_url


def test_hire_json_validates_against_its_published_schema(tmp_path: Path) -> None:
    site, abs_url = _site(tmp_path)
    data = json.loads(render_hire(site, abs_url))
    schema = json.loads(hire_schema(abs_url))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["$schema"] == schema["$id"] == "https://ada.example/sub/schemas/hire-v1.schema.json"
    assert data["version"].startswith("1.")
    audits = data["services"][0]
    assert audits["price"] == {"from": 3000, "to": 5000, "currency": "EUR", "unit": "project",
                               "updated": "2026-05-01", "valid_until": "2026-07-30"}
    assert data["availability"]["status"] == "limited" and data["timezone"] == "Europe/London"
    assert [cs["client"] for cs in data["top_case_studies"]] == ["a logistics firm", "Acme"]


def test_an_invalid_hire_json_fails_the_schema(tmp_path: Path) -> None:
    site, abs_url = _site(tmp_path)
    data = json.loads(render_hire(site, abs_url))
    data["services"][0]["price"]["currency"] = "euro"
    validator = jsonschema.Draft202012Validator(json.loads(hire_schema(abs_url)))
    assert not validator.is_valid(data)


def test_hire_json_and_llms_txt_name_no_secret_and_no_pitch_only_item(tmp_path: Path) -> None:
    site, abs_url = _site(tmp_path)
    for text in (render_hire(site, abs_url).decode(), render_llms(site, abs_url).decode()):
        assert "Globex" not in text and "Initech" not in text
    llms = render_llms(site, abs_url).decode()
    assert llms.startswith("# Ada Lovelace\n\n> Engineer\n")
    assert "- [Open work](https://ada.example/sub/work/open-work/)" not in llms   # slugs are file names
    assert "- [Open work](https://ada.example/sub/work/open/): What happened." in llms
    assert "(https://ada.example/sub/hire.json)" in llms


def test_offers_carry_price_valid_until_and_stale_prices_warn(tmp_path: Path) -> None:
    site, abs_url = _site(tmp_path)
    offers = JsonLd(site, abs_url).business()["makesOffer"]
    assert offers[0]["priceValidUntil"] == "2026-07-30" and "priceValidUntil" not in offers[1]
    assert offers[0]["priceSpecification"]["minPrice"] == 3000
    assert [str(w) for w in stale_warnings(site)] == [
        "content/profile.yaml:6:57: availability last checked 2026-01-10, over 90 days ago: "
        "check it and update 'updated'"]
