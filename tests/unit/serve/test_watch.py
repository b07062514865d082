"""serve/watch.py: which paths are a site change, an asset change or none
of ours (editors' temp files never are), and a queue that hands a burst of
changes to the build loop once, after a real quiet period."""

from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from portfoliogen.serve.watch import ASSET, SITE, ChangeQueue, Watcher, WatchPlan

ROOT = Path("/site")
PLAN = WatchPlan(ROOT / "config.yaml", (ROOT / "content", ROOT / "themes", ROOT / "themes/own", Path("/builtin/default")),
                 (ROOT / "themes/own/assets", Path("/builtin/default/assets")))


@pytest.mark.parametrize("path, kind", [
    ("/site/config.yaml", SITE),
    ("/site/content/case-studies/a.md", SITE),
    ("/site/content/images/cover.jpg", SITE),
    ("/site/themes/own/templates/home.html", SITE),
    ("/site/themes/own/theme.yaml", SITE),
    ("/builtin/default/templates/base.html", SITE),
    ("/site/themes/own/assets/site.css", ASSET),
    ("/builtin/default/assets/js/a.js", ASSET),
    (b"/site/content/caf\xc3\xa9.md", SITE),
    (b"/site/content/bad\xff.md", SITE),                # not UTF-8: still ours
    ("/site/output/index.html", None),                  # what the build writes
    ("/site/.portfoliogen-cache/build/state.json", None),
    ("/site/README.md", None),
    ("/site/config.yaml.swp", None),
    ("/elsewhere/content/a.md", None),
])
def test_classify(path, kind) -> None:
    assert PLAN.classify(path) == kind


@pytest.mark.parametrize("name", [".a.md.swp", ".a.md.swx", ".a.md.swo", "a.md~", "4913", ".#a.md", "a.md.tmp",
                                  "photo.jpg.part", "photo.jpg.crdownload", "a.md___jb_tmp___",
                                  "a.md___jb_old___", ".DS_Store", "Thumbs.db"])
def test_editor_temp_files_are_never_a_change(name: str) -> None:
    assert PLAN.classify(f"/site/content/case-studies/{name}") is None
    assert PLAN.classify(f"/site/themes/own/assets/{name}") is None


def test_roots_skip_nested_trees_and_missing_folders(tmp_path: Path) -> None:
    for rel in ("content", "themes/own/assets", "theme-elsewhere"):
        (tmp_path / rel).mkdir(parents=True)
    plan = WatchPlan(tmp_path / "config.yaml",
                     (tmp_path / "content", tmp_path / "themes", tmp_path / "themes/own", tmp_path / "gone",
                      tmp_path / "theme-elsewhere"), (tmp_path / "themes/own/assets",))
    roots = plan.roots()
    assert roots[0] == (tmp_path, False)    # config.yaml's folder, alone
    assert sorted(roots[1:]) == [(tmp_path / "content", True), (tmp_path / "theme-elsewhere", True),
                                 (tmp_path / "themes", True)]


def later(delays_and_paths: list[tuple[float, str]], queue: ChangeQueue, kind: str = SITE) -> threading.Thread:
    """Add each path to the queue after its delay (seconds since the last one)."""
    def run() -> None:
        for delay, path in delays_and_paths:
            time.sleep(delay)
            queue.add(kind, path)
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_burst_is_taken_once_after_the_quiet_period() -> None:
    queue = ChangeQueue()
    quiet = 0.3
    burst = [(0.05, f"/site/content/{i}.md") for i in range(8)]   # ~0.4 s of changes, never 0.3 s apart
    started = time.monotonic()
    thread = later(burst, queue)
    kinds, paths = queue.take(quiet)
    waited = time.monotonic() - started
    thread.join()
    assert kinds == {SITE} and paths == {p for _d, p in burst}
    assert waited >= 8 * 0.05 + quiet - 0.02      # not before the last change has been quiet for `quiet`
    assert waited < 8 * 0.05 + quiet + 1.0


def test_changes_after_a_take_wait_for_the_next_one() -> None:
    queue = ChangeQueue()
    queue.add(ASSET, "/site/themes/own/assets/site.css")
    assert queue.take(0.05) == ({ASSET}, {"/site/themes/own/assets/site.css"})
    thread = later([(0.1, "/site/config.yaml")], queue)
    started = time.monotonic()
    assert queue.take(0.05) == ({SITE}, {"/site/config.yaml"})   # blocked until the change came
    assert time.monotonic() - started >= 0.1
    thread.join()


def test_a_close_ends_a_waiting_take() -> None:
    queue = ChangeQueue()
    closer = threading.Timer(0.1, queue.close)
    closer.start()
    assert queue.take(0.05) is None
    queue2 = ChangeQueue()
    queue2.add(SITE, "/site/config.yaml")
    threading.Timer(0.05, queue2.close).start()
    assert queue2.take(5.0) is None                     # closed during the quiet period: no build


