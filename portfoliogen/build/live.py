"""The dev server's build session: the build state kept in memory between saves and its
folder updated in place, one file at a time, with only the files that changed."""

from __future__ import annotations

import dataclasses
import json
import logging
import itertools
import os
import queue
import re
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portfoliogen.build.fastpath import walk_stats
from portfoliogen.build.state import BuildState, save_state
from portfoliogen.fsutil import TMP_SUFFIX, builtin_themes_dir, stat_of, write_atomic
from portfoliogen.render.bodies import prepare_markdown
from portfoliogen.render.pages import Renderer

log = logging.getLogger("portfoliogen.build.live")


class Cancelled(Exception):
    """A newer save arrived: this build's work is thrown away (nothing was written)."""


# The CLI stages a whole new tree and swaps it in (staging.py): the published output/ must never
# be half old, half new. The dev server's folder is private (a temporary folder only it writes), so
# a save needs none of that: the pages a save changed are collected in memory while rendering and,
# once the whole build has succeeded, each is put in place with an atomic rename. Unchanged files
# are not touched at all, and the build state is not read from or written to disk between saves.
class LiveSite:
    """One dev-server session: `state` is the last good build's state (None
    before the first), `files` what each file in `folder` was made from."""

    def __init__(self, folder: Path, cancelled: Callable[[], bool] = lambda: False,
                 manifest: Path | None = None):
        """`manifest`: the folder is kept between sessions (in the cache) and
        this file records what is in it when the session stops (`save`)."""
        self.folder = Path(folder)
        self.manifest = manifest
        self.cancelled = cancelled
        self.state: BuildState | None = None
        self.loaded: BuildState | None = None      # as read from disk (its encoding is reused on save)
        self.cache_dir: Path | None = None
        self.files: dict[str, tuple] = {}          # rel -> ("data",) | ("copy", src, stat)
        self.generation = 0                        # bumped before files are replaced (serve/http.py)
        # Pages a browser asked for lately, newest first: a save renders these first and shows
        # them at once (LiveRound.show_now), the rest of the build following, as Hugo's fast render.
        self.on_show: Callable[[set[str]], None] | None = None   # tells the browsers (the dev server)
        self.last_swap: SwapReport | None = None   # what the last completed round changed
        self._visited: list[str] = []
        self._visits_lock = threading.Lock()
        self.sweeper = Sweeper()
        self._theme: tuple[tuple, Any, tuple[list[Path], list[str]]] | None = None   # theme_of()
        self._signed: tuple[list, list[Path], str] | None = None   # signature_of()
        self._spools = itertools.count()
        self._sweep_leftovers()
        if manifest is not None:
            self._resume()

    def _sweep_leftovers(self) -> None:
        """Spools a killed session left beside the folder."""
        try:
            names = os.listdir(self.folder.parent)
        except OSError:
            return
        for name in names:
            if name.startswith(self.folder.name + ".spool"):
                self.sweeper.remove(str(self.folder.parent / name))

    def next_spool(self) -> str:
        """A folder name no round has used in this session: nothing to clear before a round."""
        return str(self.folder.with_name(f"{self.folder.name}.spool-{os.getpid()}-{next(self._spools)}"))

    def close(self) -> None:
        """Wait for the folders handed to the sweeper to be gone (on stop)."""
        self.sweeper.close()

    # A restart of `serve` finds the folder its last session left: pages whose records still hold
    # are carried over instead of rendered (a warm start in about a second at 1,000 case studies).
    # Only a folder exactly as that session recorded it is taken over: one file changed, added or
    # missing (another tool, a crash mid-swap) and the folder is emptied, so the build writes all.
    # The manifest is removed as it is read: a session that dies leaves none behind.
    def _resume(self) -> None:
        recorded = _read_manifest(self.manifest)
        try:
            os.unlink(self.manifest)
        except OSError:
            pass
        found = {}
        for folder, _dirs, names in os.walk(self.folder):
            for name in names:
                path = os.path.join(folder, name)
                found[os.path.relpath(path, self.folder).replace(os.sep, "/")] = stat_of(path)
        if recorded is not None and found and found == {rel: stat for rel, (_made, stat) in recorded.items()}:
            self.files = {rel: made for rel, (made, _stat) in recorded.items()}
            return
        shutil.rmtree(self.folder, ignore_errors=True)   # our own folder in the cache, not as we left it

    def check(self) -> None:
        if self.cancelled():
            raise Cancelled

    # Loading the theme reads and checks every file of its chain and fingerprints its assets, and
    # listing its page-wide files walks it again: ~6 ms of every save before its first look
    # (1,000 case studies), for a theme that a content save does not change. Taken from the last
    # round while the config and every file under the themes folders (names, sizes, times, inodes:
    # ~0.5 ms to look at) are as they were.
    def theme_of(self, config: Any, load: Callable[[Any], Any]) -> tuple[Any, tuple[list[Path], list[str]]]:
        """`load(config)` and its page_wide_files(), the last round's when nothing they come from changed."""
        stats: list = []
        for folder in (Path(config.root) / "themes", builtin_themes_dir()):
            walk_stats(folder, stats)
        key = (config, stats)
        if self._theme is None or self._theme[0] != key:
            theme = load(config)
            self._theme = (key, theme, theme.page_wide_files())
        return self._theme[1], self._theme[2]

    # The build's global signature hashes every page-wide theme file (~0.5 MB with the default
    # theme's fonts: ~0.8 ms a save). While theme_of hands out the very same list of them, no file
    # under the themes folders changed, so neither did their bytes.
    def signature_of(self, parts: list, files: list[Path], sign: Callable[[list, list[Path]], str]) -> str:
        """sign(parts, files), the last round's while `parts` are equal and `files` is the same list."""
        last = self._signed
        if last is not None and last[1] is files and last[0] == parts:
            return last[2]
        value = sign(parts, files)
        self._signed = (parts, files, value)
        return value

    # A warm start renders no page and parses no body in this process (nothing changed, or forked
    # workers did it), so the first save's first look compiled the theme's templates and built the
    # Markdown parsers: ~50 ms and ~25 ms more than the next saves at 1,000 case studies. They are
    # made (into the process-wide caches: tracking.COMPILED, bodies._MARKDOWN) while the server
    # waits for that save, one at a time, stopping when a change arrives.
    def warm_up(self, site: Any, stop: Callable[[], bool]) -> None:
        """Compile the last round's theme templates and build the Markdown parsers, until `stop()`."""
        if self._theme is None or site is None:
            return
        env = Renderer(site, self._theme[1]).env
        for name in env.list_templates():
            if stop():
                return
            try:
                env.get_template(name)
            except Exception:  # noqa: BLE001 - a broken template is reported when a page renders it
                log.debug("compiling %s", name, exc_info=True)
        prepare_markdown(site.config.markdown.raw_html, stop)

    def start_state(self, load: Callable[[], BuildState]) -> BuildState:
        """The state this build starts from: a copy (a failed build leaves
        the kept one as it was), loaded from disk the first time."""
        if self.state is None:
            self.loaded = self.state = load()
        return dataclasses.replace(self.state)

    def has(self, rel: str) -> bool:
        return rel in self.files

    def note_visit(self, rel: str) -> None:
        """A browser was served this page (called from request threads)."""
        with self._visits_lock:
            if rel in self._visited:
                self._visited.remove(rel)
            self._visited.insert(0, rel)
            del self._visited[VISITS_KEPT:]

    def visited(self) -> list[str]:
        with self._visits_lock:
            return list(self._visited)

    def begin(self) -> LiveRound:
        self.folder.mkdir(parents=True, exist_ok=True)
        return LiveRound(self)

    def commit(self, state: BuildState, cache_dir: Path) -> None:
        self.state, self.cache_dir = state, cache_dir

    def save(self) -> None:
        """Write the kept state to the cache (on stop: the next start is warm)."""
        if self.state is None or self.cache_dir is None or self.state is self.loaded:
            return
        try:
            save_state(self.cache_dir, self.state, previous=self.loaded)
            self.loaded = self.state
            if self.manifest is not None:
                write_atomic(self.manifest, json.dumps({
                    "format": MANIFEST_FORMAT,
                    "files": {rel: [list(made), stat_of(self.folder / rel)] for rel, made in self.files.items()}}))
        except Exception:  # noqa: BLE001 - the cache is only a speed-up
            log.debug("saving the dev server's build state failed", exc_info=True)


