"""Nothing outside the project is published (issue 11, item 5): links that lead
out of the project, named pipes, and what an SVG or a GIF carries besides
its picture (scripts, event handlers, comments, metadata)."""

from __future__ import annotations

import os
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import TESTDATA, run_cli, tree_digest

CS = "content/case-studies/first-project.md"
MARKER = "pgleak-7f3a9c1d"
PHOTO = TESTDATA / "photos" / "cameras" / "Nikon_D70.jpg"
CASE_STUDY = f"---\ntitle: Leaked\nsummary: {MARKER}\ndate: 2025-01\n---\n{MARKER} body\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, holding files that must never be published."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(f"TOKEN={MARKER}\n")
    (folder / "leak.md").write_text(CASE_STUDY)
    (folder / "bundle").mkdir()
    (folder / "bundle" / "index.md").write_text(CASE_STUDY)
    (folder / "dir").mkdir()
    (folder / "dir" / "notes.txt").write_text(MARKER)
    (folder / "leak.css").write_text(f"/* {MARKER} */")
    (folder / "leak.html").write_text(MARKER)
    (folder / "theme").mkdir()
    (folder / "theme" / "theme.yaml").write_text("name: mine\nextends: default\n")
    return folder


def link(rel: str, target: str):
    """content/static/x -> target; "{out}" in target is the outside folder."""
    def mutate(site: Path, out: Path) -> None:
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target.format(out=out), path)
    return mutate


def edit(rel: str, old: str, new: str):
    def mutate(site: Path, out: Path) -> None:
        path = site / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture drifted: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mutate


def moved_out(rel: str):
    """The project's own file, moved outside and linked back."""
    def mutate(site: Path, out: Path) -> None:
        target = out / Path(rel).name
        shutil.move(site / rel, target)
        (target).write_text(target.read_text() + f"\n# {MARKER}\n")
        os.symlink(target, site / rel)
    return mutate


def both(*steps):
    def mutate(site: Path, out: Path) -> None:
        for step in steps:
            step(site, out)
    return mutate


OUTSIDE_LINKS = {
    "static file to /proc/self/environ": (
        link("content/static/env", "/proc/self/environ"),
        "content/static/env: links outside the project (/proc/self/environ); "
        "copy the file into the project instead"),
    "static file to a secret": (
        link("content/static/secret.txt", "{out}/secret.txt"),
        "content/static/secret.txt: links outside the project ({out}/secret.txt); "
        "copy the file into the project instead"),
    "static file deep down": (
        link("content/static/a/b/c/secret.txt", "{out}/secret.txt"),
        "content/static/a/b/c/secret.txt: links outside the project ({out}/secret.txt)"),
    "static folder": (
        link("content/static/docs", "{out}/dir"),
        "content/static/docs: links outside the project ({out}/dir); copy the folder into the project instead"),
    "static folder itself": (
        both(lambda site, out: shutil.rmtree(site / "content/static"), link("content/static", "{out}/dir")),
        "content/static: links outside the project ({out}/dir)"),
    "relative link climbing out": (
        link("content/static/secret.txt", "../../../outside/secret.txt"),
        "content/static/secret.txt: links outside the project ({out}/secret.txt)"),
    "case study file": (
        link("content/case-studies/leak.md", "{out}/leak.md"),
        "content/case-studies/leak.md: links outside the project ({out}/leak.md)"),
    "case study bundle folder": (
        link("content/case-studies/leak", "{out}/bundle"),
        "content/case-studies/leak: links outside the project ({out}/bundle); copy the folder"),
    "index.md of a bundle": (
        both(lambda site, out: (site / "content/case-studies/leak").mkdir(),
             link("content/case-studies/leak/index.md", "{out}/leak.md")),
        "content/case-studies/leak/index.md: links outside the project ({out}/leak.md)"),
    "page": (
        link("content/pages/leak.md", "{out}/leak.md"),
        "content/pages/leak.md: links outside the project ({out}/leak.md)"),
    "pitch": (
        link("content/pitches/leak.md", "{out}/leak.md"),
        "content/pitches/leak.md: links outside the project ({out}/leak.md)"),
    "profile.yaml": (
        moved_out("content/profile.yaml"),
        "content/profile.yaml: links outside the project ({out}/profile.yaml)"),
    "testimonials.yaml": (
        moved_out("content/testimonials.yaml"),
        "content/testimonials.yaml: links outside the project ({out}/testimonials.yaml)"),
    "theme asset": (
        link("themes/default/assets/leak.css", "{out}/leak.css"),
        "themes/default/assets/leak.css: links outside the project ({out}/leak.css)"),
    "theme template": (
        link("themes/default/templates/leak.html", "{out}/leak.html"),
        "themes/default/templates/leak.html: links outside the project ({out}/leak.html)"),
    "whole theme folder": (
        both(link("themes/mine", "{out}/theme"), edit("config.yaml", "language: en\n", "language: en\ntheme: mine\n")),
        "themes/mine: links outside the project ({out}/theme)"),
}


