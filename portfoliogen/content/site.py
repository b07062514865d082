"""The resolved site: every published object, in order, with the lookups templates need,
each declaring what it reads (@relation). Built once by resolve.py, never changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from portfoliogen.config import Config
from portfoliogen.content.cv import Cv
from portfoliogen.content.model import (
    CaseStudy,
    Page,
    Pitch,
    Profile,
    Service,
    Testimonial,
)
from portfoliogen.errors import Notice

F = TypeVar("F", bound=Callable)


def relation(*reads: str) -> Callable[[F], F]:
    """Declares what a lookup method of Site reads: 'case_studies' (which
    objects, in which order) or 'case_studies.slug' (that field of each).
    A page that calls the method is rendered again exactly when one of
    these changes (build/deps.py); a public method without a declaration
    cannot be fingerprinted, and the build refuses it."""

    def declare(method: F) -> F:
        method.reads = reads   # type: ignore[attr-defined]
        return method

    return declare


def reads_of(name: str) -> tuple[str, ...] | None:
    """What Site.<name> declared it reads; None for an undeclared method."""
    return getattr(getattr(Site, name, None), "reads", None)


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    slug: str
    url_path: str
    case_studies: tuple[CaseStudy, ...]
    view: str = ""           # its language, when not the default


@dataclass(frozen=True, slots=True)
class AvailabilityView:
    status: str              # available | limited | booked
    from_date: dt.date | None  # None when it applies now
    is_now: bool
    is_stale: bool           # a 'from' date in the past
    note: str | None


@dataclass(frozen=True, slots=True)
class MenuItem:
    title: str
    url_path: str


@dataclass(frozen=True)
class Site:
    config: Config
    profile: Profile
    case_studies: tuple[CaseStudy, ...]
    testimonials: tuple[Testimonial, ...]
    services: tuple[Service, ...]
    pages: tuple[Page, ...]
    pitches: tuple[Pitch, ...]
    tags: tuple[Tag, ...]
    menu: tuple[MenuItem, ...]
    availability: AvailabilityView | None
    static_files: tuple[Path, ...]
    today: dt.date
    notices: tuple[Notice, ...] = ()   # things the build tells the user (expired pitches...)
    language: str = ""                 # the language of this site's pages (config.language)
    prefix: str = "/"                  # where they live under base_url ('/pt/')
    views: tuple["Site", ...] = ()     # a multilingual site: every language's site, this one's first
    cv: Cv | None = None               # content/cv.yaml
    # content/visibility.py: full versions of what the public site hides or anonymises (pitches
    # show them), and the names the leak check looks for (visibility.Secret).
    private_case_studies: tuple[CaseStudy, ...] = ()
    private_testimonials: tuple[Testimonial, ...] = ()
    secrets: tuple = ()
    _by_slug: dict = field(default_factory=dict, repr=False)
    _testimonials_by_id: dict = field(default_factory=dict, repr=False)
    _services_by_id: dict = field(default_factory=dict, repr=False)
    _position: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_slug.update({cs.source_slug: cs for cs in self.case_studies if cs.source_slug})
        self._by_slug.update({cs.slug: cs for cs in self.case_studies})
        self._position.update({cs.slug: i for i, cs in enumerate(self.case_studies)})
        self._testimonials_by_id.update({t.id: t for t in self.testimonials})
        self._services_by_id.update({s.id: s for s in self.services})

    # ------------------------------------------------------------ languages
    @property
    def all_views(self) -> tuple["Site", ...]:
        """Every language's site, this (the default) first; one for a site in one language."""
        return (self, *self.views[1:]) if self.views else (self,)

    @property
    def view(self) -> str:
        """'' for the default language's site, else its language (as content objects' `view`)."""
        return "" if self.prefix == "/" else self.language

    # ------------------------------------------------------------ selections
    @property
    def featured(self) -> tuple[CaseStudy, ...]:
        chosen = tuple(cs for cs in self.case_studies if cs.featured)
        return chosen[:6] if chosen else self.case_studies[:3]

    @property
    def featured_testimonials(self) -> tuple[Testimonial, ...]:
        chosen = tuple(t for t in self.testimonials if t.featured)
        return chosen[:3] if chosen else self.testimonials[:3]

    # ------------------------------------------------------------ lookups
    @relation("case_studies.slug", "case_studies.source_slug")
    def case_study(self, slug: str) -> CaseStudy | None:
        return self._by_slug.get(slug)

    @relation("testimonials.id")
    def testimonial(self, ident: str) -> Testimonial | None:
        return self._testimonials_by_id.get(ident)

    @relation("services.id")
    def service(self, ident: str) -> Service | None:
        return self._services_by_id.get(ident)

    @relation("case_studies.slug", "case_studies.source_slug", "case_studies.testimonials", "testimonials.id",
              "testimonials.case_study")
    def testimonials_for(self, cs: CaseStudy) -> tuple[Testimonial, ...]:
        """Listed by id on the case study, then those pointing at it (by the
        default language's slug on a translation)."""
        listed = [self._testimonials_by_id[i] for i in cs.testimonials if i in self._testimonials_by_id]
        listed_ids = {t.id for t in listed}
        ref = cs.source_slug or cs.slug
        pointing = [t for t in self.testimonials if t.case_study == ref and t.id not in listed_ids]
        return tuple(listed + pointing)

    @relation("case_studies.services", "services.id")
    def services_for(self, cs: CaseStudy) -> tuple[Service, ...]:
        return tuple(self._services_by_id[i] for i in cs.services if i in self._services_by_id)

    @relation("case_studies.services", "services.id")
    def case_studies_for_service(self, service: Service) -> tuple[CaseStudy, ...]:
        return tuple(cs for cs in self.case_studies if service.id in cs.services)

    @relation("case_studies.slug", "case_studies.source_slug", "testimonials.case_study")
    def case_study_for(self, testimonial: Testimonial) -> CaseStudy | None:
        return self._by_slug.get(testimonial.case_study) if testimonial.case_study else None

    @relation("case_studies")
    def neighbours(self, cs: CaseStudy) -> tuple[CaseStudy | None, CaseStudy | None]:
        index = self._position[cs.slug]
        prev = self.case_studies[index - 1] if index > 0 else None
        nxt = self.case_studies[index + 1] if index + 1 < len(self.case_studies) else None
        return prev, nxt