VISITS_KEPT = 8   # browser tabs a writer keeps open on the site, generously


@dataclass
class SwapReport:
    """What a round changed in the folder, for the browsers: pages put in
    place early (`shown`), pages written or removed at the end (`pages`), and
    whether any other file a page may show under a fixed name (a static file,
    a video) changed. Everything else has a content hash in its name, so a
    page that shows it changed too."""
    shown: set[str] = field(default_factory=set)
    pages: set[str] = field(default_factory=set)
    other: bool = False


MANIFEST_FORMAT = 1


def _read_manifest(path: Path) -> dict[str, tuple[tuple, tuple]] | None:
    """{rel: (what the file was made from, its stat when saved)}, or None when
    missing or not exactly the shape we write (it is data: nothing runs)."""
    try:
        data = json.loads(Path(path).read_bytes())
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT or not isinstance(data.get("files"), dict):
            return None
        files = {}
        for rel, (made, stat) in data["files"].items():
            if not (isinstance(made, list) and made and made[0] in ("data", "copy") and isinstance(stat, list)
                    and all(isinstance(n, int) for n in stat) and _plain_relative(rel)):
                return None
            files[rel] = (tuple(made if made[0] == "data" else [made[0], made[1], tuple(made[2])]), tuple(stat))
        return files
    except (OSError, ValueError, TypeError):
        return None