def _nothing_leaked(site: Path) -> None:
    """No file of the site, page or card or image, holds the marker."""
    leaked = [p.name for p in (site / "output").rglob("*") if p.is_file() and MARKER.encode() in p.read_bytes()]
    assert not leaked


def _build_refused(site: Path, expected: str, *flags: str) -> None:
    before = tree_digest(site / "output")
    started = time.perf_counter()
    result = run_cli("build", *flags, cwd=site, timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert time.perf_counter() - started < 30
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.endswith("nothing was written.")]
    assert len(lines) == 1 and lines[0].startswith(expected), result.stderr
    assert tree_digest(site / "output") == before
    assert not list(site.glob("output.staging-*"))


@pytest.mark.parametrize("name", sorted(OUTSIDE_LINKS))
def test_a_link_out_of_the_project_is_refused(built_site: Path, outside: Path, name: str) -> None:
    mutate, expected = OUTSIDE_LINKS[name]
    mutate(built_site, outside)
    _build_refused(built_site, expected.format(out=outside), "--no-cache")
    # With the cache too: refused, or (the no-change shortcut misses a new
    # linked folder, issue 11 item 7) the old output left as it was.
    before = tree_digest(built_site / "output")
    result = run_cli("build", cwd=built_site)
    assert result.returncode == 1 or tree_digest(built_site / "output") == before, result.stderr
    _nothing_leaked(built_site)


def test_links_inside_the_project_are_followed(built_site: Path) -> None:
    site = built_site
    (site / "shared").mkdir()
    (site / "shared" / "cv.txt").write_text("my cv\n")
    (site / "shared" / "docs").mkdir()
    (site / "shared" / "docs" / "a.txt").write_text("a\n")
    (site / "drafts").mkdir()
    (site / "drafts" / "linked.md").write_text(CASE_STUDY.replace(MARKER, "linked in"))
    os.symlink("../../shared/cv.txt", site / "content/static/cv.txt")
    os.symlink(site / "shared" / "docs", site / "content/static/docs")   # absolute, still inside
    os.symlink("../../drafts/linked.md", site / "content/case-studies/linked.md")
    os.symlink("../static/missing.txt", site / "content/static/dangling")  # publishes nothing
    result = run_cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    out = site / "output"
    assert (out / "cv.txt").read_text() == "my cv\n"
    assert (out / "docs" / "a.txt").read_text() == "a\n"
    assert "linked in" in (out / "work" / "linked" / "index.html").read_text()
    assert not (out / "dangling").exists()


@pytest.mark.parametrize("rel, kind", [("content/static/pipe", "a named pipe (FIFO)"),
                                       ("content/case-studies/pipe.md", "a named pipe (FIFO)"),
                                       ("themes/default/assets/pipe.css", "a named pipe (FIFO)")])
def test_a_named_pipe_is_refused_not_read(built_site: Path, rel: str, kind: str) -> None:
    (built_site / rel).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(built_site / rel)
    _build_refused(built_site, f"{rel}: is {kind}, not a file; remove it")


