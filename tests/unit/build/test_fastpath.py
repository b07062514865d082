"""fastpath.py: the no-change shortcut sees what the build reads and never
trusts a timestamp that cannot tell an edit apart."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from portfoliogen.build import fastpath
from portfoliogen.errors import SiteError

SECOND = 1_000_000_000


def stat(mtime: int, ctime: int | None = None) -> tuple:
    return ("f", 1, mtime, mtime if ctime is None else ctime, 1)


def test_racy_timestamps() -> None:
    start = 1_700_000_000 * SECOND + 300_000_000
    # whole-second timestamps (a one-second file system): the second before the build is racy
    assert fastpath.racy([stat(1_700_000_000 * SECOND)], start)
    assert fastpath.racy([stat(1_699_999_999 * SECOND)], start)
    assert not fastpath.racy([stat(1_699_999_990 * SECOND)], start)
    # fine timestamps: only a kernel tick or so before the start
    assert not fastpath.racy([stat(start - SECOND + 7)], start)
    assert fastpath.racy([stat(start - 1_000_007)], start)
    assert fastpath.racy([stat(start - 100 * SECOND + 7, start + 5)], start)   # the change time counts


def test_walk_follows_symlinked_folders_once(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere/bundle"
    real.mkdir(parents=True)
    (real / "index.md").write_text("x", encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    (content / "bundle").symlink_to(real, target_is_directory=True)
    (real / "loop").symlink_to(content, target_is_directory=True)   # a loop: walked once
    found: list = []
    fastpath._walk(content, found)
    assert [Path(f[0]).name for f in found] == ["index.md"]


def test_the_signature_sees_an_edit_inside_a_symlinked_folder(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir()
    (real / "index.md").write_text("one", encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content/linked").symlink_to(real, target_is_directory=True)
    config = tmp_path / "config.yaml"
    config.write_text("base_url: https://x.example\n", encoding="utf-8")
    before = fastpath.input_signature(config, {}, [])
    (real / "index.md").write_text("two", encoding="utf-8")
    assert fastpath.input_signature(config, {}, []) != before


def test_an_alias_bomb_is_the_build_error_at_once(tmp_path: Path) -> None:
    lines = ['a0: &a0 "lol"'] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    config = tmp_path / "config.yaml"
    config.write_text("\n".join(lines) + "\ncache_dir: *a9\n", encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(SiteError) as err:
        fastpath.unchanged(config, {})
    assert time.perf_counter() - started < 2
    assert str(err.value).startswith("config.yaml:")


def test_no_config_is_left_to_the_build(tmp_path: Path) -> None:
    assert fastpath.unchanged(tmp_path / "config.yaml", {}) is None


def test_the_shortcut_stays_light() -> None:
    code = "import sys, portfoliogen.build.fastpath; print(sorted(m for m in ('pydantic', 'jinja2', 'PIL') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