def _plain_relative(rel: str) -> bool:
    """'work/a/index.html': inside the folder, whatever joins it (no '/x', '..', '.', '')."""
    return isinstance(rel, str) and all(part not in ("", ".", "..") for part in rel.split("/")) and "\\" not in rel


class LiveRound:
    """The files of one build, in the interface of staging.Staging: nothing
    touches the folder before `swap`, so a failed or cancelled build leaves
    the site being served as it was. Written files go to a spool folder
    first (render workers are other processes), copies are noted in memory."""

    def __init__(self, site: LiveSite):
        self.site = site
        self.spool = site.next_spool()   # made by the first write
        self._made: set[str] = set()
        self.copies: dict[str, Path] = {}
        self.kept: set[str] = set()
        self.shown: set[str] = set()     # pages already put in place by show_now

    def write(self, rel: str, data: bytes) -> None:
        target = os.path.join(self.spool, rel)
        parent = os.path.dirname(target)
        if parent not in self._made:
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)
        with open(target, "wb") as handle:
            handle.write(data)

    def copy(self, rel: str, src: Path) -> None:
        self.copies[rel] = Path(src)

    def link(self, rel: str, src: Path) -> None:
        self.kept.add(rel)           # an unchanged page: already in the folder

    def show_now(self, pages: dict[str, bytes], assets: dict[str, bytes] | None = None,
                 copies: dict[str, Path] | None = None) -> None:
        """Put pages a browser is looking at in place before the rest of the
        build is done, with the asset and image files they may need that are
        not in the folder yet, and say so; a page whose bytes are those in
        place is left alone. The kept state forgets what the pages put in place
        were made from, so a build cancelled or failed after this renders them
        again."""
        site = self.site
        site.check()
        pages = {rel: data for rel, data in pages.items() if not _holds(site.folder / rel, data)}
        if not pages:
            return
        if site.state is not None:
            site.state = dataclasses.replace(site.state, pages={
                rel: record for rel, record in site.state.pages.items() if rel not in pages})
        site.generation += 1
        new_assets = {rel: data for rel, data in (assets or {}).items() if rel not in site.files}
        for rel, data in {**new_assets, **pages}.items():
            # Written beside its place, not through the spool: no folder to make first (making and
            # removing folders took milliseconds each on a busy disk, with the writer waiting).
            site.files.pop(rel, None)
            write_atomic(site.folder / rel, data)
            site.files[rel] = ("data",)
        for rel, src in (copies or {}).items():
            made = ("copy", str(src), stat_of(src))
            if site.files.get(rel) != made:
                site.files.pop(rel, None)
                _replace(str(site.folder), rel, src, move=False)
                site.files[rel] = made
        self.shown.update(pages)
        if site.on_show is not None:
            site.on_show(set(pages))

    def swap(self) -> None:
        self.site.check()
        files = self.site.files
        root = str(self.site.folder)
        self.site.generation += 1    # from here a request waits for the build to be announced
        written = set()
        report = SwapReport(shown=set(self.shown))
        for folder, _dirs, names in os.walk(self.spool):   # (no spool: nothing was written)
            for name in names:
                spooled = os.path.join(folder, name)
                rel = os.path.relpath(spooled, self.spool).replace(os.sep, "/")
                written.add(rel)
                if files.get(rel) == ("data",) and _same_bytes(spooled, os.path.join(root, rel)):
                    continue   # rendered again, the same bytes: left in place, no browser reloads for it
                files.pop(rel, None)     # until it is in place
                _replace(root, rel, spooled, move=True)
                files[rel] = ("data",)
                if rel.endswith(".html"):
                    report.pages.add(rel)
        for rel, src in self.copies.items():
            made = ("copy", str(src), stat_of(src))
            if files.get(rel) != made:
                files.pop(rel, None)
                _replace(root, rel, src, move=False)
                files[rel] = made
                report.other = report.other or not _named_by_content(rel)
        for rel in [rel for rel in files
                    if rel not in written and rel not in self.copies and rel not in self.kept and rel not in self.shown]:
            try:
                os.unlink(os.path.join(root, rel))
            except FileNotFoundError:
                pass
            del files[rel]
            if rel.endswith(".html"):
                report.pages.add(rel)
            elif not _named_by_content(rel):
                report.other = True
        self.site.sweeper.remove(self.spool)   # its files moved out: only its folders are left
        self.site.last_swap = report

    def discard(self) -> None:
        self.site.sweeper.remove(self.spool)