@contextmanager
def watching(root: Path, give_up: float):
    """A real watcher on root/content and root/config.yaml: (content folder, its queue)."""
    content = root / "content"
    content.mkdir()
    (root / "config.yaml").write_text("title: x\n", encoding="utf-8")
    queue = ChangeQueue()
    watcher = Watcher(WatchPlan(root / "config.yaml", (content,), ()), queue)
    watcher.start()
    guard = threading.Timer(give_up, queue.close)   # no event at all: fail, don't hang
    guard.daemon = True
    guard.start()
    try:
        yield content, queue
    finally:
        guard.cancel()
        watcher.stop()


def test_a_real_watcher_reports_a_save_and_ignores_a_swap_file(tmp_path: Path) -> None:
    with watching(tmp_path, 10) as (content, queue):
        time.sleep(0.2)
        (content / ".a.md.swp").write_text("swap", encoding="utf-8")
        (content / "a.md").write_text("saved", encoding="utf-8")
        kinds, paths = queue.take(0.3)
        assert kinds == {SITE} and paths == {str(content / "a.md")}
        (tmp_path / "config.yaml").write_text("title: y\n", encoding="utf-8")
        assert queue.take(0.3) == ({SITE}, {str(tmp_path / "config.yaml")})


def test_asset_only_changes_wait_a_short_quiet_period_and_content_the_full_one() -> None:
    queue = ChangeQueue()
    queue.add(ASSET, "/site/themes/own/assets/site.css")
    started = time.monotonic()
    assert queue.take(0.5) == ({ASSET}, {"/site/themes/own/assets/site.css"})
    assert time.monotonic() - started < 0.25          # ASSET_QUIET, not the 0.5 s quiet period
    queue.add(ASSET, "/site/themes/own/assets/site.css")
    queue.add(SITE, "/site/content/a.md")             # with content: the full quiet period
    started = time.monotonic()
    assert queue.take(0.5)[0] == {ASSET, SITE}
    assert time.monotonic() - started >= 0.45


def test_files_known_to_be_whole_wait_only_the_settled_quiet_period() -> None:
    """A save closed after writing (or renamed into place, or deleted) is built
    at once; a file only seen modified may still be written: the full period."""
    queue = ChangeQueue()
    queue.add(SITE, "/site/content/a.md")                 # truncated and written...
    queue.add(SITE, "/site/content/a.md", settled=True)   # ... and closed
    started = time.monotonic()
    assert queue.take(0.5) == ({SITE}, {"/site/content/a.md"})
    assert time.monotonic() - started < 0.25              # SETTLED_QUIET, not 0.5 s
    queue.add(SITE, "/site/content/a.md", settled=True)
    queue.add(SITE, "/site/content/b.md")                 # another file still being written
    started = time.monotonic()
    assert queue.take(0.5)[1] == {"/site/content/a.md", "/site/content/b.md"}
    assert time.monotonic() - started >= 0.45


def test_a_file_written_again_after_its_close_waits_again() -> None:
    """Closed, then opened and written again: not whole any more."""
    queue = ChangeQueue()
    queue.add(SITE, "/site/content/a.md", settled=True)
    queue.add(SITE, "/site/content/a.md")
    started = time.monotonic()
    queue.take(0.4)
    assert time.monotonic() - started >= 0.35


def test_a_real_write_is_taken_after_its_close_without_the_quiet_period(tmp_path: Path) -> None:
    """On Linux (inotify reports closes) a plain write of a file is built well
    within the quiet period; a file left open after writing is not, until closed."""
    if not sys.platform.startswith("linux"):
        pytest.skip("closes are reported by inotify only")
    with watching(tmp_path, 20) as (content, queue):
        time.sleep(0.2)
        started = time.monotonic()
        (content / "a.md").write_text("saved", encoding="utf-8")
        assert queue.take(2.0) == ({SITE}, {str(content / "a.md")})
        assert time.monotonic() - started < 1.0          # not the 2 s quiet period
        with open(content / "b.md", "w", encoding="utf-8") as handle:   # half written, still open
            handle.write("half")
            handle.flush()
            took: list = []
            taker = threading.Thread(target=lambda: took.append(queue.take(0.6)))
            taker.start()
            time.sleep(0.3)
            assert not took                              # still within the full quiet period
            handle.write(" and the rest")
        taker.join(5)
        assert took and took[0][1] == {str(content / "b.md")}
        assert (content / "b.md").read_text(encoding="utf-8") == "half and the rest"


def test_only_site_changes_stop_a_running_build() -> None:
    """A stylesheet saved during a build waits for it (then it is swapped in);
    content saved during a build stops it."""
    queue = ChangeQueue()
    assert not queue.pending()
    queue.add(ASSET, "/site/themes/own/assets/site.css", settled=True)
    assert not queue.pending()
    queue.add(SITE, "/site/content/a.md", settled=True)
    assert queue.pending()
    queue.take(0.05)
    assert not queue.pending()
    queue.close()
    assert queue.pending()
