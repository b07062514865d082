"""Find a theme (the site's themes/ first, then the built-in ones), follow
its `extends` chain, and fingerprint its assets."""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field

from portfoliogen.config import Config
from portfoliogen.content.sources import check_source, list_files
from portfoliogen.errors import ErrorCollector, SiteError
from portfoliogen.fsutil import builtin_themes_dir
from portfoliogen.schema.model import Model
from portfoliogen.schema.validate import validate_model
from portfoliogen.schema.yamlfile import Locations, load_yaml, read_text
from portfoliogen.render.theme_options import (OptionSource, check_options, check_token_specs,
                                               option_asset_folders, with_derived)

DEFAULT_THEME = "default"


class ThemeFile(Model):
    """theme.yaml"""

    name: str
    extends: str | None = None
    options: dict[str, Any] = {}
    image_sizes: dict[str, str] = Field(default_factory=dict)
    # The options a user may set, each a list of choices or a kind ("colour"):
    # checked where they are set (docs/themes.md, "Design tokens").
    tokens: dict[str, Any] = Field(default_factory=dict)
    description: str | None = None


@dataclass(frozen=True)
class Asset:
    name: str          # path inside assets/, e.g. "site.css"
    url_path: str      # "/assets/site.3f2a9c1b7d.css"
    data: bytes


@dataclass(frozen=True)
class Theme:
    name: str
    folders: tuple[Path, ...]              # most specific first
    options: dict[str, Any]
    image_sizes: dict[str, str]
    assets: dict[str, Asset] = field(default_factory=dict)

    @property
    def template_dirs(self) -> list[Path]:
        return [f / "templates" for f in self.folders if (f / "templates").is_dir()]

    def files(self) -> list[Path]:
        """Every file the theme is made of (for cache keys and watching)."""
        return sorted(p for f in self.folders for p in f.rglob("*") if p.is_file())

    def page_wide_files(self) -> tuple[list[Path], list[str]]:
        """The files whose change re-renders every page: every file but the templates,
        and the templates' paths (one added or removed may change which file a
        name finds). A template's text is a dependency of the pages that load it
        (render/tracking.py), so editing services.html re-renders one page."""
        templates = set(self.template_dirs)
        others, names = [], []
        for path in self.files():
            root = next((t for t in templates if path.is_relative_to(t)), None)
            if root is None:
                others.append(path)
            else:
                names.append(str(path))
        return others, names


def load_theme(config: Config) -> Theme:
    chain: list[Path] = []
    files: list[ThemeFile] = []
    sources: list[OptionSource] = []
    name: str | None = config.theme
    requested_by = (config.config_path.name, config.locs.of(("theme",)) if config.locs else (1, 1))
    while name:
        folders = _theme_folders(config, name)
        if not folders:
            path, (line, col) = requested_by
            available = sorted({p.name for d in (config.root / "themes", builtin_themes_dir())
                                if d.is_dir() for p in d.iterdir() if p.is_dir()})
            raise SiteError(path, line, col, f"no theme named '{name}' (available: {', '.join(available)})")
        _check_theme_files(config, folders)   # before theme.yaml is read
        for folder in folders:
            if folder in chain:
                raise SiteError(config.display(folder / "theme.yaml"), 1, 1, f"theme '{name}' extends itself")
            chain.append(folder)
            theme_file, source = _read_theme_file(config, folder, name)
            files.append(theme_file)
            sources.append(source)
        parent = next((f.extends for f in files[-len(folders):] if f.extends), None)
        requested_by = (config.display(folders[0] / "theme.yaml"), (1, 1))
        name = parent
    options: dict[str, Any] = {}
    sizes: dict[str, str] = {}
    tokens: dict[str, Any] = {}
    for tf in reversed(files):  # the base first, overrides after
        options.update(tf.options)
        sizes.update(tf.image_sizes)
        tokens.update(tf.tokens)
    options.update(config.theme_options)
    locs = config.locs or Locations()
    user = OptionSource(config.config_path.name, dict(config.theme_options),
                        lambda key, on_key: locs.of(("theme_options", key), key=on_key), declares=False)
    check_options([*reversed(sources), user], tokens, config.theme)
    options = with_derived(options)
    theme = Theme(config.theme, tuple(chain), options, sizes)
    extra = option_asset_folders(theme.folders, tokens, options)
    return Theme(theme.name, theme.folders, options, sizes, _fingerprint_assets(theme, extra))


def _theme_folders(config: Config, name: str) -> list[Path]:
    """The site's own folder for the theme (possibly a partial override),
    then the built-in one of the same name."""
    found = []
    for base in (config.root / "themes", builtin_themes_dir()):
        folder = check_source(base / name, config.root, (builtin_themes_dir(),))
        if folder is not None and folder.is_dir() and folder not in found:
            found.append(folder)
    return found


def _check_theme_files(config: Config, folders: list[Path]) -> None:
    """Templates and assets are published: none may lead out of the project
    (or the built-in themes), none may be a named pipe."""
    errors = ErrorCollector()
    for folder in folders:
        list_files(folder, config.root, errors, (builtin_themes_dir(),))
    errors.raise_if_any()


