"""The documents a client asks for, built by the real CLI: cv.pdf and proposal.pdf read back
with pypdf, proposal.ics with two parsers, resume.json against the shipped JSON Resume schema."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import ics
import jsonschema
import pypdf
import pytest
from bs4 import BeautifulSoup

from tests.conftest import FIXED_TODAY, REPO, run_cli, tree_digest

SCHEMA = REPO / "portfoliogen" / "documents" / "schema" / "resume.schema.json"
SAMPLE = REPO / "tests" / "data" / "jsonresume-sample.resume.json"
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def _copy_example(dest: Path) -> Path:
    """The repository's example site: config.yaml, content/ and the themes it uses."""
    dest.mkdir(parents=True)
    shutil.copy(REPO / "config.yaml", dest / "config.yaml")
    for name in ("content", "themes"):
        shutil.copytree(REPO / name, dest / name)
    return dest


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    site = _copy_example(tmp_path_factory.mktemp("example") / "site")
    result = run_cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    return site / "output"


def _pitch_dir(out: Path) -> Path:
    return next((out / "p").iterdir())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_the_example_site_has_every_document(example: Path) -> None:
    pitch = _pitch_dir(example)
    for rel in ("cv/index.html", "cv.pdf", "resume.json"):
        assert (example / rel).is_file(), rel
    for name in ("index.html", "proposal.pdf", "proposal.ics", "cv.pdf"):
        assert (pitch / name).is_file(), name
    html = (example / "cv" / "index.html").read_text()
    assert 'href="/cv.pdf"' in html and 'href="/resume.json"' in html


def test_proposal_pdf_holds_every_price_date_and_milestone_of_the_page(example: Path) -> None:
    pitch = _pitch_dir(example)
    section = BeautifulSoup((pitch / "index.html").read_text(), "html.parser").select_one("section.proposal")
    facts = [td.get_text(" ", strip=True) for td in section.select("td.num")]
    facts += [t.get_text(" ", strip=True) for t in section.select("time")]
    facts += [name.get_text(" ", strip=True) for name in section.select(".proposal__item")]
    assert len(facts) > 20
    assert "€32,595" in facts and "April 23, 2027" in facts and "Design and test" in facts
    text = _squash(_pdf_text(pitch / "proposal.pdf"))
    missing = [fact for fact in facts if _squash(fact) not in text]
    assert not missing


def test_cv_pdf_text_metadata_size_fonts(example: Path) -> None:
    reader = pypdf.PdfReader(example / "cv.pdf")
    text = _squash(_pdf_text(example / "cv.pdf"))
    for fact in ("Mira Solberg", "Nordvik Bank", "Oslo School of Architecture and Design", "Page 1 of",
                 "Professional (C1)", "Certified Usability Analyst"):
        assert _squash(fact) in text, fact
    meta = reader.metadata
    assert meta.author == "Mira Solberg" and "Curriculum vitae" in meta.title
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/StructTreeRoot" in reader.trailer["/Root"]          # tagged PDF
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A4
    fonts = _fonts(reader)
    assert fonts and all(embedded and "+" in name for name, embedded in fonts)   # subset, embedded
    assert all("Doc-Sans" in name for name, _ in fonts)   # the fonts portfoliogen ships, no system fallback


def test_each_language_has_its_cv_page_and_pdf(example: Path) -> None:
    """cv.yaml's per-language values: /pt/cv/ and /pt/cv.pdf in Portuguese, linked
    from each other and from the footer; what is not translated is the English text."""
    html = (example / "pt" / "cv" / "index.html").read_text()
    assert '<html lang="pt-PT"' in html and 'href="/pt/cv.pdf"' in html
    assert "Designer de produto independente" in html and "Independent product designer" not in html
    assert 'hreflang="en" href="https://mira-solberg.example/cv/"' in html
    assert 'class="site-footer__cv" href="/pt/cv/"' in (example / "pt" / "index.html").read_text()
    reader = pypdf.PdfReader(example / "pt" / "cv.pdf")
    text = _squash(_pdf_text(example / "pt" / "cv.pdf"))
    for fact in ("Designer de produto independente", "Norueguês", "Profissional (C1)", "EXPERIÊNCIA",
                 "Certified Usability Analyst", "Página 1 de"):
        assert _squash(fact) in text, fact
    assert "Independentproductdesigner" not in text
    assert reader.trailer["/Root"]["/Lang"] == "pt-PT"


