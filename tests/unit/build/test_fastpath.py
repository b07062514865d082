"""fastpath.py: the no-change shortcut sees what the build reads and never
trusts a timestamp that cannot tell an edit apart."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from portfoliogen.build import fastpath
from portfoliogen.build.cachedirs import CacheDirs
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
    fastpath.walk_stats(content, found)
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


def recorded_site(tmp_path: Path, options: dict | None = None) -> tuple[Path, Path, dict]:
    """A small site whose last build was recorded, with nothing racy about it."""
    (tmp_path / "content/case-studies").mkdir(parents=True)
    (tmp_path / "content/case-studies/a.md").write_text("one", encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text("title: x\nbase_url: https://x.example\n", encoding="utf-8")
    out = tmp_path / "output"
    out.mkdir()
    (out / "index.html").write_text("home", encoding="utf-8")
    options = options if options is not None else fastpath.options_key(None, False, None, False, None)
    time.sleep(fastpath.RACY_FINE_NS / 1e9 * 2)
    fastpath.record(config, options, out.resolve(), (tmp_path / ".portfoliogen-cache").resolve(),
                    {"pages": 1, "images": 0, "notices": []}, [], time.time_ns())
    return config, out, options


def test_nothing_changed_is_the_last_summary(tmp_path: Path) -> None:
    config, _out, options = recorded_site(tmp_path)
    summary = fastpath.unchanged(config, options)
    assert summary is not None and (summary["pages"], summary["images"], summary["notices"]) == (1, 0, [])


@pytest.mark.parametrize("change", ["content edit", "new content file", "config edit", "theme file",
                                    "output edit", "output file removed", "another option", "staging leftover"])
def test_any_change_is_not_unchanged(tmp_path: Path, change: str) -> None:
    config, out, options = recorded_site(tmp_path)
    if change == "content edit":
        (tmp_path / "content/case-studies/a.md").write_text("two", encoding="utf-8")
    elif change == "new content file":
        (tmp_path / "content/case-studies/b.md").write_text("b", encoding="utf-8")
    elif change == "config edit":
        config.write_text("title: y\nbase_url: https://x.example\n", encoding="utf-8")
    elif change == "theme file":
        (tmp_path / "themes/default/templates").mkdir(parents=True)
        (tmp_path / "themes/default/templates/404.html").write_text("lost", encoding="utf-8")
    elif change == "output edit":
        (out / "index.html").write_text("hacked", encoding="utf-8")
    elif change == "output file removed":
        (out / "index.html").unlink()
    elif change == "another option":
        options = {**options, "drafts": True}
    else:
        (tmp_path / "output.staging-1234").mkdir()
    assert fastpath.unchanged(config, options) is None


def test_an_input_changed_during_the_build_records_nothing(tmp_path: Path) -> None:
    config, out, options = recorded_site(tmp_path)
    assert fastpath.unchanged(config, options) is not None
    started = time.time_ns()
    (tmp_path / "content/case-studies/a.md").write_text("edited while building", encoding="utf-8")
    fastpath.record(config, options, out.resolve(), (tmp_path / ".portfoliogen-cache").resolve(),
                    {"pages": 1, "images": 0, "notices": []}, [], started)
    assert not CacheDirs((tmp_path / ".portfoliogen-cache").resolve()).fast_file.exists()
    assert fastpath.unchanged(config, options) is None


def test_the_cache_and_output_folders_come_from_the_config(tmp_path: Path) -> None:
    config, out, options = recorded_site(tmp_path)
    moved = tmp_path / "public"
    out.rename(moved)
    config.write_text(config.read_text(encoding="utf-8") + "output: public\n", encoding="utf-8")
    assert fastpath.unchanged(config, options) is None       # recorded for output/, not public/
