"""Theme options checked against the `tokens:` a theme declares in theme.yaml: one
line at the value (theme.yaml or config.yaml) for an unknown option or a bad value."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portfoliogen.errors import SiteError, SiteErrors
from portfoliogen.render.colours import dark_accent

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
KINDS = ("colour",)   # besides a list of choices


@dataclass(frozen=True)
class OptionSource:
    """Where one layer of options was set: a theme.yaml, or config.yaml's theme_options."""
    display: str                  # the file name shown in errors
    options: dict[str, Any]
    where: Any                    # (key: str, on_key: bool) -> (line, column)
    declares: bool                # theme.yaml may add options; config.yaml may not


def check_options(layers: list[OptionSource], tokens: dict[str, Any], theme_name: str) -> None:
    """`layers` from the base theme to config.yaml; `tokens` merged from every theme.yaml."""
    errors: list[SiteError] = []
    known: set[str] = set(tokens)
    for layer in layers:
        for key, value in layer.options.items():
            if key not in known and not layer.declares:
                line, col = layer.where(key, True)
                names = ", ".join(sorted(known))
                errors.append(SiteError(layer.display, line, col,
                                        f"unknown theme option '{key}' (theme '{theme_name}' has: {names})"))
                continue
            known.add(key)
            problem = bad_value(tokens.get(key), value)
            if problem:
                line, col = layer.where(key, False)
                errors.append(SiteError(layer.display, line, col, f"theme option '{key}': {problem}"))
    if errors:
        raise errors[0] if len(errors) == 1 else SiteErrors(errors)


def bad_value(spec: Any, value: Any) -> str | None:
    """Why `value` does not fit `spec` (a list of choices or a kind), or None."""
    if spec is None:
        return None
    if isinstance(spec, list):
        if value in spec:
            return None
        return f"'{value}' is not one of {', '.join(str(s) for s in spec)}"
    if spec == "colour":
        if value is None or isinstance(value, str) and _COLOUR.fullmatch(value):   # None: derived
            return None
        return f"'{value}' is not a colour like #0f766e (# and 3 or 6 hex digits)"
    return None


def check_token_specs(tokens: dict[str, Any], display: str, where) -> None:
    """A theme.yaml's own `tokens:` block: each a list of choices or a known kind."""
    for key, spec in tokens.items():
        if isinstance(spec, list) and spec:
            continue
        if spec in KINDS:
            continue
        line, col = where(key, False)
        raise SiteError(display, line, col,
                        f"token '{key}': expected a list of choices or one of {', '.join(KINDS)}")


def option_asset_folders(folders: tuple[Path, ...], tokens: dict[str, Any],
                         options: dict[str, Any]) -> dict[str, Path]:
    """For a choice token with a folder `options/<token>/<value>/` in the theme (the
    most specific wins): that folder, published as assets/<token>/. Only the chosen
    value's files are published (e.g. one font pairing of three)."""
    found: dict[str, Path] = {}
    for key, spec in tokens.items():
        if not isinstance(spec, list):
            continue
        for folder in folders:
            candidate = folder / "options" / key / str(options.get(key))
            if candidate.is_dir():
                found[key] = candidate
                break
    return found


def with_derived(options: dict[str, Any]) -> dict[str, Any]:
    """`accent_dark` (the dark-mode accent) from `accent` unless the user set one."""
    accent = options.get("accent")
    if not options.get("accent_dark") and isinstance(accent, str) and _COLOUR.fullmatch(accent):
        return {**options, "accent_dark": dark_accent(accent)}
    return options
