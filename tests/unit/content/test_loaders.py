"""Loading a content folder again with the last build's ContentCache: unchanged files come back as
the very objects parsed last time, and whatever changed (an edit, a new name, a file that became a
bundle, a translation) is loaded as a first load would."""

from __future__ import annotations

import os
import time
from pathlib import Path

from portfoliogen.build.state import ContentCache
from portfoliogen.config import load_config
from portfoliogen.content.loaders import load_content
from tests.unit.sitefiles import study, write_site


def load_twice(root: Path, change) -> tuple[dict, dict]:
    config = load_config(root / "config.yaml")
    first = ContentCache({})
    first.now_ns += 10 * ContentCache.RACY_NS   # as if the files were written long ago: trusted by their stat
    before = {cs.src_path: cs for cs in load_content(config, first).case_studies}
    change()
    again = ContentCache(first.current)
    again.now_ns += 10 * ContentCache.RACY_NS
    after = {cs.src_path: cs for cs in load_content(config, again).case_studies}
    fresh = {cs.src_path: cs for cs in load_content(config).case_studies}
    assert after == fresh   # the same as a load without any cache
    return before, after


def test_unchanged_files_are_the_same_objects_and_changes_are_loaded(tmp_path: Path) -> None:
    root = write_site(tmp_path, {f"content/case-studies/{name}.md": study(name.title())
                                 for name in ("alpha", "beta", "gamma", "delta")})
    folder = root / "content" / "case-studies"

    def change() -> None:
        (folder / "beta.md").write_text(study("Beta", body="Edited.\n"), encoding="utf-8")
        os.utime(folder / "beta.md", ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
        (folder / "gamma.md").rename(folder / "epsilon.md")
        (folder / "delta.md").unlink()
        (folder / "delta").mkdir()   # the same name, now a bundle
        (folder / "delta" / "index.md").write_text(study("Delta"), encoding="utf-8")

    before, after = load_twice(root, change)
    assert after["content/case-studies/alpha.md"] is before["content/case-studies/alpha.md"]
    assert after["content/case-studies/beta.md"].body == "Edited.\n"
    assert "content/case-studies/gamma.md" not in after and after["content/case-studies/epsilon.md"].slug == "epsilon"
    assert after["content/case-studies/delta/index.md"].slug == "delta"


def test_a_translation_is_named_by_its_language_on_every_load(tmp_path: Path) -> None:
    root = write_site(tmp_path, {
        "config.yaml": "title: Ada\nbase_url: https://ada.example/\nlanguages: [en, {code: pt-PT, prefix: /pt/}]\n",
        "content/case-studies/alpha.md": study("Alpha"),
        "content/case-studies/alpha.pt.md": study("Alfa"),
    })
    folder = root / "content" / "case-studies"
    before, after = load_twice(root, lambda: (folder / "beta.pt.md").write_text(study("Beta"), encoding="utf-8"))
    assert after["content/case-studies/alpha.pt.md"] is before["content/case-studies/alpha.pt.md"]
    assert after["content/case-studies/alpha.pt.md"].view == "pt-PT"
    assert after["content/case-studies/beta.pt.md"].view == "pt-PT"