def _read_theme_file(config: Config, folder: Path, name: str) -> tuple[ThemeFile, OptionSource]:
    path = folder / "theme.yaml"
    if not path.is_file():
        return ThemeFile(name=name), OptionSource("theme.yaml", {}, lambda key, on_key: (1, 1), True)
    display = config.display(path)
    data, locs = load_yaml(read_text(path, display), display)
    theme_file = validate_model(ThemeFile, data or {"name": name}, locs, display)
    check_token_specs(theme_file.tokens, display, lambda key, on_key: locs.of(("tokens", key), key=on_key))
    return theme_file, OptionSource(display, dict(theme_file.options),
                                    lambda key, on_key: locs.of(("options", key), key=on_key), True)


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def _fingerprint_assets(theme: Theme, extra: dict[str, Path] | None = None) -> dict[str, Asset]:
    """Every file under assets/ (the most specific theme wins), and those of each
    chosen option folder (`extra`: token -> folder, published as assets/<token>/),
    named with a hash of their bytes; url() references inside CSS follow the new names."""
    sources: dict[str, Path] = {}
    roots = [(folder / "assets", "") for folder in reversed(theme.folders)]
    roots += [(folder, f"{token}/") for token, folder in sorted((extra or {}).items())]
    for root, prefix in roots:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                # An option folder's licence texts (OFL.txt) stay in the theme.
                if path.is_file() and not path.name.startswith(".") and not (prefix and path.suffix == ".txt"):
                    sources[prefix + path.relative_to(root).as_posix()] = path
    result: dict[str, Asset] = {}
    # Non-CSS first, so CSS can point at their hashed names.
    for name in sorted(n for n in sources if not n.endswith(".css")):
        result[name] = _hashed(name, sources[name].read_bytes())
    for name in sorted(n for n in sources if n.endswith(".css")):
        _add_css(name, sources, result, ())
    return result


def _hashed(name: str, data: bytes) -> Asset:
    digest = hashlib.sha256(data).hexdigest()[:10]
    stem, dot, suffix = name.rpartition(".")
    hashed = f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"
    return Asset(name, f"/assets/{hashed}", data)


_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*(['"]?)([^'")]+)\1\s*\)|(['"])([^'"]+)\3)\s*;""")


def _add_css(name: str, sources: dict[str, Path], result: dict[str, Asset], importing: tuple) -> Asset:
    """A stylesheet with its url()s pointing at hashed names and each plain
    `@import` of another theme stylesheet replaced by that file's text, as
    CSS bundlers do: one request instead of a chain of render-blocking ones."""
    if name in result:
        return result[name]
    base = name.rpartition("/")[0]

    def inline(match: re.Match) -> str:
        target = match.group(2) or match.group(4)
        key = posixpath.normpath(f"{base}/{target}" if base else target)
        if key not in sources or not key.endswith(".css") or key in importing or key == name:
            return match.group(0)
        imported = _add_css(key, sources, result, importing + (name,))
        return _rebase_css_urls(imported.data.decode("utf-8"), key.rpartition("/")[0], base)

    # Imports first: what they bring in already points at hashed names.
    text = _CSS_IMPORT.sub(inline, _without_comments(sources[name].read_text(encoding="utf-8")))
    asset = _hashed(name, _rewrite_css_urls(text, name, result).encode("utf-8"))
    result[name] = asset
    return asset


_CSS_TOKEN = re.compile(r"""/\*.*?\*/|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'""", re.S)


def _without_comments(css: str) -> str:
    """CSS with its /* comments */ taken out (never inside a quoted string): they are
    for the theme's authors, and visitors would download them on every first visit."""
    return _CSS_TOKEN.sub(lambda m: "" if m.group(0).startswith("/*") else m.group(0), css)


def _rebase_css_urls(text: str, from_dir: str, to_dir: str) -> str:
    """Relative url()s of a stylesheet in `from_dir`, as seen from `to_dir`."""
    def swap(match: re.Match) -> str:
        target = match.group(2)
        if target.startswith(("/", "#", "data:")) or re.match(r"[a-z][a-z0-9+.-]*:", target, re.I):
            return match.group(0)
        key = posixpath.normpath(f"{from_dir}/{target}" if from_dir else target)
        return f"url({posixpath.relpath(key, to_dir or '.')})"

    return _CSS_URL.sub(swap, text)


def _rewrite_css_urls(text: str, name: str, done: dict[str, Asset]) -> str:
    base = name.rpartition("/")[0]

    def swap(match: re.Match) -> str:
        target = match.group(2)
        # normpath: `../fonts/a.woff2` from css/main.css is fonts/a.woff2.
        key = posixpath.normpath(f"{base}/{target}" if base else target)
        asset = done.get(key)
        if asset is None:
            return match.group(0)
        hashed = asset.url_path.removeprefix("/assets/")
        return f"url({posixpath.relpath(hashed, base or '.')})"

    return _CSS_URL.sub(swap, text)
