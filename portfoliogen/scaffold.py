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


def builtin_themes() -> list[str]:
    """The themes a new site can name (it has no themes/ folder of its own yet)."""
    from portfoliogen.fsutil import builtin_themes_dir

    return sorted(p.name for p in builtin_themes_dir().iterdir() if (p / "theme.yaml").is_file())


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
    (target / "requirements.txt").write_text(requirements_txt(), encoding="utf-8")
    if theme != "default":
        config = target / "config.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "language: en\n", f"language: en\ntheme: {theme}\n"), encoding="utf-8")
    return target


REQUIREMENTS_HEAD = """\
# What CI installs to build this site (GitHub Actions runs `pip install -r
# requirements.txt`; Netlify and Cloudflare Pages read this file on their own).
# The package is "portfoliogen-ssg": `pip install portfoliogen` installs an
# unrelated project that happens to have the same command name.
"""

LOCAL_INSTALL_NOTE = """\
# This site was made by a portfoliogen installed from a local folder or file,
# which CI cannot reach. Before your first deploy, replace the line below with
# where you got portfoliogen from, pinned to a tag or commit, e.g.
#   portfoliogen-ssg @ git+https://github.com/YOU/portfoliogen@v{version}
# or commit a wheel into this repository and name it:
#   ./vendor/portfoliogen_ssg-{version}-py3-none-any.whl
# (build it in your portfoliogen clone: pip wheel --no-deps -w PATH/TO/SITE/vendor .)
"""


def requirements_txt() -> str:
    """requirements.txt for a new site: this very portfoliogen, from where it
    was installed (PEP 610's direct_url.json) when CI can reach that too."""
    from portfoliogen import DISTRIBUTION, REPOSITORY, __version__

    origin = _install_origin()
    if origin is not None and origin[0] == "index":
        return REQUIREMENTS_HEAD + f"{DISTRIBUTION}=={__version__}\n"
    if origin is not None and origin[0] == "git":
        return REQUIREMENTS_HEAD + f"{DISTRIBUTION} @ git+{origin[1]}@{origin[2]}\n"
    return (REQUIREMENTS_HEAD + LOCAL_INSTALL_NOTE.format(version=__version__)
            + f"{DISTRIBUTION} @ git+{REPOSITORY}@v{__version__}\n")


def _install_origin() -> tuple[str, ...] | None:
    """('index',), ('git', url, commit), or None (a local folder or wheel)."""
    import importlib.metadata
    import json

    from portfoliogen import DISTRIBUTION

    try:
        direct = importlib.metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:
        return None     # run from a source tree without installing
    if direct is None:
        return ("index",)
    data = json.loads(direct)
    vcs = data.get("vcs_info", {})
    url = data.get("url", "")
    if vcs.get("vcs") == "git" and url.startswith("https://") and vcs.get("commit_id"):
        return ("git", url, vcs["commit_id"])
    return None


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
    from portfoliogen.schema.fields import slugify

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
    return path, f"{config.base_url}p/{token}/"
