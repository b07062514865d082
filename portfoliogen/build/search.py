"""Site search: the staged public pages indexed by Pagefind (the binary of the `pagefind[bin]`
package) before the swap, its bundle written into the staging folder; never pitch pages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from portfoliogen.build.searchcanon import canonicalise

BUNDLE = "pagefind"   # the folder of the index, under the output root
# Pages a stranger may find: never pitches (they are private), the 404 or the search page.
UNSEARCHED_KINDS = {"pitch", "404", "search"}
# What the theme's search.js loads; Pagefind's own UI bundles are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
_GLOB_META = re.compile(r"[?*$:<>()\[\]{},]")   # escaped with a backslash in a glob (`wax` crate)


class SearchUnavailable(Exception):
    """Pagefind is not installed or could not run."""


def searchable(pages: Iterable) -> list[str]:
    """The out_path of each page that goes into the index."""
    from portfoliogen.urls import out_path_for
    return sorted(out_path_for(p.url_path) for p in pages if p.kind not in UNSEARCHED_KINDS and not p.noindex)


def build_index(staging_root: Path, pages: list[str], work_dir: Path) -> None:
    """Index `pages` (out_paths under `staging_root`) into `staging_root/pagefind/`.
    Pagefind sees only these pages (its glob names each one, nothing else can
    enter the index whatever the theme marks up). Each page is indexed in the
    language of its <html lang>."""
    executable = _executable()
    work_dir.mkdir(parents=True, exist_ok=True)
    # Pagefind reads its options from pagefind.json in the folder it runs in: a list of
    # pages as long as the site (an argument has a limit of 128 KiB), and no pagefind.yml
    # of the project's can change the index. Pages are not linked into a folder of their
    # own: deleting a thousand folders takes seconds on some file systems.
    options = {"site": str(staging_root.resolve()), "glob": _glob(pages),
               "output_path": str((staging_root / BUNDLE).resolve())}
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
        (staging_root / BUNDLE / name).unlink(missing_ok=True)
    canonicalise(staging_root / BUNDLE)


def _glob(pages: list[str]) -> str:
    """A glob (Pagefind's, the `wax` crate's syntax) matching exactly these paths."""
    odd = [page for page in pages if "\\" in page]   # slugs never hold one; a glob cannot name it
    if odd:
        raise SearchUnavailable(f"Pagefind cannot index a page whose path holds a backslash: {odd[0]}")
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
