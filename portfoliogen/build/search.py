"""Site search: the staged public pages indexed by Pagefind (the binary of the `pagefind[bin]`
package) before the swap, into the staging folder; never pitch pages. The index is made in
shards (searchshards.py), each a Pagefind bundle of its own under pagefind/, listed with their
languages in pagefind/shards.json for the theme's search.js, which merges them. A shard whose
pages did not change is copied from the previous output instead of being indexed again."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from portfoliogen.build.searchcanon import canonicalise
from portfoliogen.build.searchshards import Shard, plan_shards, shard_digest

log = logging.getLogger("portfoliogen.build.search")

BUNDLE = "pagefind"        # the folder of the index, under the output root
MANIFEST = "shards.json"   # under BUNDLE: each shard's folder and languages
# Pages a stranger may find: never pitches (they are private), the 404 or the search page.
UNSEARCHED_KINDS = {"pitch", "404", "search"}
# What the index leaves out besides what the theme marks data-pagefind-ignore: the "#" that
# render/markdown.py puts after each heading of a text, or an excerpt reads "The approach#".
EXCLUDED = (".headerlink",)
# What the theme's search.js loads; Pagefind's own UI bundles are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# Part of every shard's digest with Pagefind's version: bump it when the options or the
# post-processing below change what a bundle holds, so no older bundle is reused.
INDEX_FORMAT = 1
# Pagefind runs at once. Pagefind spreads only a big index over the cores: at 1,000 case
# studies, seven shards one after the other took ~40% longer than one run over every page,
# two at once as long, holding ~105 MB at the peak instead of ~285 (three: ~140 MB, no faster).
JOBS = 2
_GLOB_META = re.compile(r"[?*$:<>()\[\]{},]")   # escaped with a backslash in a glob (`wax` crate)
_BUNDLE_FILE = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?")   # what Pagefind names its files


class SearchUnavailable(Exception):
    """Pagefind is not installed or could not run."""


ShardRecord = tuple[str, list[str]]   # (digest, the bundle's files under its folder)


@dataclass(frozen=True)
class Previous:
    """The previous build's shards, and the way to its output's files."""
    shards: dict[str, ShardRecord]           # folder -> record
    intact: Callable[[str], Path | None]     # out_path -> that file, if untouched since written
    copy: Callable[[str, Path], None]        # (out_path, file) -> into the staging folder


def searchable(pages: Iterable) -> list[str]:
    """The out_path of each page that goes into the index."""
    from portfoliogen.urls import out_path_for
    return sorted(out_path_for(p.url_path) for p in pages if p.kind not in UNSEARCHED_KINDS and not p.noindex)


def build_index(staging_root: Path, pages: list[str], work_dir: Path, previous: Previous | None = None,
                per_shard: int | None = None) -> dict[str, ShardRecord]:
    """Index `pages` (out_paths under `staging_root`) into `staging_root/pagefind/`, shard by
    shard; the records to pass back as `previous` next time. Pagefind sees only these
    pages (its glob names each one, nothing else can enter the index whatever the theme
    marks up). Each page is indexed in the language of its <html lang>."""
    _refuse_unnamable(pages)
    executable = _executable()
    indexer = _indexer(executable)
    shards = plan_shards(pages, per_shard)
    records: dict[str, ShardRecord] = {}
    todo: list[tuple[Shard, str]] = []
    copies: list[tuple[str, Path]] = []   # (out_path, the previous output's file) of reused shards
    for shard in shards:
        digest = shard_digest(staging_root, shard, indexer)
        sources = _reusable(previous, shard.folder, digest)
        if sources is None:
            todo.append((shard, digest))
        else:
            records[shard.folder] = previous.shards[shard.folder]   # the same digest, the same files
            copies += sources
    work_dir.mkdir(parents=True, exist_ok=True)
    try:
        with ThreadPoolExecutor(max_workers=JOBS) as pool:
            made = pool.map(lambda job: _index(executable, staging_root, job[0], work_dir), todo)
            for out_path, source in copies:   # while Pagefind runs
                previous.copy(out_path, source)
            for (shard, digest), files in zip(todo, made):
                records[shard.folder] = (digest, files)
    except BaseException:
        shutil.rmtree(staging_root / BUNDLE, ignore_errors=True)   # no index rather than part of one
        raise
    _write_manifest(staging_root / BUNDLE, shards)
    log.debug("search: %d shards, %d indexed, %d reused", len(shards), len(todo), len(shards) - len(todo))
    return dict(sorted(records.items()))


def _reusable(previous: Previous | None, folder: str, digest: str) -> list[tuple[str, Path]] | None:
    """The shard's bundle in the previous output, if it was made from the same digest and
    every file of it is there untouched: (out_path, file) of each; else None."""
    record = previous.shards.get(folder) if previous else None
    if record is None or record[0] != digest:
        return None
    names = record[1]
    if not names or not all(_BUNDLE_FILE.fullmatch(name) and ".." not in name for name in names):
        return None
    out_paths = [f"{BUNDLE}/{folder}{name}" for name in names]
    sources = [previous.intact(out_path) for out_path in out_paths]
    if any(source is None for source in sources):
        return None
    return list(zip(out_paths, sources))


def _index(executable: Path, staging_root: Path, shard: Shard, work_dir: Path) -> list[str]:
    """Run Pagefind over one shard's pages; the bundle's files, sorted."""
    bundle = staging_root / BUNDLE / shard.folder
    # Pagefind reads its options from pagefind.json in the folder it runs in: a list of
    # pages as long as the site (an argument has a limit of 128 KiB), and no pagefind.yml
    # of the project's can change the index. Pages are not linked into a folder of their
    # own: deleting a thousand folders takes seconds on some file systems.
    options = {"site": str(staging_root.resolve()), "glob": _glob(list(shard.pages)),
               "output_path": str(bundle.resolve()), "exclude_selectors": list(EXCLUDED)}
    with tempfile.TemporaryDirectory(prefix="search-", dir=work_dir) as tmp:
        (Path(tmp) / "pagefind.json").write_text(json.dumps(options), encoding="utf-8")
        # Pagefind's allocator (jemalloc) with one arena instead of one per core holds a sixth less
        # memory at its peak (~275 instead of ~325 MB at 1,000 case studies), in the same time.
        env = {"_RJEM_MALLOC_CONF": "narenas:1", **os.environ}
        done = subprocess.run([str(executable.resolve())], cwd=tmp, capture_output=True, text=True, check=False,
                              env=env)
    if done.returncode != 0:
        raise SearchUnavailable(f"Pagefind failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    canonicalise(bundle)
    return sorted(path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file())


def _write_manifest(bundle: Path, shards: list[Shard]) -> None:
    """pagefind/shards.json: each shard's folder and its languages with their page counts,
    so search.js merges only the shards holding the visitor's language."""
    listed = []
    for shard in shards:
        entry = json.loads((bundle / shard.folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = {name: language["page_count"] for name, language in sorted(entry["languages"].items())}
        listed.append({"path": shard.folder, "languages": languages})
    (bundle / MANIFEST).write_text(json.dumps({"shards": listed}, ensure_ascii=False, separators=(",", ":")),
                                   encoding="utf-8")


def _refuse_unnamable(pages: list[str]) -> None:
    odd = [page for page in pages if "\\" in page]   # slugs never hold one; a glob cannot name it
    if odd:
        raise SearchUnavailable(f"Pagefind cannot index a page whose path holds a backslash: {odd[0]}")


def _glob(pages: list[str]) -> str:
    """A glob (Pagefind's, the `wax` crate's syntax) matching exactly these paths."""
    return "{" + ",".join(_GLOB_META.sub(r"\\\g<0>", page) for page in pages) + "}"


def _executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError as err:
        raise SearchUnavailable("site search needs Pagefind: pip install 'pagefind[bin]'") from err
    found = get_executable()
    if found is None:
        raise SearchUnavailable("site search needs Pagefind's binary: pip install 'pagefind[bin]'")
    return found


def _indexer(executable: Path) -> str:
    """What besides the pages decides a bundle's bytes: Pagefind's version, this module's format."""
    try:
        done = subprocess.run([str(executable.resolve()), "--version"], capture_output=True, text=True,
                              check=False, timeout=60)
    except OSError as err:
        raise SearchUnavailable(f"Pagefind failed: {err}") from err
    if done.returncode != 0:
        raise SearchUnavailable(f"Pagefind failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
    return f"{done.stdout.strip()} format {INDEX_FORMAT} without {','.join(UNUSED)} excluding {','.join(EXCLUDED)}"
