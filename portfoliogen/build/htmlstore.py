"""Where rendered Markdown lives between builds: the build cache's store of HTML files
(`cache_dir/markdown/`), DiskStore."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from markupsafe import Markup

from portfoliogen.fsutil import bytes_digest, write_atomic
from portfoliogen.render.stored import Images, Problems, StoredHtml


# With the build cache on, each body's HTML is a file `cache_dir/markdown/<key>.html` and the
# Site holds a `StoredHtml` (render/stored.py): a path, a digest and a size, read only when a template
# prints it. 4,000 case studies' HTML (tens of MB, and again as the Markup copies templates print) is
# then never in memory at once, and never in the JSON build state. Without the cache (`--no-cache`,
# `check`) the HTML stays in memory as Markup (render/stored.py: MemoryStore).
# A store entry is small and picklable, so forked workers (parallel.py) render, write the file and
# send back only the entry.
class DiskStore:
    """The cache: entries are (digest, size, problems, images) by key, HTML in files."""

    def __init__(self, folder: Path, previous: dict[str, tuple[str, int, Problems, Images]], flavour: str = ""):
        # One folder per base URL under `folder` (cachedirs.CacheDirs.markdown):
        # the dev server (localhost URLs) and a build of the real site may run
        # at once on the same cache, and each deletes the files it did not use.
        self.folder = Path(folder) / bytes_digest(flavour.encode(), 6)
        self.folder.mkdir(parents=True, exist_ok=True)
        present = {name[:-5] for name in os.listdir(self.folder) if name.endswith(".html")}
        self.entries = {key: entry for key, entry in previous.items()
                        if key in present and isinstance(entry, tuple) and len(entry) == 4}
        self._present = present
        self._prefix = os.path.join(self.folder, "")   # a string: joining a Path was most of value()

    def path(self, key: str) -> str:
        return self._prefix + key + ".html"

    def has(self, key: str) -> bool:
        return key in self.entries

    def make(self, key: str, html: str, problems: Problems, images: Images) -> tuple[str, int, Problems, Images]:
        """Write the file (atomically: a concurrent build may read it)."""
        data = html.encode("utf-8", "surrogatepass")
        write_atomic(self.path(key), data)
        return bytes_digest(data, 10), len(html), problems, images

    def add(self, key: str, entry: Any) -> None:
        self.entries[key] = entry
        self._present.add(key)

    def problems(self, key: str) -> Problems:
        """What the parse found wrong (as value()'s second item)."""
        return self.entries[key][2]

    def images(self, key: str) -> Images:
        """The images the text shows, as written (as value()'s last item)."""
        return self.entries[key][3]

    def value(self, key: str, lazy: bool = True) -> tuple[Any, Problems, Images]:
        digest, size, problems, images = self.entries[key]
        stored = StoredHtml(self.path(key), digest, size)
        return (stored if lazy else Markup(stored.text())), problems, images

    def used(self, keys) -> dict[str, tuple[str, int, Problems, Images]]:
        """The entries of `keys` (saved for the next build); other files are deleted."""
        keep = {key: self.entries[key] for key in keys if key in self.entries}
        for key in self._present - keep.keys():
            try:
                os.unlink(self.path(key))
            except OSError:
                pass
        return keep
