"""Site search: the staged public pages indexed in-process by Pagefind (the `pagefind[bin]`
package), its bundle written into the staging folder before the swap."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable
from pathlib import Path

BUNDLE = "pagefind"   # the folder of the index, under the output root
# Pages a stranger may find: never pitches (they are private) or the 404 page.
UNSEARCHED_KINDS = {"pitch", "404", "search"}


class SearchUnavailable(Exception):
    """Pagefind is not installed or could not run."""


def searchable(pages: Iterable) -> list[tuple[str, str]]:
    """(out_path, url_path) of each page that goes into the index."""
    from portfoliogen.urls import out_path_for
    return sorted((out_path_for(p.url_path), p.url_path) for p in pages
                  if p.kind not in UNSEARCHED_KINDS and not p.noindex)


def build_index(staging_root: Path, pages: list[tuple[str, str]], base_path: str) -> None:
    """Index `pages` (out_path, url_path) as staged under `staging_root`, and
    write the bundle to `staging_root/pagefind/`. Each page is indexed in the
    language of its <html lang> (Pagefind makes one index per language)."""
    try:
        from pagefind.index import PagefindIndex
    except ImportError as err:   # an optional extra: `pip install portfoliogen[search]`
        raise SearchUnavailable("site search needs Pagefind: pip install 'pagefind[bin]'") from err
    asyncio.run(_index(PagefindIndex, staging_root, pages, base_path))


async def _index(index_class, root: Path, pages: list[tuple[str, str]], base_path: str) -> None:
    config = {"output_path": str(root / BUNDLE), "write_playground": False}
    async with index_class(config=config) as index:
        # Requests are answered in order over one pipe: sending them all at once
        # keeps the Pagefind process busy instead of waiting for each round trip.
        await asyncio.gather(*(
            index.add_html_file(content=_read(root, out_path), url=base_path.rstrip("/") + url_path)
            for out_path, url_path in pages))


def _read(root: Path, out_path: str) -> str:
    with open(os.path.join(root, out_path), encoding="utf-8") as handle:
        return handle.read()
