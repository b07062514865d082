"""build/search.py: Pagefind indexes exactly the pages it is given, in place in the staging
folder, whatever their paths hold and whatever else the folder holds."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from portfoliogen.build.search import BUNDLE, SearchUnavailable, build_index

pytest.importorskip("pagefind_bin")

SIGNATURE = b"pagefind_dcd"


def _page(root: Path, out_path: str, text: str, lang: str = "en") -> None:
    path = root / out_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<!doctype html><html lang="{lang}"><head><title>{text}</title></head><body>'
                    f'<main data-pagefind-body><h1>{text}</h1><p>{text} words</p></main></body></html>',
                    encoding="utf-8")


def _indexed_urls(root: Path) -> list[str]:
    return sorted(json.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE):])["url"]
                  for path in (root / BUNDLE / "fragment").iterdir())


def test_only_the_given_pages_are_indexed_whatever_their_paths_hold(tmp_path: Path) -> None:
    root = tmp_path / "staging"
    given = ["index.html", "work/plain/index.html", "work/a(b),c{d}/index.html", "work/x[1]/index.html",
             "work/q?s*t/index.html", "work/d$o:l<l>/index.html", "work/bang!/index.html", "fr/été/index.html"]
    for out_path in given:
        _page(root, out_path, "Given")
    # Look-alikes a loose glob would also match, and a pitch page marked up for search.
    for out_path in ["work/plainer/index.html", "work/x1/index.html", "work/qXsYYt/index.html",
                     "p/token/index.html", "404.html"]:
        _page(root, out_path, "Hidden")
    build_index(root, sorted(given), tmp_path / "work")
    assert _indexed_urls(root) == sorted(["/", "/work/plain/", "/work/a(b),c{d}/", "/work/x[1]/", "/work/q?s*t/",
                                          "/work/d$o:l<l>/", "/work/bang!/", "/fr/été/"])
    assert not list((tmp_path / "work").iterdir())   # nothing left behind


def test_a_pagefind_config_of_the_project_changes_nothing(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "staging"
    _page(root, "work/one/index.html", "One")
    _page(root, "work/two/index.html", "Two")
    monkeypatch.chdir(tmp_path)   # where `portfoliogen build` runs, and Pagefind used to
    (tmp_path / "pagefind.yml").write_text("glob: \"**/*.html\"\nforce_language: de\n", encoding="utf-8")
    build_index(root, ["work/one/index.html"], Path("work"))
    assert _indexed_urls(root) == ["/work/one/"]
    entry = json.loads((root / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]


def test_a_path_no_glob_can_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SearchUnavailable, match="backslash"):
        build_index(tmp_path, ["work/a\\b/index.html"], tmp_path / "work")
