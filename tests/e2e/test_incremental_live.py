"""Property: the dev server's in-memory path (build/live.py: state kept between saves, its
folder updated in place with only the changed files) gives, after any sequence of edits,
exactly the files of a clean build of a copy; a failing or cancelled build leaves the
folder as it was. The same random edits as test_incremental_property.py."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from portfoliogen.build.live import Cancelled, LiveSite
from portfoliogen.build.pipeline import BuildOptions, build
from portfoliogen.errors import SiteError, SiteErrors
from tests.conftest import tree_digest
from tests.e2e.test_incremental_property import (  # noqa: F401 - fixtures
    EDITS,
    ML_EDITS,
    TODAY,
    ImageEditor,
    TranslationEditor,
    bilingual_scaffold,
    scaffold,
    site_copy,
)

BASE = "http://127.0.0.1:8000/"


def live_build(site: Path, live: LiveSite, base_url: str = BASE) -> int:
    try:
        build(BuildOptions(config_path=site / "config.yaml", output=live.folder, base_url=base_url, today=TODAY),
              live=live)
    except (SiteError, SiteErrors):
        return 1
    return 0


def clean_build(site: Path, work: Path, base_url: str = BASE) -> tuple[int, dict[str, str] | None]:
    fresh = work / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns(".portfoliogen-cache", "output*", "served*"))
    try:
        build(BuildOptions(config_path=fresh / "config.yaml", output=work / "fresh-out", base_url=base_url,
                           today=TODAY, use_cache=False))
    except (SiteError, SiteErrors):
        return 1, None
    files = tree_digest(work / "fresh-out")
    files.pop(".portfoliogen-output")   # the CLI's marker (the server's folder is its own)
    # `serve` writes no search index (it runs on publishing builds only)
    return 0, {rel: digest for rel, digest in files.items() if not rel.startswith("pagefind/")}


def as_in_a_browser(live: LiveSite, pages: list[str]) -> None:
    """As the dev server with these pages open: each round renders them first and shows them."""
    live.on_show = lambda shown: None
    for rel in pages:
        live.note_visit(rel)


def check_live_step(site: Path, live: LiveSite, work: Path, history: list[str], base_url: str = BASE) -> None:
    """One more round in the session: exactly a clean build's files, or, when
    the input is broken, the folder as it was."""
    before = tree_digest(live.folder)
    code = live_build(site, live, base_url)
    clean_code, clean = clean_build(site, work, base_url)
    assert code == clean_code, history
    assert tree_digest(live.folder) == (clean if code == 0 else before), history


@settings(max_examples=6, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])   # no shrinking: the history says what happened
@given(steps=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 2**32 - 1)), min_size=2, max_size=5))
def test_live_builds_match_clean_builds(scaffold: Path, steps: list[tuple[str, int]]) -> None:  # noqa: F811
    with site_copy(scaffold, ImageEditor) as (work, site, editor):
        editor.inline_image()
        live = LiveSite(work / "served")
        assert live_build(site, live) == 0
        as_in_a_browser(live, ["work/index.html", "index.html", *sorted(live.files)[:3]])
        history: list[str] = []
        for edit, seed in steps:   # every round that renders a visited page shows it first
            editor.rng = random.Random(seed)
            if edit == "delete_referenced_image" and (picture := editor.referenced_picture()) is not None:
                picture.unlink()
                history.append(f"delete referenced {picture.name}")
            else:
                history.append(getattr(editor, edit if edit != "delete_referenced_image" else "repaint")())
            check_live_step(site, live, work, history)


def test_a_cancelled_build_changes_nothing_and_the_next_one_catches_up(scaffold: Path, tmp_path: Path) -> None:  # noqa: F811
    site = tmp_path / "site"
    shutil.copytree(scaffold, site)
    cancel = {"now": False}
    live = LiveSite(tmp_path / "served", cancelled=lambda: cancel["now"])
    assert live_build(site, live) == 0
    before = tree_digest(live.folder)
    editor = ImageEditor(site, random.Random(3))
    editor.edit_body()
    cancel["now"] = True
    with pytest.raises(Cancelled):
        build(BuildOptions(config_path=site / "config.yaml", output=live.folder, base_url=BASE, today=TODAY),
              live=live)
    assert tree_digest(live.folder) == before
    cancel["now"] = False
    assert live_build(site, live) == 0
    assert tree_digest(live.folder) == clean_build(site, tmp_path)[1]


def test_a_build_cancelled_after_showing_the_visited_pages_is_caught_up_by_the_next(
        scaffold: Path, tmp_path: Path) -> None:  # noqa: F811
    """A template edit: the page open in the browser is put in place first; a
    newer save then cancels the rest. The next build must render that page again
    from the kept state and give exactly a clean build's files."""
    site = tmp_path / "site"
    shutil.copytree(scaffold, site)
    shown: list[int] = []
    live = LiveSite(tmp_path / "served", cancelled=lambda: bool(shown))
    assert live_build(site, live) == 0
    studies = sorted(rel for rel in live.files if rel.startswith("work/") and rel.count("/") == 2
                     and rel.endswith("/index.html") and not rel.startswith("work/tags/"))
    visited = studies[0]
    live.note_visit(visited)
    live.on_show = lambda pages: shown.append(live.generation)
    editor = ImageEditor(site, random.Random(5))
    editor.case_study_template()
    with pytest.raises(Cancelled):
        build(BuildOptions(config_path=site / "config.yaml", output=live.folder, base_url=BASE, today=TODAY),
              live=live)
    assert len(shown) == 1
    assert visited not in live.state.pages          # forgotten: its file is newer than the kept state
    other = studies[1]
    fresh = clean_build(site, tmp_path)[1]
    assert tree_digest(live.folder)[visited] == fresh[visited]       # shown: already the new page
    assert tree_digest(live.folder)[other] != fresh[other]           # the rest was not swapped in
    shown.clear()
    live.on_show = None
    assert live_build(site, live) == 0
    assert tree_digest(live.folder) == fresh


