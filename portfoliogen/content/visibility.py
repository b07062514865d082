"""Visibility: public, blind (anonymised) and pitch-only items, and embargoes, applied to the
loaded content before it is resolved; also the names the leak check looks for."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from portfoliogen.config import Config
from portfoliogen.content.loaders import LoadedContent
from portfoliogen.content.model import CaseStudy, Testimonial
from portfoliogen.slugs import slugify


@dataclass(frozen=True, slots=True)
class Secret:
    """A name that must not be published, and the file that declares it."""

    name: str
    declared_in: str   # "config.yaml" or the blind item's content file


@dataclass(frozen=True)
class Hidden:
    """What the public site leaves out: full versions for pitches, and the secrets."""

    case_studies: tuple[CaseStudy, ...] = ()     # full versions of blind, pitch-only and embargoed ones
    testimonials: tuple[Testimonial, ...] = ()
    secrets: tuple[Secret, ...] = ()


def is_private(item: CaseStudy | Testimonial, today: dt.date) -> bool:
    """Only pitches show it: pitch-only, or embargoed until a later date."""
    return item.visibility == "pitch-only" or (item.embargo_until is not None and item.embargo_until > today)


def apply_visibility(content: LoadedContent, config: Config, today: dt.date) -> tuple[LoadedContent, Hidden]:
    """The content the public site shows (blind items anonymised, private ones
    left out) and what it hides."""
    secrets = [Secret(name, config.config_path.name) for name in config.confidential]
    public_cs, hidden_cs = [], []
    renamed: dict[str, str | None] = {}      # original slug -> public slug (None: not public)
    for cs in content.case_studies:
        if is_private(cs, today):
            hidden_cs.append(cs)
            renamed[cs.slug] = None
        elif cs.visibility == "blind":
            hidden_cs.append(cs)
            blind = blind_case_study(cs)
            renamed[cs.slug] = blind.slug
            public_cs.append(blind)
            if cs.client:
                secrets.append(Secret(cs.client, cs.src_path))
        else:
            public_cs.append(_public_parts(cs))
    public_t, hidden_t = [], []
    for t in content.testimonials:
        if is_private(t, today):
            hidden_t.append(t)
            continue
        if t.visibility == "blind":
            hidden_t.append(t)
            secrets.extend(Secret(name, t.src_path) for name in (t.author, t.company) if name)
            t = blind_testimonial(t)
        if t.case_study in renamed:
            t = t.model_copy(update={"case_study": renamed[t.case_study]})
        public_t.append(t)
    public = replace(content, case_studies=tuple(public_cs), testimonials=tuple(public_t))
    return public, Hidden(tuple(hidden_cs), tuple(hidden_t), tuple(_unique(secrets)))


# What a translation takes from its default-language file when it does not say it itself: an NDA
# covers the work in every language, so a translation can never publish what its source hides.
_INHERITED = ("visibility", "embargo_until", "cover_blind")


def inherit_visibility(content: LoadedContent) -> LoadedContent:
    """Translations (`*.pt.md`) with the visibility, embargo and cover rule of
    their source file, where they do not set their own."""
    sources = {cs.translation_group: cs for cs in content.case_studies if not cs.view}
    out = []
    for cs in content.case_studies:
        source = sources.get(cs.translation_group) if cs.view else None
        if source is not None:
            cs = cs.model_copy(update={key: getattr(source, key) for key in _INHERITED
                                       if key not in cs.model_fields_set})
        out.append(cs)
    return replace(content, case_studies=tuple(out))


def blind_case_study(cs: CaseStudy) -> CaseStudy:
    """The anonymised version: the client's name replaced in every text, its
    own title, summary and slug, identifying images, links and figures dropped."""
    swap = _replacer(cs.client, cs.client_blind or "")
    title = cs.title_blind or swap(cs.title)
    return cs.model_copy(update={
        "client": cs.client_blind,
        "title": title,
        "summary": cs.summary_blind or swap(cs.summary),
        "slug": slugify(title),
        "body": swap(cs.body),
        "role": swap(cs.role) if cs.role else cs.role,
        "cover": cs.cover if cs.cover_blind else None,
        "cover_alt": swap(cs.cover_alt) if cs.cover_blind and cs.cover_alt else None,
        "og_image": None,
        "link": None,
        "gallery": tuple(g.model_copy(update={"alt": swap(g.alt), "caption": swap(g.caption) if g.caption else None})
                         for g in cs.gallery if g.visibility == "public"),
        "outcomes": tuple(_blind_outcome(o, swap) for o in cs.outcomes
                          if o.visibility == "public" or (o.visibility == "blind" and o.value_blind)),
        "tags": tuple(t for t in cs.tags if swap(t) == t),   # a tag naming the client would name it
    })


def blind_testimonial(t: Testimonial) -> Testimonial:
    swap = _replacer(t.company, t.company_blind or "")
    return t.model_copy(update={
        "author": t.author_blind or t.role or t.company_blind or "",
        "company": t.company_blind, "quote": swap(t.quote),
        "avatar": None, "avatar_alt": None, "source_url": None,
    })


def _public_parts(cs: CaseStudy) -> CaseStudy:
    """A public case study without its pitch-only images and figures."""
    if all(g.visibility != "pitch-only" for g in cs.gallery) and all(o.visibility != "pitch-only" for o in cs.outcomes):
        return cs
    return cs.model_copy(update={
        "gallery": tuple(g for g in cs.gallery if g.visibility != "pitch-only"),
        "outcomes": tuple(o for o in cs.outcomes if o.visibility != "pitch-only"),
    })


def _blind_outcome(outcome, swap):
    value = outcome.value_blind if outcome.visibility == "blind" else outcome.value
    return outcome.model_copy(update={"value": value, "label": swap(outcome.label)})


def _replacer(name: str | None, replacement: str):
    """Replaces `name` as a whole word, in any case; a no-op without a name."""
    if not name:
        return lambda text: text
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
    capital = replacement[:1].upper() + replacement[1:]

    def swap(match: re.Match) -> str:
        before = match.string[:match.start()].rstrip(" *_#>")
        return capital if not before or before[-1] in ".!?\n" else replacement

    return lambda text: pattern.sub(swap, text)


def _unique(secrets: list[Secret]) -> list[Secret]:
    seen: dict[str, Secret] = {}
    for secret in secrets:
        seen.setdefault(secret.name.casefold(), secret)
    return list(seen.values())
