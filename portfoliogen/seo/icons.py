"""The favicon family (ICO, PNG, SVG) from the profile photo or the name's initials."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from portfoliogen.fsutil import Stamps, write_atomic
from portfoliogen.seo.cards import _open_picture, _rgb, card_stamps
from portfoliogen.seo.cardtext import _font, printable
from portfoliogen.seo.social import IconSpec, icon_files, initials, text_on
from portfoliogen.seo.xmltext import xml_attr, xml_text


def write_icons(spec: IconSpec, cards_dir: Path, stamps: Stamps | None = None) -> dict[str, Path]:
    """'favicon.ico', ... -> the file in the cache."""
    if stamps is None:
        stamps = card_stamps(cards_dir)
        out = write_icons(spec, cards_dir, stamps)
        stamps.save()
        return out
    files = icon_files(cards_dir, spec)
    if not all(stamps.check(path) for path in files.values()):
        for name, data in render_icons(spec).items():
            write_atomic(files[name], data)
            stamps.remember(files[name])
    return files


def render_icons(spec: IconSpec) -> dict[str, bytes]:
    square = _icon_square(spec, 512)
    out = {}
    for name, size in (("apple-touch-icon.png", 180), ("icon-192.png", 192), ("icon-512.png", 512)):
        out[name] = _png(square.resize((size, size), Image.Resampling.LANCZOS))
    rounded = _rounded(square)
    buf = io.BytesIO()
    rounded.save(buf, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    out["favicon.ico"] = buf.getvalue()
    out["favicon.svg"] = _svg_icon(spec, square)
    return out


def _icon_square(spec: IconSpec, size: int) -> Image.Image:
    if spec.picture is not None:
        picture = _open_picture(spec.picture.path)
        if picture is not None:
            return ImageOps.fit(picture, (size, size), Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    square = Image.new("RGB", (size, size), _rgb(spec.accent))
    letters = printable(initials(spec.name))
    if letters:
        draw = ImageDraw.Draw(square)
        font = _font(True, int(size * (0.42 if len(letters) > 1 else 0.56)))
        draw.text((size / 2, size / 2), letters, font=font, fill=_rgb(text_on(spec.accent)), anchor="mm")
    return square


def _rounded(square: Image.Image) -> Image.Image:
    size = square.size[0]
    mask = Image.new("L", (size * 2, size * 2), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, size * 2 - 1, size * 2 - 1), radius=size * 2 // 5, fill=255)
    out = square.convert("RGBA")
    out.putalpha(mask.resize((size, size), Image.Resampling.LANCZOS))
    return out


def _png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def _svg_icon(spec: IconSpec, square: Image.Image) -> bytes:
    if spec.picture is not None:
        buf = io.BytesIO()
        square.resize((96, 96), Image.Resampling.LANCZOS).save(buf, "JPEG", quality=80)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        body = ('<clipPath id="c"><rect width="64" height="64" rx="14"/></clipPath>'
                f'<image width="64" height="64" clip-path="url(#c)" href="data:image/jpeg;base64,{data}"/>')
    else:
        letters = initials(spec.name)
        size = 27 if len(letters) > 1 else 36
        body = (f'<rect width="64" height="64" rx="14" fill="{xml_attr(spec.accent)}"/>'
                f'<text x="32" y="32" dy=".35em" text-anchor="middle" font-family="DejaVu Sans,Verdana,'
                f'system-ui,sans-serif" font-weight="700" font-size="{size}" '
                f'fill="{xml_attr(text_on(spec.accent))}">'
                f'{xml_text(letters)}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">{body}</svg>\n').encode("utf-8")
