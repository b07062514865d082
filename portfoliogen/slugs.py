"""Slugs: the URL and file-name part made from a name."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# A slug is one path component: file systems take 255 bytes, and the image and
# card file names add a hash and a suffix to it. Longer ones are cut, with a
# hash of the whole so two long names that share a beginning stay apart.
MAX_SLUG_BYTES = 100
_CUT_BYTES = MAX_SLUG_BYTES - 9

_SLUG_RUN = re.compile(r"[^\w]+|_+", re.UNICODE)

# In a tag, '+' and '#' after a letter or digit are part of the name:
# C++ and C# are different languages (and F#, Notepad++).
_TAG_SIGNS = re.compile(r"(?<=[^\W_])[+#]+")
_SIGN_WORDS = {"+": "-plus", "#": "-sharp"}


# Every slug is non-empty, fits in a file name, and two names get one slug only by the spec's
# rule (case, and runs of punctuation and spaces).
def plain_slug(text: str) -> str:
    """The spec's rule: lower-case; every run of characters other than letters
    and digits becomes one '-' (Unicode letters are kept). May be empty."""
    return _SLUG_RUN.sub("-", str(text).lower()).strip("-")


def slugify(text: str) -> str:
    """plain_slug, or for a name with no letter or digit (an emoji, '!!!')
    the Unicode names of its characters ('🎨' -> 'artist-palette'); cut to
    MAX_SLUG_BYTES."""
    return fit_slug(plain_slug(text) or plain_slug(_character_names(str(text))) or "untitled")


def tag_slug(name: str) -> str:
    """slugify, with '+' and '#' after a letter or digit spelled out:
    'C++' -> 'c-plus-plus', 'C#' -> 'c-sharp'."""
    spelled = _TAG_SIGNS.sub(lambda m: "".join(_SIGN_WORDS[c] for c in m.group()) + "-", str(name))
    return slugify(spelled)


def fit_slug(slug: str) -> str:
    """`slug` if it fits in MAX_SLUG_BYTES; else its beginning and a short
    hash of the whole."""
    raw = slug.encode("utf-8")
    if len(raw) <= MAX_SLUG_BYTES:
        return slug
    head = raw[:_CUT_BYTES].decode("utf-8", "ignore").rstrip("-")
    return f"{head}-{hashlib.sha256(raw).hexdigest()[:8]}"


def _character_names(text: str) -> str:
    """' '-joined Unicode names of the visible characters (no joiners,
    variation selectors or combining marks: they do not tell names apart)."""
    names = []
    for char in text:
        if char.isspace() or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        names.append(unicodedata.name(char, f"u{ord(char):04x}"))
    return " ".join(names)
