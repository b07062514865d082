"""content/visibility.py through resolve_site: blind versions, pitch-only and embargoed
items, the secrets the leak check looks for, and the errors of a blind item without its words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from portfoliogen.errors import SiteErrors
from tests.unit.sitefiles import error_lines, resolve, study, write_site

BLIND = ("client: Globex\nvisibility: blind\nclient_blind: a logistics company\n"
         "title_blind: Route planning for a logistics company\n"
         "cover_alt: globex's planner\n"
         "gallery:\n  - {src: a.png, alt: The Globex depot, visibility: blind}\n"
         "  - {src: a.png, alt: A route at GLOBEX, caption: Globex routes}\n"
         "outcomes:\n  - {value: '+41%', label: Globex deliveries, visibility: blind, value_blind: '+35-45%'}\n"
         "  - {value: '-12%', label: fuel, visibility: blind}\n  - {value: '3', label: depots}\n"
         "tags: [logistics, Globex]\nlink: https://globex.example/\n")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def test_a_blind_case_study_is_published_anonymised(tmp_path: Path) -> None:
    write_site(tmp_path, {"content/case-studies/globex.md": study("Globex route planner", BLIND,
                                                                  "Globex runs vans. We met globex's team.\n"),
                          "content/case-studies/a.png": PNG})
    site, _ = resolve(tmp_path)
    (cs,) = site.case_studies
    assert (cs.slug, cs.url_path, cs.client) == ("route-planning-for-a-logistics-company",
                                                 "/work/route-planning-for-a-logistics-company/", "a logistics company")
    assert cs.body == "A logistics company runs vans. We met a logistics company's team.\n"
    assert [(g.alt, g.caption) for g in cs.gallery] == [("A route at a logistics company", "A logistics company routes")]
    assert [(o.value, o.label) for o in cs.outcomes] == [("+35-45%", "A logistics company deliveries"), ("3", "depots")]
    assert cs.tags == ("logistics",) and cs.link is None
    assert cs.cover_alt is None or "globex" not in cs.cover_alt.lower()
    (full,) = site.private_case_studies
    assert (full.slug, full.client, full.title, len(full.gallery)) == ("globex", "Globex", "Globex route planner", 2)
    assert [(s.name, s.declared_in) for s in site.secrets] == [("Globex", "content/case-studies/globex.md")]


def test_pitch_only_and_embargoed_items_only_reach_pitches(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "content/case-studies/secret.md": study("Secret", "visibility: pitch-only\n"),
        "content/case-studies/soon.md": study("Soon", "embargo_until: 2026-07-01\n"),
        "content/case-studies/open.md": study("Open"),
        "content/testimonials.yaml": "- {id: t1, quote: Great., author: Ann, visibility: pitch-only}\n"
                                     "- {id: t2, quote: Fine., author: Bob, case_study: secret}\n",
        "content/pitches/p.md": "---\ntitle: For you\nprospect: You\ntoken: abcdefabcdefabcdef123456\n"
                                "case_studies: [secret, soon, open]\ntestimonials: [t1]\n---\nHi.\n",
    })
    site, _ = resolve(tmp_path)
    assert [cs.slug for cs in site.case_studies] == ["open"]
    assert sorted(cs.slug for cs in site.private_case_studies) == ["secret", "soon"]
    assert [t.id for t in site.testimonials] == ["t2"] and site.testimonials[0].case_study is None
    assert [t.id for t in site.private_testimonials] == ["t1"]
    later, _ = resolve(tmp_path, today=dt.date(2026, 7, 1))
    assert sorted(cs.slug for cs in later.case_studies) == ["open", "soon"]


def test_confidential_names_and_blind_testimonials_are_secrets(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "config.yaml": "title: Ada\nbase_url: https://ada.example/\nconfidential: [Initech, Project Falcon]\n",
        "content/testimonials.yaml": "- {id: t1, quote: Great work for Initech., author: Bill Lumbergh, role: VP, "
                                     "company: Initech, visibility: blind, company_blind: a software firm}\n",
    })
    site, _ = resolve(tmp_path)
    (t,) = site.testimonials
    assert (t.author, t.company, t.quote, t.avatar) == ("VP", "a software firm", "Great work for a software firm.", None)
    assert [(s.name, s.declared_in) for s in site.secrets] == [
        ("Initech", "config.yaml"), ("Project Falcon", "config.yaml"), ("Bill Lumbergh", "content/testimonials.yaml")]


def test_a_blind_item_needs_its_replacement_words(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "content/case-studies/globex.md": study("Globex", "client: Globex\nvisibility: blind\n"),
        "content/testimonials.yaml": "- {id: t1, quote: Great., author: Ann, visibility: blind}\n",
    })
    with pytest.raises(SiteErrors) as err:
        resolve(tmp_path)
    assert error_lines(err.value) == [
        "content/case-studies/globex.md:6:13: a blind case study (or a translation of one) with a client needs 'client_blind' "
        "(e.g. 'a Nordic digital bank') to name it in public",
        "content/testimonials.yaml:1:52: blind testimonial 't1' needs 'author_blind' (e.g. 'Head of Product') "
        "to name who said it",
    ]
