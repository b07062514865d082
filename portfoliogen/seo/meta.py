"""Titles and descriptions as search engines show them."""

from __future__ import annotations

import html
import re

DESCRIPTION_LIMIT = 155  # about what a search result snippet shows

_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_SPACE = re.compile(r"\s+")


def plain_text(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", fragment))).strip()


def first_paragraph(body_html) -> str:
    """`body_html`: a str, Markup or render.stored.StoredHtml."""
    for match in _PARAGRAPH.finditer(str(body_html or "")):
        text = plain_text(match.group(1))
        if text:
            return text
    return ""


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Cut on a word boundary with an ellipsis when longer than `limit`."""
    text = _SPACE.sub(" ", text or "").strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.–-")
    return cut + "…"


def describe(*candidates: str | None, body_html: str = "") -> str:
    """The first non-empty candidate (plain text: every character kept, so
    `<1 s` and `> 99.9%` stay), else the body's first paragraph."""
    for text in candidates:
        if text and text.strip():
            return shorten(text)
    return shorten(first_paragraph(body_html))
