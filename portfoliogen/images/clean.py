"""What portfoliogen publishes of an SVG or a GIF, without Pillow: SVG with nothing that
runs and no editor metadata; GIF without comments or metadata blocks."""

from __future__ import annotations

import re
from xml.parsers import expat

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Elements dropped with everything inside them: code, HTML islands, metadata.
_DROPPED = {"script", "foreignobject", "metadata", "handler", "listener", "iframe", "embed", "object"}
_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
_KEPT_XML_ATTRIBUTES = {"space", "lang"}
# A link may point at a page or an image, but never run code.
_SAFE_DATA = re.compile(r"data:image/(png|jpe?g|gif|webp|avif)[;,]")
_CONTROL = re.compile(r"[\x00-\x20]+")
_XML_DECLARATION = re.compile(rb"<\?xml[^>]*\?>\s*")


class SvgError(ValueError):
    """Why an SVG cannot be published, in one line (without the path)."""


# "Nothing that runs": no scripts, no event handlers, no javascript: links.
def clean_svg(data: bytes) -> bytes:
    """The SVG without anything that runs or merely describes it. Raises
    SvgError for a file that is not well-formed SVG, or that declares
    entities (the way to make a tiny file expand to gigabytes)."""
    return _SvgCleaner().run(data)


class _SvgCleaner:
    """Streams expat's events back out as XML, leaving out what is unsafe."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.skip = 0                      # > 0: inside a dropped element
        self.open_tag = False              # a start tag waits for ">" or "/>"
        self.pending_ns: list[tuple[str, str]] = []
        self.root: str | None = None
        self.data = b""
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.namespace_prefixes = True
        self.parser.ordered_attributes = True
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        p = self.parser
        p.XmlDeclHandler = self.xml_declaration
        p.EntityDeclHandler = self.refuse_entity
        p.UnparsedEntityDeclHandler = self.refuse_entity
        p.ExternalEntityRefHandler = self.refuse_entity
        p.StartNamespaceDeclHandler = self.namespace
        p.StartElementHandler = self.start
        p.EndElementHandler = self.end
        p.CharacterDataHandler = self.text
        # Comments, processing instructions and the DOCTYPE get no handler: dropped.

    def run(self, data: bytes) -> bytes:
        self.data = data
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as err:
            raise SvgError(f"not a well-formed SVG file (line {err.lineno}, column {err.offset + 1}: "
                           f"{expat.ErrorString(err.code)})") from None
        if self.root != "svg":
            raise SvgError("not an SVG file (no <svg> element)")
        if data.endswith(b"\n"):
            self.out.append("\n")   # expat does not report text after the root element
        return "".join(self.out).encode("utf-8")

    # -- handlers ------------------------------------------------------------
    def xml_declaration(self, version, encoding, standalone) -> None:
        written = _XML_DECLARATION.match(self.data)
        if written and (encoding or "utf-8").lower() in ("utf-8", "utf8"):
            self.out.append(written.group().decode("ascii"))   # as it was: the bytes stay the same
        else:   # the output is UTF-8, whatever the source was
            self.out.append('<?xml version="1.0" encoding="UTF-8"?>\n')

    def refuse_entity(self, *args) -> None:
        raise SvgError("the SVG declares entities (<!ENTITY ...>), which can expand to gigabytes; "
                       "export it again without them (e.g. as plain or optimized SVG)")

    def namespace(self, prefix: str | None, uri: str) -> None:
        if uri in (SVG_NS, XLINK_NS, ""):   # other namespaces hold only editor data: dropped
            self.pending_ns.append((prefix or "", uri))

    def start(self, name: str, attributes: list[str]) -> None:
        self._close_open_tag()
        uri, local, prefix = _split(name)
        if self.root is None:
            self.root = local if uri in (SVG_NS, "") else ""
        if self.skip or uri not in (SVG_NS, "") or local.lower() in _DROPPED or _animates_code(attributes):
            self.skip += 1
            self.pending_ns.clear()
            return
        parts = [_qualified(prefix, local)]
        for ns_prefix, ns_uri in self.pending_ns:
            parts.append(f'xmlns:{ns_prefix}="{ns_uri}"' if ns_prefix else f'xmlns="{ns_uri}"')
        self.pending_ns.clear()
        for i in range(0, len(attributes), 2):
            attribute = _kept_attribute(attributes[i], attributes[i + 1])
            if attribute:
                parts.append(attribute)
        self.out.append("<" + " ".join(parts))
        self.open_tag = True

    def end(self, name: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if self.open_tag:
            self.out.append("/>")
            self.open_tag = False
        else:
            uri, local, prefix = _split(name)
            self.out.append(f"</{_qualified(prefix, local)}>")

    def text(self, data: str) -> None:
        if self.skip or self.root is None:
            return
        self._close_open_tag()
        self.out.append(data.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))

    def _close_open_tag(self) -> None:
        if self.open_tag:
            self.out.append(">")
            self.open_tag = False


def _split(name: str) -> tuple[str, str, str]:
    """expat's "uri local prefix" -> (uri, local, prefix); parts may be missing."""
    parts = name.split(" ")
    if len(parts) == 1:
        return "", parts[0], ""
    return parts[0], parts[1], parts[2] if len(parts) > 2 else ""


