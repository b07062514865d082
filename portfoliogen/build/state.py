"""The persistent build state (`cache_dir/build/state.json`): parsed content, rendered
Markdown keys, what each page used (deps.PageRecord), the last output's manifest and the
search index's shards (build/search.py)."""

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
# (statejson.py): loading it never runs code, whoever wrote the file.
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
    # How the loaded content was encoded: (statejson.Decoder, {src: (object, its JSON)}),
    # so an unchanged entry is saved again without encoding it again.
    encoded: tuple | None = field(default=None, repr=False, compare=False)


def state_path(cache_dir: Path) -> Path:
    return CacheDirs(cache_dir).state_file


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

        if (data.get("version"), data.get("format"), data.get("models")) != (
                __version__, STATE_FORMAT, MODELS_SIGNATURE):
            return BuildState(project=str(project))   # another version: start over quietly
        if data.get("project") != str(project):
            # A copied or moved project: its pages are rendered again (the
            # state names files by absolute path); processed images, cached
            # by content, are still reused. Nothing for the user to do.
            return BuildState(project=str(project))
        return _decode_state(data, CacheDirs(cache_dir).images)
    except Exception as err:  # noqa: BLE001 - any unreadable cache is just ignored
        message = str(err).splitlines()[0][:200] if str(err) else ""
        warn(f"{path}: ignoring the build cache ({type(err).__name__}: {message}); building everything")
        return BuildState(project=str(project))


def save_state(cache_dir: Path, state: BuildState, previous: BuildState | None = None) -> None:
    path = state_path(cache_dir)
    # dumps, not dump: dump streams through the pure-Python encoder, several times slower.
    text = json.dumps(_encode_state(state, previous.encoded if previous else None),
                      ensure_ascii=False, separators=(",", ":"))
    write_atomic(path, text)
    try:
        (path.parent / OLD_STATE_FILE).unlink()   # our own old file: it would never be read again
    except OSError:
        pass


def _encode_state(state: BuildState, encoded: tuple | None) -> dict:
    from portfoliogen.build.plancache import encode_plans
    from portfoliogen.build.statejson import (  # models: only when caching
        MODELS_SIGNATURE,
        Encoder,
    )

    decoder, previous = encoded or (None, {})
    encoder = Encoder(decoder)
    content = {}
    for src, (digest, obj, stat) in state.content.items():
        before = previous.get(src)
        try:
            data = before[1] if before is not None and before[0] is obj else encoder.value(obj)
        except TypeError:
            continue   # not storable: parsed again next time
        content[src] = [digest, data, stat]
    deps: dict = {}   # every (object, attribute) once, with its value; records name them by index
    pages = {out_path: [record.template, record.context,
                        sorted(deps.setdefault(dep, len(deps)) for dep in record.deps)]
             for out_path, record in state.pages.items()}
    for dep in state.dep_values:
        deps.setdefault(dep, len(deps))
    return {
        "magic": state.magic, "format": state.format, "version": state.version,
        "models": MODELS_SIGNATURE, "project": state.project,
        "global_signature": state.global_signature, "layouts": encoder.layouts, "content": content,
        "markdown": {key: [digest, size, [list(p) for p in problems], [list(i) for i in images]]
                     for key, (digest, size, problems, images) in state.markdown.items()},
        "deps": [[obj, attr, state.dep_values.get((obj, attr))] for obj, attr in deps], "pages": pages,
        "output": state.output,
        "search": {folder: [digest, files] for folder, (digest, files) in state.search.items()},
        "plans": encode_plans(state.plans),
    }


def _decode_state(data: dict, image_cache: Path) -> BuildState:
    from portfoliogen.build.deps import PageRecord
    from portfoliogen.build.plancache import decode_plans
    from portfoliogen.build.statejson import BadState, Decoder

    def strings(*values) -> bool:
        return all(isinstance(v, str) for v in values)

    def ints(values, count: int) -> bool:
        return (isinstance(values, list) and len(values) == count
                and all(type(v) is int for v in values))

    decoder = Decoder(data["layouts"])
    content, encoded = {}, {}
    for src, (digest, obj, stat) in data["content"].items():
        if not (strings(digest) and (stat is None or ints(stat, 4))):
            raise BadState("content entry")
        value = decoder.value(obj)
        content[src] = (digest, value, tuple(stat) if stat else None)
        encoded[src] = (value, obj)
    markdown = {}
    for key, entry in data["markdown"].items():
        if not (isinstance(entry, list) and len(entry) == 4):
            raise BadState("markdown entry")
        digest, size, problems, images = entry
        if not (strings(digest) and type(size) is int and isinstance(problems, list)
                and isinstance(images, list)):
            raise BadState("markdown entry")
        checked = []
        for problem in problems:
            if not (isinstance(problem, list) and len(problem) == 3):
                raise BadState("markdown problem")
            line, column, message = problem
            if not (type(line) is int and type(column) is int and strings(message)):
                raise BadState("markdown problem")
            checked.append((line, column, message))
        shown = []
        for image in images:
            if not (isinstance(image, list) and len(image) == 5):
                raise BadState("markdown image")
            src, alt, title, line, column = image
            if not (strings(src, alt) and (title is None or type(title) is str)
                    and type(line) is int and type(column) is int):
                raise BadState("markdown image")
            shown.append((src, alt, title, line, column))
        markdown[key] = (digest, size, checked, shown)
    deps, dep_values = [], {}
    for obj, attr, value in data["deps"]:
        if not (type(obj) is str and type(attr) is str and (value is None or type(value) is str)):
            raise BadState("dependency")
        deps.append((obj, attr))
        if value is not None:
            dep_values[(obj, attr)] = value
    pages = {}
    count = len(deps)
    for out_path, (template, context, used) in data["pages"].items():
        if not (strings(template, context) and isinstance(used, list)):
            raise BadState("page record")
        if not all(type(i) is int and 0 <= i < count for i in used):
            raise BadState("page record")
        pages[out_path] = PageRecord(template, context, frozenset([deps[i] for i in used]))
    output = {}
    for out_path, stat in data["output"].items():
        if not ints(stat, 4):
            raise BadState("output entry")
        output[out_path] = tuple(stat)
    search = {}
    for folder, entry in data.get("search", {}).items():   # a state saved before the index had shards: none
        if not (isinstance(entry, list) and len(entry) == 2 and strings(entry[0])
                and isinstance(entry[1], list) and strings(*entry[1])):
            raise BadState("search shard")
        search[folder] = (entry[0], entry[1])
    if not strings(data["project"], data["global_signature"]):
        raise BadState("header")
    return BuildState(project=data["project"], global_signature=data["global_signature"], content=content,
                      markdown=markdown, pages=pages, dep_values=dep_values, output=output, search=search,
                      plans=decode_plans(data.get("plans", {}), image_cache), encoded=(decoder, encoded))


def output_manifest(out: Path) -> dict[str, FileStat]:
    manifest = {}
    prefix = os.path.join(os.path.abspath(out), "")
    for dirpath, _dirs, files in os.walk(out):
        here = os.path.join(os.path.abspath(dirpath), "")
        folder = (here[len(prefix):] if here.startswith(prefix) else os.path.relpath(here, out) + "/")
        folder = folder.replace(os.sep, "/")   # relpath is slow: one slice per folder
        for name in files:
            st = os.stat(os.path.join(dirpath, name))
            manifest[folder + name] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    return manifest


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
