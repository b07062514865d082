"""`portfoliogen new PATH`: copy the skeleton site (sample content, a
.gitignore and a GitHub Pages workflow) into a new folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from portfoliogen.errors import SiteError

SKELETON = Path(__file__).parent / "skeleton"

# Files stored under another name in the package (a dot-file named
# .gitignore would be ignored by git when building the package).
RENAMES = {"gitignore": ".gitignore"}


def new_site(path: Path, theme: str = "default") -> Path:
    target = Path(path)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SiteError(str(path), None, None, "already exists and is not empty; choose a new folder")
    target.mkdir(parents=True, exist_ok=True)
    for src in sorted(SKELETON.rglob("*")):
        rel = src.relative_to(SKELETON)
        if "__pycache__" in rel.parts:
            continue
        dest = target / RENAMES.get(rel.as_posix(), rel.as_posix())
        if src.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    if theme != "default":
        config = target / "config.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "language: en\n", f"language: en\ntheme: {theme}\n"), encoding="utf-8")
    return target
