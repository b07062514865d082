"""Which content each rendered page used, so an edit re-renders exactly the
pages that show it.

While a template renders, every attribute it reads from a content object
(`cs.title`, `site.case_studies`, `tag.case_studies`) is recorded with a
fingerprint of the value it saw. On the next build a page is carried over
unchanged only if its template, its context and every recorded value are
the same; anything else re-renders it. The theme, the config and the
portfoliogen version are not tracked per page: a change to any of them
re-renders everything (see build.state.global_signature)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import jinja2

from portfoliogen.content.model import Model
from portfoliogen.content.site import Site, Tag

DepKey = tuple[str, str]   # (object key, attribute)


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


def object_key(obj: Any) -> str | None:
    """A stable name for a content object across builds."""
    if isinstance(obj, Site):
        return "site"
    if isinstance(obj, Tag):
        return f"tag:{obj.slug}"
    if isinstance(obj, Model):
        src = getattr(obj, "src_path", None)
        if not src:
            return None
        ident = getattr(obj, "id", None)
        return f"{src}#{ident}" if isinstance(ident, str) else src
    return None


def structure(value: Any) -> str:
    """Content objects by their key, collections element-wise, the rest by repr."""
    key = object_key(value)
    if key is not None:
        return key
    if isinstance(value, (tuple, list)):
        return "(" + ",".join(structure(v) for v in value) + ")"
    return repr(value)


@dataclass(frozen=True)
class PageRecord:
    template: str
    context: str                       # fingerprint of the page's own variables
    deps: frozenset[DepKey]            # what the templates read (values: BuildState.dep_values)


class Fingerprints:
    """Current fingerprints of (object, attribute) pairs, computed once per build."""

    def __init__(self, site: Site):
        self.site = site
        self._memo: dict[DepKey, str] = {}
        self._objects: dict[str, Any] | None = None

    def objects(self) -> dict[str, Any]:
        if self._objects is None:
            s = self.site
            found: dict[str, Any] = {"site": s}
            for obj in (s.profile, *s.case_studies, *s.testimonials, *s.services, *s.pages, *s.pitches, *s.tags):
                key = object_key(obj)
                if key:
                    found[key] = obj
            self._objects = found
        return self._objects

    def of(self, obj: Any, key: str, attr: str) -> str:
        memo_key = (key, attr)
        value = self._memo.get(memo_key)
        if value is None:
            try:
                current = getattr(obj, attr)
            except AttributeError:
                current = None
            if callable(current) and isinstance(obj, Site):
                value = self.relations()
            else:
                value = digest(structure(current) if isinstance(obj, (Site, Tag)) else repr(current))
            self._memo[memo_key] = value
        return value

    def relations(self) -> str:
        """What Site's lookup methods depend on: ids, slugs and the links between them."""
        memo = self._memo.get(("site", "__relations__"))
        if memo is None:
            s = self.site
            memo = digest(repr((
                [(cs.slug, cs.src_path, cs.testimonials, cs.services) for cs in s.case_studies],
                [(t.id, t.case_study) for t in s.testimonials],
                [sv.id for sv in s.services],
            )))
            self._memo[("site", "__relations__")] = memo
        return memo

    def current(self, key: str, attr: str) -> str | None:
        obj = self.objects().get(key)
        return None if obj is None else self.of(obj, key, attr)

    def changed(self, previous: dict[DepKey, str]) -> set[DepKey]:
        """The (object, attribute) pairs whose value differs from last build's."""
        return {dep for dep, old in previous.items() if self.current(*dep) != old}

    def values(self, deps) -> dict[DepKey, str]:
        return {dep: value for dep in deps if (value := self.current(*dep)) is not None}


def context_fingerprint(template: str, context: dict[str, Any]) -> str:
    return digest(template + "|" + "|".join(f"{name}={structure(value)}" for name, value in sorted(context.items())))


def still_valid(record: PageRecord | None, template: str, context: str, changed: set[DepKey]) -> bool:
    return (record is not None and record.template == template and record.context == context
            and record.deps.isdisjoint(changed))


@dataclass
class Recorder:
    deps: set[DepKey] = field(default_factory=set)

    def touch(self, obj: Any, attr: Any) -> None:
        if not isinstance(attr, str) or attr.startswith("_"):
            return
        key = object_key(obj)
        if key is not None:
            self.deps.add((key, attr))


class TrackingEnvironment(jinja2.Environment):
    """A Jinja2 environment that tells the current Recorder what templates read."""

    recorder: Recorder | None = None

    def getattr(self, obj: Any, attribute: str) -> Any:
        if self.recorder is not None:
            self.recorder.touch(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if self.recorder is not None:
            self.recorder.touch(obj, argument)
        return super().getitem(obj, argument)
