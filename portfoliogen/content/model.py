"""The content model: one frozen pydantic model per content kind, fields named after the
YAML keys of SPEC.md."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from portfoliogen.schema.fields import (
    Currency,
    DateField,
    Email,
    Language,
    LinkUrl,
    PartialDate,
    PartialDateField,
    Slug,
    Text,
    TextList,
    TimeZone,
    Url,
    WorkingHours,
)
from portfoliogen.schema.model import Model, derived  # noqa: F401 - re-exported to content users


# ---------------------------------------------------------------- profile
# Fields declared with `derived()` are filled in by portfoliogen (paths, URLs, rendered HTML,
# planned images), never by the user: a content file that names one gets the same "unknown key"
# error as any other stray key.
class Link(Model):
    label: Text
    url: LinkUrl


class Availability(Model):
    status: Literal["available", "limited", "booked"]
    from_: PartialDateField | None = Field(default=None, alias="from")
    note: Text | None = None


class Profile(Model):
    name: Text
    headline: Text
    photo: Text | None = None
    photo_alt: Text | None = None
    bio: str | None = None
    location: Text | None = None
    timezone: TimeZone | None = None
    working_hours: WorkingHours | None = None
    languages: TextList = ()
    skills: TextList = ()
    links: tuple[Link, ...] = ()
    availability: Availability | None = None
    response_time: Text | None = None

    src_path: str = derived("")
    bio_html: str = derived("")
    photo_image: Any = derived()   # images.plan.ProcessedImage
    image_paths: Any = derived()   # {image path as written: the file}, resolved once (resolve.py)
    locs: Any = derived()          # yamlfile.Locations


class Document(Model):
    """What portfoliogen adds to every Markdown file (case study, page, pitch)."""

    src_path: str = derived("")      # the file, relative to the project
    url_path: str = derived("")      # where it is published
    body: str = derived("")          # the Markdown after the front matter
    body_line: int = derived(1)      # the body's first line in the file
    body_html: str = derived("")
    image_paths: Any = derived()     # {image path as written: the file}, resolved once (resolve.py)
    locs: Any = derived()            # yamlfile.Locations of the front matter


# ---------------------------------------------------------------- case studies
class GalleryItem(Model):
    src: Text
    alt: Text
    caption: Text | None = None
    image: Any = derived()


class Outcome(Model):
    value: Text
    label: Text


class CaseStudy(Document):
    title: Text
    summary: Text
    date: PartialDateField
    client: Text | None = None
    role: Text | None = None
    duration: Text | None = None
    cover: Text | None = None
    cover_alt: Text | None = None
    gallery: tuple[GalleryItem, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    services: TextList = ()
    tags: TextList = ()
    testimonials: TextList = ()
    link: Url | None = None
    featured: bool = False
    draft: bool = False
    weight: int = 0
    slug: Slug | None = None
    og_image: Text | None = None

    cover_image: Any = derived()
    og_image_file: Any = derived()
    tag_slugs: tuple[str, ...] = derived(())


# ---------------------------------------------------------------- testimonials, services
class Testimonial(Model):
    id: Slug
    quote: Text
    author: Text
    role: Text | None = None
    company: Text | None = None
    avatar: Text | None = None
    avatar_alt: Text | None = None
    case_study: Text | None = None
    date: PartialDateField | None = None
    source_url: Url | None = None
    featured: bool = False

    src_path: str = derived("")
    quote_html: str = derived("")
    avatar_image: Any = derived()
    image_paths: Any = derived()     # {image path as written: the file}, resolved once (resolve.py)
    locs: Any = derived()


class Price(Model):
    from_: float | None = Field(default=None, alias="from", ge=0)
    to: float | None = Field(default=None, ge=0)
    currency: Currency
    unit: Literal["project", "hour", "day", "month"] = "project"


class Service(Model):
    id: Slug
    name: Text
    summary: Text
    deliverables: TextList = ()
    timeline: Text | None = None
    price: Price | None = None
    includes: TextList = ()
    not_included: TextList = ()

    src_path: str = derived("")
    price_text: str = derived("")
    locs: Any = derived()


# ---------------------------------------------------------------- pages and pitches
class Page(Document):
    title: Text
    description: Text | None = None
    menu: int | None = None
    slug: Slug | None = None
    og_image: Text | None = None

    og_image_file: Any = derived()


class Pitch(Document):
    title: Text
    prospect: Text
    token: Slug
    case_studies: TextList = ()
    testimonials: TextList = ()
    services: TextList = ()
    expires: DateField | None = None


__all__ = [
    "Availability", "CaseStudy", "Document", "GalleryItem", "Link", "Model", "Outcome", "Page",
    "PartialDate", "Pitch", "Price", "Profile", "Service", "Testimonial", "Email", "Language",
]
