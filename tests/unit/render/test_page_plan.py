"""render/pages.py: the plan of a few pages (the dev server's first look) is
exactly those pages of the whole plan."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from portfoliogen.build.pipeline import BuildOptions, build
from portfoliogen.render.pages import LazyPage, Renderer
from portfoliogen.render.theme import load_theme
from tests.unit.sitefiles import TODAY, study, write_site


def test_planning_only_some_pages_plans_them_as_the_whole_plan_does(tmp_path: Path) -> None:
    write_site(tmp_path, {f"content/case-studies/{name}.md": study(name.title(), f"tags: [{tag}, Design]\n")
                          for name, tag in (("alpha", "Fintech"), ("beta", "Health"), ("gamma", "Fintech"))})
    site = build(BuildOptions(config_path=tmp_path / "config.yaml", write=False, today=TODAY)).site
    renderer = Renderer(site, load_theme(site.config))
    whole = {page.out_path: page.plan() if isinstance(page, LazyPage) else page for page in renderer.page_plan(site)}
    asked = ["work/beta/index.html", "work/tags/fintech/index.html", "index.html", "work/index.html"]
    assert set(asked) <= set(whole)
    some = list(renderer.page_plan(site, only=asked))
    assert sorted(page.out_path for page in some) == sorted(asked)
    for page in some:
        full = whole[page.out_path]
        assert (page.info, page.template, page.context) == (full.info, full.template, full.context)


def test_a_case_study_page_is_planned_again_only_when_what_it_is_made_of_changed(tmp_path: Path) -> None:
    """The whole plan hands case studies' pages over unplanned (LazyPage), each with what its plan
    is made of: the very same objects when nothing it shows changed; its plan is the full one."""
    write_site(tmp_path, {**{f"content/case-studies/{name}.md": study(name.title())
                             for name in ("alpha", "beta", "gamma", "delta")},
                          # a pitch is planned after the case studies, before their lazy plans are made
                          "content/pitches/p.md": "---\ntitle: For you\nprospect: You\ntoken: abcdefabcdefabcdef123456\n"
                                                  "case_studies: [alpha]\n---\nHi.\n"})
    site = build(BuildOptions(config_path=tmp_path / "config.yaml", write=False, today=TODAY)).site
    assert site.pitches
    theme = load_theme(site.config)
    first = {page.out_path: page for page in Renderer(site, theme).page_plan(site)}
    again = {page.out_path: page for page in Renderer(site, theme).page_plan(site)}
    lazy = [rel for rel, page in first.items() if isinstance(page, LazyPage)]
    assert sorted(lazy) == [f"work/{name}/index.html" for name in ("alpha", "beta", "delta", "gamma")]
    for rel in lazy:
        assert all(a is b for a, b in zip(first[rel].made_of, again[rel].made_of, strict=True))
        only = next(Renderer(site, theme).page_plan(site, only=[rel]))
        planned = first[rel].plan()
        assert (planned.info, planned.template, planned.context) == (only.info, only.template, only.context)
    renamed = site.profile.model_copy(update={"name": "Someone Else"})
    other = Renderer(site, theme).page_plan(dataclasses.replace(site, profile=renamed))
    assert all(page.made_of != first[page.out_path].made_of for page in other if isinstance(page, LazyPage))
