"""A bilingual site built by the real command line: every alternate and every language
switcher link leads to a page that exists, the sitemap's alternates are symmetric, each
language's feed parses, checks list what is not translated; and a site in Arabic."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import run_cli

BASE = "https://example.com/portfolio/"
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
SWITCHER = re.compile(r'<nav class="lang-switch".*?</nav>', re.DOTALL)
HREF = re.compile(r'href="([^"]+)"')


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_bilingual(site: Path) -> None:
    """The scaffold in English and Portuguese: one case study translated with
    its own slug, the about page translated under another file name."""
    config = site / "config.yaml"
    text = config.read_text(encoding="utf-8").replace("language: en", "languages: [en, pt]")
    write(config, text.replace("https://example.com/", BASE))
    content = site / "content"
    first = (content / "case-studies/first-project.md").read_text(encoding="utf-8")
    write(content / "case-studies/first-project.pt.md",
          first.replace("title: A checkout that people finish", "title: Um checkout que as pessoas concluem")
          .replace("---\n", "---\nslug: primeiro-projeto\n", 1))
    write(content / "pages/sobre.pt.md", "---\ntitle: Sobre mim\ntranslation_key: about\nmenu: 1\n---\n"
                                         "Quem sou e como trabalho. Veja [o projeto](../case-studies/first-project.md).\n")
    profile = content / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^headline: (.*)$", r"headline:\n  en: \1\n  pt: Designer de produto", text, count=1)
    write(profile, text)
    testimonials = content / "testimonials.yaml"
    write(testimonials, testimonials.read_text(encoding="utf-8")
          + "- id: anna\n  quote: Sie hat unseren Checkout gerettet.\n  author: Anna Berg\n  role: CTO\n"
            "  company: Berg GmbH\n  language: de\n  case_study: first-project\n")


def out_file(output: Path, url: str) -> Path:
    """The file a URL of the site is served from."""
    path = urlsplit(url).path
    assert url.startswith(("/portfolio/", BASE)) and path.startswith("/portfolio/"), url
    path = path.removeprefix("/portfolio/")
    return output / (path + "index.html" if path.endswith("/") or not path else path)


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bilingual")
    assert run_cli("new", str(root / "site"), cwd=root).returncode == 0
    site = root / "site"
    make_bilingual(site)
    result = run_cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    return site


def pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if p.name != "404.html" and "/p/" not in p.as_posix())


def test_pages_are_published_in_each_language_under_its_prefix(bilingual: Path) -> None:
    out = bilingual / "output"
    assert (out / "work/first-project/index.html").is_file()
    assert (out / "pt/work/primeiro-projeto/index.html").is_file()
    assert (out / "pt/sobre/index.html").is_file()
    assert not (out / "pt/work/second-project").exists()   # not translated: not published in Portuguese
    pt_home = (out / "pt/index.html").read_text(encoding="utf-8")
    assert '<html lang="pt"' in pt_home and "Designer de produto" in pt_home
    assert 'href="/portfolio/pt/work/"' in pt_home            # the theme's links stay in the language
    about = (out / "pt/sobre/index.html").read_text(encoding="utf-8")
    assert 'href="/portfolio/pt/work/primeiro-projeto/"' in about   # a link to a source file: its translation


def test_every_alternate_points_to_an_existing_page_and_back(bilingual: Path) -> None:
    out = bilingual / "output"
    seen = 0
    for page in pages(out):
        html = page.read_text(encoding="utf-8")
        alternates = ALTERNATE.findall(html)
        assert alternates, page
        assert alternates[-1][0] == "x-default"
        own = [href for lang, href in alternates if lang != "x-default" and out_file(out, href) == page]
        assert len(own) == 1, (page, alternates)   # it names itself once
        for lang, href in alternates:
            target = out_file(out, href)
            assert target.is_file(), (page, href)
            back = ALTERNATE.findall(target.read_text(encoding="utf-8"))
            assert back == alternates, (page, target)   # the same set, in the same order, on each
            seen += 1
    assert seen > 20


def test_the_language_switcher_never_leads_to_a_missing_page(bilingual: Path) -> None:
    out = bilingual / "output"
    for page in sorted(out.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        nav = SWITCHER.search(html)
        assert nav, page
        links = HREF.findall(nav.group(0))
        assert len(links) == 2
        for href in links:
            assert out_file(out, href).is_file(), (page, href)
    untranslated = (out / "work/second-project/index.html").read_text(encoding="utf-8")
    assert 'href="/portfolio/pt/" lang="pt"' in SWITCHER.search(untranslated).group(0)   # that language's home
    translated = (out / "work/first-project/index.html").read_text(encoding="utf-8")
    assert 'href="/portfolio/pt/work/primeiro-projeto/"' in SWITCHER.search(translated).group(0)


def test_sitemap_alternates_are_symmetric_and_exist(bilingual: Path) -> None:
    out = bilingual / "output"
    root = ET.parse(out / "sitemap.xml").getroot()
    alternates = {}
    for url in root.iter(f"{SM}url"):
        loc = url.find(f"{SM}loc").text
        assert out_file(out, loc).is_file(), loc
        alternates[loc] = [(link.get("hreflang"), link.get("href")) for link in url.iter(f"{XHTML}link")]
    assert any(loc.endswith("/pt/sobre/") for loc in alternates)
    for loc, links in alternates.items():
        assert (links[-1][0] if links else None) == "x-default", loc
        assert loc in [href for lang, href in links if lang != "x-default"]
        for lang, href in links:
            assert alternates[href] == links, (loc, href)   # every member lists the same set


def test_one_atom_feed_per_language(bilingual: Path) -> None:
    out = bilingual / "output"
    en = ET.parse(out / "feed.xml").getroot()
    pt = ET.parse(out / "pt/feed.xml").getroot()
    assert en.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert pt.get("{http://www.w3.org/XML/1998/namespace}lang") == "pt"
    assert [e.find(f"{ATOM}title").text for e in pt.iter(f"{ATOM}entry")] == ["Um checkout que as pessoas concluem"]
    assert len(list(en.iter(f"{ATOM}entry"))) == 2
    pt_home = (out / "pt/index.html").read_text(encoding="utf-8")
    assert 'href="https://example.com/portfolio/pt/feed.xml"' in pt_home


def test_a_quote_in_another_language_is_marked_with_it(bilingual: Path) -> None:
    out = bilingual / "output"
    for page in ("testimonials/index.html", "pt/testimonials/index.html"):
        assert '<div lang="de"><p>Sie hat unseren Checkout gerettet.</p></div>' in (out / page).read_text(encoding="utf-8")


def test_check_lists_what_is_not_translated_and_marks_translations_up_to_date(bilingual: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(bilingual, site, ignore=shutil.ignore_patterns("output", ".portfoliogen-cache"))
    result = run_cli("check", cwd=site)
    assert "content/case-studies/second-project.md: not translated into pt: add " \
           "content/case-studies/second-project.pt.md" in result.stderr
    assert re.search(r"content/services\.yaml:\d+:\d+: 'name' has no pt translation", result.stderr)
    unmarked = "content/case-studies/first-project.pt.md: translation of content/case-studies/first-project.md"
    assert unmarked in result.stderr
    marked = run_cli("check", "--mark-translated", "content/case-studies/first-project.pt.md", cwd=site)
    assert marked.returncode == 0, marked.stderr
    assert "first-project.pt.md" not in marked.stderr
    assert "source_hash: " in (site / "content/case-studies/first-project.pt.md").read_text(encoding="utf-8")
    source = site / "content/case-studies/first-project.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    stale = run_cli("check", cwd=site)
    assert re.search(r"first-project\.pt\.md:\d+:\d+: content/case-studies/first-project\.md changed since "
                     r"this translation was written", stale.stderr), stale.stderr


def test_a_per_language_value_without_the_default_language_is_an_error_at_its_line(bilingual: Path,
                                                                                   tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(bilingual, site, ignore=shutil.ignore_patterns("output", ".portfoliogen-cache"))
    profile = site / "content/profile.yaml"
    lines = profile.read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines) if text.startswith("headline:")) + 1
    assert lines[line].startswith("  en: ")
    del lines[line]   # only the Portuguese value is left
    profile.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("build", cwd=site)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"content/profile.yaml:{line + 1}:3: this per-language value has no 'en' "
                                     "(the default language); add 'en: ...'"), result.stderr


# ---------------------------------------------------------------- Arabic
def test_a_site_in_arabic_with_an_english_translation(tmp_path: Path) -> None:
    assert run_cli("new", str(tmp_path / "site"), cwd=tmp_path).returncode == 0
    site = tmp_path / "site"
    config = site / "config.yaml"
    write(config, config.read_text(encoding="utf-8").replace("language: en", "languages: [ar, en]")
          .replace("title: Alex Example — Product designer", "title: أليكس — مصمم منتجات"))
    content = site / "content"
    profile = content / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^headline: (.*)$", "headline:\n  ar: مصمم منتجات للفرق الصغيرة\n  en: \\1", text, count=1)
    write(profile, text)
    for name in ("first-project", "second-project"):
        path = content / f"case-studies/{name}.md"
        english = path.read_text(encoding="utf-8")
        write(content / f"case-studies/{name}.en.md", english)
        path.write_text(re.sub(r"(?m)^title:.*$", "title: صفحة دفع يكملها الناس", english, count=1), encoding="utf-8")
    about = content / "pages/about.md"
    write(content / "pages/about.en.md", about.read_text(encoding="utf-8"))
    write(about, "---\ntitle: من أنا\nmenu: 1\n---\nأصمم المنتجات الرقمية للفرق الصغيرة.\n")
    result = run_cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    out = site / "output"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar"' in home and "مصمم منتجات للفرق الصغيرة" in home
    assert '<link rel="alternate" hreflang="en" href="https://example.com/en/">' in home
    case = (out / "work/first-project/index.html").read_text(encoding="utf-8")
    assert "صفحة دفع يكملها الناس" in case
    assert 'href="/en/work/first-project/" lang="en"' in SWITCHER.search(case).group(0)
    assert '<html lang="en"' in (out / "en/about/index.html").read_text(encoding="utf-8")
    assert ET.parse(out / "feed.xml").getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
