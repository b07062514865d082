"""Social cards: CPU per card and bytes per card for each format a platform reads
in og:image (PNG, JPEG, lossless WebP), on cards with and without a photo.

    python benchmarks/cards.py            # 60 cards per case, median of 3 runs

The figures behind seo/cards.py's choices: PNG (palette, compress_level 3) for
text-only cards, JPEG for cards with a photo."""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image  # noqa: E402

from portfoliogen.seo import cards  # noqa: E402
from portfoliogen.seo.social import CardSpec, Picture  # noqa: E402

PHOTO = Path("/work/shared/testdata/photos")


def encoders():
    def png(spec, im):
        return im.quantize(palette=cards._palette(spec.accent, spec.name, spec.host),
                           dither=Image.Dither.NONE), "PNG", {"compress_level": cards.PNG_LEVEL}
    return {
        "png (palette)": png,
        "jpeg q85": lambda spec, im: (im, "JPEG", {"quality": cards.JPEG_QUALITY, "progressive": True}),
        "webp lossless": lambda spec, im: (im, "WEBP", {"lossless": True, "method": 0}),
    }


def specs(count: int, picture: Picture | None) -> list[CardSpec]:
    """`count` cards; with a picture, each its own (as each case study's cover is)."""
    return [CardSpec(slug=f"s{i}", title=f"Case study {i}: a checkout flow that converts, for a fintech team",
                     label=f"Case study · Client {i}", name="Mira Solberg", host="mira-solberg.example",
                     accent="#0f766e",
                     picture=picture and Picture(picture.path, f"{picture.url_path}?{i}")) for i in range(count)]


def measure(batch: list[CardSpec], encode) -> tuple[float, float]:
    cards.draw_card(batch[0])   # fonts and the shared layer, as a worker has them after its first card
    started = time.process_time()
    sizes = []
    for spec in batch:
        im, fmt, options = encode(spec, cards.draw_card(spec))
        buf = io.BytesIO()
        im.save(buf, fmt, **options)
        sizes.append(len(buf.getvalue()))
    return (time.process_time() - started) / len(batch) * 1000, statistics.mean(sizes) / 1024


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
    print(f"{'case':<14}{'format':<16}{'CPU ms/card':>12}{'KiB/card':>10}")
    for case, pic in (("text only", None), ("with photo", picture)):
        if case == "with photo" and pic is None:
            continue
        for name, encode in encoders().items():
            runs = [measure(specs(60, pic), encode) for _ in range(3)]
            print(f"{case:<14}{name:<16}{statistics.median(r[0] for r in runs):>12.2f}"
                  f"{statistics.median(r[1] for r in runs):>10.1f}")
    draw = statistics.median(measure(specs(60, None), lambda s, im: (im.resize((1, 1)), "PNG", {}))[0]
                             for _ in range(3))
    print(f"drawing alone (text only): {draw:.2f} ms CPU/card")


if __name__ == "__main__":
    main()
