"""`portfoliogen new PATH`: copy the skeleton site (sample content, a
.gitignore and a GitHub Pages workflow) into a new folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from portfoliogen.deploy.install import requirements_txt
from portfoliogen.errors import SiteError
from portfoliogen.urls import Urls

SKELETON = Path(__file__).parent / "skeleton"

# Files stored under another name in the package (a dot-file named
# .gitignore would be ignored by git when building the package).
RENAMES = {"gitignore": ".gitignore"}


def builtin_themes() -> list[str]:
    """The themes a new site can name (it has no themes/ folder of its own yet)."""
    from portfoliogen.fsutil import builtin_themes_dir

    return sorted(p.name for p in builtin_themes_dir().iterdir() if (p / "theme.yaml").is_file())


def new_site(path: Path, theme: str = "default", host: str = "github-pages") -> Path:
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
    (target / "requirements.txt").write_text(requirements_txt(), encoding="utf-8")
    if theme != "default":
        config = target / "config.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "language: en\n", f"language: en\ntheme: {theme}\n"), encoding="utf-8")
    _add_editor_help_and_host(target, host)
    return target


def _add_editor_help_and_host(target: Path, host: str) -> None:
    """JSON Schemas for editors (the skeleton's YAML files point at them) and
    the deploy preset of the chosen host."""
    from portfoliogen.deploy.presets import write_preset
    from portfoliogen.content.jsonschema import SCHEMA_DIR, write_schemas

    write_schemas(target / SCHEMA_DIR)
    write_preset(target / "config.yaml", host)


PITCH_TEMPLATE = """---
title: {title}
prospect: {prospect}
token: {token}          # the unguessable part of the URL: keep it, share the link only with them
expires: {expires}
case_studies: []       # slugs of case studies to show them, e.g. [acme-checkout]
testimonials: []       # testimonial ids
services: []           # service ids
---
## What you asked for

Restate the problem in their words, and what success looks like for them.

## Scope

What is included, and what is not.

## Timeline

| Week | What happens |
|---|---|
| 1 | Kick-off and research |
| 2-3 | Design |
| 4 | Handoff |

## Price

The price, what it includes and the payment terms.

## Next steps

How to say yes, and when you could start.
"""


def yaml_scalar(text: str) -> str:
    """`text` as a double-quoted YAML scalar that reads back as the same
    string, whatever it holds (': ', '#', '[', 'Yes', quotes, new lines),
    with every printable character left as it is for the person who edits it."""
    return '"' + "".join(_yaml_char(c) for c in text) + '"'


def _yaml_char(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    if char.isprintable() and char not in "\u2028\u2029\ufeff":   # YAML reads these as breaks or a BOM
        return char
    if char in "\n\t":
        return "\\n" if char == "\n" else "\\t"
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def prospect_name(name: str) -> str:
    """The prospect as written ('Hôtel Beau-Rivage', 'McKinsey & Co');
    only a slug-like name ('acme-corp') becomes words ('Acme Corp')."""
    name = " ".join(name.split())
    if " " in name or name != name.lower():
        return name
    words = name.replace("_", " ").replace("-", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words)


def new_pitch(config_path: Path, name: str, today) -> tuple[Path, str]:
    """Write content/pitches/<name>.md with a fresh token; return it and its URL."""
    import datetime as dt
    import secrets

    from portfoliogen.config import load_config
    from portfoliogen.slugs import slugify

    config = load_config(config_path)
    slug = slugify(name)
    if not slug:
        raise SiteError(name, None, None, "a pitch name needs letters or digits, e.g. 'acme'")
    path = config.content_dir / "pitches" / f"{slug}.md"
    if path.exists():
        raise SiteError(config.display(path), None, None, "already exists; choose another name")
    token = secrets.token_hex(12)
    prospect = prospect_name(name)
    expires = (today or dt.date.today()) + dt.timedelta(days=60)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = PITCH_TEMPLATE.format(title=yaml_scalar(f"A proposal for {prospect}"),
                                 prospect=yaml_scalar(prospect), token=token, expires=expires.isoformat())
    path.write_text(text, encoding="utf-8")
    return path, Urls(config.base_url).abs_url(f"/p/{token}/")
