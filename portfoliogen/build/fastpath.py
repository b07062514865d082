"""The no-change build: when no input, option or portfoliogen file changed since the last
successful build and output/ is as that build left it, there is nothing to do."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from portfoliogen import __version__
from portfoliogen.build.cachedirs import FAST_FORMAT, CacheDirs
from portfoliogen.fsutil import (
    PACKAGE_DIR,
    builtin_themes_dir,
    bytes_digest,
    write_atomic,
)
from portfoliogen.schema.folders import project_folders
from portfoliogen.schema.yamlfile import load_yaml, read_text

# How far before a build's start a file's timestamp may lie and still hide a
# same-size edit made while it ran: two seconds where timestamps are whole
# seconds (ext3, HFS+, FAT has two-second ones), else a few kernel clock ticks
# (file times come from a coarse clock that lags time.time_ns()).
RACY_COARSE_NS = 2_000_000_000
RACY_FINE_NS = 50_000_000


# Deliberately light (stdlib, PyYAML, schema/yamlfile.py and schema/folders.py, the folder rule
# Config uses too): it runs before the heavy imports, so an unchanged site "builds" in tens of
# milliseconds. It follows what the build follows (symlinked bundles and folders too).
def walk_stats(folder: Path, out: list) -> None:
    """(path, size, mtime_ns, ctime_ns, inode) of every file, following
    symlinked folders like the build does (each real folder once: no loops)."""
    seen: set[tuple[int, int]] = set()
    for dirpath, dirs, files in os.walk(folder, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            full = os.path.join(dirpath, name)
            try:
                st = os.stat(full)
            except OSError:
                continue
            out.append((full, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))


def _settings(config_path: Path) -> tuple[Path, Path] | None:
    """(cache folder, output folder) from config.yaml, or None when there is
    none. Read by the build's own YAML loader and folder rule: YAML the build
    would refuse (an alias bomb, a syntax error) raises the same SiteError, at once."""
    if not config_path.is_file():
        return None   # the build says what to do
    raw, _locs = load_yaml(read_text(config_path, config_path.name), config_path.name)
    if not isinstance(raw, dict):
        return None
    folders = project_folders(config_path.parent, raw)
    return folders.cache, folders.output


def input_stats(config_path: Path, extra_inputs: list[str]) -> list:
    root = config_path.parent.resolve()
    stats: list = []
    for path in (config_path.resolve(), *map(Path, extra_inputs)):
        try:
            st = path.stat()
            stats.append((str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
        except OSError:
            stats.append((str(path), -1, -1, -1, -1))
    for folder in (root / "content", root / "themes", builtin_themes_dir(), PACKAGE_DIR):
        walk_stats(folder, stats)
    return stats


def signature_of(stats: list, options: dict) -> str:
    payload = json.dumps([__version__, FAST_FORMAT, sorted(options.items()), stats], default=str)
    return bytes_digest(payload.encode())


def input_signature(config_path: Path, options: dict, extra_inputs: list[str]) -> str:
    return signature_of(input_stats(config_path, extra_inputs), options)


# A file touched within RACY_NS of the build that recorded the state is taken as changed:
# a same-size edit in the same clock tick would look unchanged.
def racy(stats: list, since_ns: int) -> bool:
    """A file changed after `since_ns` (or so close before it that its
    timestamp cannot tell): its bytes may differ from what the build read."""
    for _path, _size, mtime, ctime, _ino in stats:
        latest = max(mtime, ctime)
        window = RACY_COARSE_NS if latest % 1_000_000_000 == 0 else RACY_FINE_NS
        if latest >= since_ns - window:
            return True
    return False


def output_files(out: Path) -> list[tuple[str, int, int, int, int]]:
    """(path under `out`, size, mtime_ns, ctime_ns, inode) of every file, as walk_stats finds them."""
    entries: list = []
    walk_stats(out, entries)
    prefix = os.path.join(os.path.abspath(out), "")
    return [(full[len(prefix):] if full.startswith(prefix) else os.path.relpath(full, out),  # relpath is slow
             size, mtime, ctime, ino) for full, size, mtime, ctime, ino in entries]


def output_digest(out: Path, files: list | None = None) -> str:
    """`files`: output_files(out), when the caller walked it already (the build's state lists them too)."""
    h = hashlib.blake2b(digest_size=16)
    for rel, size, mtime, ctime, ino in output_files(out) if files is None else files:
        h.update(f"{rel}\0{size}\0{mtime}\0{ctime}\0{ino}\n".encode())
    return h.hexdigest()


def record(config_path: Path, options: dict, out: Path, cache_dir: Path, summary: dict,
           extra_inputs: list[str], started_ns: int, files: list | None = None) -> None:
    """After a successful build that started at `started_ns` (time.time_ns):
    remember its inputs and its output (`files`: output_files(out), if walked
    already). If an input may have changed while it ran, the next build must
    not take the shortcut: it records none."""
    path = CacheDirs(cache_dir).fast_file
    stats = input_stats(config_path, extra_inputs)
    if racy(stats, started_ns):
        try:
            path.unlink()
        except OSError:
            pass
        return
    state = {"signature": signature_of(stats, options), "output": str(out),
             "output_digest": output_digest(out, files), "extra_inputs": extra_inputs, **summary}
    write_atomic(path, json.dumps(state))


def unchanged(config_path: Path, options: dict) -> dict | None:
    """The last build's summary if nothing changed since, else None.
    Raises SiteError for a config.yaml that is not valid YAML."""
    settings = _settings(config_path)
    if settings is None:
        return None
    cache_dir, out = settings
    if options.get("output"):
        out = Path(options["output"]).resolve()
    try:
        state = json.loads(CacheDirs(cache_dir).fast_file.read_text(encoding="utf-8"))
        if state["output"] != str(out) or not out.is_dir():
            return None
        if any(name.startswith((f"{out.name}.staging-", f"{out.name}.old-")) for name in os.listdir(out.parent)):
            return None   # a killed build left folders beside output/: a full build tidies them
        if state["signature"] != input_signature(config_path, options, state["extra_inputs"]):
            return None
        if state["output_digest"] != output_digest(out):
            return None
        return state
    except (OSError, ValueError, KeyError, TypeError):
        return None


def options_key(output, drafts: bool, base_url, strict: bool, today: dt.date | None) -> dict:
    return {"output": str(Path(output).resolve()) if output else "", "drafts": drafts,
            "base_url": base_url or "", "strict": strict,
            "today": (today or dt.date.today()).isoformat()}
