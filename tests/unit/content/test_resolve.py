"""content/resolve.py: references between files checked where they are
written (with a "did you mean"), drafts, duplicate slugs and ids, reserved
page slugs, front-matter images, expired pitches; all problems at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfoliogen.errors import SiteErrors
from tests.unit.sitefiles import TODAY, error_lines, resolve, study, write_site

TESTIMONIAL = "- id: sam\n  quote: Good work.\n  author: Sam\n"
SERVICES = "- id: audits\n  name: Audit\n  summary: A review.\n"


def failing(root: Path, **kw) -> list[str]:
    with pytest.raises(SiteErrors) as err:
        resolve(root, **kw)
    return error_lines(err.value)


def test_a_valid_site_resolves_with_its_references(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "content/case-studies/first.md": study("First", "tags: [Fintech, fintech]\ntestimonials: [sam]\n"
                                                        "services: [audits]\n"),
        "content/testimonials.yaml": TESTIMONIAL + "  case_study: first\n",
        "content/services.yaml": SERVICES,
    })
    site, images = resolve(tmp_path)
    (cs,) = site.case_studies
    assert (cs.slug, cs.url_path, cs.tag_slugs) == ("first", "/work/first/", ("fintech", "fintech"))
    assert [(t.name, t.url_path, len(t.case_studies)) for t in site.tags] == [("Fintech", "/work/tags/fintech/", 1)]
    assert images == ()


def test_unknown_references_name_their_line_with_a_suggestion(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "content/case-studies/first.md": study("First", "testimonials: [samm]\nservices: [audit, zzz]\n"),
        "content/testimonials.yaml": TESTIMONIAL + "  case_study: frist\n",
        "content/services.yaml": SERVICES,
    })
    assert failing(tmp_path) == [
        "content/case-studies/first.md:5:16: no testimonial with id 'samm' (did you mean 'sam'?)",
        "content/case-studies/first.md:6:12: no service with id 'audit' (did you mean 'audits'?)",
        "content/case-studies/first.md:6:19: no service with id 'zzz'",
        "content/testimonials.yaml:4:15: no case study with slug 'frist' (did you mean 'first'?)",
    ]


def test_drafts_are_left_out_but_may_still_be_referred_to(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "content/case-studies/first.md": study("First"),
        "content/case-studies/wip.md": study("Work in progress", "draft: true\n"),
        "content/testimonials.yaml": TESTIMONIAL + "  case_study: wip\n",
    })
    site, _ = resolve(tmp_path)
    assert [cs.slug for cs in site.case_studies] == ["first"]
    assert [t.case_study for t in site.testimonials] == ["wip"]
    with_drafts, _ = resolve(tmp_path, drafts=True)
    assert sorted(cs.slug for cs in with_drafts.case_studies) == ["first", "wip"]


def test_a_draft_does_not_clash_with_the_slug_it_shares_unless_drafts_are_built(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "content/case-studies/a.md": study("A", "slug: same\n"),
        "content/case-studies/b.md": study("B", "slug: same\ndraft: true\n"),
    })
    site, _ = resolve(tmp_path)
    assert [cs.title for cs in site.case_studies] == ["A"]
    assert failing(tmp_path, drafts=True) == [
        "content/case-studies/b.md:5:7: slug 'same' is already used by content/case-studies/a.md"]


def test_duplicate_ids_and_slugs(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "content/case-studies/a.md": study("A", "slug: same\n"),
        "content/case-studies/b.md": study("B", "slug: same\n"),
        "content/testimonials.yaml": TESTIMONIAL + TESTIMONIAL,
        "content/services.yaml": SERVICES + SERVICES,
        "content/pages/one.md": "---\ntitle: One\nslug: about\n---\nText.\n",
        "content/pages/two.md": "---\ntitle: Two\nslug: about\n---\nText.\n",
        "content/pages/work.md": "---\ntitle: Work\n---\nText.\n",
    })
    assert failing(tmp_path) == [
        "content/case-studies/b.md:5:7: slug 'same' is already used by content/case-studies/a.md",
        "content/pages/two.md:3:7: slug 'about' is already used by content/pages/one.md",
        "content/pages/work.md:2:1: the page slug 'work' is taken by the site itself (/work/); set another 'slug:'",
        "content/services.yaml:4:7: service id 'audits' is already used on line 1",
        "content/testimonials.yaml:4:7: testimonial id 'sam' is already used on line 1",
    ]


def test_tags_that_would_share_a_page(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "content/case-studies/a.md": study("A", "tags: [e-commerce]\n"),
        "content/case-studies/b.md": study("B", "tags: [E Commerce, e commerce]\n"),
    })
    assert failing(tmp_path) == [
        "content/case-studies/b.md:5:8: tag 'E Commerce' would share the page /work/tags/e-commerce/ with tag "
        "'e-commerce' (content/case-studies/a.md:5:8); write both the same way",
        "content/case-studies/b.md:5:20: tag 'e commerce' would share the page /work/tags/e-commerce/ with tag "
        "'e-commerce' (content/case-studies/a.md:5:8); write both the same way",
    ]


def test_front_matter_images_are_resolved_and_checked(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "content/images/cover.png": b"not read here",
        "content/case-studies/a.md": study("A", "cover: ../images/cover.png\ncover_alt: The cover\n"),
        "content/case-studies/b.md": study("B", "cover: /images/cover.png\n"),
        "content/case-studies/c.md": study("C", "cover: ../images/nope.jpg\ncover_alt: Gone\n"),
        "content/case-studies/d.md": study("D", "og_image: ../notes.txt\n"),
        "content/notes.txt": "text",
    })
    assert failing(tmp_path) == [
        "content/case-studies/b.md:5:8: cover_alt is required when a cover is given "
        "(describe the image for people who cannot see it)",
        "content/case-studies/c.md:5:8: image '../images/nope.jpg' not found",
        "content/case-studies/d.md:5:11: '../notes.txt' is not an image file "
        "(use JPEG, PNG, WebP, AVIF, GIF, SVG, TIFF or HEIC)",
    ]
    for name in ("b.md", "c.md", "d.md"):
        (tmp_path / "content/case-studies" / name).unlink()
    _site, images = resolve(tmp_path)
    assert [(u.src, u.display, u.line, u.column, u.ref) for u in images] == [
        ((tmp_path / "content/images/cover.png").resolve(), "content/case-studies/a.md", 5, 8, "../images/cover.png")]


def test_an_image_outside_the_project_is_refused(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/case-studies/a.md": study("A", "og_image: ../../../x.png\n")})
    (tmp_path / "x.png").write_bytes(b"png")
    assert failing(site) == ["content/case-studies/a.md:5:11: image '../../../x.png' is outside the project folder"]


def test_an_expired_pitch_is_a_notice_and_a_live_one_checks_its_references(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "content/case-studies/first.md": study("First"),
        "content/pitches/old.md": "---\ntitle: Hello\nprospect: Old Co\ntoken: aaaaaaaaaaaa\nexpires: 2026-01-01\n"
                                  "case_studies: [nope]\n---\nHi.\n",
        "content/pitches/new.md": "---\ntitle: Hello\nprospect: New Co\ntoken: bbbbbbbbbbbb\ncase_studies: [firts]\n---\nHi.\n",
    })
    assert failing(tmp_path) == [
        "content/pitches/new.md:5:16: no case study with slug 'firts' (did you mean 'first'?)"]
    (tmp_path / "content/pitches/new.md").unlink()
    site, _ = resolve(tmp_path)
    assert site.pitches == ()
    assert tuple(map(str, site.notices)) == ("content/pitches/old.md: pitch for Old Co expired on 2026-01-01, not built",)


def test_an_unchanged_case_study_resolves_to_the_same_object_and_is_still_checked(tmp_path: Path) -> None:
    """The dev server resolves every case study a save: one loaded unchanged
    (the very object, from the content cache) gives back its resolved copy,
    but its references and images are checked against the disk every time."""
    from portfoliogen.build.state import ContentCache
    from portfoliogen.config import load_config
    from portfoliogen.content.loaders import load_content
    from portfoliogen.content.resolve import resolve_site

    write_site(tmp_path, {
        "content/case-studies/first.md": study("First", "cover: cover.jpg\ncover_alt: A cover\nservices: [audits]\n"),
        "content/case-studies/cover.jpg": b"not decoded here",
        "content/services.yaml": SERVICES,
    })
    config = load_config(tmp_path / "config.yaml")
    kept: dict = {}

    def again():
        cache = ContentCache(kept)
        site, images = resolve_site(load_content(config, cache), config, TODAY)
        kept.clear()
        kept.update(cache.current)
        return site, images

    first, images = again()
    second, images_again = again()
    assert second.case_studies[0] is first.case_studies[0]
    assert images_again == images and len(images) == 1
    assert second.case_studies[0] == resolve(tmp_path)[0].case_studies[0]   # as resolved from scratch
    cover = tmp_path / "content/case-studies/cover.jpg"
    cover.unlink()
    with pytest.raises(SiteErrors, match="image 'cover.jpg' not found"):
        again()
    cover.write_bytes(b"back")
    (tmp_path / "content/services.yaml").write_text(SERVICES.replace("audits", "reviews"), encoding="utf-8")
    with pytest.raises(SiteErrors, match="no service with id 'audits'"):
        again()
    (tmp_path / "content/case-studies/first.md").write_text(
        study("First", "cover: cover.jpg\ncover_alt: A cover\n", body="New text.\n"), encoding="utf-8")
    changed, _ = again()
    assert changed.case_studies[0] is not first.case_studies[0]
    assert changed.case_studies[0].body == "New text.\n" and changed.case_studies[0].services == ()


def test_tag_pages_and_the_tag_check_follow_every_change_of_tags(tmp_path: Path) -> None:
    """resolve.py keeps the tag pages' layout and a check that found no clash while the case
    studies' tags are the same: a change of tags, and a clash, still show on the next resolve."""
    folder = tmp_path / "content" / "case-studies"
    write_site(tmp_path, {"content/case-studies/alpha.md": study("Alpha", "tags: [UX, Fintech]\n"),
                          "content/case-studies/beta.md": study("Beta", "tags: [UX]\n")})

    def pages() -> dict[str, list[str]]:
        return {tag.url_path: [cs.slug for cs in tag.case_studies] for tag in resolve(tmp_path)[0].tags}

    assert pages() == pages() == {"/work/tags/ux/": ["alpha", "beta"], "/work/tags/fintech/": ["alpha"]}
    (folder / "beta.md").write_text(study("Beta", "tags: [Fintech, Health]\n"), encoding="utf-8")
    assert pages() == {"/work/tags/fintech/": ["alpha", "beta"], "/work/tags/health/": ["beta"],
                       "/work/tags/ux/": ["alpha"]}
    (folder / "beta.md").write_text(study("Beta", "tags: [ux]\n"), encoding="utf-8")   # case alone: one page
    assert pages()["/work/tags/ux/"] == ["alpha", "beta"]
    (folder / "alpha.md").write_text(study("Alpha", "tags: [e-commerce]\n"), encoding="utf-8")
    assert pages() == {"/work/tags/e-commerce/": ["alpha"], "/work/tags/ux/": ["beta"]}
    (folder / "beta.md").write_text(study("Beta", "tags: [e commerce]\n"), encoding="utf-8")   # the same page
    with pytest.raises(SiteErrors, match="would share the page"):
        resolve(tmp_path)
