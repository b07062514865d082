"""Slugs: distinct names stay distinct, none is empty, every one fits in a
file name."""

from __future__ import annotations

import pytest

from portfoliogen.images.plan import slugify_stem
from portfoliogen.schema.fields import parse_slug
from portfoliogen.slugs import MAX_SLUG_BYTES, slugify, tag_slug


@pytest.mark.parametrize("name, slug", [
    ("C#", "c-sharp"),
    ("C++", "c-plus-plus"),
    ("F#", "f-sharp"),
    ("Notepad++", "notepad-plus-plus"),
    ("C# / .NET", "c-sharp-net"),
    ("#design", "design"),          # a leading '#' is punctuation
    ("e-commerce", "e-commerce"),
    ("Design Systems", "design-systems"),
    ("Über Ding", "über-ding"),
    ("日本語", "日本語"),
    ("🎨", "artist-palette"),
    ("❤️", "heavy-black-heart"),      # the variation selector does not count
    ("👨‍👩‍👧", "man-woman-girl"),        # nor do the joiners
    ("!!!", "exclamation-mark-exclamation-mark-exclamation-mark"),
])
def test_tag_slug(name: str, slug: str) -> None:
    assert tag_slug(name) == slug


def test_case_study_slugs_follow_the_spec_rule() -> None:
    # The spec's rule for file names: '+' and '#' are punctuation there.
    assert slugify("C++ tips") == "c-tips"
    assert slugify("Acme_Checkout 2024") == "acme-checkout-2024"


@pytest.mark.parametrize("name", ["🎨", "!!!", "---", "#", "\u200d", "  "])
def test_no_slug_is_empty(name: str) -> None:
    assert slugify(name) and tag_slug(name)
    assert slugify(name) not in ("index", "index.html")


def test_symbol_names_are_distinct() -> None:
    names = ["🎨", "🎧", "!", "?", "+", "#", "★", "☕"]
    assert len({tag_slug(n) for n in names}) == len(names)


@pytest.mark.parametrize("name", ["x" * 300, "é" * 300, "日" * 300, "a-" * 200, "🎨" * 100])
def test_long_names_are_cut_with_a_hash(name: str) -> None:
    slug = tag_slug(name)
    assert len(slug.encode("utf-8")) <= MAX_SLUG_BYTES
    assert slug == tag_slug(name)                        # stable
    assert slug != tag_slug(name[:-1] + "z")             # the end still counts
    assert len(slugify_stem(name + ".jpg").encode("utf-8")) <= MAX_SLUG_BYTES


def test_explicit_slug_too_long_is_refused() -> None:
    assert parse_slug("x" * MAX_SLUG_BYTES) == "x" * MAX_SLUG_BYTES
    with pytest.raises(ValueError, match="too long for a slug"):
        parse_slug("x" * (MAX_SLUG_BYTES + 1))


@pytest.mark.parametrize("value", ["!!!", "", "🎨"])
def test_explicit_slug_without_letters_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="is not a slug"):
        parse_slug(value)
