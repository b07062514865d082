"""Per-language maps in YAML content (`headline: {en: ..., pt: ...}`): the value for one
language, the default language's when it has none."""

from __future__ import annotations

import hashlib
from typing import Any

from portfoliogen.errors import SiteError
from portfoliogen.schema.yamlfile import Locations

# {what a file suffix or a map key may say, lower-cased: the language's code}, the default's first.
Aliases = dict[str, str]


def is_language_map(value: Any, aliases: Aliases) -> bool:
    """A mapping whose keys are all languages of the site."""
    return (isinstance(value, dict) and bool(value)
            and all(isinstance(k, str) and k.lower() in aliases for k in value))


def in_language(data: Any, language: str, aliases: Aliases, locs: Locations, display: str,
                path: tuple = (), picked: set | None = None) -> Any:
    """`data` with every per-language map replaced by its value for
    `language` (or the default language's). A map without the default
    language is an error at its line. `picked` collects the paths of maps
    that had a value for `language` itself."""
    if is_language_map(data, aliases):
        by_code = {aliases[k.lower()]: v for k, v in data.items()}
        default = next(iter(aliases.values()))
        if default not in by_code:
            line, col = locs.of(path)
            raise SiteError(display, line, col, f"this per-language value has no '{default}' "
                                                f"(the default language); add '{default}: ...'")
        if language in by_code and picked is not None:
            picked.add(path)
        return by_code.get(language, by_code[default])
    if isinstance(data, dict):
        return {k: in_language(v, language, aliases, locs, display, path + (k,), picked) for k, v in data.items()}
    if isinstance(data, list):
        return [in_language(v, language, aliases, locs, display, path + (i,), picked) for i, v in enumerate(data)]
    return data


def missing_translations(data: Any, language: str, aliases: Aliases, fields: set[str],
                         path: tuple = ()) -> list[tuple]:
    """Paths of translatable values (`fields`: their key names) with no text
    in `language`: a per-language map without it, or a plain value."""
    out: list[tuple] = []
    if is_language_map(data, aliases):
        return [] if language in {aliases[k.lower()] for k in data} else [path]
    if isinstance(data, dict):
        for key, value in data.items():
            plain = isinstance(value, str) or (isinstance(value, list) and value
                                               and all(isinstance(v, str) for v in value))
            # a field is named by its key, or by parent.key where the key alone is ambiguous
            named = key in fields or f"{path[-1] if path else ''}.{key}" in fields
            if named and plain:
                out.append(path + (key,))
                continue
            out.extend(missing_translations(value, language, aliases, fields, path + (key,)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out.extend(missing_translations(value, language, aliases, fields, path + (index,)))
    return out


def source_hash(text: str) -> str:
    """A short fingerprint of a default-language file as a translation records
    it (`source_hash:`): line endings and trailing spaces do not count."""
    normal = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=6).hexdigest()


def set_front_matter_key(text: str, key: str, value: str) -> str | None:
    """`text` (a Markdown file with front matter) with `key: value` set in
    its front matter, every other line kept as written; None without front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            for inner in range(1, index):
                if lines[inner].startswith(f"{key}:"):
                    lines[inner] = f"{key}: {value}"
                    return "\n".join(lines)
            lines.insert(index, f"{key}: {value}")
            return "\n".join(lines)
    return None