def _fonts(reader: pypdf.PdfReader) -> set[tuple[str, bool]]:
    found = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.add((str(font["/BaseFont"]), embedded))
    return found


def test_pitch_cv_variant_leaves_out_what_the_pitch_excludes(example: Path) -> None:
    text = _squash(_pdf_text(_pitch_dir(example) / "cv.pdf"))
    assert _squash("Helse Digital") in text                 # tagged health: kept
    assert _squash("Nordvik Bank") not in text              # tagged fintech: excluded
    assert _squash("The anxious user") not in text          # talks: excluded


def test_two_clean_builds_give_identical_documents(example: Path, tmp_path: Path) -> None:
    site = _copy_example(tmp_path / "again")
    result = run_cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    first, second = tree_digest(example), tree_digest(site / "output")
    documents = [rel for rel in first if rel.endswith((".pdf", ".ics", "resume.json"))]
    assert len(documents) == 6   # cv.pdf, pt/cv.pdf, resume.json, the pitch's three
    assert {rel: first[rel] for rel in documents} == {rel: second[rel] for rel in documents}


def test_documents_do_not_depend_on_where_portfoliogen_is_installed(example: Path, tmp_path: Path) -> None:
    """The same site printed by a copy of portfoliogen in another folder (another checkout, another
    machine): the PDFs' bytes, identifier included, are the same."""
    elsewhere = tmp_path / "elsewhere" / "site-packages"
    shutil.copytree(REPO / "portfoliogen", elsewhere / "portfoliogen",
                    ignore=shutil.ignore_patterns("__pycache__"))
    site = _copy_example(tmp_path / "again")
    argv = [sys.executable, "-m", "portfoliogen", "build", "--today", FIXED_TODAY]
    env = {**os.environ, "PYTHONPATH": str(elsewhere)}
    result = subprocess.run(argv, cwd=site, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stderr
    code = subprocess.run([sys.executable, "-c", "import portfoliogen; print(portfoliogen.__file__)"],
                          cwd=site, capture_output=True, text=True, env=env, check=True).stdout
    assert code.startswith(str(elsewhere))   # (the copy ran, not the checkout)
    first, second = tree_digest(example), tree_digest(site / "output")
    pdfs = [rel for rel in first if rel.endswith(".pdf")]
    assert len(pdfs) == 4
    assert {rel: first[rel] for rel in pdfs} == {rel: second[rel] for rel in pdfs}


def test_resume_json_is_valid_json_resume(example: Path) -> None:
    resume = json.loads((example / "resume.json").read_text())
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(resume)
    assert resume["basics"]["name"] == "Mira Solberg"
    assert len(resume["projects"]) == 6 and len(resume["references"]) == 7
    assert {p["network"] for p in resume["basics"]["profiles"]} == {"GitHub", "LinkedIn", "Dribbble", "Mastodon"}
    assert {s["id"] for s in resume["meta"]["portfoliogen"]["services"]} >= {"ux-audit", "product-design"}
    assert resume["meta"]["portfoliogen"]["availability"]["status"] == "limited"
    assert "b78c94319e88a529df3349c7" not in json.dumps(resume)   # no pitch leaks into it


def test_proposal_ics_parses_with_two_parsers(example: Path) -> None:
    pitch = _pitch_dir(example)
    data = (pitch / "proposal.ics").read_bytes()
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "Northwind Health: Discovery" in summaries and "Feedback due: Design and test" in summaries
    handoff = next(e for e in events if str(e["SUMMARY"]).endswith("Handoff"))
    assert handoff.decoded("DTSTART").isoformat() == "2027-04-12"
    assert handoff.decoded("DTEND").isoformat() == "2027-04-24"     # exclusive end: delivered on the 23rd
    call = next(e for e in events if "RRULE" in e)
    assert call["DTSTART"].dt.tzinfo is not None and call["RRULE"]["FREQ"] == ["WEEKLY"]
    other = ics.Calendar(data.decode("utf-8"))
    assert len(other.events) == len(events)
    assert {e.name for e in other.events} == set(summaries)


def test_proposal_page_stays_private(example: Path) -> None:
    pitch = _pitch_dir(example)
    token = pitch.name
    html = (pitch / "index.html").read_text()
    assert '<meta name="robots" content="noindex' in html
    for path in example.rglob("*"):
        if path.is_file() and not path.is_relative_to(pitch) and path.suffix in (".html", ".xml", ".json", ".txt", ".vcf"):
            assert token not in path.read_text(errors="ignore"), path
    sitemap = (example / "sitemap.xml").read_text()
    assert "/cv/" in sitemap


def test_accept_link_quotes_title_total_and_hash(example: Path) -> None:
    soup = BeautifulSoup((_pitch_dir(example) / "index.html").read_text(), "html.parser")
    link = next(a for a in soup.select(".proposal__actions a") if a["href"].startswith("mailto:"))
    from urllib.parse import parse_qs, urlsplit
    query = parse_qs(urlsplit(link["href"]).query)
    ref = soup.select_one(".proposal__ref").get_text()
    digest = re.search(r"Reference (\w{8})", ref).group(1)
    assert "A calmer patient portal" in query["subject"][0]
    assert "€32,595" in query["body"][0] and digest in query["body"][0]


def test_import_the_json_resume_sample_into_a_new_site(new_site: Path) -> None:
    result = run_cli("import", str(SAMPLE), cwd=new_site)
    assert result.returncode == 0, result.stderr
    (new_site / "config.yaml").write_text((new_site / "config.yaml").read_text().replace("language: en", "language: en-US"))
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 0, result.stderr
    out = new_site / "output"
    assert "Pied Piper" in (out / "cv" / "index.html").read_text()
    reader = pypdf.PdfReader(out / "cv.pdf")
    assert (round(float(reader.pages[0].mediabox.width), 2), round(float(reader.pages[0].mediabox.height), 2)) == LETTER
    assert "Richard Hendriks" in _pdf_text(out / "cv.pdf")


def test_import_of_an_invalid_resume_writes_nothing(new_site: Path, tmp_path: Path) -> None:
    resume = json.loads(SAMPLE.read_text())
    resume["work"][0]["startDate"] = "last spring"
    resume["basics"]["profiles"][0]["url"] = "ftp://nowhere"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(resume, indent=2))
    before = tree_digest(new_site / "content")
    result = run_cli("import", str(bad), cwd=new_site)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(bad))]
    assert len(lines) == 2, result.stderr
    assert all(re.match(rf"{re.escape(str(bad))}:\d+:\d+: ", line) for line in lines)
    assert "Traceback" not in result.stderr
    assert tree_digest(new_site / "content") == before


