"""build/textscan.py and leakcheck.find_leaks: names found in every form a published file
can hide them, and not found where they are not."""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from portfoliogen.build.leakcheck import find_leaks, name_pattern
from portfoliogen.build.textscan import texts_of


def _found(data: bytes, name: str = "Project Falcon") -> bool:
    pattern = name_pattern(name)
    return any(pattern.search(text) for text in texts_of(data))


@pytest.mark.parametrize("text", [
    "<p>Project Falcon</p>", "<p>PROJECT&nbsp;FALCON</p>", "<p>Project <b>Fal</b>con</p>",
    "<p>Proj&shy;ect Fal&#99;on</p>", "<a href=\"/x/project-falcon/\">x</a>", "{\"t\": \"Project \\u0046alcon\"}",
    "<img alt=\"ＰＲＯＪＥＣＴ ＦＡＬＣＯＮ\">", "https://x.example/?q=Project%20Falcon", "project_falcon.txt",
    "ProjectFalcon",
])
def test_text_forms(text: str) -> None:
    assert _found(text.encode("utf-8"))


def test_unrelated_text_is_not_a_hit() -> None:
    assert not _found(b"<p>A project about falcons and projects.</p>")


def test_gzip_zip_png_chunks_exif_and_pdf_streams() -> None:
    assert _found(gzip.compress(b"pagefind_dcd" + b"\x82\x6eProject Falcon"))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:t>Project Falcon</w:t>")
    assert _found(archive.getvalue())
    for compressed in (True, False):
        info = PngImagePlugin.PngInfo()
        info.add_itxt("Description", "Project Falcon", zip=compressed)
        png = io.BytesIO()
        Image.new("RGB", (8, 8)).save(png, "PNG", pnginfo=info)
        assert _found(png.getvalue())
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Project Falcon", zip=True)
    png = io.BytesIO()
    Image.new("RGB", (8, 8)).save(png, "PNG", pnginfo=info)
    assert b"Falcon" not in png.getvalue() and _found(png.getvalue())
    exif = Image.Exif()
    exif[0x9C9C] = "Project Falcon".encode("utf-16-le")   # XPComment, UTF-16
    jpeg = io.BytesIO()
    Image.new("RGB", (8, 8)).save(jpeg, "JPEG", exif=exif)
    assert _found(jpeg.getvalue())
    stream = zlib.compress(b"BT (Project Falcon) Tj ET")
    assert _found(b"%PDF-1.4\n1 0 obj <<>>\nstream\n" + stream + b"\nendstream\nendobj\n")


def test_find_leaks_checks_names_skips_pitches_and_reads_drawn_text(tmp_path: Path) -> None:
    (tmp_path / "p/token").mkdir(parents=True)
    (tmp_path / "p/token/index.html").write_text("Initech", encoding="utf-8")
    (tmp_path / "initech-logo.txt").write_text("x", encoding="utf-8")
    (tmp_path / "card.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "clean.html").write_text("<p>Nothing</p>", encoding="utf-8")
    leaks = find_leaks(tmp_path, ["Initech"], ("p/token/",), {"card.png": ["Our work for INITECH"]})
    assert leaks == {"card.png": "Initech", "initech-logo.txt": "Initech"}
