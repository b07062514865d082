"""Screenshot a built site with Debian's Chromium and compare the images with committed
baselines, within a small tolerance. Theme-agnostic: each theme's test names its pages.

UPDATE_BASELINES=1 writes the screenshots as the new baselines (commit them with the change).
Fonts are pinned by the machine: a theme's bundled fonts, else its system stack, which on the
test machines (Debian, fonts-dejavu-core as tests/CI install) is DejaVu; a baseline made
elsewhere differs in glyphs, so regenerate them on that image, not on a laptop."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

BASELINES = Path(__file__).resolve().parent / "baselines"
WIDTHS = (375, 768, 1280)
SCHEMES = ("light", "dark")
# Freeze what moves: no transitions, animations or blinking caret, so two runs on the
# same machine paint the same pixels.
FREEZE_CSS = ("*,*::before,*::after{transition:none!important;animation:none!important;"
              "caret-color:transparent!important;scroll-behavior:auto!important}")
FROZEN_NOW = "2026-06-15T10:00:00Z"   # the day builds get with --today (tests/conftest.py)
# Photos are shown as their placeholder colour (the box and its dominant colour, set by
# the theme): the layout is what regresses, and flat boxes keep the baselines small.
# The image pipeline has its own tests.
HIDE_PHOTOS_CSS = "img{object-position:-300vw 0!important}"   # off its box; the background stays
MAX_HEIGHT = 6000          # px: the top of very long pages is what regresses visibly
SAVE_SCALE = 0.5           # baselines are stored at half size: small PNGs, still telling


@dataclass(frozen=True)
class Difference:
    name: str
    ratio: float           # share of pixels that differ by more than the per-channel threshold
    size_changed: bool

    def __str__(self) -> str:
        if self.size_changed:
            return f"{self.name}: the page's size changed"
        return f"{self.name}: {self.ratio:.2%} of the pixels differ"


# Run in the page before a screenshot: the web fonts and every image in place.
# A first visit stays in the fallback faces (assets/fonts.js): this applies the web faces
# as a later page or the no-JavaScript path shows them, so screenshots keep them.
SETTLE = """async () => {
    const faces = document.querySelector('link[data-webfonts]');
    if (faces) { faces.media = 'all'; void document.body.offsetHeight; }   // their loads begin
    for (const img of document.images) { img.loading = 'eager'; }
    await Promise.all([...document.images].map(img => img.decode().catch(() => {})));
    await document.fonts.ready;
}"""


def shoot(browser, url: str, width: int, scheme: str, hide_photos: bool = True) -> Image.Image:
    """A full-page screenshot of `url` at `width` CSS px in the light or dark scheme,
    after every image has loaded and web fonts are ready."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  reduced_motion="reduce", device_scale_factor=1,
                                  timezone_id="UTC", locale="en-GB")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(FROZEN_NOW)   # the time-zone block shows "now"
        page.goto(url, wait_until="networkidle")
        page.add_style_tag(content=FREEZE_CSS + (HIDE_PHOTOS_CSS if hide_photos else ""))
        page.evaluate(SETTLE)
        height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_load_state("networkidle")
        png = page.screenshot(full_page=False, animations="disabled", caret="hide")
    finally:
        context.close()
    return Image.open(io.BytesIO(png)).convert("RGB")


def shrink(image: Image.Image) -> Image.Image:
    w, h = image.size
    return image.resize((max(1, round(w * SAVE_SCALE)), max(1, round(h * SAVE_SCALE))), Image.Resampling.BOX)


def difference(name: str, actual: Image.Image, expected: Image.Image, threshold: int = 24) -> Difference:
    """How much `actual` (already shrunk) differs from the baseline: the share of pixels
    whose largest channel difference is above `threshold` (anti-aliasing noise stays below)."""
    if actual.size != expected.size:
        return Difference(name, 1.0, True)
    delta = ImageChops.difference(actual, expected).convert("L")   # L: a weighted channel mix
    changed = sum(delta.point(lambda v: 255 if v > threshold else 0).histogram()[255:])
    return Difference(name, changed / (actual.size[0] * actual.size[1]), False)


def check_against_baseline(folder: str, name: str, image: Image.Image, tolerance: float = 0.002,
                           out_dir: Path | None = None) -> Difference | None:
    """Compare with baselines/<folder>/<name>.png (None: within tolerance). With
    UPDATE_BASELINES=1, or no baseline yet, write it instead. A failing screenshot and
    its difference are saved into `out_dir` to look at."""
    small = shrink(image)
    path = BASELINES / folder / f"{name}.png"
    if os.environ.get("UPDATE_BASELINES") == "1" or not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        small.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE) \
             .save(path, optimize=True)
        return None if os.environ.get("UPDATE_BASELINES") == "1" else Difference(f"{name} (no baseline: written)", 1.0, False)
    expected = Image.open(path).convert("RGB")
    # The baseline went through a 256-colour palette: compare like with like.
    small = small.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).convert("RGB")
    result = difference(name, small, expected)
    if result.size_changed or result.ratio > tolerance:
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            small.save(out_dir / f"{name}.actual.png")
            if not result.size_changed:
                ImageChops.difference(small, expected).save(out_dir / f"{name}.diff.png")
        return result
    return None
