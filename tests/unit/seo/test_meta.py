"""seo/meta.py: descriptions cut on a word boundary, or taken from the body."""

from __future__ import annotations

from portfoliogen.seo.meta import describe, shorten


def test_shorten_cuts_on_a_word_boundary() -> None:
    text = "word " * 60
    cut = shorten(text, 155)
    assert len(cut) <= 155 and cut.endswith("…") and not cut.endswith(" …")
    assert cut[:-1].split() == ["word"] * len(cut[:-1].split())


def test_describe_falls_back_to_the_first_paragraph() -> None:
    assert describe(None, "  ", body_html="<h2>Hi</h2><p>First <em>para</em>.</p><p>Second</p>") == "First para."
    assert describe("Own **summary**") == "Own **summary**"
