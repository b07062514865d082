"""A page painted before all its HTML has arrived must not move once the rest comes.

On a slow network the first round trip brings ~14 KB of HTML, and a later page of a visit (its
CSS cached) is painted from that part alone. Here a server sends each page's HTML in two parts
with a pause between them, the first part ending at a chosen byte inside <main>, and Chromium
records the layout shifts of what <main> holds, for each home hero layout. Found this way: the home page's portrait was
placed above the hero's text by CSS but came after it in the HTML (CLS 0.11 at 375 px), and the
split hero centred its columns vertically, so the growing text moved the portrait (0.26 at 800 px);
the centred hero's text block took the width of the text that had arrived (0.04 at 1280 px).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import _QuietHandler, launch, serve_folder
from tests.conftest import REPO, run_cli
from tests.e2e.test_design_tokens import set_options

pytestmark = pytest.mark.browser

PAUSE = 0.3   # seconds between the two parts: several frames are painted from the first

# Every layout shift of an element inside <main>, as "selector: before -> after".
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    for (const source of entry.sources) {
      const node = source.node;
      if (!node || !node.closest || !node.closest("main")) continue;
      const rect = (r) => [r.x, r.y, r.width, r.height].map(Math.round).join(",");
      window.__shifts.push(`${node.nodeName}.${node.className}: ${rect(source.previousRect)} -> ${rect(source.currentRect)}`);
    }
  }
}).observe({type: "layout-shift", buffered: true});
"""


class _TwoPartHandler(_QuietHandler):
    """Sends an HTML page's first ?split= bytes, pauses, then the rest."""

    def copyfile(self, source, outputfile):
        split = parse_qs(urlsplit(self.path).query).get("split")
        if not split:
            return super().copyfile(source, outputfile)
        data = source.read()
        outputfile.write(data[: int(split[0])])
        outputfile.flush()
        time.sleep(PAUSE)
        outputfile.write(data[int(split[0]):])


@pytest.fixture(scope="module", params=["split", "centred", "photo"])
def built(request, example_output, tmp_path_factory) -> Path:
    """The example site built with each home hero layout (theme option `hero`; split is its own)."""
    if request.param == "split":
        return example_output
    site = tmp_path_factory.mktemp(f"hero-{request.param}") / "site"
    site.mkdir()
    shutil.copy(REPO / "config.yaml", site / "config.yaml")
    shutil.copytree(REPO / "content", site / "content")
    set_options(site, f"  hero: {request.param}\n")
    result = run_cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    return site / "output"


@pytest.fixture(scope="module")
def two_part(built):
    with serve_folder(built, handler_class=_TwoPartHandler) as base:
        yield base.rstrip("/")


def split_points(html: bytes, count: int) -> list[int]:
    """`count` byte offsets spread over the page's first screen: from <main> to its first
    section's end (the hero on the home page, the intro and cover on a case study)."""
    start = html.index(b"<main")
    end = html.index(b"</section>", start) + len(b"</section>")
    end = max(end, start + 3000)
    return [start + (end - start) * i // (count - 1) for i in range(count)]


@pytest.mark.parametrize("path", ["/", "/work/ledgerly-checkout/"])
@pytest.mark.parametrize("width", [375, 800, 1280])
def test_the_first_screen_does_not_move_as_the_rest_of_the_html_arrives(two_part, built, path, width):
    html = (built / path.strip("/") / "index.html").read_bytes()
    moved = {}
    with sync_playwright() as p:
        browser = launch(p)
        try:
            for split in split_points(html, 8):
                context = browser.new_context(viewport={"width": width, "height": 800})
                page = context.new_page()
                page.add_init_script(RECORD_SHIFTS)
                page.goto(f"{two_part}{path}?split={split}", wait_until="load")
                page.wait_for_timeout(300)
                assert page.evaluate("document.querySelectorAll('main *').length") > 20   # the whole page came
                shifts = page.evaluate("window.__shifts")
                if shifts:
                    moved[split] = shifts
                context.close()
        finally:
            browser.close()
    assert not moved, f"{path} at {width} px moved when its HTML arrived in two parts: {moved}"
