"""Which content each rendered page used, and so which pages of the previous build are
carried over: an edit re-renders exactly the pages that show it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from portfoliogen.build.plancache import PlanKeys
from portfoliogen.content.model import Model
from portfoliogen.content.site import Site, Tag, reads_of
from portfoliogen.fsutil import digest
from portfoliogen.render.pages import LazyPage, PageInfo, PlannedPage, Renderer
from portfoliogen.render.tracking import TEMPLATE, DepKey, object_key, structure


# While a template renders, every attribute it reads from a content object (`cs.title`,
# `site.case_studies`, `tag.case_studies`) is recorded (render/tracking.py) with a fingerprint of the
# value it saw; a Site lookup method by the fields it declares it reads (content/site.py: @relation).
# On the next build a page is carried over unchanged only if its template, its context and every
# recorded value are the same; anything else re-renders it. Every template a page loads (its own,
# what it extends, includes and imports) is recorded too, with its text's digest: editing
# services.html re-renders the services page only. The rest of the theme, the config and the
# portfoliogen version are not tracked per page: a change to any of them re-renders everything
# (see state.global_signature).
#
# `deps` is a tuple, each pair once, in no particular order: a frozenset of a page's ~100 pairs
# held ~10 KB of hash table (~40 MB at 4,000 case studies), a tuple of the shared pairs ~1 KB.
# Two records are equal whatever the order of their pairs (a page rendered again beside its
# loaded record: the state's shard is not written again).
@dataclass(frozen=True, slots=True, eq=False)
class PageRecord:
    template: str
    context: str                       # fingerprint of the page's own variables
    deps: tuple[DepKey, ...]           # what the templates read (values: BuildState.dep_values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PageRecord):
            return NotImplemented
        return (self.template == other.template and self.context == other.context
                and (self.deps == other.deps
                     or (len(self.deps) == len(other.deps) and set(self.deps) == set(other.deps))))

    __hash__ = None   # type: ignore[assignment]   (equal records may order their pairs apart)


# A content object is frozen, and the dev server's saves hand most of them on unchanged (the very
# objects: content/resolve.py, render/bodies.py): an attribute's fingerprint is kept by the object
# it was read from, for the next build. Tens of thousands of them a save at 1,000 case studies.
# Each entry holds its object, so its id is its own.
_LAST_VALUES: dict[tuple[int, str], tuple[Any, str]] = {}
# Sets of values as render_changed read them, by their id: (the set, {object key: the object read}).
# A few: the kept state's may be a round or two older than the last read (rounds stopped by a save).
_READ_FROM: dict[int, tuple[dict, dict[str, Any]]] = {}
READS_KEPT = 8


# The command line's process starts with none of the objects a save handed on (above): it compares
# each content object's fields in one digest, kept as a pseudo-attribute among the values (a
# template never records a name starting with "_": tracking.py's TrackingEnvironment._touch). An object whose digest is
# as last build's has every field as it was, so the pairs naming its fields are not compared one
# by one (~30,000 at 1,000 case studies). A content model is frozen and has no properties: what a
# template reads of it is a field, or a method (compared one by one, as are the fields left out).
# The fields left out are the costliest to repr and rarely read: where each value sits in its
# file (error messages) and the Markdown source (a page shows `body_html`, which is in).
WHOLE = "_fields"
WHOLE_SKIPS = frozenset({"locs", "body"})


class Fingerprints:
    """Current fingerprints of (object, attribute) pairs, computed once per build."""

    def __init__(self, site: Site, template_source: Callable[[str], str | None] = lambda name: None,
                 keep: bool = True):
        """`keep`: note what the next build in this process may take as it was (by_object,
        note_read): the dev server's; the command line's one build keeps nothing."""
        self.site = site
        self.template_source = template_source   # a template's text by name (None: not found)
        self.keep = keep
        self._memo: dict[DepKey, str] = {}
        self._objects: dict[str, Any] | None = None
        self._key_of: dict[int, str] = {}   # object_key of each of objects(), by id: a relation reads a thousand
        self.by_object: dict[tuple[int, str], tuple[Any, str]] = {}   # for the next build (_LAST_VALUES)
        self._same_fields: dict[int, tuple[dict, dict[str, dict]]] = {}   # same_fields(), by `previous`

    def objects(self) -> dict[str, Any]:
        if self._objects is None:
            found: dict[str, Any] = {}
            for s in self.site.all_views:   # every language's objects (object_key names the language)
                for obj in (s, s.profile, s.cv, *s.case_studies, *s.testimonials, *s.services, *s.pages, *s.pitches,
                            *s.tags):
                    key = object_key(obj)
                    if key:
                        found[key] = obj
                        self._key_of[id(obj)] = key   # (held in `found`: the id stays its own)
            self._objects = found
        return self._objects

    def of(self, obj: Any, key: str, attr: str) -> str:
        memo_key = (key, attr)
        value = self._memo.get(memo_key)
        if value is None:
            made_anew = isinstance(obj, (Site, Tag))   # every build; content objects may be the last build's
            kept = None if made_anew else _LAST_VALUES.get((id(obj), attr))
            if kept is not None and kept[0] is obj:
                value = kept[1]
            else:
                try:
                    current = getattr(obj, attr)
                except AttributeError:
                    current = None
                if callable(current) and isinstance(obj, Site):
                    value = self.relation(attr, obj)
                else:
                    value = digest(structure(current) if made_anew else repr(current))
            if not made_anew and self.keep:
                self.by_object[(id(obj), attr)] = (obj, value)
            self._memo[memo_key] = value
        return value

    def relation(self, name: str, site: Site | None = None) -> str:
        """A Site lookup method, by the fields it declared it reads (@relation)
        on `site` (one language's; the default's when not given)."""
        reads = reads_of(name)
        if reads is None:
            raise TypeError(f"Site.{name}() is callable from templates but does not declare what it "
                            f"reads: add @relation(...) to it in content/site.py")
        return digest(repr([self._read(path, site or self.site) for path in reads]))

    def _read(self, path: str, site: Site) -> Any:
        """'case_studies' -> their keys in order; 'case_studies.slug' -> (key, slug) of each."""
        name, _, attr = path.partition(".")
        items = getattr(site, name)
        if not attr:
            return structure(items)
        self.objects()
        key_of = self._key_of
        return [(key_of.get(id(item)) or object_key(item), getattr(item, attr)) for item in items]

    def current(self, key: str, attr: str) -> str | None:
        if key.startswith(TEMPLATE):
            return self._template(key)
        obj = self.objects().get(key)
        if obj is None:
            return None
        return self.whole(obj, key) if attr == WHOLE else self.of(obj, key, attr)

    def whole(self, obj: Any, key: str) -> str | None:
        """One digest of a content object's fields (all but WHOLE_SKIPS); None for a Site or Tag."""
        value = self._memo.get((key, WHOLE))
        if value is None and isinstance(obj, Model):
            value = self._memo[(key, WHOLE)] = digest(repr(
                [(name, v) for name, v in obj.__dict__.items() if name not in WHOLE_SKIPS]))
        return value

    def wholes(self, keys: Iterable[str]) -> dict[DepKey, str]:
        """(key, WHOLE) -> digest of each content object among `keys`, for the next build."""
        objects = self.objects()
        return {(key, WHOLE): value for key in keys
                if (obj := objects.get(key)) is not None and (value := self.whole(obj, key)) is not None}

    def same_fields(self, previous: dict[DepKey, str]) -> dict[str, dict]:
        """key -> the fields of each object whose fields all digest as in `previous` (its
        WHOLE entry): a pair naming one of them (but WHOLE_SKIPS) has the value `previous` holds."""
        held = self._same_fields.get(id(previous))
        if held is None or held[0] is not previous:
            objects = self.objects()
            same = {}
            for key, attr in previous:
                if attr == WHOLE and (obj := objects.get(key)) is not None \
                        and self.whole(obj, key) == previous[(key, WHOLE)]:
                    same[key] = obj.__dict__
            held = self._same_fields[id(previous)] = (previous, same)
        return held[1]

    def _template(self, key: str) -> str | None:
        value = self._memo.get((key, "source"))
        if value is None:
            source = self.template_source(key.removeprefix(TEMPLATE))
            value = self._memo[(key, "source")] = "" if source is None else digest(source)
        return value or None

    def changed(self, previous: dict[DepKey, str], check: Callable[[], None] = lambda: None) -> set[DepKey]:
        """The (object, attribute) pairs whose value differs from last build's.
        `check` raises to stop (a newer save): tens of thousands of pairs at 1,000 case studies."""
        same, fields = self.unchanged(previous), self.same_fields(previous)
        out = set()
        for done, (dep, old) in enumerate(previous.items()):   # (the checks written out: ~120,000 at 4,000)
            if not done % CHECK_EVERY:
                check()
            key, attr = dep
            if key in same or ((kept := fields.get(key)) is not None and attr in kept and attr not in WHOLE_SKIPS):
                continue
            if self.current(key, attr) != old:
                out.add(dep)
        return out

    def values(self, deps, check: Callable[[], None] = lambda: None,
               previous: dict[DepKey, str] | None = None) -> dict[DepKey, str]:
        """The current value of each pair (an unchanged object's from `previous`). `check` raises
        to stop (a newer save): ~20 ms at 1,000 case studies, where a newer save waited for the
        next stage's look."""
        if previous is None:
            return {dep: value for dep in _looking(deps, check, CHECK_EVERY)
                    if (value := self.current(*dep)) is not None}
        same, fields = self.unchanged(previous), self.same_fields(previous)
        out = {}
        for dep in _looking(deps, check, CHECK_EVERY):
            key, attr = dep
            value = (previous.get(dep) if key in same or ((kept := fields.get(key)) is not None and attr in kept
                                                         and attr not in WHOLE_SKIPS) else None)
            if value is None:
                value = self.current(key, attr)
            if value is not None:
                out[dep] = value
        return out

    # Most of the pairs a build compares (~30,000 at 1,000 case studies: ~45 ms) belong to objects
    # the save handed on unchanged, the very objects the last values were read from; a content
    # object is frozen, so its values are those. render_changed notes which object each key named
    # when it read a set of values (_READ_FROM, by that set: the very dict the kept state holds);
    # a Site, a Tag (made anew every build) and a template are never taken as unchanged.
    def unchanged(self, previous: dict[DepKey, str]) -> frozenset[str]:
        """The object keys naming the same objects as when `previous` was read."""
        found = _READ_FROM.get(id(previous))
        if found is None or found[0] is not previous:
            return frozenset()
        objects = self.objects()
        return frozenset(key for key, obj in found[1].items() if objects.get(key) is obj)

    def note_read(self, values: dict[DepKey, str]) -> None:
        """Note the objects `values` were read from (for unchanged() in the next builds)."""
        if not self.keep:
            return
        if len(_READ_FROM) >= READS_KEPT:
            del _READ_FROM[next(iter(_READ_FROM))]   # the oldest
        _READ_FROM[id(values)] = (values, {key: obj for key, obj in self.objects().items()
                                           if not isinstance(obj, (Site, Tag))})


