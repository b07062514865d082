"""Small sites written from inline text into tmp_path, for unit tests that
load, resolve or build real files without the scaffold."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

TODAY = dt.date(2026, 6, 15)

CONFIG = "title: Ada Lovelace\nbase_url: https://ada.example/\n"
PROFILE = "name: Ada Lovelace\nheadline: Engineer\n"


def study(title: str = "A study", extra: str = "", body: str = "Body text.\n") -> str:
    """A case study file: front matter with the required fields, then `body`."""
    return f"---\ntitle: {title}\nsummary: What happened.\ndate: 2025-03\n{extra}---\n{body}"


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    """config.yaml and content/profile.yaml unless given, then `files`
    (relative path -> text, dedented, or bytes)."""
    everything: dict[str, str | bytes] = {"config.yaml": CONFIG, "content/profile.yaml": PROFILE, **files}
    for rel, data in everything.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data), encoding="utf-8")
    return root


def resolve(root: Path, drafts: bool = False, today: dt.date = TODAY):
    """load_config -> load_content -> resolve_site on the site in `root`."""
    from portfoliogen.config import load_config
    from portfoliogen.content.loaders import load_content
    from portfoliogen.content.resolve import resolve_site

    config = load_config(root / "config.yaml", {"drafts": drafts})
    return resolve_site(load_content(config), config, today)


def error_lines(err: BaseException) -> list[str]:
    """The lines a user sees for a SiteError or SiteErrors."""
    return str(err).splitlines()
