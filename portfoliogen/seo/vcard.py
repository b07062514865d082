"""contact.vcf: a vCard 3.0 (RFC 2426) of the freelancer, from profile.yaml and
config.yaml's contact.email. Pure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def escape_value(text: str) -> str:
    """RFC 2426 section 4: backslash, comma, semicolon and newline."""
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next, after one space,
    never splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def split_name(name: str) -> tuple[str, str]:
    """(family, given) for N: the last word is taken as the family name,
    the usual reading of a Western name; a one-word name is all family."""
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return words[-1], " ".join(words[:-1])


# 3.0 rather than 4.0 because every address book imports it (Outlook still refuses 4.0).
def render_vcard(profile: Any, email: str | None, abs_url: Callable[[Any], str]) -> bytes:
    family, given = split_name(profile.name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{escape_value(family)};{escape_value(given)};;;",
        f"FN:{escape_value(profile.name)}",
        f"TITLE:{escape_value(profile.headline)}",
    ]
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET,PREF:{escape_value(email)}")
    lines.append(f"URL:{abs_url('/')}")
    if profile.photo_image is not None and profile.photo_image.src.mime in ("image/jpeg", "image/png"):
        kind = "JPEG" if profile.photo_image.src.mime == "image/jpeg" else "PNG"
        lines.append(f"PHOTO;VALUE=URI;TYPE={kind}:{abs_url(profile.photo_image.src.url_path)}")
    if profile.location:
        # Free text such as "Lisbon, Portugal": kept whole as the locality
        # rather than guessing which part is the country.
        lines.append(f"ADR;TYPE=WORK:;;;{escape_value(profile.location)};;;")
    if profile.timezone:
        lines.append(f"TZ;VALUE=TEXT:{escape_value(profile.timezone)}")
    for i, link in enumerate(profile.links, 1):
        # itemN.X-ABLabel names the link in Apple's and Google's address books.
        lines.append(f"item{i}.URL:{link.url}")
        lines.append(f"item{i}.X-ABLabel:{escape_value(link.label)}")
    if profile.languages:
        lines.append(f"NOTE:{escape_value('Languages: ' + ', '.join(profile.languages))}")
    lines.append("END:VCARD")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