def context_fingerprint(template: str, context: dict[str, Any]) -> str:
    return digest(template + "|" + "|".join(f"{name}={structure(value)}" for name, value in sorted(context.items())))


def still_valid(record: PageRecord | None, template: str, context: str, changed: set[DepKey]) -> bool:
    return (record is not None and record.template == template and record.context == context
            and (not changed or changed.isdisjoint(record.deps)))


@dataclass
class RenderedSite:
    rendered: list[str] = field(default_factory=list)            # out_paths rendered now
    pages: list[PageInfo] = field(default_factory=list)          # every page, rendered or carried
    carried: list[str] = field(default_factory=list)             # out_paths unchanged since last build
    records: dict[str, PageRecord] = field(default_factory=dict)  # what each page used
    dep_values: dict = field(default_factory=dict)                # and the values it saw
    plans: dict[str, tuple] = field(default_factory=dict)          # case study plans kept (build/plancache.py)


def split_pages(plan: Iterable[PlannedPage], previous: dict[str, PageRecord], changed: set[DepKey],
                can_carry: Callable[[str], bool],
                check: Callable[[], None] = lambda: None, stored: dict[str, tuple] | None = None,
                plan_key: Callable[[LazyPage], str | None] | None = None, keep: bool = True,
                ) -> tuple[RenderedSite, list[tuple[PlannedPage, str]]]:
    """Which pages to carry over from the previous build: those whose record
    says nothing they used has changed and whose previous output file is
    intact (`can_carry`). Returns the site so far (every page, the carried
    ones with their records) and the pages to render with their context
    fingerprints. `check` raises to stop (a newer save). With `plan_key`
    (build/plancache.py), a case study's page whose key is the one `stored`
    holds is not planned again, and the site's `plans` are kept for the next build.
    `keep`: the plans are kept for the next build in this process too (_LAST_SPLIT)."""
    global _LAST_SPLIT
    result = RenderedSite()
    todo = []
    kept: dict[str, tuple] = {}
    stored = stored or {}
    for page in _looking(plan, check, PAGES_PER_CHECK):
        out_path, planned = page.out_path, None
        lazy = isinstance(page, LazyPage)
        last = _LAST_SPLIT.get(out_path) if lazy else None
        made = plan_key(page) if lazy and plan_key is not None else None
        held = stored.get(out_path) if made is not None else None
        if last is not None and last[0] == page.made_of:   # planned of the same: the same plan
            template, context_fp, listed = last[1:]
        elif held is not None and held[0] == made:   # made of the same values last build
            template, context_fp, listed = held[1:]
        else:
            planned = page.plan() if isinstance(page, LazyPage) else page
            template, info = planned.template, planned.info
            context_fp = context_fingerprint(template, {**planned.context, "page": info})
            # The sitemap and the cards need every page, not its JSON-LD (the
            # bulk of a PageInfo): only pages rendered now keep theirs.
            listed = replace(info, jsonld=()) if info.jsonld else info
        if lazy and keep:
            kept[out_path] = (page.made_of, template, context_fp, listed)
        if made is not None:
            result.plans[out_path] = (made, template, context_fp, listed)
        result.pages.append(listed)
        if still_valid(previous.get(out_path), template, context_fp, changed) and can_carry(out_path):
            result.carried.append(out_path)
            result.records[out_path] = previous[out_path]
        else:
            todo.append((planned or page.plan(), context_fp))
    _LAST_SPLIT = kept
    return result, todo


