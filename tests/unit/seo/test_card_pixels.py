"""A PNG card drawn and mapped only where its text goes is, byte for byte, the whole card
mapped onto the palette."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from portfoliogen.seo import cards
from portfoliogen.seo.social import CardSpec

TITLES = [
    "Checkout redesign for a regional bank",
    "Ag Qy 0123 — à é ö " * 6,                      # wrapped, shrunk, then ellipsised
    "x" * 300,                                        # one word broken by characters
    "مرحبا بالعالم تصميم المنتج",                     # right to left
    "Z̷̢̛̮a̵̧͎l̶̡g̸͉o̵̤ ễ ǅ stacked marks",               # marks above and below the line
    "设计系统",                                        # a script the fonts lack: the name instead
    "",
]
LABELS = ["Case study · Acme", "שלום עולם", "", "Label " * 40]


def _whole_card(spec: CardSpec) -> bytes:
    buf = io.BytesIO()
    cards.draw_card(spec).quantize(palette=cards._palette(spec.accent, spec.name, spec.host),
                                   dither=Image.Dither.NONE).save(buf, "PNG", compress_level=cards.PNG_LEVEL)
    return buf.getvalue()


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("label", LABELS)
def test_mapped_in_part_as_in_whole(title: str, label: str) -> None:
    for accent in ("#4338ca", "#ffcc00"):
        spec = CardSpec(slug="s", title=title, label=label, name="Mira Solberg", host="example.com", accent=accent)
        assert spec.format == "png"
        assert cards.render_card(spec) == _whole_card(spec)
