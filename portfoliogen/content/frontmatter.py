"""Split a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass

from portfoliogen.errors import SiteError


@dataclass(frozen=True, slots=True)
class SplitFile:
    front_matter: str
    front_matter_line: int   # 1-based line of the first front-matter line
    body: str
    body_line: int           # 1-based line where the body starts


def split_front_matter(text: str, display: str) -> SplitFile:
    """`text` is already BOM- and CRLF-stripped (yamlfile.strip_text)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise SiteError(display, 1, 1, "no front matter: start the file with a '---' line, "
                                       "then the YAML fields, then another '---' line")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return SplitFile(
                front_matter="\n".join(lines[1:index]),
                front_matter_line=2,
                body="\n".join(lines[index + 1:]),
                body_line=index + 2,
            )
    raise SiteError(display, 1, 1, "front matter is not closed: add a '---' line after the YAML fields")