# A case study page's plan, as split_pages last saw it, by its file: what it was made of
# (render/pages.py: LazyPage), its template, context fingerprint and the PageInfo listed (without its
# structured data). A page made of the same is not planned again unless it is rendered.
_LAST_SPLIT: dict[str, tuple] = {}


def render_changed(renderer: Renderer, previous: dict[str, PageRecord] | None = None,
                   previous_values: dict | None = None,
                   can_carry: Callable[[str], bool] = lambda out_path: False,
                   sink: Callable[[str, bytes], None] | None = None,
                   plans: dict[str, tuple] | None = None, keep: bool = True) -> RenderedSite:
    """Render every page into `sink` except those carried over unchanged
    (split_pages), and record what each page used for the next build.
    `plans`: the case study plans the last build kept (build/plancache.py; the
    command line's: the dev server keeps its own in memory), None to keep none. `keep`: what
    the next build in this process may reuse is kept (the dev server's; Fingerprints)."""
    previous = previous or {}
    check = getattr(renderer, "check", lambda: None)   # the dev server's: a newer save stops the build
    fingerprints = Fingerprints(renderer.site, renderer.template_source, keep)
    changed = fingerprints.changed(previous_values or {}, check) if previous else set()
    plan_key = PlanKeys(fingerprints.whole) if plans is not None else None
    result, todo = split_pages(renderer.page_plan(renderer.site), previous, changed, can_carry, check,
                               plans, plan_key, keep)
    context_of = {page.out_path: context_fp for page, context_fp in todo}
    rendered = renderer.render_pages([page for page, _ in todo], sink)
    # Let go of what is done with before the records and values are made, so that they take the
    # memory it held, not more (~40 MB of plans and ~80 MB of pages as the workers sent them, at
    # 4,000 case studies): the pages' plans (contexts, structured data) and each rendered page
    # once recorded.
    del todo
    rendered.reverse()
    # One tuple per (object, attribute) shared by every record that names
    # it: written once in the build state and held once after loading.
    # (Tens of thousands at 1,000 case studies: made with looks for a newer save, as is the set below.)
    shared: dict = {dep: dep for dep in _looking(previous_values or (), check, CHECK_EVERY)}
    while rendered:
        page = rendered.pop()
        deps = tuple(map(shared.setdefault, page.deps, page.deps))
        result.records[page.out_path] = PageRecord(page.template, context_of[page.out_path], deps)
        result.rendered.append(page.out_path)
    used = {dep for record in _looking(result.records.values(), check, PAGES_PER_CHECK) for dep in record.deps}
    result.dep_values = fingerprints.values(used, check, previous_values)
    if plans is not None:   # the command line's: its next build compares objects by their fields' digest
        result.dep_values.update(fingerprints.wholes({key for key, _attr in used}))
    fingerprints.note_read(result.dep_values)
    global _LAST_VALUES
    _LAST_VALUES = fingerprints.by_object
    return result


CHECK_EVERY = 512   # pairs compared between two looks for a newer save (~1 ms)
PAGES_PER_CHECK = 4   # pages planned and compared between two looks (~1 ms; every 64 was ~11 ms)


def _looking(items: Iterable, check: Callable[[], None], every: int) -> Iterator:
    """`items`, calling `check` (raises to stop: a newer save) before every `every`-th."""
    for done, item in enumerate(items):
        if not done % every:
            check()
        yield item
