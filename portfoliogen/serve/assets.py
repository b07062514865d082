"""The theme assets a dev-server build serves: their hashed names in the built output,
and which ones templates inline. Used by server.py's asset-only swap."""

from __future__ import annotations

import re
from pathlib import Path

_HASHED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{10})(?P<suffix>\.[^./]+)?$")


def hashed_assets(output_dir: Path) -> dict[str, str]:
    """{'site.css': 'site.3f2a9c1b7d.css'} from the built assets/ folder: the
    names the pages on disk really reference (theme.py's naming scheme).
    If a name has several files (an old one carried over), the pages decide;
    when they cannot, {} turns the asset fast path off until the next build."""
    found: dict[str, set[str]] = {}
    assets = output_dir / "assets"
    if assets.is_dir():
        for path in assets.rglob("*"):
            rel = path.relative_to(assets).as_posix()
            match = _HASHED.match(rel)
            if path.is_file() and match:
                found.setdefault(match["stem"] + (match["suffix"] or ""), set()).add(rel)
    result = {name: next(iter(files)) for name, files in found.items() if len(files) == 1}
    if len(result) < len(found):
        pages = "".join(p.read_text("utf-8", "replace") for p in (output_dir / "index.html", output_dir / "404.html")
                        if p.is_file())
        for name, files in found.items():
            used = [f for f in files if f"assets/{f}" in pages]
            if name not in result:
                if len(used) != 1:
                    return {}
                result[name] = used[0]
    return result


_INLINE_CALL = re.compile(r"asset_inline\(\s*(?:'([^']+)'|\"([^\"]+)\")?")


# An asset a template inlines can only be updated by a full build, not an asset-only swap.
def inlined_assets(theme) -> set[str] | None:
    """Names the templates pass to asset_inline(); None when one call's
    argument is not a plain string (anything may be inlined)."""
    names: set[str] = set()
    for folder in theme.template_dirs:
        for path in folder.rglob("*"):
            if not path.is_file():
                continue
            for match in _INLINE_CALL.finditer(path.read_text("utf-8", "replace")):
                name = match[1] or match[2]
                if name is None:
                    return None
                names.add(name)
    return names
