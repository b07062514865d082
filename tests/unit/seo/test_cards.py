"""A card's title is wrapped and ellipsised in time that does not grow with
its length (a 48,000-character title took 28 s)."""

from __future__ import annotations

import time

import pytest
from PIL import Image, ImageDraw

from portfoliogen.seo.cardtext import ellipsise, fit_text, wrap


@pytest.fixture
def draw() -> ImageDraw.ImageDraw:
    return ImageDraw.Draw(Image.new("RGB", (10, 10)))


@pytest.mark.parametrize("title", [
    " ".join(["checkout", "design", "alpha", "beta"] * 3000)[:48_000],   # many words
    "x" * 48_000,                                                      # one endless word
])
def test_a_huge_title_fits_quickly(draw, title: str) -> None:
    started = time.monotonic()
    font, lines = fit_text(draw, title, 900, 320)
    assert time.monotonic() - started < 3
    assert 1 <= len(lines) <= 4 and lines[-1].endswith("…")
    assert all(draw.textlength(line, font=font) <= 900 for line in lines)


def test_wrap_stops_after_the_lines_asked_for(draw) -> None:
    from portfoliogen.seo.cardtext import _font
    font = _font(True, 40)
    text = " ".join(["word"] * 5000)
    assert len(wrap(draw, text, font, 300, max_lines=3)) == 4
    assert wrap(draw, text, font, 300, max_lines=3) == wrap(draw, text, font, 300)[:4]


def test_ellipsise_of_a_long_line_is_the_short_result(draw) -> None:
    from portfoliogen.seo.cardtext import _font
    font = _font(True, 40)
    short = ellipsise(draw, "alpha beta gamma delta epsilon", font, 300)
    assert ellipsise(draw, "alpha beta gamma delta epsilon " + "zeta " * 10_000, font, 300) == short


def test_a_card_drawn_after_warming_is_the_card_drawn_without() -> None:
    """cards._warm (run before the workers fork) fills caches only: the bytes do not change."""
    from portfoliogen.seo import cards, cardtext
    from portfoliogen.seo.social import CardSpec

    specs = [CardSpec(slug=f"s{i}", title=title, label=label, name="Mira Solberg", host="example.com",
                      accent=accent)
             for i, (title, label, accent) in enumerate([
                 ("Checkout redesign for a regional bank", "Case study · Acme", "#4338ca"),
                 ("Office fit-out: finance, filing and efficient flows", "Case study · Ærø Ltd", "#4338ca"),
                 ("Überarbeitung — à la carte, naïve café", "Fallstudie", "#0f766e"),
                 ("日本語のタイトル", "Case study", "#4338ca"),
             ])]
    caches = (cardtext._pair_composes, cardtext._glyph, cardtext._length64, cards._png_layer,
              cards._shared_layer, cards._palette)
    for cache in caches:
        cache.cache_clear()
    drawn = [cards.render_card(spec) for spec in specs]
    for cache in caches:
        cache.cache_clear()
    cards._warm(specs)
    assert cardtext._pair_composes.cache_info().currsize > 0
    assert [cards.render_card(spec) for spec in specs] == drawn
