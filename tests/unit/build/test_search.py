"""build/search.py: Pagefind indexes exactly the pages it is given, in place in the staging
folder, whatever their paths hold and whatever else the folder holds; in shards, of which
an unchanged one is copied from the previous output, never trusted if its files changed."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from portfoliogen.build import search
from portfoliogen.build.search import BUNDLE, MANIFEST, Previous, SearchUnavailable, build_index

pytest.importorskip("pagefind_bin")

SIGNATURE = b"pagefind_dcd"


def _page(root: Path, out_path: str, text: str, lang: str = "en") -> None:
    path = root / out_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<!doctype html><html lang="{lang}"><head><title>{text}</title></head><body>'
                    f'<main data-pagefind-body><h1>{text}</h1><p>{text} words</p></main></body></html>',
                    encoding="utf-8")


def _indexed_urls(root: Path, folder: str = "") -> list[str]:
    return sorted(json.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE):])["url"]
                  for path in (root / BUNDLE / folder / "fragment").iterdir())


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


# ------------------------------------------------------------------ shards
def _site(root: Path, texts: dict[str, str]) -> list[str]:
    for out_path, text in texts.items():
        _page(root, out_path, text, "pt" if out_path.startswith("pt/") else "en")
    return sorted(texts)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _previous(out: Path, records: dict, staging: Path) -> Previous:
    """The previous build's index in `out`, copied into `staging` when reused."""
    def copy(rel: str, src: Path) -> None:
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, staging / rel)
    return Previous(records, lambda rel: out / rel if (out / rel).is_file() else None, copy)


@pytest.fixture
def runs(monkeypatch) -> list[str]:
    """The shards Pagefind ran for."""
    ran: list[str] = []
    index = search._index

    def counted(executable, root, shard, work_dir):
        ran.append(shard.folder)
        return index(executable, root, shard, work_dir)
    monkeypatch.setattr(search, "_index", counted)
    return ran


def test_shards_are_bundles_of_their_own_listed_with_their_languages(tmp_path: Path) -> None:
    root = tmp_path / "staging"
    pages = _site(root, {f"work/p{i}/index.html": f"Page {i}" for i in range(9)} | {"pt/sobre/index.html": "Sobre"})
    records = build_index(root, pages, tmp_path / "work", per_shard=3)
    manifest = json.loads((root / BUNDLE / MANIFEST).read_text(encoding="utf-8"))
    folders = [shard["path"] for shard in manifest["shards"]]
    assert folders == sorted(records) and len(folders) == 4
    urls = []
    for shard in manifest["shards"]:
        indexed = _indexed_urls(root, shard["path"])
        assert sum(shard["languages"].values()) == len(indexed)
        assert ("pt" in shard["languages"]) == ("/pt/sobre/" in indexed)
        urls += indexed
    assert sorted(urls) == sorted("/" + p.removesuffix("index.html") for p in pages)


def test_an_unchanged_shard_is_copied_and_the_index_equals_a_fresh_one(tmp_path: Path, runs) -> None:
    texts = {f"work/p{i}/index.html": f"Page {i}" for i in range(12)}
    first = tmp_path / "first"
    records = build_index(first, _site(first, texts), tmp_path / "work", per_shard=4)
    assert len(runs) == len(records) > 1
    second = tmp_path / "second"
    texts["work/p5/index.html"] = "Page five, edited"
    runs.clear()
    again = build_index(second, _site(second, texts), tmp_path / "work", _previous(first, records, second), per_shard=4)
    changed = [folder for folder in records if records[folder][0] != again[folder][0]]
    assert runs == changed and len(changed) == 1
    fresh = tmp_path / "fresh"
    build_index(fresh, _site(fresh, texts), tmp_path / "work", per_shard=4)
    assert _tree(second / BUNDLE) == _tree(fresh / BUNDLE)


def test_a_shard_whose_files_changed_or_went_is_indexed_again(tmp_path: Path, runs) -> None:
    texts = {f"work/p{i}/index.html": f"Page {i}" for i in range(8)}
    first = tmp_path / "first"
    records = build_index(first, _site(first, texts), tmp_path / "work", per_shard=4)
    folders = sorted(records)
    (first / BUNDLE / folders[0] / "pagefind-entry.json").unlink()            # gone
    forged = dict(records, **{folders[1]: ("0" * 32, records[folders[1]][1])})  # another digest
    second = tmp_path / "second"
    runs.clear()
    build_index(second, _site(second, texts), tmp_path / "work", _previous(first, forged, second), per_shard=4)
    assert sorted(runs) == folders[:2]
    fresh = tmp_path / "fresh"
    build_index(fresh, _site(fresh, texts), tmp_path / "work", per_shard=4)
    assert _tree(second / BUNDLE) == _tree(fresh / BUNDLE)
