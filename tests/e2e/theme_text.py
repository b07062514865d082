"""What a visitor reads on a built page (text, alt, aria-label, title, placeholder), and the theme
strings (msgids of the catalog template) that must not show in English on a translated site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

POT = Path(__file__).resolve().parents[2] / "themes/default/locale/messages.pot"
VISIBLE_ATTRS = ("alt", "aria-label", "title", "placeholder")
SKIP = {"script", "style", "template"}
# Content the freelancer wrote (in the example site's English) rather than the theme.
CONTENT_CLASSES = {"prose", "quote__text", "card__summary", "lead"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = tag in SKIP or bool(CONTENT_CLASSES & set((attrs.get("class") or "").split()))
        if tag not in ("meta", "link", "img", "input", "br", "source", "hr"):
            self.stack.append((tag, skip or (bool(self.stack) and self.stack[-1][1])))
        for name in VISIBLE_ATTRS:
            if attrs.get(name):
                self.texts.append(attrs[name])

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]) and data.strip():
            self.texts.append(data)


def visible_texts(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return [" ".join(t.split()) for t in parser.texts]


def msgids() -> list[tuple[str, ...]]:
    """Every theme string, singular and plural."""
    with POT.open("rb") as f:
        return [m.id if isinstance(m.id, tuple) else (m.id,) for m in read_po(f) if m.id]


_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def english_fragments(msgid: str) -> list[str]:
    """The literal words of a msgid as a visitor would see them (tags and placeholders out)."""
    text = re.sub(r"<[^>]+>", " ", msgid)
    parts = [" ".join(p.strip(" .,:;“”").split()) for p in _PLACEHOLDER.split(text)]
    return [p for p in parts if re.search(r"[A-Za-z]{2}", p)]


def english_left(texts: list[str], fragment: str) -> list[str]:
    """Texts that show `fragment`: a one-word fragment as a whole text, longer ones anywhere."""
    if " " not in fragment:
        return [t for t in texts if t.strip(" .,:;") == fragment]
    pattern = re.compile(r"(?<![A-Za-z])" + re.escape(fragment) + r"(?![A-Za-z])")
    return [t for t in texts if pattern.search(t)]
