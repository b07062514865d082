"""The persistent build state (`cache_dir/build/state.json` and its shards): parsed content,
rendered Markdown keys, what each page used (deps.PageRecord), the case study pages' plans,
the last output's manifest and the search index's shards (build/search.py)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portfoliogen import __version__
from portfoliogen.build.cachedirs import OLD_STATE_FILE, STATE_FORMAT, CacheDirs
from portfoliogen.build.stateparts import FORMAT as PARTS_FORMAT
from portfoliogen.build.stateparts import Parts, shard_of
from portfoliogen.fsutil import (
    FileStat,
    bytes_digest,
    write_atomic,
)

log = logging.getLogger("portfoliogen.cache")

MAGIC = "portfoliogen-build-state"


# Parsed content is keyed by the bytes of each file, rendered Markdown by its inputs (the HTML
# itself is in `cache_dir/markdown/`, htmlstore.py).
# Everything here is an optimisation: a missing, corrupt or foreign cache is ignored with a warning
# and the build does all the work again. `--no-cache` ignores it too. The state is JSON data
# (statejson.py, statecodec.py): loading it never runs code, whoever wrote the files. state.json
# holds the small sections and names the shards of the big ones (stateparts.py).
@dataclass
class BuildState:
    magic: str = MAGIC
    format: int = STATE_FORMAT
    version: str = __version__
    project: str = ""
    global_signature: str = ""
    content: dict[str, tuple[str, Any]] = field(default_factory=dict)     # src -> (bytes digest, object)
    markdown: dict[str, tuple[str, int, list, list]] = field(default_factory=dict)  # key -> htmlstore entry
    pages: dict[str, Any] = field(default_factory=dict)                    # out_path -> PageRecord
    dep_values: dict[tuple[str, str], str] = field(default_factory=dict)  # (object, attribute) -> fingerprint
    output: dict[str, FileStat] = field(default_factory=dict)             # out_path -> stat after writing
    search: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # shard folder -> (digest, files)
    plans: dict[str, tuple] = field(default_factory=dict)                # out_path -> plancache.PlanRecord
    # The shards as loaded or saved, by section (stateparts.Shard): a shard whose entries are
    # the same is not encoded or written again.
    parts: dict[str, list] = field(default_factory=dict, repr=False, compare=False)

    def head_only(self) -> BuildState:
        """This state without its big sections, its parts named but not held: what a build
        still needs of the previous state once the new one's parts are written (write_parts)."""
        return BuildState(project=self.project, global_signature=self.global_signature,
                          output=self.output, search=self.search, parts=_names_of(self.parts))


def _part_names(parts: dict[str, Any]) -> set[str]:
    """The files a state's parts name, by section a list of shards or one whole part."""
    return {name for shards in parts.values()
            for name, _entries in (shards if isinstance(shards, list) else [shards]) if name}


def _names_of(parts: dict[str, Any]) -> dict[str, Any]:
    """A state's parts by section (each a list of shards or one whole part), named but empty."""
    return {section: [(name, None) for name, _entries in shards] if isinstance(shards, list) else (shards[0], None)
            for section, shards in parts.items()}


TABLE = "deps"   # the pages' table of (object, attribute) pairs: one part, not sharded (statecodec.DepTable)
TABLE_SLACK = 4096   # pairs no page names that a table may hold past twice the named, before starting afresh


def state_path(cache_dir: Path) -> Path:
    return CacheDirs(cache_dir).state_file


def parts_folder(cache_dir: Path) -> Path:
    return state_path(cache_dir).parent / "state-parts"


