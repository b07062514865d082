"""What a pitch shows: the full versions of the case studies and testimonials it names, blind
and pitch-only ones on their own pages under the pitch's URL."""

from __future__ import annotations

from dataclasses import dataclass

from portfoliogen.content.model import CaseStudy, Pitch, Service, Testimonial
from portfoliogen.content.site import Site
from portfoliogen.fsutil import digest


@dataclass(frozen=True)
class PitchWork:
    case_studies: tuple[CaseStudy, ...]
    testimonials: tuple[Testimonial, ...]
    services: tuple[Service, ...]
    private_pages: tuple[CaseStudy, ...]   # full versions published under the pitch
    fingerprint: str                       # changes with any full version shown (build/deps.py)


def pitch_work(site: Site, pitch: Pitch) -> PitchWork:
    private = {}
    for cs in site.private_case_studies:
        private[cs.slug] = cs
    public_by_full = _public_slugs(site)
    shown, pages = [], []
    for slug in pitch.case_studies:
        full = private.get(slug) or private.get(public_by_full.get(slug, ""))
        if full is not None:
            full = full.model_copy(update={"url_path": f"{pitch.url_path}{full.slug}/"})
            pages.append(full)
            shown.append(full)
        elif (cs := site.case_study(slug)) is not None:
            shown.append(cs)
    full_t = {t.id: t for t in site.private_testimonials}
    testimonials = tuple(t for t in (full_t.get(i) or site.testimonial(i) for i in pitch.testimonials) if t)
    services = tuple(v for v in (site.service(i) for i in pitch.services) if v)
    fingerprint = digest(repr((pages, [t for t in testimonials if t.id in full_t])))
    return PitchWork(tuple(shown), testimonials, services, tuple(pages), fingerprint)


def _public_slugs(site: Site) -> dict[str, str]:
    """A blind case study's public slug -> its original slug (pitches may use either)."""
    by_src = {cs.src_path: cs.slug for cs in site.private_case_studies}
    return {cs.slug: by_src[cs.src_path] for cs in site.case_studies if cs.src_path in by_src}