def test_without_weasyprint_the_site_builds_without_pdfs_and_says_so_once(new_site: Path, tmp_path: Path) -> None:
    shim = tmp_path / "shim" / "weasyprint"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text("raise OSError(\"cannot load library 'libpango-1.0-0'\")\n")
    (new_site / "content" / "cv.yaml").write_text(
        "experience:\n  - role: Product designer\n    organisation: Ledgerly\n    start: 2019-04\n")
    env = {**__import__("os").environ, "PYTHONPATH": str(shim.parent)}
    argv = [sys.executable, "-m", "portfoliogen", "build", "--today", FIXED_TODAY]
    result = subprocess.run(argv, cwd=new_site, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "WeasyPrint" in line]
    assert len(lines) == 1 and lines[0].startswith("warning: config.yaml: built without PDFs: cv.pdf and proposal.pdf need WeasyPrint")
    assert "pip install 'portfoliogen-ssg[pdf]'" in lines[0] and "pdf: false" in lines[0]
    assert "Traceback" not in result.stderr
    assert (new_site / "output" / "cv" / "index.html").is_file() and not (new_site / "output" / "cv.pdf").exists()
    assert "cv.pdf" not in (new_site / "output" / "cv" / "index.html").read_text()   # no link to a missing file
    check = subprocess.run([*argv[:3], "check", *argv[4:]], cwd=new_site, capture_output=True, text=True,
                           env=env, timeout=600)
    assert "WeasyPrint" not in check.stderr        # check prints nothing, so it needs no WeasyPrint
    (new_site / "config.yaml").write_text((new_site / "config.yaml").read_text() + "pdf: false\n")
    result = subprocess.run(argv, cwd=new_site, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "WeasyPrint" not in result.stderr          # pdf: false says no PDFs are wanted: no warning
    assert (new_site / "output" / "cv" / "index.html").is_file() and not (new_site / "output" / "cv.pdf").exists()


def test_a_resume_json_of_your_own_wins(new_site: Path) -> None:
    static = new_site / "content" / "static"
    static.mkdir(exist_ok=True)
    (static / "resume.json").write_text('{"basics": {"name": "Mine"}}\n')
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 0, result.stderr
    assert json.loads((new_site / "output" / "resume.json").read_text()) == {"basics": {"name": "Mine"}}