def test_a_link_loop_in_static_is_one_line(built_site: Path) -> None:
    (built_site / "content/static/sub").mkdir()
    os.symlink("..", built_site / "content/static/sub/up")
    _build_refused(built_site, "content/static/sub/up: links to a folder that contains it (a loop)", "--no-cache")


@pytest.mark.parametrize("cover, problem", [
    ("/proc/self/environ", "not found"),   # from content/: content/proc/self/environ
    ("../../../../../../../../proc/self/environ", "is outside the project folder"),
    ("../images/secret.jpg", "is outside the project folder"),   # a link to a photo outside
])
def test_a_cover_outside_the_project_is_refused(built_site: Path, outside: Path, cover: str, problem: str) -> None:
    shutil.copy(PHOTO, outside / "secret.jpg")
    os.symlink(outside / "secret.jpg", built_site / "content/images/secret.jpg")
    edit(CS, "cover: ../images/cover.svg", f"cover: {cover}")(built_site, outside)
    _build_refused(built_site, f"{CS}:8:8: image '{cover}' {problem}")


def test_a_reference_style_image_outside_is_not_published(built_site: Path, outside: Path) -> None:
    shutil.copy(PHOTO, outside / "outside-photo.jpg")
    path = built_site / CS
    path.write_text(path.read_text() + "\n![A photo][ref]\n\n[ref]: ../../../outside/outside-photo.jpg\n")
    result = run_cli("build", "--no-cache", cwd=built_site)
    assert "Traceback" not in result.stderr
    assert not [p for p in (built_site / "output" / "images").iterdir() if p.name.startswith("outside")]


# -- SVG ---------------------------------------------------------------------

EVIL_SVG = f"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet href="evil.css" type="text/css"?>
<!-- {MARKER}-comment -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     width="400" height="300" onload="alert('{MARKER}-onload')" inkscape:version="{MARKER}-inkscape">
  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">{MARKER}-metadata</rdf:RDF></metadata>
  <sodipodi:namedview id="base" pagecolor="{MARKER}-namedview"/>
  <script>alert("{MARKER}-script")</script>
  <script xlink:href="https://evil.example/{MARKER}-external.js"/>
  <a href="javascript:alert('{MARKER}-href')"><rect width="10" height="10" onclick="x('{MARKER}-onclick')"/></a>
  <a xlink:href=" java&#9;script:alert('{MARKER}-xlink')"><circle r="4"/></a>
  <a href="#ok"><set attributeName="href" to="javascript:alert('{MARKER}-set')"/></a>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">{MARKER}-foreign</div></foreignObject>
  <image href="photo.png" width="10" height="10"/>
  <rect x="20" y="20" width="100" height="50" fill="#1d4ed8"/>
