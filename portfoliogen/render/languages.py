"""Links between the languages of a multilingual site: each page's translations
(hreflang alternates, og:locale:alternate) and its language switcher."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from portfoliogen.i18n import language_name

# Pages that have no translations: a switcher on them leads to each language's home.
UNLINKED_KINDS = {"404", "pitch"}


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switcher."""

    code: str          # BCP 47, for hreflang and lang
    name: str          # the language's name in itself: 'Português'
    url_path: str      # the same page in that language, or its home when not translated
    href: str          # url_path under base_url (a link to another language's page: not localised again)
    current: bool      # the page's own language
    translated: bool   # url_path is this page's translation

    @property
    def short(self) -> str:
        """What a narrow screen shows: 'PT' for pt-PT (with the region when two share a language)."""
        return self.code.upper() if len(self.code) <= 3 else self.code.split("-")[0].upper()


def og_locale(language: str) -> str:
    """'pt-PT' -> 'pt_PT'; '' for a bare language (Open Graph wants a territory)."""
    return language.replace("-", "_") if "-" in language else ""


def identity(page: Any) -> tuple | None:
    """What a page is, the same in every language: its translations share it."""
    info, context = page.info, page.context
    if info.kind in UNLINKED_KINDS or info.noindex:
        return None
    if info.kind == "case_study":
        return ("case_study", context["cs"].translation_group)
    if info.kind == "page":
        return ("page", context["content"].translation_group)
    if info.kind == "tag":
        return ("tag", context["tag"].slug)
    return (info.kind,)


def link_languages(planned: list, site: Any, urls: Any) -> list:
    """`planned`: every language's PlannedPages. Returns them with their
    alternates and switcher filled in; each points only at pages planned."""
    views = site.all_views
    bases = [lang.code.split("-")[0].lower() for lang in site.config.site_languages]
    names = {lang.code: lang.name or language_name(lang.code, bases.count(base) > 1)
             for lang, base in zip(site.config.site_languages, bases)}
    groups: dict[tuple, dict[str, str]] = {}
    for page in planned:
        key = identity(page)
        if key is not None:
            groups.setdefault(key, {})[page.info.language] = page.info.url_path
    out = []
    for page in planned:
        key = identity(page)
        found = groups.get(key, {}) if key is not None else {}
        group = {v.language: found[v.language] for v in views if v.language in found}   # in site order
        alternates: tuple[tuple[str, str], ...] = ()
        if group:
            alternates = tuple((lang, urls.abs_url(path)) for lang, path in group.items())
            default = group.get(views[0].language) or next(iter(group.values()))
            alternates += (("x-default", urls.abs_url(default)),)
        here = page.info.language
        switcher = []
        for v in views:
            path = page.info.url_path if v.language == here else group.get(v.language, v.prefix)
            switcher.append(LanguageLink(v.language, names.get(v.language, v.language), path, urls.url(path),
                                         v.language == here, v.language in group))
        locales = tuple(loc for lang in group if lang != here and (loc := og_locale(lang)))
        info = dataclasses.replace(page.info, alternates=alternates, switcher=tuple(switcher),
                                   og_locale_alternates=locales)
        out.append(dataclasses.replace(page, info=info))
    return out
