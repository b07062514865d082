"""Text and attribute values for the XML files portfoliogen writes (feed,
sitemap, SVG icon): escaped, and without the characters XML 1.0 forbids."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

# C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# In an attribute a parser turns tab, LF and CR into spaces: keep them as they are.
_ATTRIBUTE = {'"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}


def clean(text: str) -> str:
    """`text` without the characters no XML 1.0 document may contain."""
    return _FORBIDDEN.sub("", text)


def xml_text(text: str) -> str:
    """Character data: `&`, `<`, `>` escaped."""
    return escape(clean(text))


def xml_attr(text: str) -> str:
    """The value of a double-quoted attribute."""
    return escape(clean(text), _ATTRIBUTE)
