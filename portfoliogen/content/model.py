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
from portfoliogen.content.cv import CvVariant
from portfoliogen.content.proposal import Proposal, Unavailable
from portfoliogen.schema.model import Model, derived  # noqa: F401 - re-exported to content users

# Who may see an item (content/visibility.py applies it): everyone, everyone in an anonymised
# version (the full one on pitches that name it), or only pitches.
Visibility = Literal["public", "blind", "pitch-only"]


# ---------------------------------------------------------------- profile
# Fields declared with `derived()` are filled in by portfoliogen (paths, URLs, rendered HTML,
# planned images), never by the user: a content file that names one gets the same "unknown key"
# error as any other stray key.
class Link(Model):
    label: Text = Field(description="The link's text, e.g. the site's name.", examples=['GitHub'])
    url: LinkUrl = Field(description='Where it points: https://, mailto: or tel:.',
                         examples=['https://github.com/alex'])


class Availability(Model):
    status: Literal["available", "limited", "booked"] = Field(description='Whether you take new work now.',
                                                              examples=['available'])
    from_: PartialDateField | None = Field(default=None, alias="from",
                                           description='When you are free again (YYYY-MM or YYYY-MM-DD).',
                                           examples=['2025-09'])
    note: Text | None = Field(default=None,
                              description='One line shown next to the status.',
                              examples=['Taking on one new project a quarter.'])
    updated: DateField | None = Field(default=None,
                                      description='When you last checked this (YYYY-MM-DD); check warns after 90 days.',
                                      examples=['2025-06-01'])


class Profile(Model):
    name: Text = Field(description='Your name as clients should see it.', examples=['Alex Example'])
    headline: Text = Field(description='One line on what you do and for whom.',
                           examples=['Product designer for small software teams'])
    photo: Text | None = Field(default=None,
                               description='Your portrait: an image file, a path from content/ or relative to this file.',
                               examples=['images/portrait.jpg'])
    photo_alt: Text | None = Field(default=None,
                                   description='Describes the photo for screen readers.',
                                   examples=['Alex smiling in a sunny office'])
    bio: str | None = Field(default=None,
                            description='About you, in Markdown (several paragraphs allowed).',
                            examples=['I help small software teams ship products their customers understand.'])
    location: Text | None = Field(default=None,
                                  description='Where you work from.',
                                  examples=['Porto, Portugal'])
    timezone: TimeZone | None = Field(default=None,
                                      description='Your IANA time zone; shows your local time to visitors.',
                                      examples=['Europe/Lisbon'])
    working_hours: WorkingHours | None = Field(default=None,
                                               description='Your working hours, HH:MM-HH:MM, in your time zone.',
                                               examples=['09:00-17:00'])
    languages: TextList = Field(default=(),
                                description='Languages you work in.',
                                examples=[['English', 'Portuguese']])
    skills: TextList = Field(default=(),
                             description='What you are good at, one short phrase each.',
                             examples=[['Product design', 'User research']])
    links: tuple[Link, ...] = Field(default=(),
                                    description='Links to your profiles elsewhere.',
                                    examples=[[{'label': 'GitHub', 'url': 'https://github.com/alex'}]])
    availability: Availability | None = Field(default=None,
                                              description='Whether you take new work, and from when.',
                                              examples=[{'status': 'available'}])
    response_time: Text | None = Field(default=None,
                                       description='How fast you answer enquiries.',
                                       examples=['within one business day'])
    country: Text | None = Field(default=None, pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$",
                                 description="Your country (ISO 3166, e.g. PT or US-CA): its public holidays are "
                                             "skipped in proposal dates.",
                                 examples=['PT'])
    unavailable: tuple[Unavailable, ...] = Field(default=(),
                                                 description='Periods you are away: skipped in proposal dates.',
                                                 examples=[[{'from': '2027-04-05', 'to': '2027-04-09'}]])

    src_path: str = derived("")
    view: str = derived("")          # the language this copy is for; "" for the default (translations.py)
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
    view: str = derived("")          # its language, when not the default (about.pt.md)
    translation_group: str = derived("")   # translations of one page share it (translations.py)


