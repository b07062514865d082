"""Rendered Markdown as the Site holds it: `StoredHtml`, HTML in a file read only when
printed, and `MemoryStore`, the store without the build cache."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

Problems = list   # [(line, column, message)] found while rendering
Images = list     # [(src, alt, title, line, column)] the body shows, as written


class StoredHtml:
    """HTML in a file: prints like Markup (`__html__`), reads on each use.
    Its repr is its digest, so build/deps.py fingerprints it without reading it."""

    __slots__ = ("path", "digest", "size")

    def __init__(self, path: str, digest: str, size: int):
        self.path = path
        self.digest = digest
        self.size = size

    def text(self) -> str:
        with open(self.path, "rb") as handle:
            return handle.read().decode("utf-8", "surrogatepass")

    def __html__(self) -> str:
        return self.text()

    def __str__(self) -> str:
        return self.text()

    def __bool__(self) -> bool:
        return self.size > 0

    def __len__(self) -> int:
        return self.size

    def __repr__(self) -> str:
        return f"StoredHtml({self.digest!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StoredHtml) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __reduce__(self):
        return StoredHtml, (self.path, self.digest, self.size)


# The build cache's own store is build/htmlstore.py: DiskStore.
class MemoryStore:
    """No cache: entries are (html, problems, images), values Markup."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, Problems, Images]] = {}

    def has(self, key: str) -> bool:
        return key in self.entries

    def make(self, key: str, html: str, problems: Problems, images: Images) -> tuple[str, Problems, Images]:
        return html, problems, images

    def add(self, key: str, entry: Any) -> None:
        self.entries[key] = entry

    def problems(self, key: str) -> Problems:
        """What the parse found wrong (as value()'s second item)."""
        return self.entries[key][1]

    def images(self, key: str) -> Images:
        """The images the text shows, as written (as value()'s last item)."""
        return self.entries[key][2]

    def value(self, key: str, lazy: bool = True) -> tuple[Any, Problems, Images]:
        html, problems, images = self.entries[key]
        return Markup(html), problems, images

    def used(self, keys) -> dict:
        return {}