def _qualified(prefix: str, local: str) -> str:
    return f"{prefix}:{local}" if prefix else local


def _kept_attribute(name: str, value: str) -> str | None:
    uri, local, prefix = _split(name)
    if uri == XML_NS and local in _KEPT_XML_ATTRIBUTES:
        prefix = "xml"
    elif uri not in ("", XLINK_NS):
        return None   # sodipodi:, inkscape:, and any other editor's attributes
    if local.lower().startswith("on"):
        return None   # an event handler
    if local == "href" and not _safe_link(value):
        return None
    escaped = (value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
               .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))
    return f'{_qualified(prefix, local)}="{escaped}"'


def _safe_link(value: str) -> bool:
    """Browsers ignore spaces and control characters inside a scheme."""
    link = _CONTROL.sub("", value).lower()
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", link)
    if scheme is None:
        return True   # relative, or a fragment
    if scheme.group(1) == "data":
        return bool(_SAFE_DATA.match(link))   # an embedded picture, not an embedded page
    return scheme.group(1) not in ("javascript", "vbscript")


def _animates_code(attributes: list[str]) -> bool:
    """<set attributeName="href" to="javascript:..."/> turns a safe link into code later."""
    values = dict(zip(attributes[::2], attributes[1::2]))
    target = _CONTROL.sub("", values.get("attributeName", "")).lower()
    return target.endswith("href") or target.startswith("on")


# -- GIF --------------------------------------------------------------------

# Application extensions a browser needs: the loop count of an animation.
_LOOP_EXTENSIONS = {b"NETSCAPE2.0", b"ANIMEXTS1.0"}


def clean_gif(data: bytes) -> bytes:
    """The GIF with only what draws it: comments, plain-text blocks, metadata
    (XMP, ICC, editor data) and bytes after the end are left out; palette,
    frames and timing stay byte for byte. Raises ValueError if malformed."""
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise ValueError("not a GIF")
    try:
        return _gif_blocks(data)
    except IndexError:
        raise ValueError("truncated GIF") from None


def _gif_blocks(data: bytes) -> bytes:
    pos = 13 + _table_size(data[10])
    out = [data[:pos]]
    while True:
        block = data[pos:pos + 1]
        if block == b"\x3b":                      # trailer: the end
            out.append(block)
            return b"".join(out)
        if block == b"\x2c":                      # an image: descriptor, colour table, LZW data
            end = pos + 10 + _table_size(data[pos + 9]) + 1
            end = _skip_sub_blocks(data, end)
            out.append(data[pos:end])
        elif block == b"\x21":                    # an extension
            label = data[pos + 1:pos + 2]
            end = _skip_sub_blocks(data, pos + 2)
            if label == b"\xf9" or (label == b"\xff" and data[pos + 3:pos + 14] in _LOOP_EXTENSIONS):
                out.append(data[pos:end])         # frame timing, or the loop count
        else:
            raise ValueError("malformed GIF")
        pos = end


def _table_size(packed: int) -> int:
    return 3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0


def _skip_sub_blocks(data: bytes, pos: int) -> int:
    """The position after a chain of sub-blocks (length byte, bytes), ended by 0."""
    while True:
        if pos >= len(data):
            raise ValueError("truncated GIF")
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos
