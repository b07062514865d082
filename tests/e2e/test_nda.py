"""Work under NDA: blind, pitch-only and embargoed items, confidential names, and the leak
check over every published byte (checked here by an independent scan that also opens
Pagefind's gzipped index files and the images' metadata)."""

from __future__ import annotations

import gzip
import html
import json
import shutil
import unicodedata
import zlib
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import clean_build, run_cli, tree_digest
from tests.e2e.nda_site import SECRETS, TOKEN, copy_site, make_nda_site, write_photo

BLIND_SLUG = "a-route-planner-for-a-logistics-company"


@pytest.fixture(scope="module")
def nda_site(tmp_path_factory) -> Path:
    site = make_nda_site(tmp_path_factory.mktemp("nda"))
    result = run_cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    return site


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", html.unescape(text))
    return "".join(c for c in text if unicodedata.category(c) != "Cf").casefold()


def _published_texts(path: Path) -> list[str]:
    """What an outsider could read in a file: its bytes (gzip opened), and image metadata."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    texts = [data.decode("utf-8", "ignore"), data.decode("latin-1")]
    if path.suffix in (".jpg", ".png", ".webp", ".avif"):
        with Image.open(path) as img:
            texts.append(repr(img.info) + repr(dict(img.getexif())))
    return texts


def public_files(out: Path):
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and not rel.startswith(f"p/{TOKEN}/"):
            yield rel, path


def test_no_secret_in_any_public_byte(nda_site: Path) -> None:
    out = nda_site / "output"
    assert (out / "pagefind").is_dir() and list((out / "pagefind/fragment").iterdir())
    for rel, path in public_files(out):
        for text in [rel, *_published_texts(path)]:
            folded = _fold(text)
            for secret in SECRETS:
                assert secret.casefold() not in folded, f"{secret!r} in {rel}"


def test_blind_version_is_published_anonymised(nda_site: Path) -> None:
    out = nda_site / "output"
    page = (out / f"work/{BLIND_SLUG}/index.html").read_text(encoding="utf-8")
    assert "A route planner for a logistics company" in page
    assert "a logistics company" in page and "+35-45%" in page and "+41%" not in page
    assert page.count('<figure class="gallery__item') == 1          # the marked image is left out
    assert "Head of Operations" in page                        # the blind testimonial, without its author
    assert not (out / "work/globex").exists()
    hire = json.loads((out / "hire.json").read_text(encoding="utf-8"))
    assert all(cs["url"].rstrip("/").rsplit("/", 1)[-1] != "initech" for cs in hire.get("top_case_studies", []))


def test_pitch_shows_full_versions(nda_site: Path) -> None:
    pitch = nda_site / f"output/p/{TOKEN}"
    index = (pitch / "index.html").read_text(encoding="utf-8")
    assert "Globex route planner" in index and "Initech: Project Falcon" in index
    full = (pitch / "globex/index.html").read_text(encoding="utf-8")
    assert "Globex runs 300 vans" in full and "+41%" in full and full.count('<figure class="gallery__item') == 2
    assert "noindex" in full
    assert "Project Falcon is Initech" in (pitch / "initech/index.html").read_text(encoding="utf-8")


def test_pitch_only_and_embargoed_items_stay_out(nda_site: Path, tmp_path: Path) -> None:
    out = nda_site / "output"
    assert not (out / "work/initech").exists() and not (out / "work/launching-soon").exists()
    assert "launching-soon" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    later = copy_site(nda_site, tmp_path / "later")
    assert run_cli("build", cwd=later, today="2026-07-01").returncode == 0
    assert (later / "output/work/launching-soon/index.html").is_file()


# (content file to change, text to find, text to put instead, the file the error must name)
PLANTS = {
    "title": ("content/case-studies/public-project.md", "title: A public project", "title: A Globex-style project",
              "content/case-studies/public-project.md"),
    "summary-fullwidth": ("content/case-studies/public-project.md", "summary: A checkout",
                          "summary: Ｉｎｉｔｅｃｈ’s checkout", "content/case-studies/public-project.md"),
    "body-entity": ("content/case-studies/public-project.md", "The zebracrossing step",
                    "Ini&shy;tech's zebracrossing step", "content/case-studies/public-project.md"),
    "body-split-tag": ("content/case-studies/public-project.md", "The zebracrossing step",
                       "Glo*bex* zebracrossing step", "content/case-studies/public-project.md"),
    "alt": ("content/case-studies/public-project.md", "cover_alt: A street at dusk",
            "cover_alt: A street near Globex", "content/case-studies/public-project.md"),
    "gallery-caption": ("content/case-studies/public-project.md", "caption: The map view",
                        "caption: The project-falcon map", "content/case-studies/public-project.md"),
    "outcome-label": ("content/case-studies/public-project.md", "label: completed checkouts",
                      "label: checkouts at Initech", "content/case-studies/public-project.md"),
    "tag": ("content/case-studies/public-project.md", "- mobile", "- globex", "content/case-studies/public-project.md"),
    "testimonial-company": ("content/testimonials.yaml", "company: Acme", "company: INITECH",
                            "content/testimonials.yaml"),
    "page-body": ("content/pages/about.md", "Write about yourself here", "I once worked for Hank Scorpio. Write",
                  "content/pages/about.md"),
}


@pytest.mark.parametrize("kind", sorted(PLANTS))
def test_planting_a_secret_fails_the_build(kind: str, nda_site: Path, tmp_path: Path) -> None:
    site = copy_site(nda_site, tmp_path / "site")
    before = tree_digest(site / "output")
    path, old, new, expected = PLANTS[kind]
    text = (site / path).read_text(encoding="utf-8")
    assert old in text
    (site / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    _assert_leak(site, expected, before)


@pytest.mark.parametrize("kind", ["exif", "png-ztxt", "pdf", "file-name", "image-name"])
def test_secrets_in_files_and_metadata_fail_the_build(kind: str, nda_site: Path, tmp_path: Path) -> None:
    site = copy_site(nda_site, tmp_path / "site")
    before = tree_digest(site / "output")
    static = site / "content/static"
    if kind == "exif":      # a static file is published as it is, metadata and all
        write_photo(static / "photo.jpg", "Initech office party")
        expected = "content/static/photo.jpg"
    elif kind == "png-ztxt":
        _png_with_ztxt(static / "diagram.png", "Project Falcon architecture")
        expected = "content/static/diagram.png"
    elif kind == "pdf":
        _pdf_with_flate_text(static / "brief.pdf", "Prepared for Globex")
        expected = "content/static/brief.pdf"
    elif kind == "file-name":
        (static / "globex-notes.txt").write_text("notes\n", encoding="utf-8")
        expected = "content/static/globex-notes.txt"
    else:                   # a processed image is named after its source file
        shutil.copy(site / "content/images/route.jpg", site / "content/images/initech-route.jpg")
        cs = site / "content/case-studies/public-project.md"
        cs.write_text(cs.read_text(encoding="utf-8").replace("src: images/route.jpg", "src: images/initech-route.jpg"),
                      encoding="utf-8")
        expected = "content/images/initech-route.jpg"
    _assert_leak(site, expected, before)


def test_a_build_stopped_by_a_leak_leaves_the_cache_describing_the_published_site(nda_site: Path,
                                                                                   tmp_path: Path) -> None:
    """The new build state's parts are written before the leak check (the site is let go
    before the search index): state.json still names the old ones until the swap."""
    site = copy_site(nda_site, tmp_path / "site")
    state = site / ".portfoliogen-cache/build/state.json"
    state_before = state.read_bytes()
    path, old, new, expected = PLANTS["page-body"]
    text = (site / path).read_text(encoding="utf-8")
    (site / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    _assert_leak(site, expected, tree_digest(site / "output"))
    assert state.read_bytes() == state_before
    # Another edit, then the plant taken out: the cached build is the clean build of that content.
    (site / path).write_text(text.replace(old, "Write about yourself here, briefly", 1), encoding="utf-8")
    result = run_cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "building everything" not in result.stderr   # the cache was trusted
    assert tree_digest(site / "output") == clean_build(site, tmp_path)


def _assert_leak(site: Path, expected: str, before: dict) -> None:
    result = run_cli("build", cwd=site)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{expected}: '")]
    assert lines and " would be published in output/" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(site / "output") == before           # nothing published
    assert not list(site.glob("output.staging-*"))


def _png_with_ztxt(path: Path, text: str) -> None:
    from PIL import PngImagePlugin
    path.parent.mkdir(parents=True, exist_ok=True)
    info = PngImagePlugin.PngInfo()
    info.add_text("Description", text, zip=True)   # a compressed zTXt chunk
    Image.new("RGB", (32, 32), "teal").save(path, pnginfo=info)
    assert text.encode() not in path.read_bytes()   # only readable after inflating


def _pdf_with_flate_text(path: Path, text: str) -> None:
    stream = zlib.compress(f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode())
    body = (b"%PDF-1.4\n1 0 obj <</Length " + str(len(stream)).encode() + b" /Filter /FlateDecode>>\nstream\n"
            + stream + b"\nendstream\nendobj\ntrailer <<>>\n%%EOF\n")
    path.write_bytes(body)
    assert text.encode() not in body


def test_the_leak_check_records_the_bytes_it_found_clean(nda_site: Path, tmp_path: Path) -> None:
    from portfoliogen.build.leakcache import CheckedFiles
    record = json.loads((nda_site / ".portfoliogen-cache/build/leakcheck.json").read_text(encoding="utf-8"))
    published = {CheckedFiles.digest(path.read_bytes()) for rel, path in public_files(nda_site / "output")
                 if rel != ".portfoliogen-output"}   # the output folder's marker, written at the swap
    assert published <= set(record["clean"])
    site = copy_site(nda_site, tmp_path / "site")
    (site / ".portfoliogen-cache/build/leakcheck.json").unlink()
    assert run_cli("build", "--no-cache", cwd=site).returncode == 0
    assert not (site / ".portfoliogen-cache/build/leakcheck.json").exists()
