"""A case study page's plan kept between builds: what it was made of (a digest, not the
objects: the command line's process starts empty), its template, context fingerprint and
the PageInfo listed. build/deps.py plans a page again only when that digest differs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from portfoliogen.build.statejson import strings
from portfoliogen.fsutil import digest
from portfoliogen.render.pages import LazyPage, PageInfo
from portfoliogen.render.tracking import object_key, structure
from portfoliogen.seo.social import CardSpec, Picture

PlanRecord = tuple[str, str, str, PageInfo]   # (made_key, template, context fingerprint, listed)


# The dev server compares what a plan is made of by identity (render/pages.py: LazyPage.made_of);
# a new process has other objects, so it compares their values: the case study's fields in one
# digest (build/deps.py: Fingerprints.whole, which the build compares the pages' reads by too; the
# fields it leaves out no plan reads), its neighbours by key (a plan shows none of theirs), and the
# site-wide inputs (config, profile, services, testimonials, base URL, language) once a build, by
# repr. The theme's part of them is the global signature's, which empties the kept plans when it
# changes (pipeline.py).
class PlanKeys:
    """The key of what a LazyPage's plan is made of, from current values."""

    def __init__(self, whole: Callable[[Any, str], str | None]):
        self.whole = whole   # (content object, its key) -> digest of its fields
        self._inputs: dict[int, tuple[tuple, str]] = {}

    def __call__(self, page: LazyPage) -> str | None:
        inputs, cs, prev, nxt = page.made_of
        key = object_key(cs)
        fields = self.whole(cs, key) if key is not None else None
        if fields is None:
            return None   # not nameable across builds: planned every time
        held = self._inputs.get(id(inputs))
        if held is None or held[0] is not inputs:
            held = self._inputs[id(inputs)] = (inputs, digest(repr(inputs[:-1])))   # [-1]: the theme
        return digest(f"{held[1]}|{key}|{structure(prev)}|{structure(nxt)}|{fields}")


# ---------------------------------------------------------------- JSON data
def encode_plans(plans: dict[str, PlanRecord]) -> dict:
    return {out_path: [made, template, context, _encode_info(info)]
            for out_path, (made, template, context, info) in plans.items()}


def decode_plans(data: Any, images: Path) -> dict[str, PlanRecord]:
    """`images`: the image cache folder, the only place a card's picture is read from.
    Raises ValueError for anything encode_plans never writes."""
    if not isinstance(data, dict):
        raise ValueError("plans")
    plans = {}
    for out_path, entry in data.items():
        if not (isinstance(entry, list) and len(entry) == 4 and strings(*entry[:3])):
            raise ValueError("plan")
        plans[out_path] = (entry[0], entry[1], entry[2], _decode_info(entry[3], images))
    return plans


_STR = ("kind", "url_path", "title", "description", "canonical", "og_type", "alternate_feed",
        "og_image_alt", "og_image_type", "og_locale", "published", "language")
_CARD_STR = ("slug", "title", "label", "name", "host", "accent")


def _encode_info(info: PageInfo) -> dict:
    if info.jsonld or info.switcher:
        raise TypeError("a listed case study page has no structured data or switcher")
    data = {name: getattr(info, name) for name in _STR}
    data.update(breadcrumbs=[list(c) for c in info.breadcrumbs], noindex=info.noindex,
                og_image=info.og_image, og_image_width=info.og_image_width,
                og_image_height=info.og_image_height, tags=list(info.tags),
                alternates=[list(a) for a in info.alternates], og_locale_alternates=list(info.og_locale_alternates))
    card = info.card
    if card is not None:
        picture = card.picture
        data["card"] = {**{name: getattr(card, name) for name in _CARD_STR}, "picture_focus": card.picture_focus,
                        "picture": None if picture is None else [picture.path, picture.url_path]}
    else:
        data["card"] = None
    return data


def _decode_info(data: Any, images: Path) -> PageInfo:
    keys = {*_STR, "breadcrumbs", "noindex", "og_image", "og_image_width", "og_image_height", "tags",
            "alternates", "og_locale_alternates", "card"}
    if not (isinstance(data, dict) and data.keys() == keys and strings(*(data[name] for name in _STR))
            and type(data["noindex"]) is bool and (data["og_image"] is None or type(data["og_image"]) is str)
            and all(v is None or type(v) is int for v in (data["og_image_width"], data["og_image_height"]))
            and _string_list(data["tags"]) and _string_list(data["og_locale_alternates"])
            and _pairs(data["breadcrumbs"]) and _pairs(data["alternates"])):
        raise ValueError("page info")
    return PageInfo(
        **{name: data[name] for name in _STR}, breadcrumbs=tuple(tuple(c) for c in data["breadcrumbs"]),
        noindex=data["noindex"], og_image=data["og_image"], og_image_width=data["og_image_width"],
        og_image_height=data["og_image_height"], tags=tuple(data["tags"]),
        alternates=tuple(tuple(a) for a in data["alternates"]),
        og_locale_alternates=tuple(data["og_locale_alternates"]), card=_decode_card(data["card"], images))


def _decode_card(data: Any, images: Path) -> CardSpec | None:
    if data is None:
        return None
    if not (isinstance(data, dict) and data.keys() == {*_CARD_STR, "picture_focus", "picture"}
            and strings(*(data[name] for name in _CARD_STR)) and type(data["picture_focus"]) in (int, float)):
        raise ValueError("card")
    picture = data["picture"]
    if picture is not None:
        # A card draws this file into a published image: only ever one of the image cache's.
        if not (isinstance(picture, list) and len(picture) == 2 and strings(*picture)
                and ".." not in Path(picture[0]).parts and Path(picture[0]).is_relative_to(images)):
            raise ValueError("card picture")
        picture = Picture(*picture)
    return CardSpec(**{name: data[name] for name in _CARD_STR}, picture_focus=data["picture_focus"],
                    picture=picture)


def _string_list(value: Any) -> bool:
    return isinstance(value, list) and strings(*value)


def _pairs(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(p, list) and len(p) == 2 and strings(*p) for p in value)
