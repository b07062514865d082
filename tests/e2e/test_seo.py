"""SEO and sharing artifacts of a whole build, through the real CLI, under a
base_url with a path: every page's head, the social cards, JSON-LD, the
sitemap, the Atom feed, robots.txt, the icons, the manifest and the vCard."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests.conftest import run_cli

BASE = "https://ada.github.io/portfolio/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _photo(path: Path, size: tuple[int, int], colour: tuple[int, int, int]) -> None:
    """A small photo-like JPEG: a gradient, so crops and encoders have work."""
    im = Image.new("RGB", size, colour)
    px = im.load()
    for x in range(0, size[0], 4):
        for y in range(0, size[1], 4):
            px[x, y] = ((x * 255) // size[0], (y * 255) // size[1], colour[2])
    im.save(path, "JPEG", quality=80)


def _add_case_study(site: Path, slug: str, title: str, extra: str = "") -> None:
    (site / "content" / "case-studies" / f"{slug}.md").write_text(
        f"---\ntitle: {title}\nsummary: The {slug} project, told in its own words.\ndate: 2023-01\n{extra}---\n"
        "Body text of the project.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("seo")
    result = run_cli("new", str(root / "site"), cwd=root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    content = site / "content"
    _photo(content / "images" / "me.jpg", (900, 1200), (200, 120, 80))
    _photo(content / "images" / "cover.jpg", (1600, 1000), (20, 60, 140))
    _photo(content / "images" / "share.jpg", (1200, 630), (90, 20, 90))
    profile = content / "profile.yaml"
    profile.write_text(profile.read_text() + "photo: images/me.jpg\nphoto_alt: Portrait of Alex\n")
    second = content / "case-studies" / "second-project.md"
    second.write_text(second.read_text().replace(
        "tags: [design systems]", "tags: [design systems]\ncover: ../images/cover.jpg\ncover_alt: The component library"))
    _add_case_study(site, "tokyo", "東京のオンラインストアの再設計")
    _add_case_study(site, "riyadh", "إعادة تصميم متجر إلكتروني للأزياء في الرياض")
    _add_case_study(site, "shared", "A project with its own share image", "og_image: ../images/share.jpg\n")
    long_title = "An extraordinarily long case study title " * 6
    _add_case_study(site, "long", long_title.strip())
    result = run_cli("build", "--base-url", BASE, cwd=site)
    assert result.returncode == 0, result.stderr
    return site


def out(site: Path) -> Path:
    return site / "output"


def local(site: Path, url: str) -> Path:
    """The output file an absolute URL under BASE points at."""
    assert url.startswith(BASE), url
    rel = url[len(BASE):]
    return out(site) / (rel + "index.html" if rel.endswith("/") or not rel else rel)


def html_pages(site: Path) -> list[Path]:
    return sorted(out(site).rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def meta(page: BeautifulSoup, key: str) -> str | None:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return tag.get("content") if tag else None


def jsonld(page: BeautifulSoup) -> list[dict]:
    """Every node of every JSON-LD script, @graph flattened."""
    nodes = []
    for script in page.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        assert data["@context"] == "https://schema.org"
        nodes += data.get("@graph", [data])
    return nodes


def of_type(nodes: list[dict], kind: str) -> list[dict]:
    return [n for n in nodes if n.get("@type") == kind]


# ---------------------------------------------------------------- every page
def test_every_page_has_unique_title_description_canonical_and_social_tags(site: Path) -> None:
    titles, descriptions = {}, {}
    for path in html_pages(site):
        page = soup(path)
        assert page.html.get("lang") == "en", path
        title = page.title.string.strip()
        assert title and title not in titles, (path, titles.get(title))
        titles[title] = path
        description = meta(page, "description")
        assert description and len(description) <= 160, path
        descriptions.setdefault(description, path)
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical.startswith(BASE), path
        for key in ("og:title", "og:url", "og:type", "og:image", "og:image:alt", "twitter:card"):
            assert meta(page, key), (path, key)
        assert meta(page, "og:url") == canonical
        image = meta(page, "og:image")
        assert local(site, image).is_file(), (path, image)
        assert meta(page, "twitter:card") == "summary_large_image"
        feed = page.find("link", rel="alternate", type="application/atom+xml")
        assert feed["href"] == BASE + "feed.xml", path
        manifest = page.find("link", rel="manifest")["href"]
        assert manifest == "/portfolio/site.webmanifest"
    # Indexable pages each get their own description.
    assert len(descriptions) == len(titles)


def test_description_is_cut_on_a_word_boundary(site: Path) -> None:
    page = soup(out(site) / "index.html")
    description = meta(page, "description")
    assert len(description) <= 155
    if description.endswith("…"):
        assert not description[:-1].endswith(" ")


def test_pitch_and_404_are_noindex_but_still_have_a_card(site: Path) -> None:
    for path in html_pages(site):
        page = soup(path)
        rel = path.relative_to(out(site)).as_posix()
        noindex = meta(page, "robots")
        if rel == "404.html" or rel.startswith("p/"):
            assert noindex and "noindex" in noindex
            assert not page.find_all("script", type="application/ld+json")
        else:
            assert noindex is None, rel


# ---------------------------------------------------------------- social cards
def card_of(site: Path, rel: str) -> Image.Image:
    url = meta(soup(out(site) / rel), "og:image")
    data = local(site, url).read_bytes()
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


@pytest.mark.parametrize("rel, fmt", [
    ("index.html", "JPEG"),                        # profile photo in it
    ("work/second-project/index.html", "JPEG"),    # cover crop
    ("work/first-project/index.html", "PNG"),      # SVG cover: no crop, flat colours
    ("work/tokyo/index.html", "PNG"),              # CJK: falls back to the name
    ("work/riyadh/index.html", "PNG"),             # Arabic: shaped right-to-left
    ("work/long/index.html", "PNG"),               # wrapped, shrunk, ellipsised
    ("services/index.html", "PNG"),
    ("about/index.html", "PNG"),
])
def test_cards_are_1200x630_png_or_jpeg(site: Path, rel: str, fmt: str) -> None:
    im = card_of(site, rel)
    assert im.size == (1200, 630)
    assert im.format == fmt
    page = soup(out(site) / rel)
    assert meta(page, "og:image:width") == "1200" and meta(page, "og:image:height") == "630"
    assert meta(page, "og:image:type") == f"image/{fmt.lower()}"


def test_card_names_carry_a_content_hash(site: Path) -> None:
    names = [p.name for p in (out(site) / "cards").iterdir()]
    assert names and all(re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{10}\.(png|jpg)", n) for n in names), names


def test_own_og_image_wins_over_a_card(site: Path) -> None:
    page = soup(out(site) / "work" / "shared" / "index.html")
    image = meta(page, "og:image")
    assert "/images/share-" in image and "/cards/" not in image
    assert local(site, image).is_file()


def test_card_for_the_home_page_uses_the_accent_colour(site: Path) -> None:
    im = card_of(site, "work/first-project/index.html").convert("RGB")
    # The scaffold's accent is #1d4ed8; the text panel's top-left corner is it.
    r, g, b = im.getpixel((10, 10))
    assert abs(r - 0x1D) < 6 and abs(g - 0x4E) < 6 and abs(b - 0xD8) < 6


def test_warm_build_draws_no_card_and_a_changed_title_draws_one(site: Path) -> None:
    cards = site / ".portfoliogen-cache" / "cards"
    before = {p.name: p.stat().st_mtime_ns for p in cards.rglob("*") if p.is_file()}
    assert before
    result = run_cli("build", "--base-url", BASE, cwd=site)
    assert result.returncode == 0, result.stderr
    after = {p.name: p.stat().st_mtime_ns for p in cards.rglob("*") if p.is_file()}
    assert after == before


# ---------------------------------------------------------------- JSON-LD
def test_jsonld_is_valid_json_without_a_closing_script_sequence(site: Path) -> None:
    for path in html_pages(site):
        for script in soup(path).find_all("script", type="application/ld+json"):
            assert "</" not in script.string
            json.loads(script.string)


def _absolute_urls(node, found: list[str]) -> list[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("url", "@id", "item", "image") or key == "sameAs":
                for v in value if isinstance(value, list) else [value]:
                    if isinstance(v, str):
                        found.append(v)
            _absolute_urls(value, found)
    elif isinstance(node, list):
        for v in node:
            _absolute_urls(v, found)
    return found


def test_home_has_person_website_and_professional_service(site: Path) -> None:
    nodes = jsonld(soup(out(site) / "index.html"))
    person, = of_type(nodes, "Person")
    assert person["name"] == "Alex Example"
    assert person["jobTitle"] == "Product designer for small software teams"
    assert person["url"] == BASE
    assert person["image"].startswith(BASE + "images/me-")
    assert person["sameAs"] == ["https://github.com/", "https://www.linkedin.com/"]
    assert person["knowsLanguage"] == ["English", "Portuguese"]
    assert person["address"] == {"@type": "PostalAddress", "addressLocality": "Porto, Portugal"}
    assert of_type(nodes, "WebSite")[0]["url"] == BASE
    business, = of_type(nodes, "ProfessionalService")
    offers = business["makesOffer"]
    assert [o["itemOffered"]["name"] for o in offers] == ["Product design sprint", "Design system setup"]
    assert offers[0]["priceSpecification"] == {"@type": "PriceSpecification", "priceCurrency": "EUR",
                                               "minPrice": 6000}
    assert offers[1]["priceSpecification"]["@type"] == "UnitPriceSpecification"
    assert offers[1]["priceSpecification"]["unitCode"] == "DAY"
    assert not of_type(nodes, "BreadcrumbList")
    for url in _absolute_urls(nodes, []):
        assert url.startswith(("https://", "mailto:")), url


def test_case_study_is_a_creative_work_with_its_review(site: Path) -> None:
    nodes = jsonld(soup(out(site) / "work" / "first-project" / "index.html"))
    work, = of_type(nodes, "CreativeWork")
    assert work["name"] == "A checkout that people finish"
    assert work["url"] == BASE + "work/first-project/"
    assert work["author"]["@id"] == BASE + "#person" and work["author"]["name"] == "Alex Example"
    assert work["dateCreated"] == "2025-03"
    assert work["sourceOrganization"] == {"@type": "Organization", "name": "Example Shop"}
    assert all(u.startswith(BASE) for u in work["image"])
    review, = work["review"]
    assert review["@type"] == "Review" and review["author"]["name"] == "Sam Client"
    crumbs, = of_type(nodes, "BreadcrumbList")
    items = crumbs["itemListElement"]
    assert [i["position"] for i in items] == [1, 2, 3]
    assert items[-1]["item"] == BASE + "work/first-project/"


def test_testimonials_review_the_work_they_belong_to(site: Path) -> None:
    nodes = jsonld(soup(out(site) / "testimonials" / "index.html"))
    review, = of_type(nodes, "Review")
    assert review["itemReviewed"]["@id"] == BASE + "work/first-project/#work"
    assert review["reviewBody"].startswith("Alex understood")


@pytest.mark.parametrize("rel", ["work/index.html", "services/index.html", "contact/index.html",
                                 "about/index.html", "work/tags/checkout/index.html"])
def test_inner_pages_have_breadcrumbs(site: Path, rel: str) -> None:
    crumbs, = of_type(jsonld(soup(out(site) / rel)), "BreadcrumbList")
    assert crumbs["itemListElement"][0]["item"] == BASE
    assert all(i["item"].startswith(BASE) for i in crumbs["itemListElement"])


# ---------------------------------------------------------------- sitemap, robots, feed
def test_sitemap_lists_indexable_pages_with_lastmod(site: Path) -> None:
    root = ET.parse(out(site) / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    locs = {}
    for url in root.findall(f"{SITEMAP}url"):
        loc = url.find(f"{SITEMAP}loc").text
        lastmod = url.find(f"{SITEMAP}lastmod")
        assert loc.startswith(BASE)
        assert local(site, loc).is_file(), loc
        if lastmod is not None:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod.text)
        locs[loc] = lastmod.text if lastmod is not None else None
    assert locs[BASE + "work/first-project/"] == "2025-03-01"
    assert locs[BASE] is not None
    assert not any("/p/" in loc or loc.endswith("404.html") for loc in locs)


def test_robots_points_at_the_sitemap(site: Path) -> None:
    text = (out(site) / "robots.txt").read_text()
    assert f"Sitemap: {BASE}sitemap.xml" in text.splitlines()


def test_feed_is_atom_with_absolute_urls(site: Path) -> None:
    root = ET.parse(out(site) / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}").text, name
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Alex Example"
    self_link = [l for l in root.findall(f"{ATOM}link") if l.get("rel") == "self"]
    assert self_link[0].get("href") == BASE + "feed.xml"
    date = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
    assert date.fullmatch(root.find(f"{ATOM}updated").text)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 6
    ids = set()
    for entry in entries:
        entry_id = entry.find(f"{ATOM}id").text
        assert entry_id.startswith(BASE) and entry_id not in ids
        ids.add(entry_id)
        assert entry.find(f"{ATOM}title").text
        assert date.fullmatch(entry.find(f"{ATOM}updated").text)
        alternate = [l for l in entry.findall(f"{ATOM}link") if l.get("rel") == "alternate"]
        assert alternate and alternate[0].get("href").startswith(BASE)
        content = entry.find(f"{ATOM}content")
        assert content.get("type") == "html"
        html = BeautifulSoup(content.text, "html.parser")
        for tag in html.find_all(href=True):
            assert tag["href"].startswith(("https://", "mailto:")), tag
        for tag in html.find_all(src=True):
            assert tag["src"].startswith(BASE), tag
        for tag in html.find_all(srcset=True):
            for candidate in tag["srcset"].split(","):
                assert candidate.strip().startswith(BASE), tag
    second = next(e for e in entries if e.find(f"{ATOM}id").text.endswith("/second-project/"))
    assert "/portfolio/images/cover-" in second.find(f"{ATOM}content").text


# ---------------------------------------------------------------- icons, manifest, vCard, h-card
def test_icons_have_the_right_sizes(site: Path) -> None:
    ico = Image.open(out(site) / "favicon.ico")
    assert {(16, 16), (32, 32), (48, 48)} <= set(ico.info["sizes"])
    for name, size in (("apple-touch-icon.png", 180), ("icon-192.png", 192), ("icon-512.png", 512)):
        im = Image.open(out(site) / name)
        assert im.format == "PNG" and im.size == (size, size), name
    svg = ET.parse(out(site) / "favicon.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    page = soup(out(site) / "index.html")
    assert page.find("link", rel="apple-touch-icon")["href"] == "/portfolio/apple-touch-icon.png"
    assert page.find("link", rel="icon", type="image/svg+xml")["href"] == "/portfolio/favicon.svg"


def test_manifest_lives_under_the_base_path(site: Path) -> None:
    manifest = json.loads((out(site) / "site.webmanifest").read_text())
    assert manifest["name"] == "Alex Example"
    assert manifest["short_name"] == "Alex Example"
    assert manifest["start_url"] == "/portfolio/"
    assert manifest["theme_color"] == "#1d4ed8" and manifest["background_color"]
    for icon in manifest["icons"]:
        assert icon["src"].startswith("/portfolio/")
        assert (out(site) / icon["src"][len("/portfolio/"):]).is_file()


def test_vcard_has_the_profile(site: Path) -> None:
    raw = (out(site) / "contact.vcf").read_bytes().decode("utf-8")
    assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
    unfolded = raw.replace("\r\n ", "")
    lines = unfolded.split("\r\n")
    assert lines[0] == "BEGIN:VCARD" and lines[1] == "VERSION:3.0" and lines[-2] == "END:VCARD"
    fields = {}
    for line in lines[2:-2]:
        key, _, value = line.partition(":")
        fields.setdefault(key, value)
    assert fields["FN"] == "Alex Example"
    assert fields["N"] == "Example;Alex;;;"
    assert fields["TITLE"] == "Product designer for small software teams"
    assert fields["EMAIL;TYPE=INTERNET,PREF"] == "hello@example.com"
    assert fields["URL"] == BASE
    assert fields["PHOTO;VALUE=URI;TYPE=JPEG"].startswith(BASE + "images/me-")
    assert fields["ADR;TYPE=WORK"] == ";;;Porto\\, Portugal;;;"
    assert fields["item1.URL"] == "https://github.com/"
    assert fields["item1.X-ABLabel"] == "GitHub"


@pytest.mark.parametrize("rel", ["index.html", "contact/index.html"])
def test_home_and_contact_carry_an_hcard_and_link_the_vcard(site: Path, rel: str) -> None:
    page = soup(out(site) / rel)
    card, = page.select(".h-card")
    assert card.select_one(".p-name").text == "Alex Example"
    assert card.select_one(".p-name")["href"] == BASE
    assert card.select_one(".p-job-title").text == "Product designer for small software teams"
    assert card.select_one(".u-email").text == "hello@example.com"
    assert card.select_one(".u-photo")["value"].startswith(BASE)
    assert card.find("a", href="/portfolio/contact.vcf")


def test_a_static_favicon_wins(tmp_path: Path) -> None:
    result = run_cli("new", str(tmp_path / "s"), cwd=tmp_path)
    assert result.returncode == 0
    site = tmp_path / "s"
    (site / "content" / "static" / "favicon.ico").write_bytes(b"mine")
    result = run_cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert (site / "output" / "favicon.ico").read_bytes() == b"mine"
    assert (site / "output" / "favicon.svg").is_file()
