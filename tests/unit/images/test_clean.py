"""images/clean.py: the SVG and GIF bytes portfoliogen publishes carry no
code and no metadata, and still draw the same picture."""

from __future__ import annotations

import io
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from portfoliogen.images.clean import SvgError, clean_gif, clean_svg

SVG = "http://www.w3.org/2000/svg"
HEAD = f'<svg xmlns="{SVG}" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
SKELETON_SVG = Path(__file__).resolve().parents[3] / "portfoliogen/skeleton/content/images/cover.svg"


def clean(body: str, head: str = HEAD) -> str:
    out = clean_svg(f"{head}{body}</svg>".encode()).decode()
    ET.fromstring(out)   # always well-formed
    return out


@pytest.mark.parametrize("body", [
    "<script>alert('BAD')</script>",
    "<script type='text/ecmascript'><![CDATA[alert('BAD')]]></script>",
    "<svg:script xmlns:svg='http://www.w3.org/2000/svg'>BAD</svg:script>",
    "<script xlink:href='https://evil.example/BAD.js'/>",
    "<rect onclick='BAD()' width='1' height='1'/>",
    "<rect ONMOUSEOVER='BAD()' width='1' height='1'/>",
    "<a href='javascript:BAD()'><rect width='1' height='1'/></a>",
    "<a xlink:href='JaVaScRiPt:BAD()'><rect width='1' height='1'/></a>",
    "<a href=' java&#10;script:BAD()'><rect width='1' height='1'/></a>",
    "<a href='vbscript:BAD'><rect width='1' height='1'/></a>",
    "<a href='data:text/html,&lt;script&gt;BAD&lt;/script&gt;'><rect width='1' height='1'/></a>",
    "<use href='data:image/svg+xml,BAD'/>",
    "<a href='#x'><set attributeName='href' to='javascript:BAD()'/></a>",
    "<a href='#x'><animate attributeName='xlink:href' values='javascript:BAD()'/></a>",
    "<rect width='1' height='1'><set attributeName='onclick' to='BAD()'/></rect>",
    "<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'><img src='x' onerror='BAD()'/></div></foreignObject>",
    "<html:script xmlns:html='http://www.w3.org/1999/xhtml'>BAD</html:script>",
    "<g xmlns='http://evil.example/ns'><script>BAD</script></g>",
    "<metadata><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>BAD</rdf:RDF></metadata>",
    "<!-- BAD -->",
    "<?xml-stylesheet href='BAD.css'?>",
    "<sodipodi:namedview xmlns:sodipodi='http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd' id='BAD'/>",
    "<rect xmlns:inkscape='http://www.inkscape.org/namespaces/inkscape' inkscape:label='BAD' width='1'/>",
    "<rect xml:base='javascript:BAD//' width='1'/>",
])
def test_nothing_that_runs_or_describes_is_kept(body: str) -> None:
    out = clean(body)
    assert "BAD" not in out, out
    assert ET.fromstring(out).tag == f"{{{SVG}}}svg"


@pytest.mark.parametrize("body", [
    '<rect x="1" y="2" width="3" height="4" fill="#1d4ed8"/>',
    '<use xlink:href="#shape"/>',
    '<use href="sprite.svg#icon"/>',
    '<a href="https://example.com/work?a=1&amp;b=2"><text>Work &amp; play &lt;3</text></a>',
    '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>',
    '<style>.a &gt; .b { fill: red }</style>',
    '<text xml:space="preserve">  two  spaces </text>',
    '<title>A diagram</title><desc>For people who cannot see it</desc>',
    '<linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>',
])
def test_the_drawing_is_kept_as_written(body: str) -> None:
    assert clean(body) == f"{HEAD}{body}</svg>"


def test_a_clean_file_comes_out_byte_for_byte() -> None:
    data = SKELETON_SVG.read_bytes()
    assert clean_svg(data) == data
    assert clean_svg(clean_svg(data)) == data


