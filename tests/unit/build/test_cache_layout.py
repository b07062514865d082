"""build/cachedirs.py names every folder under cache_dir, and every cache
writes through fsutil.write_atomic (one copy of the tmp + rename dance)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from portfoliogen import fsutil
from portfoliogen.build.cachedirs import CacheDirs
from tests.conftest import run_cli


def test_every_folder_under_the_cache_is_one_cachedirs_names(built_site: Path) -> None:
    cache = CacheDirs(built_site / ".portfoliogen-cache")
    declared = {cache.build, cache.markdown, cache.images, cache.cards, cache.trash}
    present = {cache.root / name for name in os.listdir(cache.root)}
    assert present <= declared
    assert {cache.build, cache.markdown, cache.images, cache.cards} <= present
    assert cache.state_file.is_file() and cache.fast_file.is_file()
    # No cache leaves a temporary file behind after a build.
    assert not [p for p in cache.root.rglob(f"*{fsutil.TMP_SUFFIX}")]


def test_a_moved_cache_dir_moves_every_cache(new_site: Path) -> None:
    config = new_site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "cache_dir: elsewhere/cache\n", encoding="utf-8")
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 0, result.stderr
    assert not (new_site / ".portfoliogen-cache").exists()
    cache = CacheDirs(new_site / "elsewhere/cache")
    assert cache.state_file.is_file() and any(cache.images.iterdir()) and any(cache.cards.iterdir())


def test_write_atomic_replaces_and_makes_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "a/b/file.json"
    fsutil.write_atomic(target, "one")
    fsutil.write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(target.parent) == ["file.json"]


def test_write_atomic_leaves_nothing_when_the_write_fails(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("before", encoding="utf-8")
    with pytest.raises(TypeError):
        fsutil.write_atomic(target, 42)   # not bytes: fails after the temporary file is opened
    assert target.read_text(encoding="utf-8") == "before"
    assert os.listdir(tmp_path) == ["file.txt"]


def test_concurrent_writers_never_show_half_a_file(tmp_path: Path) -> None:
    target = tmp_path / "shared.bin"
    payloads = [bytes([i]) * 200_000 for i in range(8)]
    seen: list[bytes] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                seen.append(target.read_bytes())
            except FileNotFoundError:
                pass

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=fsutil.write_atomic, args=(target, data)) for data in payloads * 3]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    stop.set()
    reader.join()
    assert all(data in payloads for data in seen)
    assert os.listdir(tmp_path) == ["shared.bin"]


def test_stat_records_see_a_same_size_edit(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("one", encoding="utf-8")
    before = fsutil.stat_of(path)
    os.utime(path, ns=(before[1], before[1]))
    path.write_text("two", encoding="utf-8")
    os.utime(path, ns=(before[1], before[1]))   # mtime set back: the change time still tells
    assert fsutil.stat_of(path) != before
    assert fsutil.stat_of(tmp_path / "missing") is None