def test_pages_rendered_again_with_the_same_bytes_are_left_alone(scaffold: Path, tmp_path: Path) -> None:  # noqa: F811
    """A template edit that changes no page's output (a Jinja comment) renders the
    pages that use it again, but replaces none: no browser is told to reload."""
    site = tmp_path / "site"
    shutil.copytree(scaffold, site)
    editor = ImageEditor(site, random.Random(7))
    editor.case_study_template()
    live = LiveSite(tmp_path / "served")
    assert live_build(site, live) == 0
    study = next(rel for rel in sorted(live.files) if rel.startswith("work/") and rel.count("/") == 2
                 and not rel.startswith("work/tags/") and rel.endswith("/index.html"))
    before = (live.folder / study).stat()
    template = site / "themes/default/templates/case_study.html"
    template.write_text("{# a comment changes nothing a visitor sees #}" + template.read_text(encoding="utf-8"),
                        encoding="utf-8")
    report = build(BuildOptions(config_path=site / "config.yaml", output=live.folder, base_url=BASE, today=TODAY),
                   live=live)
    assert report.rendered >= 1                    # the pages using the template were rendered again
    assert live.last_swap.pages == set() and not live.last_swap.other
    assert (live.folder / study).stat().st_ino == before.st_ino   # and left in place
    assert tree_digest(live.folder) == clean_build(site, tmp_path)[1]


@settings(max_examples=5, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.generate])
@given(steps=st.lists(st.tuples(st.sampled_from(ML_EDITS), st.integers(0, 2**32 - 1)), min_size=2, max_size=4))
def test_live_builds_of_a_multilingual_site_match_clean_builds(
        bilingual_scaffold: Path, steps: list[tuple[str, int]]) -> None:  # noqa: F811
    """The same in two languages, with French pages open in the browser: the first
    look plans the whole site (each page links its translations) and must agree."""
    with site_copy(bilingual_scaffold, TranslationEditor) as (work, site, editor):
        editor.add_translation()
        live = LiveSite(work / "served")
        base_url = "http://127.0.0.1:8000/portfolio/"
        assert live_build(site, live, base_url) == 0
        as_in_a_browser(live, ["fr/index.html", "fr/work/index.html", "index.html",
                               *sorted(r for r in live.files if r.startswith("fr/work/") and r.endswith("/index.html"))[:2]])
        history: list[str] = []
        for edit, seed in steps:
            editor.rng = random.Random(seed)
            history.append(getattr(editor, edit)())
            check_live_step(site, live, work, history, base_url)