</svg>
"""

BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY lol "lol">\n'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
                  for i in range(1, 10))
        + ']>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&lol9;</text></svg>\n')


def _check_clean_svg(data: bytes) -> None:
    assert MARKER.encode() not in data, data.decode()
    root = ET.fromstring(data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}rect") is not None  # the drawing stays


def test_svg_images_are_published_without_scripts_or_metadata(built_site: Path) -> None:
    (built_site / "content/images/cover.svg").write_text(EVIL_SVG)
    result = run_cli("build", cwd=built_site)
    assert result.returncode == 0, result.stderr
    svgs = list((built_site / "output" / "images").glob("cover-*.svg"))
    assert len(svgs) == 1
    _check_clean_svg(svgs[0].read_bytes())
    _nothing_leaked(built_site)
    assert b'href="#ok"' in svgs[0].read_bytes() and b'href="photo.png"' in svgs[0].read_bytes()


def test_svg_in_static_is_published_clean(built_site: Path) -> None:
    (built_site / "content/static/logo.svg").write_text(EVIL_SVG)
    result = run_cli("build", cwd=built_site)
    assert result.returncode == 0, result.stderr
    _check_clean_svg((built_site / "output" / "logo.svg").read_bytes())
    _nothing_leaked(built_site)


@pytest.mark.parametrize("where", ["content/images/cover.svg", "content/static/bomb.svg"])
def test_an_svg_entity_bomb_is_refused_at_once(built_site: Path, where: str) -> None:
    (built_site / where).write_text(BOMB)
    expected = (f"{CS}:8:8: image '../images/cover.svg': the SVG declares entities"
                if "images" in where else f"{where}: the SVG declares entities")
    _build_refused(built_site, expected)


def test_svg_that_is_not_well_formed_is_one_line(built_site: Path) -> None:
    (built_site / "content/static/broken.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')
    _build_refused(built_site, "content/static/broken.svg: not a well-formed SVG file (line 1, column")


# -- GIF ---------------------------------------------------------------------

def _animated_gif(path: Path, xmp: bool) -> None:
    """Three frames with a comment, bytes after the end, and XMP if asked."""
    frames = [Image.new("RGB", (64, 48), colour) for colour in ((200, 30, 30), (30, 200, 30), (30, 30, 200))]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=[80, 120, 160], loop=0,
                   comment=f"{MARKER}-comment".encode())
    data = path.read_bytes()
    if xmp:
        packet = f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{MARKER}-xmp</x:xmpmeta>'.encode()
        block = b"\x21\xff\x0bXMP DataXMP" + bytes([len(packet)]) + packet + b"\x00"
        at = data.index(b"\x21\xff")   # before the loop block
        data = data[:at] + block + data[at:]
    path.write_bytes(data + f"{MARKER}-after-the-end".encode())


@pytest.mark.parametrize("xmp", [False, True], ids=["comment", "comment+xmp"])
def test_animated_gif_is_published_without_comments_or_metadata(built_site: Path, xmp: bool) -> None:
    _animated_gif(built_site / "content/images/spinner.gif", xmp)
    edit(CS, "cover: ../images/cover.svg", "cover: ../images/spinner.gif")(built_site, None)
    result = run_cli("build", cwd=built_site)
    assert result.returncode == 0, result.stderr
    published = [p for p in (built_site / "output" / "images").iterdir() if p.name.startswith("spinner")]
    assert {p.suffix for p in published} >= {".gif", ".webp"}
    _nothing_leaked(built_site)
    out_gif = next(p for p in published if p.suffix == ".gif")
    with Image.open(out_gif) as im:   # still the same animation
        assert im.n_frames == 3 and im.info.get("loop") == 0
        durations = []
        for i in range(3):
            im.seek(i)
            durations.append(im.info["duration"])
        assert durations == [80, 120, 160]


def _save_with_metadata(path: Path) -> None:
    """WebP and PNG (animated and still) carrying EXIF, XMP and text chunks."""
    from PIL import PngImagePlugin

    frames = [Image.new("RGB", (64, 48), colour) for colour in ((200, 30, 30), (30, 200, 30))]
    exif = Image.Exif()
    exif[0x010E] = f"{MARKER}-exif"
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{MARKER}-xmp</x:xmpmeta>'.encode()
    animated = "anim" in path.name
    extra = {"save_all": True, "append_images": frames[1:], "duration": 90, "loop": 0} if animated else {}
    if path.suffix == ".png":
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", f"{MARKER}-text")
        text.add_itxt("XML:com.adobe.xmp", xmp.decode())
        frames[0].save(path, exif=exif.tobytes(), pnginfo=text, **extra)
    else:
        frames[0].save(path, exif=exif.tobytes(), xmp=xmp, **extra)
    assert MARKER.encode() in path.read_bytes()


@pytest.mark.parametrize("name", ["anim.webp", "anim.png", "still.webp", "still.png"])
def test_webp_and_png_lose_their_metadata(built_site: Path, name: str) -> None:
    _save_with_metadata(built_site / "content/images" / name)
    edit(CS, "cover: ../images/cover.svg", f"cover: ../images/{name}")(built_site, None)
    result = run_cli("build", cwd=built_site)
    assert result.returncode == 0, result.stderr
    stem = name.split(".")[0]
    published = [p for p in (built_site / "output" / "images").iterdir() if p.name.startswith(stem + "-")]
    assert published
    _nothing_leaked(built_site)
