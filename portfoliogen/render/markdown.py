"""The configured Python-Markdown, run once per text: full Markdown for bodies, inline
Markdown for short fields; one parse returns the HTML and the images it references."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension, TocTreeprocessor
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from pygments.formatters.html import HtmlFormatter

from portfoliogen.render.quickinline import quicken

# resolve_link(href) -> new href; raises LinkProblem for a broken link.
LinkResolver = Callable[[str], str]
# render_image(src, alt, title) -> HTML for the image, or None to keep the <img>.
ImageRenderer = Callable[[str, str, str | None], str | None]


class LinkProblem(Exception):
    """A link in a body that points nowhere; the message is for the user."""


@dataclass(frozen=True, slots=True)
class ImageRef:
    """A local image a body shows (inline or reference-style), as written."""

    src: str
    alt: str
    title: str | None


@dataclass
class Parsed:
    """One conversion: HTML with a marker where each local image goes
    (insert_pictures fills them in), the images in order, link problems."""

    html: str
    images: list[ImageRef] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)   # (written href, message)


_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)
_MARKER = re.compile(r'<pg-picture data-index="(\d+)"></pg-picture>')


class _RewriteTree(Treeprocessor):
    """Runs after the inline patterns, so reference-style images and links
    are already resolved to elements; code blocks are stashed text, so an
    image written inside code is never seen here."""

    def run(self, root):
        state: Parsed = self.md.pg_parsed
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "a":
                    self._link(child, state)
                elif child.tag == "img":
                    self._image(parent, index, child, state)

    def _link(self, element, state: Parsed) -> None:
        href = element.get("href", "")
        if not href or _EXTERNAL.match(href):
            return
        try:
            element.set("href", self.md.pg_resolve_link(href))
        except LinkProblem as problem:
            state.problems.append((href, str(problem)))

    @staticmethod
    def _image(parent, index, element, state: Parsed) -> None:
        src = element.get("src", "")
        if not src or _EXTERNAL.match(src):
            return
        marker = parent.makeelement("pg-picture", {"data-index": str(len(state.images))})
        marker.tail = element.tail
        state.images.append(ImageRef(src, element.get("alt", ""), element.get("title")))
        parent.remove(element)
        parent.insert(index, marker)


class _FocusableCode(Postprocessor):
    def run(self, text: str) -> str:
        # A code block may scroll sideways: keyboard users must be able to
        # focus it to scroll (WCAG 2.1.1; axe's scrollable-region-focusable).
        return text.replace("<pre>", '<pre tabindex="0">')


class _Rewrite(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        # After inline patterns (20) made the <a>/<img> elements, before toc (5).
        md.treeprocessors.register(_RewriteTree(md), "pg_rewrite", 15)
        md.postprocessors.register(_FocusableCode(md), "pg_code", 5)


class _Toc(TocTreeprocessor):
    """toc's heading ids and permalinks; the table of contents itself only for a text with the
    marker that shows it. We never read md.toc: making and serializing it for every body (and
    looking through the whole tree for a marker the text does not have) was ~5% of a parse."""

    def _marked(self) -> bool:
        # (the marker stands alone in a paragraph: the text holds it as written; a conversion
        # not started by MarkdownRenderer, without pg_text, does all toc does)
        text = getattr(self.md, "pg_text", None)
        return text is None or bool(self.marker) and self.marker in text

    def build_toc_div(self, toc_list):
        return super().build_toc_div(toc_list) if self._marked() else etree.Element("div")

    def replace_marker(self, root, elem) -> None:
        if self._marked():
            super().replace_marker(root, elem)


class _TocExtension(TocExtension):
    TreeProcessorClass = _Toc


_FORMATTERS: dict[tuple, HtmlFormatter] = {}


def _html_formatter(lang_str: str, **options) -> HtmlFormatter:
    """Pygments' HTML formatter (what codehilite's default 'html' gets), one per set of options:
    making one builds its style table (~0.15 ms a code block); formatting leaves it as it was."""
    key = tuple(sorted((name, repr(value)) for name, value in options.items()))
    formatter = _FORMATTERS.get(key)
    if formatter is None:
        formatter = _FORMATTERS[key] = HtmlFormatter(**options)
    return formatter


def _no_raw_html(md: markdown.Markdown) -> None:
    """Raw HTML becomes text (escaped by the serializer)."""
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")


# Full Markdown: tables, highlighted fenced code, footnotes, heading anchors, attribute lists,
# typographic quotes. Links to content files are rewritten by a callback (_RewriteTree).
def _full_markdown(baselevel: int, raw_html: bool) -> markdown.Markdown:
    md = markdown.Markdown(
        extensions=["tables", "fenced_code", "codehilite", "footnotes",
                    _TocExtension(permalink="#", permalink_class="headerlink",
                                  permalink_title="Link to this section", baselevel=baselevel),
                    "attr_list", "smarty", "sane_lists", "def_list", "abbr", _Rewrite()],
        extension_configs={
            "codehilite": {"css_class": "codehilite", "guess_lang": False,
                           "pygments_formatter": _html_formatter},
            "footnotes": {"BACKLINK_TITLE": "Back to reference %d"},
        },
        output_format="html",
    )
    if not raw_html:
        _no_raw_html(md)
    return quicken(md)


def _inline_markdown() -> markdown.Markdown:
    """Emphasis, links and code in paragraphs; nothing that starts a block
    (`#1 designer`, `2019. That was`, `> 99%`, indented text stays text),
    no images, no reference definitions, and raw HTML escaped."""
    md = markdown.Markdown(extensions=["smarty", _Rewrite()], output_format="html")
    _no_raw_html(md)
    for name in ("indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote",
                 "reference"):
        md.parser.blockprocessors.deregister(name)
    for name in ("reference", "short_reference", "image_link", "image_reference", "short_image_ref"):
        md.inlinePatterns.deregister(name)
    return quicken(md)


_H1 = re.compile(r"^(#\s|#$)|^=+\s*$", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


class MarkdownRenderer:
    """One per process: building Python-Markdown instances is the slow part,
    so each flavour is built on first use and reset between texts."""

    def __init__(self, raw_html: bool = True) -> None:
        self.raw_html = raw_html
        self._instances: dict[object, markdown.Markdown] = {}

    def _instance(self, kind: object) -> markdown.Markdown:
        if kind not in self._instances:
            self._instances[kind] = (_inline_markdown() if kind == "inline"
                                     else _full_markdown(kind, self.raw_html))
        return self._instances[kind]

    def parse(self, text: str, resolve_link: LinkResolver) -> Parsed:
        """Full Markdown. A body with its own `# h1` is shifted down a
        level: the page's title is the only h1."""
        has_h1 = bool(_H1.search(_FENCE.sub("", text)))
        return self._convert(self._instance(2 if has_h1 else 1), text, resolve_link)

    def inline(self, text: str, resolve_link: LinkResolver) -> Parsed:
        """Inline Markdown for short fields (a testimonial's quote)."""
        return self._convert(self._instance("inline"), text, resolve_link)

    @staticmethod
    def _convert(md: markdown.Markdown, text: str, resolve_link: LinkResolver) -> Parsed:
        md.reset()
        md.pg_parsed = parsed = Parsed("")
        md.pg_resolve_link = resolve_link
        md.pg_text = text
        try:
            parsed.html = md.convert(text)
            return parsed
        finally:
            md.pg_parsed = md.pg_resolve_link = md.pg_text = None

    def render(self, text: str, resolve_link: LinkResolver, render_image: ImageRenderer
               ) -> tuple[str, list[tuple[str, str]]]:
        """HTML with each image rendered by `render_image` (None keeps the
        <img>), and the link problems."""
        parsed = self.parse(text, resolve_link)
        pictures = [render_image(i.src, i.alt, i.title) or _img_html(i) for i in parsed.images]
        return insert_pictures(parsed.html, pictures), parsed.problems


