"""`portfoliogen serve`: build, serve on 127.0.0.1, watch, rebuild, reload.

Threads: the HTTP server (one short thread per request, one per connected
browser for Server-Sent Events), the watchdog observer (only records changes,
serve_watch.ChangeQueue) and one build loop (waits until changes stop for
`quiet` seconds, then calls build.build(): there is no second build path).
A good build bumps the epoch and tells the browsers; a failed one keeps the
last good site on screen and the errors in an overlay (STYLE.md 7, after
MkDocs' `_wanted_epoch`/`_visible_epoch` and Zola's SERVE_ERROR).

Where the site is built: a fresh temporary folder (`portfoliogen-serve-*`
in the system temp dir, two build folders used in turn), removed on exit. Not output/: the dev build has
localhost URLs and maybe drafts, and must never replace the real build. Not
the cache folder: build.check_output_dir rightly refuses an output inside it.

Why not the `livereload` package: its tornado server serves a folder from
`/` with its own 404 handling and no hook to inject anything but its script;
base_url paths, the site's 404.html with status 404, the error overlay and
"reload only after the swap" would all need to be patched into its handlers,
and its live-CSS reload re-requests the *old* stylesheet URL, which no longer
exists once asset names carry a content hash. A ~300-line stdlib server with
an EventSource client does exactly what we need, as MkDocs concluded when it
dropped the package for `mkdocs/livereload/__init__.py`."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from portfoliogen.build import BuildOptions, BuildReport, build
from portfoliogen.config import Config, load_config
from portfoliogen.errors import SiteError, SiteErrors
from portfoliogen.serve_http import Broadcast, DevHTTPServer, Snapshot, bind
from portfoliogen.serve_watch import ASSET, ChangeQueue, Watcher, WatchPlan
from portfoliogen.theme import load_theme

log = logging.getLogger("portfoliogen.serve")
WILDCARD_HOSTS = {"", "0.0.0.0", "::"}


@dataclass(frozen=True)
class ServeOptions:
    config_path: Path = Path("config.yaml")
    host: str = "127.0.0.1"
    port: int = 8000                 # 0: any free port (tests)
    drafts: bool = False
    today: dt.date | None = None
    quiet: float = 0.1               # seconds without changes before a rebuild
    debug: bool = False


def _say(message: str) -> None:
    print(message, flush=True)


def _warn(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


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

    # ------------------------------------------------------------ lifecycle
    def start(self) -> None:
        if not self.config_path.is_file():
            raise SiteError(self.options.config_path.name, None, None,
                            "no config.yaml here: run portfoliogen serve in a site folder, or pass --config FILE")
        try:
            self.httpd = bind(self.options.host, self.options.port, self)
            self.tmp = Path(tempfile.mkdtemp(prefix="portfoliogen-serve-"))
            # Two build folders, used in turn: the server shows one while
            # build() swaps the next build into the other, and switches only
            # when that build is complete: no page is newer than its epoch.
            self._output_dirs = (self.tmp / "site-a", self.tmp / "site-b")
            self._rebuild(first=True)
            self.watcher = Watcher(self._watch_plan(), self.queue)
            self.watcher.start()
            self._spawn(self.httpd.serve_forever, "portfoliogen-http", 0.25)
            self._spawn(self._build_loop, "portfoliogen-build")
        except BaseException:
            self.stop()
            raise

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
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)

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
    def output_dir(self) -> Path | None:
        """The folder of the build being served."""
        return self.snapshot.root

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

    def _build_loop(self) -> None:
        while True:
            taken = self.queue.take(self.options.quiet)
            if taken is None:
                return
            kinds, paths = taken
            log.debug("changed: %s", ", ".join(sorted(paths)))
            started = time.perf_counter()
            if kinds == {ASSET} and self._swap_assets(started):
                continue
            self._rebuild()
            if self.watcher is not None:
                self.watcher.update(self._watch_plan())

    def _rebuild(self, first: bool = False) -> bool:
        try:
            config = load_config(self.config_path)
            base_url = self._base_url(config)
            output = self._output_dirs[1] if self.snapshot.root == self._output_dirs[0] else self._output_dirs[0]
            report = build(BuildOptions(config_path=self.config_path, output=output,
                                        drafts=self.options.drafts, base_url=base_url,
                                        today=self.options.today))
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
        self._disk_assets = _hashed_assets(report.output_dir)
        self._live_assets = dict(self._disk_assets)
        self.snapshot = Snapshot(root=report.output_dir, base_path=config.base_path,
                                 epoch=self.snapshot.epoch + 1)
        self.builds += 1
        self.broadcast.publish("build", {"epoch": self.snapshot.epoch, "kind": "full"})
        for notice in report.notices:
            self.warn(f"warning: {notice}")
        if not first:
            self.say(f"Rebuilt {report.pages} pages in {report.seconds:.2f} s")
        return True

    def _failed(self, errors: list) -> None:
        lines = tuple(str(e) for e in errors)
        for line in lines:
            self.warn(line)
        self.warn(f"Build failed ({len(lines)} problem{'s' if len(lines) != 1 else ''}); "
                  f"still serving the last good build.")
        self.snapshot = replace(self.snapshot, errors=lines)
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
        if set(theme.assets) != set(self._live_assets) or _inlines_assets(theme):
            return False
        changed = {name: a for name, a in theme.assets.items()
                   if a.url_path.removeprefix("/assets/") != self._live_assets[name]}
        if not changed:
            return True   # saved without changes
        for name, asset in changed.items():
            self._live_assets[name] = asset.url_path.removeprefix("/assets/")
        overlay = dict(snap.overlay)
        for name, asset in changed.items():
            overlay[asset.url_path.lstrip("/")] = asset.data
        rewrites = tuple((f"assets/{self._disk_assets[n]}".encode(), f"assets/{self._live_assets[n]}".encode())
                         for n in sorted(self._live_assets) if self._live_assets[n] != self._disk_assets[n])
        kind = "css" if all(name.endswith(".css") for name in changed) else "full"
        self.snapshot = replace(snap, epoch=snap.epoch + 1, overlay=overlay, rewrites=rewrites)
        self.builds += 1
        self.broadcast.publish("build", {"epoch": self.snapshot.epoch, "kind": kind})
        self.say(f"Updated {', '.join(sorted(changed))} in {time.perf_counter() - started:.3f} s")
        return True


_HASHED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{10})(?P<suffix>\.[^./]+)?$")


def _hashed_assets(output_dir: Path) -> dict[str, str]:
    """{'site.css': 'site.3f2a9c1b7d.css'} from the built assets/ folder: the
    names the pages on disk really reference (theme.py's naming scheme)."""
    found: dict[str, str] = {}
    assets = output_dir / "assets"
    if assets.is_dir():
        for path in assets.rglob("*"):
            rel = path.relative_to(assets).as_posix()
            match = _HASHED.match(rel)
            if path.is_file() and match:
                found[match["stem"] + (match["suffix"] or "")] = rel
    return found


def _inlines_assets(theme) -> bool:
    for folder in theme.template_dirs:
        for path in folder.rglob("*"):
            if path.is_file() and b"asset_inline" in path.read_bytes():
                return True
    return False


def run_server(options: ServeOptions, open_browser: bool = False) -> int:
    """The `serve` command: start, print where, run until Ctrl-C (or
    SIGTERM), stop cleanly, exit 0."""
    import signal

    def terminate(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, terminate)
    server = DevServer(options)
    try:
        server.start()
        if options.port and server.port != options.port:
            _warn(f"Port {options.port} is in use; using port {server.port} instead.")
        _say(f"Serving {server.url}  (built in {server.tmp}; Ctrl-C to stop)")
        if open_browser:
            import webbrowser
            webbrowser.open(server.url)
        while True:
            # Wait in short steps: a plain join() would not see Ctrl-C promptly.
            time.sleep(0.5)
    except KeyboardInterrupt:
        _say("Stopping...")
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)
    _say("Stopped.")
    return 0
