"""The one configured Python-Markdown: tables, fenced code highlighted with
CSS classes, footnotes, heading anchors, attribute lists, typographic
quotes; links to content files and image paths rewritten by callbacks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

# resolve_link(href) -> new href; raises LinkProblem for a broken link.
LinkResolver = Callable[[str], str]
# render_image(src, alt, title) -> HTML for the image, or None to keep the <img>.
ImageRenderer = Callable[[str, str, str | None], str | None]


class LinkProblem(Exception):
    """A link in a body that points nowhere; the message is for the user."""


@dataclass
class _Pass:
    """State of one conversion (Markdown instances are reused)."""

    resolve_link: LinkResolver
    render_image: ImageRenderer
    problems: list[tuple[str, str]] = field(default_factory=list)   # (written href, message)
    pictures: list[str] = field(default_factory=list)


_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)
_MARKER = re.compile(r'<pg-picture data-index="(\d+)"></pg-picture>')


class _RewriteTree(Treeprocessor):
    def run(self, root):
        state: _Pass = self.md.pg_pass
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "a":
                    self._link(child, state)
                elif child.tag == "img":
                    self._image(parent, index, child, state)

    @staticmethod
    def _link(element, state: _Pass) -> None:
        href = element.get("href", "")
        if not href or _EXTERNAL.match(href):
            return
        try:
            element.set("href", state.resolve_link(href))
        except LinkProblem as problem:
            state.problems.append((href, str(problem)))

    @staticmethod
    def _image(parent, index, element, state: _Pass) -> None:
        src = element.get("src", "")
        if not src or _EXTERNAL.match(src):
            return
        html = state.render_image(src, element.get("alt", ""), element.get("title"))
        if html is None:
            return
        marker = parent.makeelement("pg-picture", {"data-index": str(len(state.pictures))})
        marker.tail = element.tail
        state.pictures.append(html)
        parent.remove(element)
        parent.insert(index, marker)


class _InsertPictures(Postprocessor):
    def run(self, text: str) -> str:
        # A code block may scroll sideways: keyboard users must be able to
        # focus it to scroll (WCAG 2.1.1; axe's scrollable-region-focusable).
        text = text.replace("<pre>", '<pre tabindex="0">')
        pictures = self.md.pg_pass.pictures
        return _MARKER.sub(lambda m: pictures[int(m.group(1))], text) if pictures else text


class _Rewrite(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        # After inline patterns (20) made the <a>/<img> elements, before toc (5).
        md.treeprocessors.register(_RewriteTree(md), "pg_rewrite", 15)
        md.postprocessors.register(_InsertPictures(md), "pg_pictures", 5)


def _new_markdown(baselevel: int) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "fenced_code", "codehilite", "footnotes", "toc", "attr_list",
                    "smarty", "sane_lists", "def_list", "abbr", _Rewrite()],
        extension_configs={
            "codehilite": {"css_class": "codehilite", "guess_lang": False},
            "toc": {"permalink": "#", "permalink_class": "headerlink",
                    "permalink_title": "Link to this section", "baselevel": baselevel},
            "footnotes": {"BACKLINK_TITLE": "Back to reference %d"},
        },
        output_format="html",
    )


_H1 = re.compile(r"^(#\s|#$)|^=+\s*$", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


class MarkdownRenderer:
    """One per process: building Python-Markdown instances is the slow part."""

    def __init__(self) -> None:
        self._normal = _new_markdown(1)
        self._demoted = _new_markdown(2)

    def render(self, text: str, resolve_link: LinkResolver, render_image: ImageRenderer
               ) -> tuple[str, list[tuple[str, str]]]:
        """HTML and the link problems found ((href, message) pairs).
        A body with its own `# h1` is shifted down a level: the page's
        title is the only h1."""
        has_h1 = bool(_H1.search(_FENCE.sub("", text)))
        md = self._demoted if has_h1 else self._normal
        md.reset()
        md.pg_pass = _Pass(resolve_link, render_image)
        try:
            html = md.convert(text)
            return html, md.pg_pass.problems
        finally:
            md.pg_pass = None


def line_of(body: str, needle: str, first_line: int) -> tuple[int, int]:
    """Where `needle` first stands in a body (for error messages)."""
    pos = body.find(needle)
    if pos < 0:
        return first_line, 1
    return first_line + body.count("\n", 0, pos), pos - body.rfind("\n", 0, pos)