# ---------------------------------------------------------------- case studies
class GalleryItem(Model):
    src: Text | None = Field(default=None,
                             description='An image file, a path from content/ or relative to this file '
                                         '(required unless `video` is given; with a video, its poster).',
                             examples=['images/checkout-flow.png'])
    alt: Text = Field(description='Describes the image (or the video) for screen readers.',
                      examples=['The new three-step checkout on a phone'])
    caption: Text | None = Field(default=None,
                                 description='Shown under the image.',
                                 examples=['Checkout, after'])
    visibility: Visibility = Field(default="public",
                                   description="'blind' marks an image that identifies the client: the anonymised version leaves it out; 'pitch-only' shows it only on pitches.",
                                   examples=['blind'])
    credit: Text | None = Field(default=None,
                                description='Who made the image, shown beside the caption '
                                            '(written here: nothing is read from EXIF).',
                                examples=['Photo: Lena Berg'])
    video: Text | None = Field(default=None,
                               description='A video instead of an image: an MP4 or WebM file (captions from '
                                           'a .vtt file of the same name beside it), or a YouTube or Vimeo link.',
                               examples=['walkthrough.mp4'])
    image: Any = derived()
    media: Any = derived()   # the resolved video (content/media.py)


class Outcome(Model):
    value: Text = Field(description='The result, short: a number or a fact.', examples=['+18%'])
    label: Text = Field(description='What the value measures.', examples=['completed checkouts'])
    visibility: Visibility = Field(default="public",
                                   description="'blind' marks a figure that identifies the client: the anonymised version shows value_blind instead, or leaves it out; 'pitch-only' shows it only on pitches.",
                                   examples=['blind'])
    value_blind: Text | None = Field(default=None,
                                     description='What the anonymised version shows instead of a marked value, e.g. a range.',
                                     examples=['15-20%'])


class CaseStudy(Document):
    title: Text = Field(description="The project's title.", examples=['A checkout customers finish'])
    summary: Text = Field(description='One or two sentences shown on cards and in search results.',
                          examples=["Redesigned Ledgerly's checkout: 18% more completed orders."])
    date: PartialDateField = Field(description='When the project ended (YYYY-MM or YYYY-MM-DD); newest first.',
                                   examples=['2024-05'])
    client: Text | None = Field(default=None, description="The client's name.", examples=['Ledgerly'])
    role: Text | None = Field(default=None,
                              description='What you did on the project.',
                              examples=['Lead product designer'])
    duration: Text | None = Field(default=None, description='How long it took.', examples=['3 months'])
    cover: Text | None = Field(default=None,
                               description='The cover image: a file, a path from content/ or relative to this file.',
                               examples=['images/ledgerly-cover.jpg'])
    cover_alt: Text | None = Field(default=None,
                                   description='Describes the cover image for screen readers.',
                                   examples=['The checkout page on a laptop'])
    gallery: tuple[GalleryItem, ...] = Field(default=(),
                                             description='More images shown in the case study.',
                                             examples=[[{'src': 'flow.png', 'alt': 'The checkout flow'}]])
    outcomes: tuple[Outcome, ...] = Field(default=(),
                                          description='Measurable results, shown as big numbers.',
                                          examples=[[{'value': '+18%', 'label': 'completed checkouts'}]])
    services: TextList = Field(default=(),
                               description='Ids of services (services.yaml) used in this project.',
                               examples=[['product-design']])
    tags: TextList = Field(default=(),
                           description='Topics; each tag gets a page listing its case studies.',
                           examples=[['fintech', 'mobile']])
    industry: Text | None = Field(default=None,
                                  description="The client's industry; the work index and search filter by it.",
                                  examples=['Financial services'])
    testimonials: TextList = Field(default=(),
                                   description='Ids of testimonials (testimonials.yaml) about this project.',
                                   examples=[['maria-ledgerly']])
    link: Url | None = Field(default=None,
                             description='The live product or a write-up elsewhere (https://...).',
                             examples=['https://ledgerly.example/'])
    featured: bool = Field(default=False, description='Show it on the home page.', examples=[True])
    draft: bool = Field(default=False,
                        description='Leave it out of the site (build --drafts shows it).',
                        examples=[False])
    weight: int = Field(default=0,
                        description='Order among case studies of the same date: higher first.',
                        examples=[10])
    slug: Slug | None = Field(default=None,
                              description="The page's URL name (default: the file name).",
                              examples=['ledgerly-checkout'])
    og_image: Text | None = Field(default=None,
                                  description='The image shown when the page is shared (a path from content/ or relative to this file; default: a generated card).',
                                  examples=['images/ledgerly-share.jpg'])
    translation_key: Text | None = Field(default=None,
                                         description='Links translations whose file names differ: give each the same key (default: the file name without its language code).',
                                         examples=['about'])
    source_hash: Text | None = Field(default=None,
                                     description="A translation's record of the default-language file it was written from; portfoliogen check --mark-translated FILE sets it.",
                                     examples=['3f9c2a7b1d4e'])
    visibility: Visibility = Field(default="public",
                                   description="public; blind (published anonymised, in full on pitches that name it); pitch-only (only on pitches).",
                                   examples=['blind'])
    embargo_until: DateField | None = Field(default=None,
                                            description='Left out of the public site until the first build on or after this date (YYYY-MM-DD).',
                                            examples=['2025-09-01'])
    client_blind: Text | None = Field(default=None,
                                      description='Replaces the client everywhere in the anonymised version.',
                                      examples=['a Nordic digital bank'])
    title_blind: Text | None = Field(default=None,
                                     description='The title of the anonymised version (its URL is made from it).',
                                     examples=['Onboarding for a digital bank'])
    summary_blind: Text | None = Field(default=None,
                                       description='The summary of the anonymised version.',
                                       examples=['Halved the time to open an account.'])
    cover_blind: bool = Field(default=True,
                              description='Keep the cover in the anonymised version (false when it shows a logo or product).',
                              examples=[False])

    cover_image: Any = derived()
    source_slug: str = derived("")   # a translation: the default language's slug, which ids refer to
    og_image_file: Any = derived()
    tag_slugs: tuple[str, ...] = derived(())


