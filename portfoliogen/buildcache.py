"""The persistent build cache in `cache_dir/build/`: parsed content keyed by
the bytes of each file, rendered Markdown keyed by its inputs (the HTML
itself in `cache_dir/markdown/`, htmlstore.py), what each
page used (deps.PageRecord), and a manifest of the last output written.

Everything here is an optimisation: a missing, corrupt or foreign cache is
ignored with a warning and the build does all the work again. `--no-cache`
ignores it too."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portfoliogen import __version__

log = logging.getLogger("portfoliogen.cache")

STATE_FORMAT = 4
MAGIC = "portfoliogen-build-state"
FileStat = tuple[int, int, int]   # size, mtime_ns, inode


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class BuildState:
    magic: str = MAGIC
    format: int = STATE_FORMAT
    version: str = __version__
    project: str = ""
    global_signature: str = ""
    content: dict[str, tuple[str, Any]] = field(default_factory=dict)     # src -> (bytes digest, object)
    markdown: dict[str, tuple[str, int, list]] = field(default_factory=dict)  # key -> htmlstore entry
    pages: dict[str, Any] = field(default_factory=dict)                    # out_path -> PageRecord
    dep_values: dict[tuple[str, str], str] = field(default_factory=dict)  # (object, attribute) -> fingerprint
    output: dict[str, FileStat] = field(default_factory=dict)             # out_path -> stat after writing


def state_path(cache_dir: Path) -> Path:
    return cache_dir / "build" / "state.pickle"


def load_state(cache_dir: Path, project: Path, warn) -> BuildState:
    """The previous build's state, or an empty one (with a warning when the
    file exists but cannot be trusted)."""
    path = state_path(cache_dir)
    if not path.is_file():
        return BuildState(project=str(project))
    try:
        with path.open("rb") as handle:
            state = pickle.load(handle)
        if not (isinstance(state, BuildState) and state.magic == MAGIC):
            raise ValueError("not a portfoliogen build cache")
        if state.version != __version__ or state.format != STATE_FORMAT:
            return BuildState(project=str(project))   # another version: start over quietly
        if state.project != str(project):
            raise ValueError(f"it belongs to another site ({state.project})")
        return state
    except Exception as err:  # noqa: BLE001 - any unreadable cache is just ignored
        warn(f"{path}: ignoring the build cache ({type(err).__name__}: {err}); building everything")
        return BuildState(project=str(project))


def save_state(cache_dir: Path, state: BuildState) -> None:
    path = state_path(cache_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def stat_of(path: Path) -> FileStat | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def output_manifest(out: Path) -> dict[str, FileStat]:
    manifest = {}
    prefix = os.path.join(os.path.abspath(out), "")
    for dirpath, _dirs, files in os.walk(out):
        here = os.path.join(os.path.abspath(dirpath), "")
        folder = (here[len(prefix):] if here.startswith(prefix) else os.path.relpath(here, out) + "/")
        folder = folder.replace(os.sep, "/")   # relpath is slow: one slice per folder
        for name in files:
            st = os.stat(os.path.join(dirpath, name))
            manifest[folder + name] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return manifest


class ContentCache:
    """Parsed content by file: reused when the file's stat is the same (no
    read at all), else when its bytes are the same."""

    # A file changed within this window may change again in the same clock
    # tick with the same size (as git's "racy" index entries): such a file
    # is checked by its bytes next time, not by its stat.
    RACY_NS = 2_000_000_000

    def __init__(self, previous: dict[str, tuple]):
        self.previous = previous
        self.current: dict[str, tuple] = {}
        self.now_ns = time.time_ns()

    def by_stat(self, src: str, stat: FileStat | None) -> Any | None:
        entry = self.previous.get(src)
        if entry is None or stat is None or len(entry) < 3 or entry[2] != stat:
            return None
        self.current[src] = entry
        return entry[1]

    def get(self, src: str, data: bytes) -> tuple[str, Any | None]:
        digest = file_digest(data)
        hit = self.previous.get(src)
        return digest, (hit[1] if hit and hit[0] == digest else None)

    def put(self, src: str, digest: str, obj: Any, stat: FileStat | None = None) -> None:
        if stat is not None and self.now_ns - stat[1] < self.RACY_NS:
            stat = None
        self.current[src] = (digest, obj, stat)


def global_signature(parts: list[Any], files: list[Path]) -> str:
    """Everything that re-renders every page: version, config, CLI options,
    every theme file."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr((__version__, STATE_FORMAT, parts)).encode())
    for path in files:
        h.update(str(path).encode())
        h.update(path.read_bytes())
    return h.hexdigest()
