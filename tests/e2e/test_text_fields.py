"""Plain-text and inline-Markdown fields stay text, every XML file parses
whatever the content, and a body's images (inline or reference-style) come
from its Markdown parse: checked on real builds."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup
from PIL import Image

from tests.conftest import TESTDATA, clean_build, run_cli, tree_digest

PHOTO = TESTDATA / "photos/cameras/Canon_40D.jpg"
STUDY = "content/case-studies/second-project.md"

QUOTES = {
    "sam": "#1 designer we have ever hired.",
    "year": "2019. That was the year *everything* changed.",
    "form": "They fixed our <form> checkout.",
    "script": "</script><script>alert(1)</script>",
}


def build(site: Path):
    result = run_cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    return result


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / "output" / path).read_text(encoding="utf-8"), "html.parser")


def set_body(site: Path, body: str) -> None:
    path = site / STUDY
    head = path.read_text(encoding="utf-8").split("---\n")[1]
    path.write_text(f"---\n{head}---\n{body}", encoding="utf-8")


def test_a_quote_is_inline_markdown_with_html_as_text(new_site: Path) -> None:
    (new_site / "content/testimonials.yaml").write_text("".join(
        f"- id: {key}\n  quote: {json.dumps(text)}\n  author: Sam {key}\n  case_study: first-project\n"
        for key, text in QUOTES.items()), encoding="utf-8")
    build(new_site)
    for page in ("testimonials/index.html", "work/first-project/index.html"):
        html = soup(new_site, page)
        quotes = html.select("blockquote")
        texts = [" ".join(q.get_text().split()) for q in quotes]
        for text in ("#1 designer we have ever hired.", "2019. That was the year everything changed.",
                     "They fixed our <form> checkout.", "</script><script>alert(1)</script>"):
            assert text in texts, (page, texts)
        for quote in quotes:
            assert not quote.find(["h1", "h2", "ol", "ul", "form", "script"]), quote
        assert quotes[1].find("em").text == "everything"   # inline Markdown still works
        assert not any("alert(1)" in (s.string or "") and s.get("type") != "application/ld+json"
                       for s in html.find_all("script"))
    reviews = [json.loads(s.string) for s in soup(new_site, "testimonials/index.html")
               .find_all("script", type="application/ld+json")]
    assert "They fixed our <form> checkout." in json.dumps(reviews, ensure_ascii=False)


def test_a_summary_keeps_every_character(new_site: Path) -> None:
    summary = 'From 4 s to <1 s, uptime > 99.9% & "fast"'
    path = new_site / STUDY
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("summary:"))
    path.write_text(text.replace(old, f"summary: {json.dumps(summary)}"), encoding="utf-8")
    build(new_site)
    html = soup(new_site, "work/second-project/index.html")
    assert html.find("meta", attrs={"name": "description"})["content"] == summary
    assert html.find("meta", attrs={"property": "og:description"})["content"] == summary
    assert html.find("meta", attrs={"name": "twitter:description"})["content"] == summary
    ld = json.dumps([json.loads(s.string) for s in html.find_all("script", type="application/ld+json")],
                    ensure_ascii=False)
    assert json.dumps(summary, ensure_ascii=False) in ld
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(new_site / "output/feed.xml").getroot()
    assert summary in [e.findtext(f"{atom}summary") for e in feed.iter(f"{atom}entry")]


def test_every_xml_file_parses_whatever_the_content(new_site: Path) -> None:
    path = new_site / STUDY
    tags = "tags: ['27\" displays', a&b <c>]"
    text = path.read_text(encoding="utf-8").replace("tags: [design systems]", tags)
    text += "\nForm\x0cfeed, vertical\x0btab, nul\x00 and \ufffe non-character, <b>bold</b> & more.\n"
    path.write_text(text, encoding="utf-8")
    build(new_site)
    out = new_site / "output"
    written = sorted([*out.rglob("*.xml"), *out.rglob("*.svg")])
    assert {"feed.xml", "sitemap.xml", "favicon.svg"} <= {p.name for p in written}
    for xml_file in written:
        ET.parse(xml_file)   # raises on a file that is not well-formed
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(out / "feed.xml").getroot()
    terms = {c.get("term") for c in feed.iter(f"{atom}category")}
    assert {'27" displays', "a&b <c>"} <= terms
    content = "".join(e.findtext(f"{atom}content") for e in feed.iter(f"{atom}entry"))
    assert "Formfeed, verticaltab, nul and  non-character, <b>bold</b> &amp; more." in content


def test_a_reference_style_image_follows_edits_and_pixels(new_site: Path, tmp_path: Path) -> None:
    shutil.copy(PHOTO, new_site / "content/images/flow.jpg")
    set_body(new_site, "## Flow\n\n![The new flow][flow]\n\nText.\n\n[flow]: ../images/flow.jpg\n")
    build(new_site)
    out = new_site / "output"

    def body_image() -> str:
        img = soup(new_site, "work/second-project/index.html").find("img", alt="The new flow")
        assert img is not None and img["src"].startswith("/images/flow-")
        assert (out / img["src"].lstrip("/")).is_file()
        return img["src"]

    first = body_image()
    other = new_site / "content/case-studies/first-project.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nAn unrelated edit.\n", encoding="utf-8")
    build(new_site)
    assert body_image() == first
    assert tree_digest(out) == clean_build(new_site, tmp_path)

    with Image.open(new_site / "content/images/flow.jpg") as im:
        im.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(new_site / "content/images/flow.jpg", quality=90)
    build(new_site)
    assert body_image() != first
    assert tree_digest(out) == clean_build(new_site, tmp_path)


def test_a_missing_reference_image_is_an_error_at_its_line(built_site: Path) -> None:
    before = tree_digest(built_site / "output")
    set_body(built_site, "## Flow\n\n![The new flow][flow]\n\n[flow]: ../images/nope.jpg\n")
    result = run_cli("build", cwd=built_site)
    assert result.returncode == 1
    lines = (built_site / STUDY).read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("[flow]:"))
    assert result.stderr.strip() == f"{STUDY}:{line}:9: image '../images/nope.jpg' not found"
    assert tree_digest(built_site / "output") == before


def test_an_image_in_code_is_text(new_site: Path) -> None:
    set_body(new_site, "## How to\n\n```markdown\n![alt](my-photo.jpg)\n```\n\nOr inline: `![a](b.jpg)`.\n")
    build(new_site)
    html = soup(new_site, "work/second-project/index.html")
    codes = [c.get_text() for c in html.find_all("code")]
    assert "![alt](my-photo.jpg)\n" in codes and "![a](b.jpg)" in codes


def test_raw_html_in_bodies_is_kept_unless_turned_off(new_site: Path) -> None:
    set_body(new_site, '## Video\n\n<iframe title="Demo" src="https://example.com/v"></iframe>\n')
    build(new_site)
    assert soup(new_site, "work/second-project/index.html").find("iframe", title="Demo")
    config = new_site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "markdown:\n  raw_html: false\n", encoding="utf-8")
    build(new_site)
    html = soup(new_site, "work/second-project/index.html")
    assert not html.find("iframe")
    text = html.select_one("main").get_text() if html.select_one("main") else html.get_text()
    assert "<iframe title=" in text and "></iframe>" in text   # shown as text (with typographic quotes)
