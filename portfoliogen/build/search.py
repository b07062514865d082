"""Site search: the staged public pages indexed by Pagefind (the binary of the `pagefind[bin]`
package) before the swap, its bundle written into the staging folder; never pitch pages."""

from __future__ import annotations

import os
import shutil
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


class SearchUnavailable(Exception):
    """Pagefind is not installed or could not run."""


def searchable(pages: Iterable) -> list[str]:
    """The out_path of each page that goes into the index."""
    from portfoliogen.urls import out_path_for
    return sorted(out_path_for(p.url_path) for p in pages if p.kind not in UNSEARCHED_KINDS and not p.noindex)


def build_index(staging_root: Path, pages: list[str], work_dir: Path) -> None:
    """Index `pages` (out_paths under `staging_root`) into `staging_root/pagefind/`.
    Pagefind sees only these pages (linked into a folder of their own under
    `work_dir`), so nothing else can enter the index whatever the theme marks up.
    Each page is indexed in the language of its <html lang>."""
    executable = _executable()
    work_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="search-", dir=work_dir) as tmp:
        for out_path in pages:
            _link(staging_root / out_path, Path(tmp) / out_path)
        done = subprocess.run([str(executable), "--site", tmp, "--output-path", str(staging_root / BUNDLE)],
                              capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchUnavailable(f"Pagefind failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
    for name in UNUSED:
        (staging_root / BUNDLE / name).unlink(missing_ok=True)
    canonicalise(staging_root / BUNDLE)


def _executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError as err:
        raise SearchUnavailable("site search needs Pagefind: pip install 'pagefind[bin]'") from err
    found = get_executable()
    if found is None:
        raise SearchUnavailable("site search needs Pagefind's binary: pip install 'pagefind[bin]'")
    return found


def _link(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dest)
    except OSError:   # another file system
        shutil.copyfile(src, dest)