def load_state(cache_dir: Path, project: Path, warn) -> BuildState:
    """The previous build's state, or an empty one (with a warning when the
    file exists but cannot be trusted)."""
    path = state_path(cache_dir)
    if not path.is_file():
        return BuildState(project=str(project))
    try:
        data = json.loads(path.read_bytes())
        if not (isinstance(data, dict) and data.get("magic") == MAGIC):
            raise ValueError("not a portfoliogen build cache")
        from portfoliogen.build.statejson import MODELS_SIGNATURE

        if (data.get("version"), data.get("format"), data.get("models"), data.get("parts_format")) != (
                __version__, STATE_FORMAT, MODELS_SIGNATURE, PARTS_FORMAT):
            return BuildState(project=str(project))   # another version: start over quietly
        if data.get("project") != str(project):
            # A copied or moved project: its pages are rendered again (the
            # state names files by absolute path); processed images, cached
            # by content, are still reused. Nothing for the user to do.
            return BuildState(project=str(project))
        return _decode_state(data, cache_dir)
    except Exception as err:  # noqa: BLE001 - any unreadable cache is just ignored
        message = str(err).splitlines()[0][:200] if str(err) else ""
        warn(f"{path}: ignoring the build cache ({type(err).__name__}: {message}); building everything")
        return BuildState(project=str(project))


def save_state(cache_dir: Path, state: BuildState, previous: BuildState | None = None) -> None:
    """Write the shards that changed since `previous` was loaded or saved, then state.json."""
    finish_state(cache_dir, state, write_parts(cache_dir, state, previous), previous)


@dataclass
class WrittenParts:
    """The big sections' shards, on disk but named by no state.json yet (write_parts)."""
    parts: Parts
    listed: dict[str, Any]   # section -> its shards' file names, as state.json lists them
    kept: dict[str, Any]     # section -> its shards as written: what the next save compares with

    def names_only(self) -> WrittenParts:
        """Without the shards' entries: for a build that makes no next save."""
        return WrittenParts(self.parts, self.listed, _names_of(self.kept))


def write_parts(cache_dir: Path, state: BuildState, previous: BuildState | None) -> WrittenParts:
    """The first half of save_state: the shards of the big sections that changed since
    `previous`. The previous state.json still names the old ones: a build that fails
    before finish_state leaves the new files to a later Parts.tidy."""
    from portfoliogen.build.statecodec import DepTable, encode_table, sections

    parts = Parts(parts_folder(cache_dir))
    old = dict(previous.parts) if previous is not None else {}
    table_name, loaded_table = old.pop(TABLE, (None, None))
    table = DepTable(loaded_table.deps if loaded_table is not None else None)
    if loaded_table is None or len(table.deps) > 2 * len(state.dep_values) + TABLE_SLACK:
        table, old["pages"], table_name = DepTable(), None, None   # (mostly pairs no page names any more)
    listed, kept = {}, {}
    for name, (attr, key_text, same, encode, _decode) in sections(CacheDirs(cache_dir).images, table).items():
        shard_memo: dict[str, int] = {}

        def shard_key(key, key_text=key_text, memo=shard_memo) -> int:
            text = key_text(key)
            index = memo.get(text)
            if index is None:
                index = memo[text] = shard_of(text)
            return index

        kept[name] = parts.write(name, getattr(state, attr), shard_key, old.get(name), same, encode)
        listed[name] = [file for file, _entries in kept[name]]
    if table_name is None or len(table.deps) != len(loaded_table.deps):
        table_name = parts.write_one(TABLE, encode_table(table))   # afresh, or pairs added
    parts.named.add(table_name)
    listed[TABLE], kept[TABLE] = table_name, (table_name, table)
    return WrittenParts(parts, listed, kept)