# Removing a folder tree took 10-200 ms on the benchmark machine's busy disk (a few ms an rmdir),
# and a build stopped by a newer save removed its spool before the newer build could start. A
# spool is never used again (LiveSite.next_spool), so it can go later: a thread of its own removes
# it (its system calls do not hold the interpreter lock the build needs).
class Sweeper:
    """Removes folders in the background, one at a time; `close` waits for all. Its thread
    ends once it has had nothing to do for a while: a session never closed (a test's, a
    crashed server's) leaves no thread behind."""

    IDLE = 0.5   # seconds without a folder to remove before the thread ends

    def __init__(self) -> None:
        self._todo: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def remove(self, path: str) -> None:
        if not os.path.lexists(path):
            return
        with self._lock:   # put under the lock: an idle thread ending checks the queue under it
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="portfoliogen-sweep", daemon=True)
                self._thread.start()
            self._todo.put(path)

    def _run(self) -> None:
        while True:
            try:
                path = self._todo.get(timeout=self.IDLE)
            except queue.Empty:
                with self._lock:
                    if self._todo.empty():
                        if self._thread is threading.current_thread():
                            self._thread = None
                        return
                continue
            if path is None:
                return
            shutil.rmtree(path, ignore_errors=True)

    def close(self) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._todo.put(None)
            thread.join()


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _same_bytes(a: str, b: str) -> bool:
    try:
        return os.path.getsize(a) == os.path.getsize(b) and _holds(Path(b), Path(a).read_bytes())
    except OSError:
        return False


def _named_by_content(rel: str) -> bool:
    """'images/cover-c6d4b44353.960.avif', 'assets/site.da0fd19c3b.css': a name with a hash
    in it, which no page refers to any more once the file is gone."""
    return re.search(r"[-.][0-9a-f]{10}[.-]", rel.rsplit("/", 1)[-1]) is not None


def _replace(root: str, rel: str, src, move: bool) -> None:
    """Put one file in place atomically: a request never sees half of it.
    A cache file is copied, never linked (an edit in the folder must not
    reach the cache)."""
    target = os.path.join(root, rel)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if move:
        os.replace(src, target)
        return
    tmp = f"{target}.{os.getpid()}{TMP_SUFFIX}"
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
