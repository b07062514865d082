"""A theme's message catalogs (locale/<lang>/LC_MESSAGES/messages.po), read at build time:
the most specific locale first (pt_BR, then pt, then English), a child theme's strings
over its parent's."""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from portfoliogen.errors import SiteError

DOMAIN = "messages"


def po_path(folder: Path, locale: str) -> Path:
    return folder / "locale" / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def candidates(language: str) -> list[str]:
    """pt-BR -> [pt_BR, pt, en]; fr-CH -> [fr_CH, fr, en]; sr-Latn-RS -> [sr_Latn_RS, sr_Latn, sr, en]."""
    parts = language.replace("-", "_").split("_")
    parts = [parts[0].lower()] + [p.upper() if len(p) == 2 else p.title() for p in parts[1:]]
    names = ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]
    return names + ([] if "en" in names else ["en"])


@dataclass(frozen=True)
class ThemeLanguage:
    translations: gettext.NullTranslations
    locale: str | None        # the catalog found for the language itself ('pt' for pt-BR); None: English

    @property
    def missing(self) -> bool:
        return self.locale is None


def read_catalog(path: Path, display: str) -> Catalog:
    """One .po file; a syntax error is the user's to fix, at its line."""
    try:
        with path.open("rb") as f:
            return read_po(f, abort_invalid=True)
    except Exception as err:   # noqa: BLE001 - Babel raises PoFileError, ValueError, UnicodeError...
        lineno = getattr(err, "lineno", None)   # 0-based in Babel's PoFileError
        reason = re.sub(r" on \d+$", "", str(err.args[0]) if err.args else str(err))
        raise SiteError(display, None if lineno is None else lineno + 1, None,
                        f"cannot read this message catalog: {reason}") from None


def _translations(catalogs: list[Catalog]) -> Translations:
    """The catalogs merged (later ones win), fuzzy and empty entries left out
    so that the next locale's text shows instead."""
    merged: Translations | None = None
    for catalog in catalogs:
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)   # the data-only .mo format, in memory
        buffer.seek(0)
        one = Translations(buffer, domain=DOMAIN)
        merged = one if merged is None else merged.merge(one)
    return merged


# Reading and merging the catalogs is a few ms, once per build and language: the dev server's
# every save. The result depends only on the catalogs' bytes, so it is kept by them.
_MADE: dict[tuple, ThemeLanguage] = {}
_MADE_KEPT = 32


def theme_language(folders: tuple[Path, ...], language: str, display=str) -> ThemeLanguage:
    """`folders`: the theme's folders, most specific first (Theme.folders)."""
    sources = []
    for locale in candidates(language):
        for folder in reversed(folders):
            path = po_path(folder, locale)
            try:
                sources.append((str(path), path.read_bytes()))
            except OSError:   # none there (or unreadable: read_catalog below says so)
                sources.append((str(path), path.is_file()))
    key = (tuple(str(f) for f in folders), language, tuple(sources))
    made = _MADE.get(key)
    if made is None:
        made = _theme_language(folders, language, display)
        if len(_MADE) >= _MADE_KEPT:
            _MADE.clear()
        _MADE[key] = made
    return made


def _theme_language(folders: tuple[Path, ...], language: str, display=str) -> ThemeLanguage:
    chain: list[Translations] = []
    found = None
    for locale in candidates(language):
        paths = [po_path(f, locale) for f in reversed(folders)]   # the base first, the child wins
        catalogs = [read_catalog(p, display(p)) for p in paths if p.is_file()]
        if not catalogs:
            continue
        if found is None and locale != "en":
            found = locale
        chain.append(_translations(catalogs))
    if not chain:
        return ThemeLanguage(gettext.NullTranslations(), None if _needs_catalog(language) else "en")
    for outer, inner in zip(chain, chain[1:]):
        outer.add_fallback(inner)
    if found is None and not _needs_catalog(language):
        found = "en"
    return ThemeLanguage(chain[0], found)


def _needs_catalog(language: str) -> bool:
    return language.replace("-", "_").split("_")[0].lower() != "en"


def extract_msgids(template: Path) -> list[tuple[int, str]]:
    """(line, msgid) of each string the template marks with _(), ngettext or {% trans %}."""
    from babel.messages.extract import extract_from_file   # only `check` needs the extractor
    options = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true",
               "trim_blocks": "true", "lstrip_blocks": "true"}
    return [(line, message if isinstance(message, str) else message[0])
            for line, message, _comments, _context in extract_from_file("jinja2", str(template), options=options)]


def translated_msgids(folders: tuple[Path, ...], language: str, display=str) -> set[str] | None:
    """The msgids the theme's chain translates for `language` (None: English, or no catalog at all)."""
    if not _needs_catalog(language):
        return None
    known: set[str] = set()
    found = False
    for locale in candidates(language)[:-1]:
        for folder in folders:
            path = po_path(folder, locale)
            if path.is_file():
                found = True
                for m in read_catalog(path, display(path)):
                    strings = m.string if isinstance(m.string, tuple) else (m.string,)
                    if m.id and not m.fuzzy and all(strings):
                        known.add(m.id if isinstance(m.id, str) else m.id[0])
    return known if found else None