def test_prefixed_svg_and_xml_declaration() -> None:
    data = (b"<?xml version='1.0' encoding='ISO-8859-1' standalone='no'?>\n"
            b"<!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.1//EN' 'http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd'>\n"
            b"<s:svg xmlns:s='http://www.w3.org/2000/svg'><s:text>caf\xe9</s:text></s:svg>\n")
    out = clean_svg(data).decode("utf-8")
    assert out == ('<?xml version="1.0" encoding="UTF-8"?>\n'
                   '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:text>café</s:text></s:svg>\n')
    assert ET.fromstring(out.encode()).tag == f"{{{SVG}}}svg"


@pytest.mark.parametrize("data, message", [
    ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
     "the SVG declares entities (<!ENTITY ...>)"),
    ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
     "the SVG declares entities (<!ENTITY ...>)"),
    ('<!DOCTYPE svg [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><svg/>',
     "the SVG declares entities (<!ENTITY ...>)"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>',
     "not a well-formed SVG file (line 1, column 46: mismatched tag)"),
    ("", "not a well-formed SVG file (line 1, column 1: no element found)"),
    ('<html xmlns="http://www.w3.org/1999/xhtml"/>', "not an SVG file (no <svg> element)"),
    ('<script xmlns="http://www.w3.org/2000/svg"/>', "not an SVG file (no <svg> element)"),
])
def test_unsafe_or_broken_files_are_refused_in_one_line(data: str, message: str) -> None:
    with pytest.raises(SvgError) as info:
        clean_svg(data.encode())
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_billion_laughs_is_refused_at_once() -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    data = f'<!DOCTYPE svg [{entities}]><svg xmlns="{SVG}"><text>&lol9;</text></svg>'.encode()
    started = time.perf_counter()
    with pytest.raises(SvgError):
        clean_svg(data)
    assert time.perf_counter() - started < 0.1


# -- GIF ---------------------------------------------------------------------

def _gif(comment: bytes = b"BAD-comment", frames: int = 3) -> bytes:
    images = [Image.new("RGB", (16, 8), (i * 80, 255 - i * 80, 40)) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=frames > 1, append_images=images[1:], duration=70, loop=0,
                   comment=comment)
    return buffer.getvalue()


def _app_block(identifier: bytes, payload: bytes) -> bytes:
    return b"\x21\xff\x0b" + identifier + bytes([len(payload)]) + payload + b"\x00"


def test_gif_comments_metadata_and_trailing_bytes_are_dropped() -> None:
    data = _gif()
    at = data.index(b"\x21\xff")
    dirty = (data[:at] + _app_block(b"XMP DataXMP", b"BAD-xmp") + _app_block(b"ICCRGBG1012", b"BAD-icc")
             + b"\x21\x01\x0c" + b"\x00" * 12 + b"\x07BAD-txt\x00"   # a plain-text block
             + data[at:] + b"BAD-after")
    out = clean_gif(dirty)
    assert b"BAD" not in out
    assert b"NETSCAPE2.0" in out
    with Image.open(io.BytesIO(out)) as cleaned, Image.open(io.BytesIO(data)) as original:
        assert cleaned.n_frames == original.n_frames == 3 and cleaned.info["loop"] == 0
        for i in range(3):
            cleaned.seek(i)
            original.seek(i)
            assert cleaned.info["duration"] == 70
            assert not ImageChops.difference(cleaned.convert("RGB"), original.convert("RGB")).getbbox()


def test_a_gif_without_anything_to_drop_is_unchanged() -> None:
    data = _gif(comment=b"")
    assert clean_gif(data) == data


@pytest.mark.parametrize("data", [b"GIF89a", b"PNG...", _gif()[:-30]])
def test_a_gif_it_cannot_walk_raises(data: bytes) -> None:
    with pytest.raises(ValueError):
        clean_gif(data)
