"""A multilingual site as one site per language: each language's share of the loaded
content, and the default language's Site holding them all (`views`)."""

from __future__ import annotations

import dataclasses

from portfoliogen.config import Config, SiteLanguage
from portfoliogen.content.loaders import LoadedContent
from portfoliogen.content.site import Site


def content_in(content: LoadedContent, lang: SiteLanguage, config: Config) -> LoadedContent:
    """What the pages of one language show: its own Markdown files (a page
    not translated is not published in it), the YAML content in it."""
    view = "" if lang.default else lang.code
    profile, testimonials, services, cv = (content.profile, content.testimonials, content.services, content.cv) \
        if lang.default else content.localized[lang.code]
    return LoadedContent(
        profile=profile, testimonials=testimonials, services=services,
        case_studies=tuple(cs for cs in content.case_studies if cs.view == view),
        pages=tuple(p for p in content.pages if p.view == view),
        pitches=tuple(p for p in content.pitches if p.view == view),
        static_files=content.static_files,
        cv=cv,
    )


def source_slugs(content: LoadedContent) -> dict[str, str]:
    """{translation group: slug} of the default language's case studies
    (drafts too): testimonials and pitches refer to case studies by these."""
    return {cs.translation_group: cs.slug for cs in content.case_studies if not cs.view}


def language_prefixes(config: Config) -> frozenset[str]:
    """The first path segment of every other language: no default-language page may take it."""
    return frozenset(lang.prefix.strip("/").split("/")[0] for lang in config.site_languages if not lang.default)


def with_views(views: list[Site]) -> Site:
    """The default language's Site, holding every language's."""
    return dataclasses.replace(views[0], views=tuple(views))
