"""Social cards: CPU per card and bytes per card, as a cold build draws them (render_card, split
into drawing and encoding), and for each format a platform might read in og:image (PNG, JPEG,
lossless WebP), on cards with and without a photo.

    python benchmarks/cards.py            # 200 titles per case, median of 3 runs

The figures behind seo/cards.py's choices: PNG (palette) for text-only cards, JPEG for cards with
a photo. CPU is process time of one process (a build runs one such worker per core)."""

from __future__ import annotations

import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image  # noqa: E402

from portfoliogen.seo import cards, cardtext  # noqa: E402
from portfoliogen.seo.social import CardSpec, Picture  # noqa: E402

PHOTO = Path("/work/shared/testdata/photos")
COUNT = 200
_WORDS = ("checkout redesign onboarding flow for a regional bank fintech team that converts mobile app "
          "design system research accessibility dashboard analytics booking platform e-commerce rebrand "
          "identity migration internationalisation Ledgerly Acme Nordlys café résumé naïve Zürich 2024 — "
          "3× faster: 40% fewer support tickets").split()


def titles(count: int = COUNT) -> list[str]:
    """Case-study titles of every length (3 to 25 words: one line to shrunk and ellipsised), a few
    right to left, one unbreakable word, one in a script the fonts lack. Same list every run."""
    rng = random.Random(18)
    out = [" ".join(rng.choice(_WORDS) for _ in range(rng.choice((3, 5, 7, 9, 12, 16, 25)))).capitalize()
           for _ in range(max(count, COUNT))]
    out[5], out[17], out[33] = "מחקר משתמשים לאפליקציית בנקאות", "x" * 120, "设计系统"
    out[61] = "تصميم تجربة الدفع لبنك إقليمي"
    return out[:count]


def specs(picture: Picture | None, count: int = COUNT) -> list[CardSpec]:
    """One card per title; with a picture, each its own (as each case study's cover is)."""
    return [CardSpec(slug=f"s{i}", title=title, label=f"Case study · Client {i % 9}", name="Mira Solberg",
                     host="mira-solberg.example", accent="#0f766e",
                     picture=picture and Picture(picture.path, f"{picture.url_path}?{i}"))
            for i, title in enumerate(titles(count))]


def fresh_worker() -> None:
    """Empty every cache of cards.py and cardtext.py (fonts, shared layers, glyphs, widths), as
    in a new worker."""
    for value in [*vars(cards).values(), *vars(cardtext).values()]:
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def per_card(batch: list[CardSpec], step) -> float:
    """CPU ms per card of `step` over the batch, in a fresh worker after its first card (fonts
    and shared layer loaded; the caches of glyphs and widths fill as the batch is drawn)."""
    fresh_worker()
    step(batch[0])
    started = time.process_time()
    for spec in batch:
        step(spec)
    return (time.process_time() - started) / len(batch) * 1000


def build_figures(picture: Picture | None) -> tuple[float, float, float, float]:
    """(ms per card end to end, ms drawing, ms encoding, KiB per card) of render_card."""
    batch = specs(picture)
    total = per_card(batch, cards.render_card)
    pixels = {}
    draw = per_card(batch, lambda spec: pixels.__setitem__(spec.slug, cards.card_pixels(spec)))
    sizes = {}
    encode = per_card(batch, lambda spec: sizes.__setitem__(
        spec.slug, len(cards.encode_card(spec, pixels[spec.slug]))))
    return total, draw, encode, statistics.mean(sizes.values()) / 1024


def encoders():
    def png(spec, im):
        return im.quantize(palette=cards._palette(spec.accent, spec.name, spec.host),
                           dither=Image.Dither.NONE), "PNG", {"compress_level": 3}
    return {
        "png (palette)": png,
        "jpeg q85": lambda spec, im: (im, "JPEG", {"quality": cards.JPEG_QUALITY, "progressive": True}),
        "webp lossless": lambda spec, im: (im, "WEBP", {"lossless": True, "method": 0}),
    }


def format_figures(picture: Picture | None, encode) -> tuple[float, float]:
    """(ms per card, KiB per card) of encoding the whole RGB card in one format."""
    batch = specs(picture, 60)
    drawn = {spec.slug: cards.draw_card(spec) for spec in batch}
    sizes = []

    def step(spec):
        im, fmt, options = encode(spec, drawn[spec.slug])
        buf = io.BytesIO()
        im.save(buf, fmt, **options)
        sizes.append(len(buf.getvalue()))
    return per_card(batch, step), statistics.mean(sizes) / 1024


def processed_photo(folder: Path) -> Picture | None:
    """A camera photo as the image pipeline hands it to the cards: a 1600 px JPEG variant."""
    photos = sorted(p for p in (PHOTO / "cameras").rglob("*") if p.suffix.lower() in (".jpg", ".jpeg"))
    if not photos:
        return None
    with Image.open(photos[0]) as im:
        im = im.convert("RGB")
        im.thumbnail((1600, 1600))
        im.save(folder / "variant.jpg", quality=82)
    return Picture(str(folder / "variant.jpg"), "/images/variant.jpg")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        table(processed_photo(Path(tmp)))


def table(picture: Picture | None) -> None:
    cases = [("text only", None)] + ([("with photo", picture)] if picture is not None else [])
    print(f"render_card, {COUNT} titles, CPU ms/card (median of 3 runs)")
    print(f"{'case':<14}{'format':<8}{'total':>8}{'drawing':>9}{'encoding':>10}{'KiB/card':>10}")
    for case, pic in cases:
        runs = [build_figures(pic) for _ in range(3)]
        total, draw, encode, kib = (statistics.median(r[i] for r in runs) for i in range(4))
        fmt = specs(pic, 1)[0].format
        print(f"{case:<14}{fmt:<8}{total:>8.2f}{draw:>9.2f}{encode:>10.2f}{kib:>10.1f}")
    print("\nformats for og:image: encoding the drawn RGB card, CPU ms/card (median of 3 runs)")
    print(f"{'case':<14}{'format':<16}{'CPU ms/card':>12}{'KiB/card':>10}")
    for case, pic in cases:
        for name, encode in encoders().items():
            runs = [format_figures(pic, encode) for _ in range(3)]
            print(f"{case:<14}{name:<16}{statistics.median(r[0] for r in runs):>12.2f}"
                  f"{statistics.median(r[1] for r in runs):>10.1f}")


if __name__ == "__main__":
    main()
