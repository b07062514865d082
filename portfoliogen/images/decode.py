"""Decoding and encoding one image source with Pillow (in a worker, or in-process for one
late image): EXIF orientation, sRGB, every variant encoded into the cache (cache.py)."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import warnings
from pathlib import Path
from typing import Any

import pillow_heif
from PIL import Image, ImageCms, ImageFile, ImageSequence, UnidentifiedImageError

from .cache import SourceError, commit_entry, new_tmp
from .clean import clean_gif
from .plan import (
    AVIF_QUALITY_OFFSET,
    AVIF_SPEED,
    JPEG_PROGRESSIVE,
    MIME,
    PNG_COMPRESS_LEVEL,
    WEBP_METHOD,
    ImageSettings,
    scaled_height,
    source_key,
    variant_suffix,
    variant_widths,
)

_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_PROFILE_MODES = {"RGB ": ("RGB", "RGBA"), "CMYK": ("CMYK",), "GRAY": ("L",)}


_heif_registered = False


# The only images module importing PIL (STYLE.md section 1); process.py imports it only when a
# source must be decoded, so a build whose images are all cached never loads Pillow.
def configure_pillow(max_pixels: int) -> None:
    """Pillow's process-wide settings, all of them (cli.configure_process
    lists every process-wide setting). Set before each decode, in the worker
    or in-process, not at start-up: a build whose images are all cached never
    loads Pillow, and workers are fresh processes."""
    global _heif_registered
    if not _heif_registered:
        pillow_heif.register_heif_opener()   # HEIC/HEIF photos from phones
        _heif_registered = True
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated file is an error, never a grey half
    Image.MAX_IMAGE_PIXELS = max_pixels      # images.max_pixels: the decompression-bomb limit


# -- one source (runs in a worker) -----------------------------------------


def process_job(src: Path, settings: ImageSettings, root: Path, threads: int) -> tuple[int, Any]:
    """-> (1 if Pillow opened the file else 0, (hash, key, meta) or an error message).
    Errors come back as strings: exceptions do not all pickle."""
    configure_pillow(settings.max_pixels)
    try:
        data = src.read_bytes()
    except FileNotFoundError:
        return 0, "image file not found"
    except OSError as exc:
        return 0, f"cannot read the image file ({exc.strerror or exc})"
    # Hash what we decode: the file may have changed since the main process hashed it.
    source_hash = hashlib.sha256(data).hexdigest()
    key = source_key(source_hash, settings, src.suffix)
    tmp = new_tmp(root)
    opened = 0
    try:
        im = _open(data, settings)
        opened = 1
        meta = _render(im, data, settings, tmp, threads)
        commit_entry(root, key, tmp, meta)
        return opened, (source_hash, key, meta)
    except SourceError as exc:
        return opened, str(exc)
    except Image.DecompressionBombError as exc:
        return opened, _bomb_message(exc, settings)
    except MemoryError:
        return opened, "not enough memory to decode this image"
    except Exception as exc:  # Pillow raises many types (OSError, SyntaxError, struct.error...) for bad data
        detail = str(exc) or type(exc).__name__
        if "truncated" in detail:
            return opened, f"the image file is truncated or corrupt ({detail})"
        return opened, f"cannot decode the image ({detail})"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _bomb_message(exc: Exception, settings: ImageSettings) -> str:
    found = re.search(r"\((\d+) pixels\)", str(exc))
    pixels = f"{int(found.group(1)):,} pixels" if found else "too many pixels"
    return (f"image is too large ({pixels}, more than images.max_pixels = {settings.max_pixels:,});"
            " it may be a decompression bomb")


def _open(data: bytes, settings: ImageSettings) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except Image.DecompressionBombWarning as exc:
        raise Image.DecompressionBombError(str(exc)) from None
    except UnidentifiedImageError:
        head = data[:1024]
        if not head.strip():
            raise SourceError("the image file is empty") from None
        try:
            head.decode("utf-8")
            is_text = b"\0" not in head
        except UnicodeDecodeError:
            is_text = False
        if is_text:
            raise SourceError("this is a text file, not an image") from None
        raise SourceError("not an image format Pillow can read (JPEG, PNG, GIF, WebP, AVIF, HEIC, TIFF...)") from None


def _render(im: Image.Image, data: bytes, settings: ImageSettings, out: Path, threads: int) -> dict[str, Any]:
    if getattr(im, "n_frames", 1) > 1 and im.format in ("GIF", "WEBP", "PNG"):
        return _render_animation(im, data, settings, out)

    try:
        orientation = int(im.getexif().get(0x0112, 1))
    except Exception:  # an invalid EXIF block: ignore it, it is dropped anyway
        orientation = 1
    if orientation not in _TRANSPOSE:
        orientation = 1
    stored_w, stored_h = im.size
    width, height = (stored_h, stored_w) if orientation >= 5 else (stored_w, stored_h)
    widths = variant_widths(width, settings.widths)
    top_w = widths[-1]
    top_h = scaled_height(width, height, top_w)
    # JPEG: let libjpeg decode at 1/2, 1/4 or 1/8 scale, never below the largest variant.
    im.draft(im.mode if im.mode in ("RGB", "L", "CMYK") else None,
             (top_h, top_w) if orientation >= 5 else (top_w, top_h))
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        im.load()
    if orientation != 1:
        im = im.transpose(_TRANSPOSE[orientation])
    base = _to_srgb(im)

    alpha = base.mode == "RGBA"
    fallback_fmt = "png" if alpha else "jpeg"
    sources: dict[str, list] = {fmt: [] for fmt in settings.formats}
    fallback: list = []
    for w in reversed(widths):  # largest first, each resized from the decoded base
        h = scaled_height(width, height, w)
        variant = base if base.size == (w, h) else base.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=3.0)
        variant.info = {}  # savers copy icc/exif/xmp from info: start clean
        for fmt in settings.formats:
            suffix = variant_suffix(w, MIME[fmt])
            _save(variant, out / suffix, fmt, settings.quality, threads)
            sources[fmt].append([suffix, w, h])
        suffix = variant_suffix(w, MIME[fallback_fmt])
        _save(variant, out / suffix, fallback_fmt, settings.quality, threads)
        fallback.append([suffix, w, h, MIME[fallback_fmt]])
    smallest = variant
    return {
        "width": width,
        "height": height,
        "placeholder": _dominant_colour(smallest),
        "sources": [[MIME[fmt], rows[::-1]] for fmt, rows in sources.items()],
        "fallback": fallback[::-1],
    }


def _to_srgb(im: Image.Image) -> Image.Image:
    """-> an RGB, RGBA (only if some pixel is transparent) or L image in sRGB."""
    icc = im.info.get("icc_profile")
    if im.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        im = _grey_to_8bit(im)
    elif im.mode in ("P", "PA", "LA", "La", "RGBa", "1", "RGBX", "YCbCr", "LAB", "HSV"):
        transparent = im.mode in ("PA", "LA", "La", "RGBa") or im.has_transparency_data
        im = im.convert("RGBA" if transparent else ("L" if im.mode == "1" else "RGB"))
    if icc:
        im = _apply_profile(im, icc)
    if im.mode == "CMYK":
        im = im.convert("RGB")
    if im.mode == "RGBA" and im.getchannel("A").getextrema()[0] == 255:
        im = im.convert("RGB")  # an opaque alpha channel: JPEG fallback, smaller files
    if im.mode not in ("RGB", "RGBA", "L"):
        im = im.convert("RGB")
    return im


def _grey_to_8bit(im: Image.Image) -> Image.Image:
    """16-bit, 32-bit and float greyscale: scale to 0-255 (convert("L") clips)."""
    sixteen = im.mode.startswith("I;16")
    im = im.convert("F")
    hi = im.getextrema()[1]
    if sixteen:
        top = 65535.0
    elif hi <= 1.0:
        top = 1.0  # float images are usually 0-1
    else:
        top = next((t for t in (255.0, 65535.0) if hi <= t), hi)
    return im.point(lambda v: v * (255.0 / top)).convert("L")


def _apply_profile(im: Image.Image, icc: bytes) -> Image.Image:
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        space = profile.profile.xcolor_space
        if im.mode not in _PROFILE_MODES.get(space, ()):
            return im
        description = ImageCms.getProfileDescription(profile) or ""
        if "srgb" in description.lower() and space == "RGB ":
            return im  # already sRGB: skip the transform
        out_mode = "RGBA" if im.mode == "RGBA" else "RGB"  # sRGB is an RGB space, even for a grey source
        return ImageCms.profileToProfile(
            im, profile, _SRGB, renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode=out_mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return im  # an unreadable profile: treat the pixels as sRGB


def _save(im: Image.Image, path: Path, fmt: str, quality: int, threads: int) -> None:
    if fmt == "avif":
        options = {"quality": min(100, max(1, quality + AVIF_QUALITY_OFFSET)), "speed": AVIF_SPEED}
        if threads:
            options["max_threads"] = threads
    elif fmt == "webp":
        options = {"quality": quality, "method": WEBP_METHOD}
    elif fmt == "jpeg":
        options = {"quality": quality, "progressive": JPEG_PROGRESSIVE, "optimize": True}
    else:
        options = {"compress_level": PNG_COMPRESS_LEVEL}
    im.save(path, fmt.upper(), **options)


def _dominant_colour(im: Image.Image) -> str:
    thumb = im.copy()
    thumb.thumbnail((48, 48), Image.Resampling.BOX)
    if thumb.mode == "RGBA":
        white = Image.new("RGBA", thumb.size, (255, 255, 255, 255))
        thumb = Image.alpha_composite(white, thumb)
    thumb = thumb.convert("RGB").quantize(colors=5, method=Image.Quantize.MEDIANCUT)
    _, index = max(thumb.getcolors())
    r, g, b = thumb.getpalette()[index * 3 : index * 3 + 3]
    return f"#{r:02x}{g:02x}{b:02x}"


def _clean_gif(im: Image.Image, data: bytes, timing: dict[str, Any]) -> bytes:
    """The GIF's own blocks without comments and metadata: the author's palette
    and timing stay. One Pillow reads but clean_gif cannot walk is written anew."""
    try:
        return clean_gif(data)
    except ValueError:
        buffer = io.BytesIO()
        im.seek(0)
        im.save(buffer, "GIF", save_all=True, **timing)
        return clean_gif(buffer.getvalue())   # Pillow copies the comment: drop it


def _render_animation(im: Image.Image, data: bytes, settings: ImageSettings, out: Path) -> dict[str, Any]:
    """Animations keep every frame, at their own size: the fallback is the
    file itself without its metadata (a GIF's own blocks; WebP and APNG
    re-encoded), plus an animated WebP when asked (much smaller than a GIF)."""
    width, height = im.size
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        durations = [frame.info.get("duration", 100) for frame in ImageSequence.Iterator(im)]
    timing = {"duration": durations, "loop": im.info.get("loop", 0)}
    clean = {"exif": b"", "xmp": b"", "icc_profile": None}
    fmt = im.format.lower()
    fallback_mime = MIME["png"] if fmt == "png" else MIME.get(fmt, MIME["gif"])
    suffix = variant_suffix(width, fallback_mime)
    if fmt == "gif":
        (out / suffix).write_bytes(_clean_gif(im, data, timing))
    else:
        im.seek(0)
        im.save(out / suffix, fmt.upper(), save_all=True, **timing, **clean)
    sources = []
    if "webp" in settings.formats and fmt != "webp":
        webp = variant_suffix(width, MIME["webp"])
        im.seek(0)
        im.save(out / webp, "WEBP", save_all=True, quality=settings.quality, method=WEBP_METHOD, **timing, **clean)
        sources.append([MIME["webp"], [[webp, width, height]]])
    im.seek(0)
    return {
        "width": width,
        "height": height,
        "placeholder": _dominant_colour(im.convert("RGBA")),
        "sources": sources,
        "fallback": [[suffix, width, height, fallback_mime]],
    }
