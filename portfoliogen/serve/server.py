"""`portfoliogen serve`: build, serve on 127.0.0.1, watch, rebuild, reload."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

try:
    import fcntl
except ImportError:   # Windows: every session builds in a temporary folder
    fcntl = None

from portfoliogen.build.cachedirs import CacheDirs
from portfoliogen.build.live import Cancelled, LiveSite
from portfoliogen.build.pipeline import BuildOptions, BuildReport, build
from portfoliogen.config import Config, load_config
from portfoliogen.errors import SiteError, SiteErrors, plural
from portfoliogen.render.theme import load_theme
from portfoliogen.serve.assets import hashed_assets, inlined_assets
from portfoliogen.serve.http import Broadcast, DevHTTPServer, Snapshot, bind
from portfoliogen.serve.leftovers import Leftovers
from portfoliogen.serve.rules import WILDCARD_HOSTS
from portfoliogen.serve.watch import ASSET, ChangeQueue, Watcher, WatchPlan

log = logging.getLogger("portfoliogen.serve.server")


@dataclass(frozen=True)
class ServeOptions:
    config_path: Path = Path("config.yaml")
    host: str = "127.0.0.1"
    port: int = 8000                 # 0: any free port (tests)
    drafts: bool = False
    today: dt.date | None = None
    quiet: float = 0.05              # seconds without changes before a rebuild while a file may still be written (an editor's atomic save or a git checkout of 50 files lands well within it); whole files wait watch.SETTLED_QUIET
    debug: bool = False


def _say(message: str) -> None:
    try:
        print(message, flush=True)
    except (OSError, ValueError):   # a closed terminal or pipe must not stop the server
        pass


def _warn(message: str) -> None:
    try:
        print(message, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


# Threads: the HTTP server (one short thread per request, one per connected browser for
# Server-Sent Events, each kind bounded: http.DevHTTPServer), the watchdog observer (only records
# changes, watch.ChangeQueue) and one build loop (waits until changes stop: `quiet` seconds, less once every changed file is whole; then
# calls build.pipeline.build(): there is no second build path). A good build bumps the epoch and
# tells the browsers; a failed one keeps the last good site on screen and the errors in an overlay
# (STYLE.md 7, after MkDocs' `_wanted_epoch`/`_visible_epoch` and Zola's SERVE_ERROR).
#
# Where the site is built: the cache's serve/site/ folder, locked by this process and kept for the
# next session (so a restart carries unchanged pages over: build/live.py, LiveSite._resume); a
# second server on the same project builds in a fresh temporary folder (`portfoliogen-serve-*`),
# removed on exit. Not output/: the dev build has localhost URLs and maybe drafts, and must never
# replace the real build. The folder is the server's own, so it is updated in place
# (build/live.py: LiveSite): the build state stays in memory between saves, a save's changed files
# are each replaced atomically after the whole build succeeded, and a newer save cancels a build
# still running (ChangeQueue.pending). The state and the folder's manifest are written on stop.
#
# Why not the `livereload` package: its tornado server serves a folder from `/` with its own 404
# handling and no hook to inject anything but its script; base_url paths, the site's 404.html with
# status 404, the error overlay and "reload only after the swap" would all need to be patched into
# its handlers, and its live-CSS reload re-requests the *old* stylesheet URL, which no longer exists
# once asset names carry a content hash. A ~300-line stdlib server with an EventSource client does
# exactly what we need, as MkDocs concluded when it dropped the package for
# `mkdocs/livereload/__init__.py`.
class DevServer:
    """Start with `start()` (or `with DevServer(...) as server:`), stop with
    `stop()`: it joins every thread it started and removes its folder."""

    def __init__(self, options: ServeOptions, say: Callable[[str], None] = _say,
                 warn: Callable[[str], None] = _warn) -> None:
        self.options = options
        self.config_path = Path(options.config_path).resolve()
        self.say, self.warn = say, warn
        self.broadcast = Broadcast()
        self.snapshot = Snapshot(root=None)
        self._published = threading.Condition()
        self.queue = ChangeQueue()
        self.httpd: DevHTTPServer | None = None
        self.watcher: Watcher | None = None
        self.tmp: Path | None = None
        self.last_report: BuildReport | None = None
        self.builds = 0                       # good builds + asset swaps (tests, benchmarks)
        self._threads: list[threading.Thread] = []
        self._disk_assets: dict[str, str] = {}     # asset name -> hashed file name in the build
        self._live_assets: dict[str, str] = {}     # ... as served now (after asset swaps)
        self._stopped = False
        self.building = False
        self.live: LiveSite | None = None         # the build kept in memory between saves
        self._lock = None                         # the open lock file of the kept folder
        self._announced: set[str] = set()         # pages of the build in progress already announced
        self._history: list[tuple[int, frozenset[str] | None]] = []   # epoch -> page URLs it changed (None: any)
        self.cancelled = 0                        # builds a newer save cut short (tests)
        self._switch = sys.getswitchinterval()    # restored on stop
        self.leftovers = Leftovers()              # a stopped build, the collector's pass: cleared later

    # ------------------------------------------------------------ lifecycle
    def start(self) -> None:
        if not self.config_path.is_file():
            raise SiteError(self.options.config_path.name, None, None,
                            "no config.yaml here: run portfoliogen serve in a site folder, or pass --config FILE")
        # A build is one CPU-bound thread; the watcher (three threads from inotify to the queue)
        # and the requests wait for it to hand over the interpreter, by default every 5 ms at
        # each step: a save was seen up to ~40 ms late, and a newer save stopped a build as late.
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch, SWITCH_INTERVAL))
        try:
            self.httpd = bind(self.options.host, self.options.port, self)
            self.tmp = Path(tempfile.mkdtemp(prefix="portfoliogen-serve-"))
            # One folder, as the build expects (it carries unchanged pages
            # over from the previous build in the same folder): the cache's,
            # kept for the next session, unless another server holds it.
            kept = self._claim_kept_folder()
            self._output = kept / "site" if kept else self.tmp / "site"
            self.live = LiveSite(self._output, cancelled=self.queue.pending,
                                 manifest=kept / "files.json" if kept else None)
            self.live.on_show = self._show_visited
            self._rebuild(first=True)
            self.watcher = Watcher(self._watch_plan(), self.queue)
            self.watcher.start()
            self._spawn(self.httpd.serve_forever, "portfoliogen-http", 0.25)
            self._spawn(self._build_loop, "portfoliogen-build")
        except BaseException:
            self.stop()
            raise

    def _claim_kept_folder(self) -> Path | None:
        """The cache's serve/ folder, locked for this process (a second server
        on the same project builds in a temporary folder), or None."""
        if fcntl is None:
            return None
        try:
            folder = CacheDirs(load_config(self.config_path).cache_path).serve
            folder.mkdir(parents=True, exist_ok=True)
            handle = open(folder / "lock", "a+b")   # noqa: SIM115 - held until stop()
        except (OSError, SiteError, SiteErrors):
            return None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return None
        self._lock = handle
        return folder

    def _spawn(self, target, name: str, *args) -> None:
        thread = threading.Thread(target=target, name=name, args=args)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.queue.close()            # the build loop ends after a build in progress
        self.broadcast.close()        # event streams end
        if self.watcher is not None:
            self.watcher.stop()
        if self.httpd is not None:
            if any(t.name == "portfoliogen-http" for t in self._threads):
                self.httpd.shutdown()
            self.httpd.server_close()  # joins the request threads
        for thread in self._threads:
            thread.join()
        if self.live is not None:
            self.live.save()          # the next start begins warm
            self.live.close()         # its old spools are gone
        if self._lock is not None:
            self._lock.close()        # releases the kept folder
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
        sys.setswitchinterval(self._switch)

    def __enter__(self) -> DevServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self.httpd is not None
        return self.httpd.server_address[1]

    @property
    def build_root(self) -> Path | None:
        """The folder holding the site being served: the cache's serve/ or a temporary one."""
        return self.live.folder.parent if self.live is not None else None

    @property
    def output_dir(self) -> Path | None:
        """The folder of the build being served."""
        return self.snapshot.root

    def publish(self, snapshot: Snapshot, changed: list[str] | None = None) -> None:
        """Serve `snapshot`; a new epoch records the page URLs it changed
        (None: anything may have), for browsers that connect later."""
        with self._published:
            if snapshot.epoch != self.snapshot.epoch:
                self._history = [*self._history[-(HISTORY_KEPT - 1):],
                                 (snapshot.epoch, None if changed is None else frozenset(changed))]
            self.snapshot = snapshot
            self._published.notify_all()

    def pages_changed_since(self, epoch: int | None) -> list[str] | None:
        """The page URLs changed by the builds after `epoch` (a page's own),
        or None when any page may have changed or the history does not reach back."""
        with self._published:
            later = [(e, pages) for e, pages in self._history if epoch is not None and e > epoch]
            if epoch is None or not later or later[0][0] != epoch + 1 or any(p is None for _e, p in later):
                return None
            return sorted(set().union(*(p for _e, p in later)))

    def folder_id(self, folder: Path) -> tuple[int, int]:
        """The served folder's identity: its inode (a CLI-style build swaps in
        a new folder) and the in-memory session's generation (bumped before
        it replaces a file in place). A changed id means a build the server
        has not announced yet. Raises OSError while the folder is away."""
        return os.stat(folder).st_ino, self.live.generation if self.live is not None else 0

    def _announced_id(self, folder: Path) -> object:
        try:
            return self.folder_id(folder)
        except OSError:
            return 0

    def wait_for_newer(self, than: Snapshot, timeout: float = 2.0) -> Snapshot:
        """Called by a request that found a swapped-in build not announced
        yet: wait (a few ms) until the build loop publishes it, so a page
        never carries an older epoch than its content."""
        with self._published:
            self._published.wait_for(lambda: self.snapshot is not than or self._stopped, timeout)
            return self.snapshot

    @property
    def url_host(self) -> str:
        host = self.options.host
        if host in WILDCARD_HOSTS:
            return "127.0.0.1"
        return f"[{host}]" if ":" in host else host

    @property
    def url(self) -> str:
        return f"http://{self.url_host}:{self.port}{self.snapshot.base_path}"

    # ------------------------------------------------------------ building
    def _config(self) -> Config:
        config = load_config(self.config_path)
        return load_config(self.config_path, {"base_url": self._base_url(config)})

    def _base_url(self, config: Config) -> str:
        return f"http://{self.url_host}:{self.port}{config.base_path}"

    def _watch_plan(self) -> WatchPlan:
        """content/, the site's themes/ and every folder of the theme chain
        (the built-in theme too, for people working on it)."""
        root = self.config_path.parent
        trees = [root / "content", root / "themes"]
        asset_dirs: list[Path] = []
        try:
            config = load_config(self.config_path)
            trees = [config.content_dir, root / "themes"]
            folders = load_theme(config).folders
        except (SiteError, SiteErrors):
            folders = ()
        except Exception:  # a theme bug: still watch what we can
            folders = ()
        trees.extend(folders)
        asset_dirs.extend(f / "assets" for f in folders)
        return WatchPlan(self.config_path, tuple(p.resolve() for p in trees),
                         tuple(p.resolve() for p in asset_dirs))

    # The collector is off for a whole round; what a round leaves is cleared after it, or
    # after the newer save waiting is on screen (serve/leftovers.py).
    def _build_loop(self) -> None:
        collect = gc.isenabled()
        if self.live is not None and self.last_report is not None:   # before the first save (build/live.py)
            self.live.warm_up(self.last_report.site, self.queue.waiting)
        while True:
            taken = self.queue.take(self.options.quiet)
            if taken is None:
                break
            gc.disable()
            try:
                self._build_round(*taken)
            finally:
                if self.leftovers.round_ended(save_waiting=self.queue.waiting()) and collect:
                    gc.enable()
        self.leftovers.clear()
        if collect:
            gc.enable()

    def _build_round(self, kinds: set[str], paths: set[str]) -> None:
        log.debug("changed: %s", ", ".join(sorted(paths)))
        try:
            started = time.perf_counter()
            if kinds == {ASSET} and self._swap_assets(started):
                return
            cancelled = self.cancelled
            self._rebuild()
            if self.watcher is not None and self.cancelled == cancelled:
                # (after a cancelled build the next one starts at once: it updates the plan)
                self.watcher.update(self._watch_plan())
        except Exception as err:  # never let one bad round end the loop
            log.debug("build loop", exc_info=True)
            self.warn(f"portfoliogen: internal error in the dev server: {type(err).__name__}: {err}")

    def _rebuild(self, first: bool = False) -> bool:
        self.building = True
        try:
            return self._run_build(first)
        finally:
            self.building = False

    def _run_build(self, first: bool) -> bool:
        self._announced = set()
        sys.setswitchinterval(min(self._switch, SWITCH_INTERVAL))   # up to the first look (_show_visited)
        try:
            config = load_config(self.config_path)
            base_url = self._base_url(config)
            report = build(BuildOptions(config_path=self.config_path, output=self._output,
                                        drafts=self.options.drafts, base_url=base_url,
                                        today=self.options.today), live=self.live)
        except Cancelled as stopped:
            self.cancelled += 1       # the build loop takes the newer save at once
            self.leftovers.keep(stopped)   # freed once the newer save is on screen
            log.debug("build cancelled by a newer save")
            return False
        except (SiteError, SiteErrors) as err:
            self._failed(err.errors if isinstance(err, SiteErrors) else [err])
            return False
        except Exception as err:  # a bug: keep serving, say so
            if self.options.debug:
                traceback.print_exc()
            self._failed([f"portfoliogen: internal error: {type(err).__name__}: {err} "
                          f"(run with --debug for the traceback, and please report it)"])
            return False
        self.last_report = report
        self._disk_assets = hashed_assets(report.output_dir)
        self._live_assets = dict(self._disk_assets)
        changed = self._changed_pages(config.base_path)
        self.publish(Snapshot(root=report.output_dir, root_id=self._announced_id(report.output_dir),
                              base_path=config.base_path, epoch=self.snapshot.epoch + 1), changed)
        self.builds += 1
        self.broadcast.publish("build", {"epoch": self.snapshot.epoch, "kind": "full"} if changed is None else
                               {"epoch": self.snapshot.epoch, "kind": "pages", "pages": changed})
        for notice in report.notices:
            self.warn(f"warning: {notice}")
        if not first:
            self.say(f"Rebuilt {plural(report.pages, 'page')} in {report.seconds:.2f} s")
        return True

    def note_visit(self, path: Path) -> None:
        """A page was served: the next builds render it first (LiveRound.show_now)."""
        root = self.snapshot.root
        if self.live is not None and root is not None and path.suffix == ".html":
            try:
                self.live.note_visit(path.relative_to(root).as_posix())
            except ValueError:
                pass

    def _show_visited(self, pages: set[str]) -> None:
        """The pages open in browsers are in place before the rest of the
        build (LiveRound.show_now): announce them; only browsers showing one
        of them reload."""
        snap = self.snapshot
        if snap.root is None:
            return
        if snap.errors:   # served as they are; the build's end says whether the errors are gone
            self.publish(replace(snap, root_id=self._announced_id(snap.root)))
            return
        urls = page_urls(pages, snap.base_path)
        self.publish(replace(snap, root_id=self._announced_id(snap.root), epoch=snap.epoch + 1), urls)
        self.broadcast.publish("build", {"epoch": self.snapshot.epoch, "kind": "pages", "pages": urls})
        self._announced |= pages
        # The rest of the build is background work: the requests for the pages just announced
        # and the watcher's next save get the interpreter within REST_SWITCH_INTERVAL (at 1 ms
        # each of their steps waited for it: page served 6 ms after it was in place, a save seen
        # 6 ms late, median at 1,000 case studies; now 2-3 and 3-4 ms). Up to the first look the
        # build keeps the longer slices: more switches would slow what the writer is waiting for.
        sys.setswitchinterval(min(self._switch, REST_SWITCH_INTERVAL))
        self.leftovers.shown(self.snapshot.epoch)

    def _changed_pages(self, base_path: str) -> list[str] | None:
        """The page URLs a finished build changed (a browser showing another
        one stays as it is), or None when anything may have."""
        swap = self.live.last_swap if self.live is not None else None
        announced = self._announced   # emptied when the next build starts
        if swap is None or swap.other:
            return None
        changed = swap.pages | (swap.shown - announced)   # shown early but not announced (after an error)
        return page_urls(changed, base_path)

    def _failed(self, errors: list) -> None:
        lines = tuple(str(e) for e in errors)
        for line in lines:
            self.warn(line)
        self.warn(f"Build failed ({len(lines)} problem{'s' if len(lines) != 1 else ''}); "
                  f"still serving the last good build.")
        root = self.snapshot.root
        self.publish(replace(self.snapshot, errors=lines,
                             root_id=self._announced_id(root) if root else self.snapshot.root_id))
        self.broadcast.publish("failed", {"epoch": self.snapshot.epoch, "errors": list(lines)})

    # ------------------------------------------------------------ asset-only changes
    def _swap_assets(self, started: float) -> bool:
        """Only files under a theme's assets/ changed: re-fingerprint the
        assets and serve the changed ones from memory under their new hashed
        names, rewriting the old names in served HTML. That is byte for byte
        what a full build would write, unless a template inlines an asset
        (asset_inline) or an asset was added or removed: then, and after a
        failed build, return False for a full build."""
        snap = self.snapshot
        if snap.root is None or snap.errors or not self._live_assets:
            return False
        try:
            config = self._config()
            theme = load_theme(config)
        except Exception:
            return False
        if set(theme.assets) != set(self._live_assets):
            return False
        changed = {name: a for name, a in theme.assets.items()
                   if a.url_path.removeprefix("/assets/") != self._live_assets[name]}
        if not changed:
            return True   # saved without changes
        inlined = inlined_assets(theme)
        if inlined is None or inlined & set(changed):
            return False  # its bytes are inside pages: only a build is right
        for name, asset in changed.items():
            self._live_assets[name] = asset.url_path.removeprefix("/assets/")
        overlay = dict(snap.overlay)
        for name, asset in changed.items():
            overlay[asset.url_path.lstrip("/")] = asset.data
        rewrites = tuple((f"assets/{self._disk_assets[n]}".encode(), f"assets/{self._live_assets[n]}".encode())
                         for n in sorted(self._live_assets) if self._live_assets[n] != self._disk_assets[n])
        kind = "css" if all(name.endswith(".css") for name in changed) else "full"
        self.publish(replace(snap, epoch=snap.epoch + 1, overlay=overlay, rewrites=rewrites))
        self.builds += 1
        self.broadcast.publish("build", {"epoch": self.snapshot.epoch, "kind": kind})
        self.say(f"Updated {', '.join(sorted(changed))} in {time.perf_counter() - started:.3f} s")
        return True