def finish_state(cache_dir: Path, state: BuildState, written: WrittenParts,
                 previous: BuildState | None) -> None:
    """The second half of save_state: state.json, with the small sections (the output's
    manifest, the search index's shards) and the names of the parts `written`; then the
    parts no state.json names any more are deleted."""
    from portfoliogen.build.statejson import MODELS_SIGNATURE  # models: only when caching

    path = state_path(cache_dir)
    head = {
        "magic": state.magic, "format": state.format, "version": state.version,
        "models": MODELS_SIGNATURE, "parts_format": PARTS_FORMAT, "project": state.project,
        "global_signature": state.global_signature, "parts": written.listed, "output": state.output,
        "search": {folder: [digest, files] for folder, (digest, files) in state.search.items()},
    }
    # dumps, not dump: dump streams through the pure-Python encoder, several times slower.
    write_atomic(path, json.dumps(head, ensure_ascii=False, separators=(",", ":")))
    state.parts = written.kept   # the next save (the dev server's) compares with what is on disk now
    written.parts.tidy(_part_names(previous.parts) if previous is not None else set())
    try:
        (path.parent / OLD_STATE_FILE).unlink()   # our own old file: it would never be read again
    except OSError:
        pass


def _decode_state(data: dict, cache_dir: Path) -> BuildState:
    from portfoliogen.build.statecodec import decode_table, sections
    from portfoliogen.build.statejson import BadState

    if not (isinstance(data.get("project"), str) and isinstance(data.get("global_signature"), str)
            and isinstance(data.get("parts"), dict)):
        raise BadState("header")
    parts = Parts(parts_folder(cache_dir))
    shared: dict = {}   # one tuple per (object, attribute), held once after loading
    state = BuildState(project=data["project"], global_signature=data["global_signature"])
    table_name = data["parts"].get(TABLE)
    table = parts.read_one(table_name, lambda raw: decode_table(raw, shared))
    state.parts[TABLE] = (table_name, table)
    for name, (attr, _key, _same, _encode, decode) in sections(CacheDirs(cache_dir).images, table).items():
        shards = parts.read(data["parts"].get(name), lambda shard: decode(shard, shared))
        merged: dict = {}
        for _name, entries in shards:
            merged.update(entries)
        setattr(state, attr, merged)
        state.parts[name] = shards
    output = {}
    for out_path, stat in data["output"].items():
        if not (isinstance(stat, list) and len(stat) == 4 and all(type(v) is int for v in stat)):
            raise BadState("output entry")
        output[out_path] = tuple(stat)
    search = {}
    for folder, entry in data.get("search", {}).items():   # a state saved before the index had shards: none
        if not (isinstance(entry, list) and len(entry) == 2 and type(entry[0]) is str
                and isinstance(entry[1], list) and all(type(f) is str for f in entry[1])):
            raise BadState("search shard")
        search[folder] = (entry[0], entry[1])
    state.output, state.search = output, search
    return state


def output_manifest(out: Path, files: list | None = None) -> dict[str, FileStat]:
    """Each output file's stat, by out_path. `files`: fastpath.output_files(out), if walked already."""
    if files is None:
        from portfoliogen.build.fastpath import output_files

        files = output_files(out)
    sep = os.sep
    return {(rel if sep == "/" else rel.replace(sep, "/")): (size, mtime, ctime, ino)
            for rel, size, mtime, ctime, ino in files}


class ContentCache:
    """Parsed content by file: reused when the file's stat is the same (no
    read at all), else when its bytes are the same. The stat includes the
    change time: setting the modification time back does not hide an edit."""

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
        digest = bytes_digest(data)
        hit = self.previous.get(src)
        return digest, (hit[1] if hit and hit[0] == digest else None)

    def put(self, src: str, digest: str, obj: Any, stat: FileStat | None = None) -> None:
        if stat is not None and self.now_ns - max(stat[1], stat[2]) < self.RACY_NS:
            stat = None
        self.current[src] = (digest, obj, stat)


def global_signature(parts: list[Any], files: list[Path]) -> str:
    """Everything that re-renders every page: version, config, CLI options,
    every theme file but the templates' text (Theme.page_wide_files)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr((__version__, STATE_FORMAT, parts)).encode())
    for path in files:
        h.update(str(path).encode())
        h.update(path.read_bytes())
    return h.hexdigest()
