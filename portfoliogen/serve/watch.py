"""File watching for `portfoliogen serve`: which paths matter, what kind of change each
one is, and a debounced queue the build loop waits on."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

# Editors' swap, lock, backup and probe files: never a reason to rebuild.
# (vim: .swp/.swx/.swo and the "4913" write test; emacs: .#lock and foo~;
# JetBrains: ___jb_tmp___ / ___jb_old___; browsers' half-downloaded files.)
IGNORED_SUFFIXES = (".swp", ".swx", ".swo", "~", ".tmp", ".part", ".crdownload",
                    "___jb_tmp___", "___jb_old___")
IGNORED_PREFIXES = (".#",)
IGNORED_NAMES = frozenset({"4913", ".DS_Store", "Thumbs.db"})

# watchdog >= 4 also reports opened / closed_no_write / attrib; reading
# files during a build must not trigger the next build. "closed" is a file
# closed after writing (inotify's IN_CLOSE_WRITE): the writer is done with it.
# Only these are asked of the operating system. The build opens and reads the theme's
# files and config.yaml each time: with inotify's IN_OPEN and IN_CLOSE_NOWRITE every read woke the
# watcher thread twice, for events dropped at once, each time taking the interpreter from the build
# (~290 events a case-study save at 1,000 case studies, the config stage 7 -> 29 ms). With a
# filter, watchdog asks inotify for these only (InotifyEmitter.get_event_mask_from_filter).
EVENT_FILTER = (FileCreatedEvent, DirCreatedEvent, FileDeletedEvent, DirDeletedEvent, FileModifiedEvent,
                FileMovedEvent, DirMovedEvent, FileClosedEvent)
RELEVANT_EVENTS = frozenset(kind.event_type for kind in EVENT_FILTER)   # created, deleted, modified, moved, closed
# After these a file is whole: a rename put it in place, it was closed after writing, or it is gone.
SETTLING_EVENTS = frozenset({"deleted", "moved", "closed"})

SITE = "site"    # content, config, templates, theme.yaml, static: a full build
ASSET = "asset"  # a file under a theme's assets/: maybe only re-fingerprint
ASSET_QUIET = 0.012   # seconds without changes before an asset-only swap
SETTLED_QUIET = 0.002   # ... before a build when every changed file is whole (SETTLING_EVENTS): a newer
                        # change stops a build already started at its next look (~1 ms), so waiting longer only delays it


def is_ignored_name(name: str) -> bool:
    return (name in IGNORED_NAMES or name.endswith(IGNORED_SUFFIXES)
            or name.startswith(IGNORED_PREFIXES))


@dataclass(frozen=True)
class WatchPlan:
    """What to watch for one site: computed from its config and theme."""

    config_path: Path
    trees: tuple[Path, ...]          # watched recursively: content/, themes/, theme folders
    asset_dirs: tuple[Path, ...]     # <theme folder>/assets for every folder in the chain

    def classify(self, path: str | bytes) -> str | None:
        """SITE, ASSET or None (not ours) for a path an event names."""
        if isinstance(path, bytes):
            path = path.decode("utf-8", "surrogateescape")
        p = Path(path)
        if is_ignored_name(p.name):
            return None
        if p == self.config_path:
            return SITE
        if any(p.is_relative_to(d) for d in self.asset_dirs):
            return ASSET
        if any(p.is_relative_to(t) for t in self.trees):
            return SITE
        return None

    def roots(self) -> list[tuple[Path, bool]]:
        """(folder, recursive) pairs to schedule, without nested duplicates."""
        result: list[tuple[Path, bool]] = [(self.config_path.parent, False)]
        trees = sorted({t for t in self.trees if t.is_dir()}, key=lambda t: len(t.parts))
        kept: list[Path] = []
        for tree in trees:
            if not any(tree.is_relative_to(k) for k in kept):
                kept.append(tree)
        result.extend((t, True) for t in kept)
        return result


# The watchdog callback only records the change and returns (STYLE.md 7): one build loop in
# serve/server.py waits until changes stop for a quiet period, so an editor's atomic save (temp file
# + rename) or a `git checkout` of 50 files is one rebuild, not 50.
# Waiting is only needed while a file may be half written. A file whose last event says it is
# whole (closed after writing, renamed into place, deleted) needs no more than SETTLED_QUIET, which
# still gathers the files of one checkout; a file only seen "modified" (an editor still writing, or
# a platform that reports no closes: macOS, Windows) waits the full quiet period. Should a writer
# close a file and open it again to finish it, its next event makes the build loop start again
# (a running build stops at once: `pending`), so what stays on screen is always the whole file.
class ChangeQueue:
    """Changes noted by the watcher thread, taken by the build loop."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._kinds: set[str] = set()
        self._paths: set[str] = set()
        self._writing: set[str] = set()   # changed paths not known to be whole yet
        self._last = 0.0
        self._closed = False

    def add(self, kind: str, path: str, settled: bool = False) -> None:
        """`settled`: the event says the file is whole (SETTLING_EVENTS)."""
        with self._cond:
            self._kinds.add(kind)
            self._paths.add(path)
            if settled:
                self._writing.discard(path)
            else:
                self._writing.add(path)
            self._last = time.monotonic()
            self._cond.notify_all()

    def pending(self) -> bool:
        """Changes are waiting that make a running build out of date: it stops.
        Theme assets alone do not: the build goes on and they are swapped in
        after it (stopped, it would leave its first look's pages beside an
        older rest of the site, and the swap would serve that)."""
        with self._cond:
            return bool(self._kinds - {ASSET}) or self._closed

    def waiting(self) -> bool:
        """Any change not taken yet (theme assets too)."""
        with self._cond:
            return bool(self._kinds) or self._closed

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def take(self, quiet: float) -> tuple[set[str], set[str]] | None:
        """Block until something changed and nothing more has for `quiet`
        seconds (SETTLED_QUIET when every changed file is whole); return
        (kinds, paths), or None once closed. Changes to theme assets only
        wait ASSET_QUIET: their swap takes milliseconds and is simply done
        again if the file was still being written."""
        with self._cond:
            while not self._kinds and not self._closed:
                self._cond.wait()
            while not self._closed:
                wait = min(quiet, ASSET_QUIET) if self._kinds == {ASSET} else quiet
                if not self._writing:
                    wait = min(wait, SETTLED_QUIET)
                remaining = self._last + wait - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            if self._closed:
                return None
            kinds, paths = self._kinds, self._paths
            self._kinds, self._paths, self._writing = set(), set(), set()
            return kinds, paths


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: Watcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in RELEVANT_EVENTS:
            return
        if event.is_directory and event.event_type == "modified":
            return  # accompanies the file events inside it
        plan = self.watcher.plan
        settled = event.is_directory or event.event_type in SETTLING_EVENTS
        for path in (event.src_path, getattr(event, "dest_path", None)):
            if path:
                kind = plan.classify(path)
                if kind:
                    self.watcher.queue.add(kind, str(path), settled)


class Watcher:
    """A watchdog Observer over a WatchPlan; `update` re-schedules when the
    theme chain changes (a new themes/ folder, another `theme:`)."""

    def __init__(self, plan: WatchPlan, queue: ChangeQueue) -> None:
        self.plan = plan
        self.queue = queue
        self._observer = Observer()
        self._observer.daemon = True
        self._handler = _Handler(self)
        self._watches: dict[tuple[Path, bool], object] = {}
        self._schedule()

    def _schedule(self) -> None:
        wanted = set(self.plan.roots())
        for key in list(self._watches):
            if key not in wanted:
                self._observer.unschedule(self._watches.pop(key))
        for folder, recursive in sorted(wanted):
            if (folder, recursive) not in self._watches and folder.is_dir():
                self._watches[(folder, recursive)] = self._observer.schedule(
                    self._handler, str(folder), recursive=recursive, event_filter=list(EVENT_FILTER))

    def start(self) -> None:
        self._observer.start()

    def update(self, plan: WatchPlan) -> None:
        if plan != self.plan:
            self.plan = plan
            self._schedule()

    def stop(self) -> None:
        self._observer.stop()
        if self._observer.is_alive():
            self._observer.join(timeout=5)
