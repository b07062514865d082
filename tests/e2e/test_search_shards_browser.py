"""In Chromium: the search index in shards (two to four pages each here) finds every public
case study wherever its shard, filters across shards, and on a bilingual site searches the
page's own language only, whichever shards hold it."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from portfoliogen.build import searchshards
from portfoliogen.build.pipeline import BuildOptions, build
from portfoliogen.build.search import BUNDLE, MANIFEST
from tests.browser import launch, serve_folder
from tests.conftest import run_cli
from tests.e2e.nda_site import BODY_WORDS, make_nda_site
from tests.e2e.test_multilingual import make_bilingual

pytestmark = pytest.mark.browser

SIGNATURE = b"pagefind_dcd"


def _build_in_shards(site: Path, per_shard: int) -> list[dict]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(searchshards, "PAGES_PER_SHARD", per_shard)
        build(BuildOptions(config_path=site / "config.yaml", base_url="https://example.com/portfolio/"))
    return json.loads((site / "output" / BUNDLE / MANIFEST).read_text(encoding="utf-8"))["shards"]


def _shard_of(output: Path, shards: list[dict], url: str) -> str:
    for shard in shards:
        for fragment in (output / BUNDLE / shard["path"] / "fragment").iterdir():
            if json.loads(gzip.decompress(fragment.read_bytes())[len(SIGNATURE):])["url"] == url:
                return shard["path"]
    raise AssertionError(f"{url} is in no shard")


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


def _results(browser, base: str, path: str) -> tuple[list[str], list[str]]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + path)
    page.wait_for_function("document.getElementById('search-status').textContent.trim() !== '' && "
                           "!document.getElementById('search-status').textContent.includes('…')", timeout=15000)
    links = [a.get_attribute("href") for a in page.query_selector_all(".search__result a")]
    page.close()
    return links, errors


def test_every_case_study_is_found_whatever_its_shard(tmp_path_factory, browser) -> None:
    site = make_nda_site(tmp_path_factory.mktemp("shards"))
    shards = _build_in_shards(site, 4)
    assert len(shards) >= 3
    where = {slug: _shard_of(site / "output", shards, f"/work/{slug}/") for slug in BODY_WORDS}
    assert set(where.values()) - {shards[0]["path"]}, where   # some live beyond the first shard
    with serve_folder(site / "output", "/portfolio/") as base:
        for slug, word in BODY_WORDS.items():
            assert _results(browser, base, f"search/?q={word}") == ([f"/portfolio/work/{slug}/"], []), word
        for word in ("Initech", "Falcon", "Globex"):
            links, errors = _results(browser, base, f"search/?q={word}")
            assert not [h for h in links if "/p/" in h or "initech" in h] and errors == [], word
        assert _results(browser, base, "search/?q=zebracrossing&tag=fintech") == (
            ["/portfolio/work/public-project/"], [])
        assert _results(browser, base, "search/?industry=Logistics") == (
            ["/portfolio/work/a-route-planner-for-a-logistics-company/"], [])


def test_each_language_searches_its_own_pages_across_shards(tmp_path_factory, browser) -> None:
    root = tmp_path_factory.mktemp("bilingual")
    assert run_cli("new", str(root / "site"), cwd=root).returncode == 0
    site = root / "site"
    make_bilingual(site)
    shards = _build_in_shards(site, 2)
    holding_pt = [shard["path"] for shard in shards if "pt" in shard["languages"]]
    assert 1 < len(holding_pt) < len(shards)   # some shards hold no Portuguese page
    with serve_folder(site / "output", "/portfolio/") as base:
        english, errors = _results(browser, base, "search/?q=checkout")
        assert english and errors == [] and not [h for h in english if h.startswith("/portfolio/pt/")]
        portuguese, errors = _results(browser, base, "pt/search/?q=checkout")
        assert errors == [] and "/portfolio/pt/work/primeiro-projeto/" in portuguese
        assert all(h.startswith("/portfolio/pt/") for h in portuguese), portuguese
    shutil.rmtree(root, ignore_errors=True)
