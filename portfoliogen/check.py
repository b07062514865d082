"""What a prospective client would miss: warnings for `portfoliogen check`
(errors with --strict), each naming the file (and line) to fix."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from portfoliogen.content.loaders import locations_of
from portfoliogen.content.sources import split_language
from portfoliogen.content.translations import missing_translations, set_front_matter_key, source_hash
from portfoliogen.content.model import Model
from portfoliogen.content.site import Site
from portfoliogen.errors import SiteError, SiteErrors, plural
from portfoliogen.i18n.catalogs import extract_msgids, po_path, translated_msgids
from portfoliogen.schema.validate import field_label
from portfoliogen.schema.yamlfile import load_yaml, read_text
from portfoliogen.seo.jsonld import PRICE_VALID_DAYS
from portfoliogen.seo.meta import DESCRIPTION_LIMIT

MIN_TESTIMONIALS = 3
EXPIRY_WARNING_DAYS = 7
_EMPTY_ALT_IMAGE = re.compile(r"!\[\s*\]\(")


def _at(obj: Model, path: tuple, message: str) -> SiteError:
    line, col = locations_of(obj).of(path)
    return SiteError(obj.src_path, line, col, message)


def _and(items) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def presence_warnings(site: Site) -> list[SiteError]:
    config = site.config
    profile = site.profile
    out: list[SiteError] = []
    if not profile.photo:
        out.append(_at(profile, (), "no photo: clients hire people; add 'photo' and 'photo_alt'"))
    if site.availability and site.availability.is_stale:
        out.append(_at(profile, ("availability", "from"),
                       "availability 'from' date has passed: it reads as available now; update or remove it"))
    if not (config.contact.email or config.contact.form_action or config.contact.booking_url):
        out.append(SiteError(config.config_path.name, None, None,
                             "no contact route: set contact.email, contact.form_action or contact.booking_url"))
    for cs in site.case_studies:
        # A blind study's cover left out on purpose (cover_blind: false) is not missing.
        dropped = cs.visibility == "blind" and not cs.cover_blind
        missing = [(name, why) for name, value, why in (
            ("client", cs.client, "who it was for"), ("outcomes", cs.outcomes, "what changed"),
            ("cover", cs.cover or dropped, "a picture of the work")) if not value]
        if missing:
            out.append(_at(cs, (), f"case study without {', '.join(name for name, _ in missing)}: "
                                   f"clients look for {_and(why for _, why in missing)}"))
        if len(cs.summary) > DESCRIPTION_LIMIT:
            out.append(_at(cs, ("summary",), f"summary is {len(cs.summary)} characters; search results "
                                             f"show about {DESCRIPTION_LIMIT}"))
        out.extend(_empty_alts(cs))
    for page in site.pages:
        if page.description and len(page.description) > DESCRIPTION_LIMIT:
            out.append(_at(page, ("description",), f"description is {len(page.description)} characters; "
                                                   f"search results show about {DESCRIPTION_LIMIT}"))
        out.extend(_empty_alts(page))
    for t in site.testimonials:
        missing = [name for name, value in (("role", t.role), ("company", t.company)) if not value]
        if missing:
            out.append(_at(t, (), f"testimonial '{t.id}' without {' and '.join(missing)}: "
                                  "a named role and company make it credible"))
        if t.avatar and not t.avatar_alt:
            out.append(_at(t, ("avatar",), f"testimonial '{t.id}' avatar has no avatar_alt"))
    if len(site.testimonials) < MIN_TESTIMONIALS:
        out.append(SiteError("content/testimonials.yaml", None, None,
                             f"{plural(len(site.testimonials), 'testimonial')}: clients look for at least "
                             f"{MIN_TESTIMONIALS}"))
    out.extend(_expiring_proposals(site))
    out.extend(SiteError(notice.path, None, None, notice.message) for notice in site.notices)
    out.extend(translation_warnings(site))
    out.extend(stale_warnings(site))
    return out


# ---------------------------------------------------------------- translations
# Short texts a visitor reads in the site's language, by file; the rest (names, ids, URLs) are
# the same in every language. A testimonial stays as it was given, so none of its fields is listed.
TRANSLATABLE = {
    "profile.yaml": {"headline", "bio", "photo_alt", "location", "response_time", "availability.note"},
    "services.yaml": {"name", "summary", "deliverables", "timeline", "includes", "not_included"},
    "cv.yaml": {"summary", "role", "highlights", "degree", "language", "level", "name", "skills"},
}


def translation_warnings(site: Site) -> list[SiteError]:
    """Per language: the pages not translated, the YAML texts without a
    translation, and translations whose source changed since they were
    written (or never marked as up to date)."""
    if not site.views:
        return []
    config = site.config
    out: list[SiteError] = []
    sources = {d.translation_group: d for d in (*site.case_studies, *site.pages)}
    for view in site.views[1:]:
        code, suffix = view.language, view.prefix.strip("/")
        translated = {d.translation_group: d for d in (*view.case_studies, *view.pages)}
        for group, source in sources.items():
            if group not in translated:
                stem = source.src_path[:-len(".md")]
                out.append(SiteError(source.src_path, None, None,
                                     f"not translated into {code}: add {stem}.{suffix}.md"))
        for group, doc in translated.items():
            if group in sources:
                out.extend(_stale(config, doc, sources[group]))
        for name, fields in TRANSLATABLE.items():
            out.extend(_untranslated_fields(config, name, fields, code))
    return out


def _stale(config, doc: Model, source: Model) -> list[SiteError]:
    try:
        current = source_hash((config.root / source.src_path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return []
    if doc.source_hash == current:
        return []
    if doc.source_hash is None:
        message = (f"translation of {source.src_path} not yet marked as up to date: once it is, run "
                   f"portfoliogen check --mark-translated {doc.src_path}")
        return [SiteError(doc.src_path, None, None, message)]
    return [_at(doc, ("source_hash",), f"{source.src_path} changed since this translation was written: "
                                       f"update it, then run portfoliogen check --mark-translated {doc.src_path}")]


def _untranslated_fields(config, name: str, fields: set[str], code: str) -> list[SiteError]:
    path = config.content_dir / name
    display = f"content/{name}"
    try:
        data, locs = load_yaml(path.read_text(encoding="utf-8"), display)
    except (OSError, UnicodeDecodeError, SiteError, SiteErrors):
        return []
    out = []
    for where in missing_translations(data, code, config.language_aliases, fields):
        line, col = locs.of(where)
        out.append(SiteError(display, line, col, f"'{field_label(where)}' has no {code} translation"))
    return out


def mark_translated(config, files: list[Path]) -> list[str]:
    """Record in each translation the fingerprint of its default-language file
    as it is now (`source_hash:`): the translation is up to date."""
    errors, done = [], []
    for file in files:
        display = config.display(file)
        text = read_text(file, display)
        source = _source_of(config, file, text)
        if source is None:
            errors.append(SiteError(display, None, None, "not a translation of a page or case study "
                                                         "(name it like about.pt.md beside about.md)"))
            continue
        updated = set_front_matter_key(text, "source_hash", source_hash(source.read_text(encoding="utf-8")))
        if updated is None:
            errors.append(SiteError(display, 1, 1, "no front matter (--- lines) to record source_hash in"))
            continue
        file.write_text(updated, encoding="utf-8")
        done.append(display)
    if errors:
        raise SiteErrors(errors)
    return done


def _source_of(config, file: Path, text: str) -> Path | None:
    """The default-language file a translation was written from: the same name
    without the language code, or the file with the same translation_key."""
    base, code = split_language(file.stem, config.language_aliases)
    if code is None or code == config.language:
        return None
    if file.name.startswith("index.") and (file.parent / "index.md").is_file():
        return file.parent / "index.md"
    if (file.parent / f"{base}.md").is_file():
        return file.parent / f"{base}.md"
    match = _KEY.search(text)
    if match:   # translation_key: find the default-language file with the same key
        key = match.group(1).strip().strip("'\"")
        for candidate in sorted(file.parent.glob("*.md")) + sorted(file.parent.glob("*/index.md")):
            other = candidate.read_text(encoding="utf-8")
            if split_language(candidate.stem, config.language_aliases)[1] is None and \
                    (m := _KEY.search(other)) and m.group(1).strip().strip("'\"") == key:
                return candidate
    return None


_KEY = re.compile(r"^translation_key:(.*)$", re.MULTILINE)


def _expiring_proposals(site: Site) -> list[SiteError]:
    """A week before a proposal lapses (after valid_until the page is not built) or its start
    date comes (after it, the milestone dates shown are behind), so renew it or follow up now."""
    out = []
    for pitch in site.pitches:
        proposal = pitch.proposal
        if proposal is None:
            continue
        if (proposal.valid_until - site.today).days <= EXPIRY_WARNING_DAYS:
            out.append(_at(pitch, ("proposal", "valid_until"),
                           f"proposal for {pitch.prospect} expires on {proposal.valid_until.isoformat()}: "
                           "the page goes offline after that; extend valid_until or follow up"))
        elif proposal.start < site.today:
            out.append(_at(pitch, ("proposal", "start"),
                           f"proposal for {pitch.prospect} started on {proposal.start.isoformat()}, in the past: "
                           "its milestone dates are behind; move the start or remove the proposal"))
        elif (proposal.start - site.today).days <= EXPIRY_WARNING_DAYS:
            out.append(_at(pitch, ("proposal", "start"),
                           f"proposal for {pitch.prospect} starts on {proposal.start.isoformat()}: after that "
                           "date its milestone dates are behind; move the start or follow up"))
    return out


def stale_warnings(site: Site) -> list[SiteError]:
    """Prices and availability not checked for PRICE_VALID_DAYS: agents and
    search engines read them as current (hire.json, priceValidUntil)."""
    out = []
    limit = site.today - dt.timedelta(days=PRICE_VALID_DAYS)
    for s in site.services:
        if s.price is not None and s.price.updated is not None and s.price.updated < limit:
            out.append(_at(s, ("price", "updated"), f"price of '{s.id}' last checked {s.price.updated.isoformat()}, "
                                                    f"over {PRICE_VALID_DAYS} days ago: check it and update 'updated'"))
    a = site.profile.availability
    if a is not None and a.updated is not None and a.updated < limit:
        out.append(_at(site.profile, ("availability", "updated"),
                       f"availability last checked {a.updated.isoformat()}, over {PRICE_VALID_DAYS} days ago: "
                       "check it and update 'updated'"))
    return out


def _empty_alts(obj: Model) -> list[SiteError]:
    out = []
    for match in _EMPTY_ALT_IMAGE.finditer(obj.body):
        line = obj.body_line + obj.body.count("\n", 0, match.start())
        col = match.start() - obj.body.rfind("\n", 0, match.start())
        out.append(SiteError(obj.src_path, line, col, "image without alt text: describe it inside ![...]"))
    return out


def untranslated_warnings(config, folders: tuple[Path, ...], languages: list[str] | None = None) -> list[SiteError]:
    """Strings of the site's own theme templates (an override with a new _() string) that its
    catalogs do not translate, per language: that text would show in English."""
    own = [f for f in folders if f.is_relative_to(config.root)]
    templates = sorted(p for f in own if (f / "templates").is_dir() for p in (f / "templates").rglob("*.html"))
    if not templates:
        return []
    out = []
    for language in languages or [config.language]:
        known = translated_msgids(folders, language, config.display)
        if known is None:
            continue   # English, or a language the theme has no catalog for (`build` says so)
        catalog = config.display(po_path(own[0], language.replace("-", "_")))
        for template in templates:
            try:
                marked = extract_msgids(template)
            except Exception:   # noqa: BLE001 - a template syntax error: the build reports it at its line
                continue
            for line, msgid in marked:
                if msgid not in known:
                    out.append(SiteError(config.display(template), line, None,
                                         f"“{msgid}” has no {language} translation: it shows in English "
                                         f"(add it to {catalog})"))
    return out
