"""build/plancache.py: a case study page's kept plan round-trips as JSON data, is keyed by
the values it is made of (not by the objects), and anything a build never writes is refused."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from portfoliogen.build.deps import Fingerprints
from portfoliogen.build.plancache import PlanKeys, decode_plans, encode_plans
from portfoliogen.render.pages import LazyPage, PageInfo, Renderer
from portfoliogen.render.theme import load_theme
from portfoliogen.seo.social import CardSpec, Picture
from tests.unit.sitefiles import resolve, study, write_site

A = "content/case-studies/a.md"
IMAGES = Path("/cache/images")


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    return write_site(tmp_path, {A: study("Alpha", "client: Acme\ntags: [fintech]\n"),
                                 "content/case-studies/b.md": study("Beta")})


def keys(root: Path) -> dict[str, str]:
    site, _ = resolve(root)
    renderer = Renderer(site, load_theme(site.config))
    plan_key = PlanKeys(Fingerprints(site).whole)
    return {page.out_path: plan_key(page) for page in renderer.page_plan(site) if isinstance(page, LazyPage)}


def test_the_key_is_the_same_for_the_same_values_and_changes_with_them(site_dir: Path) -> None:
    first, again = keys(site_dir), keys(site_dir)   # other objects, the same values
    assert first == again and len(set(first.values())) == 2
    path = site_dir / A
    path.write_text(path.read_text(encoding="utf-8").replace("client: Acme", "client: Acme Ltd"), encoding="utf-8")
    after = keys(site_dir)
    changed = {out_path for out_path in first if first[out_path] != after[out_path]}
    assert changed == {out_path for out_path in first if "/a/" in out_path}


def info(**changes) -> PageInfo:
    card = CardSpec(slug="work-a", title="Alpha", label="Case study", name="Mira", host="example.org",
                    accent="#112233", picture=Picture(str(IMAGES / "ab" / "cover.jpg"), "/img/cover.jpg"))
    return replace(PageInfo(kind="case_study", url_path="/work/a/", title="Alpha — Mira", description="What.",
                            canonical="https://example.org/work/a/", breadcrumbs=(("Home", "/"), ("Work", "/work/")),
                            og_image="https://example.org/cards/a.jpg", card=card, og_image_width=1200,
                            og_image_height=630, tags=("fintech",), published="2025-03-01"), **changes)


def round_trip(plans: dict) -> dict:
    return decode_plans(json.loads(json.dumps(encode_plans(plans))), IMAGES)


def test_a_plan_round_trips() -> None:
    plans = {"work/a/index.html": ("k" * 20, "case_study.html", "c" * 20, info()),
             "work/b/index.html": ("j" * 20, "case_study.html", "d" * 20, info(card=None, og_image=None))}
    assert round_trip(plans) == plans


@pytest.mark.parametrize("picture", ["/etc/passwd", str(IMAGES / ".." / "secret.jpg"), "relative.jpg"])
def test_a_card_picture_outside_the_image_cache_is_refused(picture: str) -> None:
    plans = {"work/a/index.html": ("k", "case_study.html", "c",
                                   info(card=replace(info().card, picture=Picture(picture, "/img/x.jpg"))))}
    with pytest.raises(ValueError):
        round_trip(plans)


@pytest.mark.parametrize("mangle", [
    lambda e: e.__setitem__(0, 1),                              # a key that is no string
    lambda e: e[3].__setitem__("noindex", "no"),                 # a wrong type
    lambda e: e[3].__setitem__("extra", 1),                      # a field PageInfo lacks
    lambda e: e[3].pop("title"),                                 # a missing field
    lambda e: e[3]["card"].__setitem__("accent", ["#fff"]),      # a card's wrong type
    lambda e: e.append("more"),
])
def test_what_a_build_never_writes_is_refused(mangle) -> None:
    data = encode_plans({"work/a/index.html": ("k", "case_study.html", "c", info())})
    mangle(data["work/a/index.html"])
    with pytest.raises(ValueError):
        decode_plans(json.loads(json.dumps(data)), IMAGES)


def test_plans_are_saved_and_loaded_with_the_build_state(tmp_path: Path) -> None:
    from portfoliogen.build.cachedirs import CacheDirs
    from portfoliogen.build.state import BuildState, load_state, save_state

    picture = Picture(str(CacheDirs(tmp_path).images / "ab" / "cover.jpg"), "/img/cover.jpg")
    plans = {"work/a/index.html": ("k", "case_study.html", "c", info(card=replace(info().card, picture=picture)))}
    save_state(tmp_path, BuildState(project="p", plans=plans, markdown={"m": ("d", 1, [], [("x.jpg", "X", None, 1, 1)])}))
    assert load_state(tmp_path, Path("p"), pytest.fail).plans == plans