def insert_pictures(html: str, pictures: list[str] | tuple[str, ...]) -> str:
    """Each image marker replaced by its picture's HTML."""
    if not pictures:
        return html

    def picture(match: re.Match) -> str:
        index = int(match.group(1))
        # A marker typed as raw HTML by the user, past the images of this body.
        return pictures[index] if index < len(pictures) else match.group(0)

    return _MARKER.sub(picture, html)


def _img_html(image: ImageRef) -> str:
    title = f' title="{escape(image.title)}"' if image.title is not None else ""
    return f'<img alt="{escape(image.alt)}" src="{escape(image.src)}"{title}>'


def line_of(body: str, needle: str, first_line: int) -> tuple[int, int]:
    """Where `needle` first stands in a body (for error messages)."""
    pos = body.find(needle)
    if pos < 0:
        return first_line, 1
    return first_line + body.count("\n", 0, pos), pos - body.rfind("\n", 0, pos)


def image_position(body: str, src: str, first_line: int) -> tuple[int, int]:
    """Where an image path is written: in `![..](src`, a `[ref]: src`
    definition, or anywhere (line and column of the path itself)."""
    for prefix in ("](", "]: ", "]:", "<", ""):
        line, col = line_of(body, prefix + src, first_line)
        if body.find(prefix + src) >= 0:
            return line, col + len(prefix)
    return first_line, 1
