"""build/deps.py: Site lookups declare what they read, and split_pages carries only unchanged pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import typing

import pytest

from portfoliogen.build.deps import Fingerprints, PageRecord, split_pages
from portfoliogen.config import load_config
from portfoliogen.content.loaders import load_content
from portfoliogen.content.resolve import resolve_site
from portfoliogen.content.site import Site, reads_of
from portfoliogen.render.pages import PageInfo, PlannedPage
from tests.conftest import REPO


@pytest.fixture(scope="module")
def site() -> Site:
    config = load_config(REPO / "config.yaml")
    resolved, _ = resolve_site(load_content(config), config, dt.date(2026, 6, 15))
    return resolved


def public_methods() -> list[str]:
    return sorted(name for name, member in vars(Site).items()
                  if inspect.isfunction(member) and not name.startswith("_"))


def test_every_public_site_method_declares_what_it_reads():
    """A method templates can call must say what it reads, or pages using
    it would not be rendered again when that changes."""
    assert public_methods(), "Site has lookup methods"
    undeclared = [name for name in public_methods() if reads_of(name) is None]
    assert undeclared == []


@pytest.mark.parametrize("name", public_methods())
def test_declared_reads_name_real_fields(name):
    hints = typing.get_type_hints(Site)
    for path in reads_of(name):
        field, _, attr = path.partition(".")
        assert field in {f.name for f in dataclasses.fields(Site)}, path
        if attr:
            (member,) = {a for a in typing.get_args(hints[field]) if a is not Ellipsis}
            assert attr in member.model_fields, path


def test_relation_fingerprint_follows_its_declared_fields(site):
    """Pointing a testimonial at another case study changes the lookups that
    read testimonials.case_study, and only those."""
    t = next(t for t in site.testimonials if t.case_study)
    other = next(cs.slug for cs in site.case_studies if cs.slug != t.case_study)
    moved = dataclasses.replace(site, testimonials=tuple(
        x.model_copy(update={"case_study": other}) if x is t else x for x in site.testimonials))
    before, after = Fingerprints(site), Fingerprints(moved)
    changed = {name for name in public_methods()
               if before.current("site", name) != after.current("site", name)}
    assert changed == {"testimonials_for", "case_study_for"}


def test_an_undeclared_site_method_is_refused(site):
    extended = type("ExtendedSite", (Site,), {"shiny": lambda self: ()})
    fields = {f.name: getattr(site, f.name) for f in dataclasses.fields(Site) if not f.name.startswith("_")}
    with pytest.raises(TypeError, match=r"Site.shiny\(\) .* add @relation"):
        Fingerprints(extended(**fields)).current("site", "shiny")


def page(url_path: str, template: str = "page.html") -> PlannedPage:
    info = PageInfo(kind="page", url_path=url_path, title="T", description="", canonical="")
    return PlannedPage(info, template, {})


def test_split_pages_carries_only_unchanged_intact_pages():
    plan = [page("/a/"), page("/b/"), page("/c/"), page("/d/")]
    _, todo = split_pages(plan, {}, set(), lambda out_path: True)
    context = {p.out_path: fp for p, fp in todo}
    previous = {
        "a/index.html": PageRecord("page.html", context["a/index.html"], (("x", "title"),)),
        "b/index.html": PageRecord("page.html", context["b/index.html"], (("y", "title"),)),
        "c/index.html": PageRecord("page.html", context["c/index.html"], ()),
    }
    result, todo = split_pages(plan, previous, {("y", "title")}, lambda out_path: out_path != "c/index.html")
    assert result.carried == ["a/index.html"]                       # b read a changed value, c's file is gone
    assert result.records == {"a/index.html": previous["a/index.html"]}
    assert [p.out_path for p, _ in todo] == ["b/index.html", "c/index.html", "d/index.html"]
    assert [p.url_path for p in result.pages] == ["/a/", "/b/", "/c/", "/d/"]
