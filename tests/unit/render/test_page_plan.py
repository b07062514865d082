"""render/pages.py: the plan of a few pages (the dev server's first look) is
exactly those pages of the whole plan."""

from __future__ import annotations

from pathlib import Path

from portfoliogen.build.pipeline import BuildOptions, build
from portfoliogen.render.pages import Renderer
from portfoliogen.render.theme import load_theme
from tests.unit.sitefiles import TODAY, study, write_site


def test_planning_only_some_pages_plans_them_as_the_whole_plan_does(tmp_path: Path) -> None:
    write_site(tmp_path, {f"content/case-studies/{name}.md": study(name.title(), f"tags: [{tag}, Design]\n")
                          for name, tag in (("alpha", "Fintech"), ("beta", "Health"), ("gamma", "Fintech"))})
    site = build(BuildOptions(config_path=tmp_path / "config.yaml", write=False, today=TODAY)).site
    renderer = Renderer(site, load_theme(site.config))
    whole = {page.out_path: page for page in renderer.page_plan(site)}
    asked = ["work/beta/index.html", "work/tags/fintech/index.html", "index.html", "work/index.html"]
    assert set(asked) <= set(whole)
    some = list(renderer.page_plan(site, only=asked))
    assert sorted(page.out_path for page in some) == sorted(asked)
    for page in some:
        full = whole[page.out_path]
        assert (page.info, page.template, page.context) == (full.info, full.template, full.context)
