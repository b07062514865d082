"""Visual regression for the default theme: the example site (Mira, text-led) and the
photographer's fixture site, at 375, 768 and 1280 px, light and dark, compared with the
baselines in tests/visual/baselines/default/ (UPDATE_BASELINES=1 rewrites them after an
intended change: commit them with it)."""

from __future__ import annotations

import shutil
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import launch, serve_folder
from tests.conftest import REPO, run_cli
from tests.visual.compare import SCHEMES, WIDTHS, check_against_baseline, shoot
from tests.visual.photo_site import make_photo_site

pytestmark = pytest.mark.browser

PAGES = {
    "example-home": ("example", "/"),
    "example-case-study": ("example", "/work/ledgerly-checkout/"),
    "example-services": ("example", "/services/"),
    "photo-home": ("photo", "/"),
    "photo-case-study": ("photo", "/work/cevennes-autumn/"),
}


def _example(dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copy(REPO / "config.yaml", dest / "config.yaml")
    shutil.copytree(REPO / "content", dest / "content")
    return dest


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("default-visual")
    sites = {"example": _example(root / "example"), "photo": make_photo_site(root / "photo", theme="default")}
    bases = {}
    with ExitStack() as stack:
        for name, site in sites.items():
            out = root / f"{name}-out"
            result = run_cli("build", "--output", str(out), cwd=site)   # --today fixed by run_cli
            assert result.returncode == 0, result.stderr
            bases[name] = stack.enter_context(serve_folder(out))
        browser = launch(stack.enter_context(sync_playwright()))
        yield bases, browser
        browser.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_looks_as_approved(served, tmp_path: Path, name: str, width: int, scheme: str) -> None:
    bases, browser = served
    site, path = PAGES[name]
    image = shoot(browser, bases[site] + path.lstrip("/"), width, scheme)
    problem = check_against_baseline("default", f"{name}-{width}-{scheme}", image, out_dir=tmp_path)
    assert problem is None, f"{problem} (screenshot and difference in {tmp_path})"