# ---------------------------------------------------------------- testimonials, services
class Testimonial(Model):
    id: Slug = Field(description='A short name for this testimonial, used to refer to it from case studies and pitches.',
                     examples=['maria-ledgerly'])
    quote: Text = Field(description='What they said, in inline Markdown.',
                        examples=['Alex made our checkout *simple*.'])
    author: Text = Field(description='Who said it.', examples=['Maria Silva'])
    role: Text | None = Field(default=None, description='Their job title.', examples=['Head of Product'])
    company: Text | None = Field(default=None, description='Their company.', examples=['Ledgerly'])
    avatar: Text | None = Field(default=None,
                                description='Their photo: an image file, a path from content/ or relative to this file.',
                                examples=['images/maria.jpg'])
    avatar_alt: Text | None = Field(default=None,
                                    description='Describes the photo for screen readers.',
                                    examples=['Maria Silva'])
    case_study: Text | None = Field(default=None,
                                    description='The slug of the case study it is about.',
                                    examples=['ledgerly-checkout'])
    date: PartialDateField | None = Field(default=None,
                                          description='When they said it (YYYY-MM or YYYY-MM-DD).',
                                          examples=['2024-06'])
    source_url: Url | None = Field(default=None,
                                   description='Where it was published (e.g. a LinkedIn recommendation).',
                                   examples=['https://www.linkedin.com/in/maria'])
    featured: bool = Field(default=False, description='Show it on the home page.', examples=[True])
    language: Language | None = Field(default=None,
                                      description="The language the quote is in (default: the site's); pages in other languages show it as written, marked with it.",
                                      examples=['de'])
    visibility: Visibility = Field(default="public",
                                   description="public; blind (shown without who said it); pitch-only (only on pitches).",
                                   examples=['blind'])
    embargo_until: DateField | None = Field(default=None,
                                            description='Left out of the public site until the first build on or after this date (YYYY-MM-DD).',
                                            examples=['2025-09-01'])
    author_blind: Text | None = Field(default=None,
                                      description='Who said it, in the anonymised version (default: their role).',
                                      examples=['Head of Product'])
    company_blind: Text | None = Field(default=None,
                                       description='Their company, in the anonymised version.',
                                       examples=['a Nordic digital bank'])

    src_path: str = derived("")
    view: str = derived("")
    quote_lang: str = derived("")    # the quote's language when it differs from the page's
    quote_html: str = derived("")
    avatar_image: Any = derived()
    image_paths: Any = derived()     # {image path as written: the file}, resolved once (resolve.py)
    locs: Any = derived()


class Price(Model):
    from_: float | None = Field(default=None, alias="from", ge=0,
                                description='The lowest price (a number, no currency sign).',
                                examples=[2000])
    to: float | None = Field(default=None, ge=0,
                             description='The highest price, for a range.',
                             examples=[5000])
    currency: Currency = Field(description='ISO 4217 currency code.', examples=['EUR'])
    unit: Literal["project", "hour", "day", "month"] = Field(default="project",
                                                             description='What the price is per.',
                                                             examples=['project'])
    updated: DateField | None = Field(default=None,
                                      description='When you last checked this price (YYYY-MM-DD); it is offered as valid for 90 days after, and check warns after that.',
                                      examples=['2025-06-01'])


