"""File-system helpers shared by every stage and cache: where the package and
its built-in themes live, atomic writes, stat records and digests. Standard
library only (the no-change shortcut imports it before anything heavy)."""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_themes_dir() -> Path:
    """Inside the wheel: portfoliogen/_themes; in a source checkout: ./themes."""
    packaged = PACKAGE_DIR / "_themes"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "themes"


def digest(text: str) -> str:
    """A short stable hash of a text (any str, lone surrogates included)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()
