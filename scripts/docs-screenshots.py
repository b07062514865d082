"""The before/after screenshots of docs/themes.md ("Design tokens"): the example site as it
ships and with six tokens changed in config.yaml only; the home page at 1280 px in light mode
and 375 px in dark mode, in Debian's Chromium, saved as WebP in docs/images/.

Run it after a change to the default theme:  .venv/bin/python scripts/docs-screenshots.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import launch, serve_folder  # noqa: E402
from tests.visual.compare import SETTLE  # noqa: E402

VARIANTS = {
    "before": None,   # the example's config.yaml as it is
    "after": '  accent: "#b91c1c"\n  fonts: classic\n  palette: stone\n  radius: large\n'
             '  density: airy\n  hero: centred\n',
}
SHOTS = ((1280, 860, "light"), (375, 760, "dark"))


def build(folder: Path, options: str | None) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(REPO / "config.yaml", folder / "config.yaml")
    shutil.copytree(REPO / "content", folder / "content")
    if options:
        config = folder / "config.yaml"
        text = re.sub(r"^theme_options:\n(?:  .*\n)*", "theme_options:\n" + options,
                      config.read_text(encoding="utf-8"), flags=re.M)
        config.write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "portfoliogen", "build", "--today", "2026-06-15"],
                   cwd=folder, check=True)
    return folder / "output"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="docs-screenshots-"))
    try:
        outputs = {name: build(work / name, options) for name, options in VARIANTS.items()}
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for name, output in outputs.items():
                with serve_folder(output) as base:
                    for width, height, scheme in SHOTS:
                        context = browser.new_context(viewport={"width": width, "height": height},
                                                      color_scheme=scheme, device_scale_factor=1)
                        page = context.new_page()
                        page.goto(base)
                        page.wait_for_load_state("networkidle")
                        page.evaluate(SETTLE)   # the web fonts, as a visitor's later pages show them
                        png = work / f"{name}-{width}-{scheme}.png"
                        page.screenshot(path=str(png))
                        context.close()
                        target = REPO / "docs" / "images" / f"tokens-{name}-{width}-{scheme}.webp"
                        Image.open(png).convert("RGB").save(target, quality=80, method=6)
                        print(target.relative_to(REPO))
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
