"""The search index in shards, on real builds of a small site cut into shards of three
pages: an edit indexes only the shards of the pages it changed, a shard whose published
files were changed is indexed again, and the output equals a clean build's, byte for byte."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from portfoliogen.build import searchshards
from portfoliogen.build.pipeline import BuildOptions, build
from portfoliogen.build.search import BUNDLE, MANIFEST
from tests.conftest import tree_digest

pytest.importorskip("pagefind_bin")


@pytest.fixture(autouse=True)
def small_shards(monkeypatch) -> None:
    monkeypatch.setattr(searchshards, "PAGES_PER_SHARD", 3)


def _build(site: Path, caplog) -> tuple[int, int]:
    """Build; (shards indexed, shards reused)."""
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="portfoliogen.build.search"):
        build(BuildOptions(config_path=site / "config.yaml"))
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("search: ")][-1]
    _shards, indexed, reused = (int(word) for word in said.split() if word.isdigit())
    return indexed, reused


def _clean(site: Path, tmp: Path) -> dict[str, str]:
    fresh = tmp / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns(".portfoliogen-cache", "output*"))
    build(BuildOptions(config_path=fresh / "config.yaml", use_cache=False))
    return tree_digest(fresh / "output")


def _shards(site: Path) -> list[str]:
    manifest = json.loads((site / "output" / BUNDLE / MANIFEST).read_text(encoding="utf-8"))
    return [shard["path"] for shard in manifest["shards"]]


def test_an_edit_indexes_its_shard_only_and_equals_a_clean_build(new_site: Path, tmp_path: Path, caplog) -> None:
    indexed, reused = _build(new_site, caplog)
    assert indexed == len(_shards(new_site)) > 2 and reused == 0
    assert _build(new_site, caplog) == (0, indexed)          # nothing changed
    study = new_site / "content/case-studies/second-project.md"
    study.write_text(study.read_text(encoding="utf-8") + "\nOne more sentence about quinces.\n", encoding="utf-8")
    assert _build(new_site, caplog) == (1, indexed - 1)
    assert tree_digest(new_site / "output") == _clean(new_site, tmp_path)


def test_a_shard_changed_in_the_output_is_indexed_again(new_site: Path, tmp_path: Path, caplog) -> None:
    indexed, _ = _build(new_site, caplog)
    entry = new_site / "output" / BUNDLE / _shards(new_site)[1] / "pagefind-entry.json"
    entry.write_text(entry.read_text(encoding="utf-8").replace('"page_count":', '"page_count":1'), encoding="utf-8")
    assert _build(new_site, caplog) == (1, indexed - 1)
    assert tree_digest(new_site / "output") == _clean(new_site, tmp_path)