def test_a_body_edit_reuses_every_other_case_study_as_it_was(scaffold: Path, tmp_path: Path) -> None:  # noqa: F811
    """A save re-makes only what it changed: the other case studies come out of
    resolve and the body renderer as the very objects of the last build, the
    edited one is new; and the folder is still exactly a clean build's."""
    site = tmp_path / "site"
    shutil.copytree(scaffold, site)
    live = LiveSite(tmp_path / "served")
    options = BuildOptions(config_path=site / "config.yaml", output=live.folder, base_url=BASE, today=TODAY)
    before = build(options, live=live).site
    edited = sorted((site / "content/case-studies").rglob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence, saved.\n", encoding="utf-8")
    after = build(options, live=live).site
    old = {cs.src_path: cs for cs in before.case_studies}
    changed = [cs for cs in after.case_studies if cs is not old.get(cs.src_path)]
    assert [cs.src_path for cs in changed] == [f"content/case-studies/{edited.relative_to(site / 'content/case-studies').as_posix()}"]
    assert "One more sentence, saved." in str(changed[0].body_html)
    assert len(after.case_studies) == len(before.case_studies) >= 2
    # the testimonials, pages and profile too (their Markdown not read again)
    assert after.testimonials and all(a is b for a, b in zip(after.testimonials, before.testimonials, strict=True))
    assert after.pages and all(a is b for a, b in zip(after.pages, before.pages, strict=True))
    assert after.profile is before.profile
    assert tree_digest(live.folder) == clean_build(site, tmp_path)[1]


def test_warm_up_compiles_the_theme_and_builds_the_parsers_the_first_save_needs(
        scaffold: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    """What a warm start leaves undone (LiveSite.warm_up) is done before the first save, in the
    server's process: that save's first look then compiles no template and builds no parser."""
    from portfoliogen.render import bodies, tracking

    site = tmp_path / "site"
    shutil.copytree(scaffold, site)
    live = LiveSite(tmp_path / "served")
    options = BuildOptions(config_path=site / "config.yaml", output=live.folder, base_url=BASE, today=TODAY)
    report = build(options, live=live)
    monkeypatch.setattr(tracking.COMPILED, "_code", {})
    monkeypatch.setattr(bodies, "_MARKDOWN", {})
    live.warm_up(report.site, stop=lambda: True)   # a save is waiting: nothing is done
    assert tracking.COMPILED._code == {} and bodies._MARKDOWN == {}
    live.warm_up(report.site, stop=lambda: False)
    compiled = set(tracking.COMPILED._code)
    assert compiled   # (keyed by digests of name and file)
    assert len(bodies._MARKDOWN[report.site.config.markdown.raw_html]._instances) == 3   # body, body with h1, inline
    edited = sorted((site / "content/case-studies").rglob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence, saved.\n", encoding="utf-8")
    as_in_a_browser(live, [])
    build(options, live=live)
    assert set(tracking.COMPILED._code) == compiled   # nothing compiled again
    assert tree_digest(live.folder) == clean_build(site, tmp_path)[1]


@pytest.mark.parametrize("edit", ["profile", "services", "testimonials"])
def test_a_site_wide_edit_reaches_every_case_study_page(scaffold: Path, tmp_path: Path, edit: str) -> None:  # noqa: F811
    """Case studies' pages keep their plans between saves (render/pages.py: LazyPage) only while
    the site-wide values they show are the same: the name in every title, the services and
    testimonials in their structured data. An edit of any of them is a clean build's output."""
    site = tmp_path / "site"
    shutil.copytree(scaffold, site)
    live = LiveSite(tmp_path / "served")
    as_in_a_browser(live, [])
    assert live_build(site, live) == 0
    path = site / "content" / f"{edit}.yaml"
    text = path.read_text(encoding="utf-8")
    field = {"profile": "name:", "services": "name:", "testimonials": "author:"}[edit]
    line = next(line for line in text.splitlines() if line.lstrip(" -").startswith(field))
    path.write_text(text.replace(line, line + " Renamed", 1), encoding="utf-8")
    assert live_build(site, live) == 0
    assert tree_digest(live.folder) == clean_build(site, tmp_path)[1]
