"""A site with confidential clients in every kind of field, for the NDA tests: a blind case
study (Globex), a pitch-only one (Initech, code name Project Falcon), an embargoed one, a
blind testimonial, and a pitch naming them. Real photos, with metadata written into them."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from PIL import Image

from tests.conftest import TESTDATA, run_cli

TOKEN = "c0ffee1234567890abcdef12"
SECRETS = ("Globex", "Hank Scorpio", "Initech", "Project Falcon")   # must never be public
BODY_WORDS = {"public-project": "zebracrossing", "a-route-planner-for-a-logistics-company": "kettlebell",
              "first-project": "quokka", "second-project": "marmalade"}   # a word from each public body
PHOTOS = TESTDATA / "photos" / "cameras"


def write_photo(path: Path, description: str = "", source: str = "Canon_40D.jpg") -> None:
    """A real photo, small, with `description` in its EXIF, XMP and IPTC-style comment."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(PHOTOS / source) as img:
        img = img.convert("RGB")
        img.thumbnail((640, 640))
        exif = Image.Exif()
        if description:
            exif[0x010E] = description                      # ImageDescription
            exif[0x9C9C] = description.encode("utf-16-le")  # XPComment (UTF-16)
        xmp = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
               f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>{description}'
               f'</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>').encode() if description else None
        kwargs = {"exif": exif, "comment": description.encode()} if description else {}
        if xmp:
            kwargs["xmp"] = xmp
        img.save(path, "JPEG", quality=80, **kwargs)


def make_nda_site(root: Path) -> Path:
    result = run_cli("new", str(root / "site"), cwd=root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    config = yaml.safe_load((site / "config.yaml").read_text(encoding="utf-8"))
    config.update(confidential=["Initech", "Project Falcon"], images={"widths": [480], "formats": ["webp"]})
    (site / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    images = site / "content/images"
    write_photo(images / "globex-cover.jpg", "Globex headquarters")
    write_photo(images / "globex-map.jpg", "Globex depot map", "DSCN0010.jpg")
    write_photo(images / "route.jpg", "Route view", "Nikon_D70.jpg")
    write_photo(images / "street.jpg", "", "fujifilm-dx10.jpg")
    write_photo(images / "initech-cover.jpg", "Initech office")
    cs = site / "content/case-studies"
    _doc(cs / "globex.md", {
        "title": "Globex route planner", "summary": "Globex drivers plan their day in minutes.",
        "date": "2025-03", "client": "Globex", "visibility": "blind", "client_blind": "a logistics company",
        "title_blind": "A route planner for a logistics company", "industry": "Logistics",
        "cover": "images/globex-cover.jpg", "cover_alt": "The Globex planner on a tablet",
        "gallery": [{"src": "images/globex-map.jpg", "alt": "Globex depot map", "caption": "Globex depots",
                     "visibility": "blind"},
                    {"src": "images/route.jpg", "alt": "A route for Globex drivers", "caption": "Globex routes, after"}],
        "outcomes": [{"value": "+41%", "label": "Globex on-time deliveries", "visibility": "blind",
                      "value_blind": "+35-45%"},
                     {"value": "-12%", "label": "fuel per route"}],
        "services": [], "tags": ["logistics", "Globex"], "testimonials": ["hank-globex"],
        "link": "https://globex.example/",
    }, "Globex runs 300 vans. The kettlebell of the project was the depot view Globex asked for.\n")
    _doc(cs / "initech.md", {
        "title": "Initech: Project Falcon", "summary": "A secret dashboard for Initech.", "date": "2025-06",
        "client": "Initech", "visibility": "pitch-only", "cover": "images/initech-cover.jpg",
        "cover_alt": "Initech's Project Falcon dashboard", "tags": ["dashboards"],
    }, "Project Falcon is Initech's next product.\n")
    _doc(cs / "launching-soon.md", {
        "title": "A launch that is not public yet", "summary": "Embargoed until the launch.", "date": "2026-05",
        "client": "Vandelay", "embargo_until": "2026-07-01", "tags": ["launch"],
    }, "Vandelay ships in July.\n")
    _doc(cs / "public-project.md", {
        "title": "A public project", "summary": "A checkout that people finish.", "date": "2024-05",
        "client": "Acme", "role": "Wayfinding consultant", "industry": "Retail", "cover": "images/street.jpg",
        "cover_alt": "A street at dusk",
        "gallery": [{"src": "images/route.jpg", "alt": "A map of a route", "caption": "The map view"},
                    {"src": "images/street.jpg", "alt": "A street", "caption": "The street view"}],
        "outcomes": [{"value": "+18%", "label": "completed checkouts"}],
        "tags": ["fintech", "mobile"], "testimonials": ["ann-acme"],
    }, "The zebracrossing step was the one people missed.\n")
    for name, word in (("first-project", "quokka"), ("second-project", "marmalade")):
        path = cs / f"{name}.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\nThe {word} detail mattered.\n", encoding="utf-8")
    testimonials = yaml.safe_load((site / "content/testimonials.yaml").read_text(encoding="utf-8")) or []
    testimonials += [
        {"id": "hank-globex", "quote": "Globex has never planned faster.", "author": "Hank Scorpio",
         "role": "Head of Operations", "company": "Globex", "case_study": "globex", "visibility": "blind",
         "company_blind": "a logistics company"},
        {"id": "bill-initech", "quote": "Project Falcon is on track.", "author": "Bill Lumbergh",
         "role": "VP", "company": "Initech", "visibility": "pitch-only"},
        {"id": "ann-acme", "quote": "A checkout people finish.", "author": "Ann Smith", "role": "CEO",
         "company": "Acme", "case_study": "public-project"},
    ]
    (site / "content/testimonials.yaml").write_text(yaml.safe_dump(testimonials, sort_keys=False), encoding="utf-8")
    _doc(site / "content/pitches/initech.md", {
        "title": "A proposal for Initech", "prospect": "Initech", "token": TOKEN,
        "case_studies": ["globex", "initech", "public-project"], "testimonials": ["hank-globex", "bill-initech"],
    }, "Dear Initech team, here is how Globex and Project Falcon went.\n")
    return site


def _doc(path: Path, front: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n" + body,
                    encoding="utf-8")


def copy_site(site: Path, to: Path) -> Path:
    shutil.copytree(site, to, symlinks=True)
    return to