HISTORY_KEPT = 50   # epochs remembered for browsers that connect after a build
SWITCH_INTERVAL = 0.001   # seconds a thread runs before another waiting one gets the interpreter
REST_SWITCH_INTERVAL = 0.0002   # ... once the pages open in browsers are in place (_show_visited)


def page_urls(pages: set[str], base_path: str) -> list[str]:
    """The paths a browser may show each page at: 'work/a/index.html' is
    /work/a/ and /work/a/index.html (under the base path)."""
    urls = []
    for rel in sorted(pages):
        urls.append(base_path + rel)
        if rel == "index.html" or rel.endswith("/index.html"):
            urls.append(base_path + rel.removesuffix("index.html"))
    return urls


def run_server(options: ServeOptions, open_browser: bool = False) -> int:
    """The `serve` command: start, print where, run until Ctrl-C (or
    SIGTERM), stop cleanly, exit 0."""
    import signal

    def terminate(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        server = DevServer(options)
        try:
            server.start()   # stops itself if interrupted or failing
            if options.port and server.port != options.port:
                _warn(f"Port {options.port} is in use; using port {server.port} instead.")
            _say(f"Serving {server.url}  (built in {server.build_root}; Ctrl-C to stop)")
            if open_browser:
                import webbrowser
                webbrowser.open(server.url)
            while True:
                # Wait in short steps: a plain join() would not see Ctrl-C promptly.
                time.sleep(0.5)
        except KeyboardInterrupt:
            _say("Stopping...")
        _stop(server)
    finally:
        signal.signal(signal.SIGTERM, previous)
    _say("Stopped.")
    return 0


def _stop(server: DevServer) -> None:
    try:
        if server.building:
            _say("Waiting for the build in progress to finish (Ctrl-C again to quit at once)...")
        server.stop()
    except KeyboardInterrupt:
        # A build cannot be interrupted from another thread: remove our
        # folder and leave without waiting for it.
        if server.tmp is not None:
            shutil.rmtree(server.tmp, ignore_errors=True)
        _say("Stopped (the build in progress was abandoned).")
        sys.stdout.flush()
        os._exit(0)