class Service(Model):
    id: Slug = Field(description='A short name for the service, used to refer to it from case studies and pitches.',
                     examples=['product-design'])
    name: Text = Field(description="The service's name.", examples=['Product design'])
    summary: Text = Field(description='One or two sentences on what the client gets.',
                          examples=['From research to a tested prototype your developers can build.'])
    deliverables: TextList = Field(default=(),
                                   description='What you hand over.',
                                   examples=[['Clickable prototype', 'Design files']])
    timeline: Text | None = Field(default=None,
                                  description='How long it usually takes.',
                                  examples=['4-6 weeks'])
    price: Price | None = Field(default=None,
                                description='What it costs.',
                                examples=[{'from': 2000, 'currency': 'EUR', 'unit': 'project'}])
    includes: TextList = Field(default=(),
                               description='What the price includes.',
                               examples=[['Two rounds of revisions']])
    not_included: TextList = Field(default=(),
                                   description='What it does not include.',
                                   examples=[['Development']])

    src_path: str = derived("")
    view: str = derived("")
    locs: Any = derived()


# ---------------------------------------------------------------- pages and pitches
class Page(Document):
    title: Text = Field(description="The page's title.", examples=['About'])
    description: Text | None = Field(default=None,
                                     description='One sentence for search results and shares.',
                                     examples=['Who I am and how I work.'])
    menu: int | None = Field(default=None,
                             description='Position in the menu (1 first); leave out to keep it out of the menu.',
                             examples=[1])
    slug: Slug | None = Field(default=None,
                              description="The page's URL name (default: the file name).",
                              examples=['about'])
    og_image: Text | None = Field(default=None,
                                  description='The image shown when the page is shared (a path from content/ or relative to this file; default: a generated card).',
                                  examples=['images/about-share.jpg'])
    translation_key: Text | None = Field(default=None,
                                         description='Links translations whose file names differ: give each the same key (default: the file name without its language code).',
                                         examples=['about'])
    source_hash: Text | None = Field(default=None,
                                     description="A translation's record of the default-language file it was written from; portfoliogen check --mark-translated FILE sets it.",
                                     examples=['3f9c2a7b1d4e'])

    og_image_file: Any = derived()


class Pitch(Document):
    title: Text = Field(description="The pitch page's title.", examples=['A proposal for Acme'])
    prospect: Text = Field(description='Who the pitch is for.', examples=['Acme'])
    token: Slug = Field(description='The unguessable part of the URL (portfoliogen pitch makes one).',
                        examples=['3f9c2a7b1d4e5f60718293a4'])
    case_studies: TextList = Field(default=(),
                                   description='Slugs of case studies to show them.',
                                   examples=[['ledgerly-checkout']])
    testimonials: TextList = Field(default=(),
                                   description='Ids of testimonials to show them.',
                                   examples=[['maria-ledgerly']])
    services: TextList = Field(default=(),
                               description='Ids of services to offer them.',
                               examples=[['product-design']])
    expires: DateField | None = Field(default=None,
                                      description='After this date (YYYY-MM-DD) the page says the offer has expired.',
                                      examples=['2025-12-31'])
    proposal: Proposal | None = Field(default=None,
                                      description='A full proposal: scope, milestones, price, payments, terms '
                                                  '(shown on the page, with proposal.pdf and proposal.ics).',
                                      examples=[{'problem': 'Bookings fail', 'scope': [{'service': 'ux-audit'}],
                                                'start': '2027-02-01', 'valid_until': '2027-01-15',
                                                'milestones': [{'name': 'Audit', 'days': 10}]}])
    cv: CvVariant | None = Field(default=None,
                                 description='A CV for this client (sections or tagged entries), as cv.pdf beside the pitch.',
                                 examples=[{'include': ['experience', 'health']}])

    plan: Any = derived()            # documents.plan.ProposalPlan: dates, totals, hash


__all__ = [
    "Availability", "CaseStudy", "Visibility", "Document", "GalleryItem", "Link", "Model", "Outcome", "Page",
    "PartialDate", "Pitch", "Price", "Profile", "Service", "Testimonial", "Email", "Language",
]
