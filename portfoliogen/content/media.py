"""Videos in case-study galleries: a file beside the case study (captions from .vtt files
of the same name), or a YouTube or Vimeo link that the theme loads only on a click."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from portfoliogen.config import Config
from portfoliogen.content.loaders import locations_of
from portfoliogen.content.model import CaseStudy, GalleryItem
from portfoliogen.content.sources import check_source
from portfoliogen.errors import ErrorCollector, SiteError

VIDEO_TYPES = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg"}
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be",
                  "youtube-nocookie.com", "www.youtube-nocookie.com"}
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


@dataclass(frozen=True)
class Track:
    url_path: str          # where the .vtt is published
    src: Path
    language: str | None   # "fr" from clip.fr.vtt; None (clip.vtt): the site's language


@dataclass(frozen=True)
class Video:
    kind: str                      # "file" | "youtube" | "vimeo"
    url_path: str = ""             # a file: where it is published (copied as it is)
    mime: str = ""
    src: Path | None = None
    tracks: tuple[Track, ...] = ()
    embed_url: str = ""            # the player, loaded only after the visitor's click
    watch_url: str = ""            # the plain link for visitors without JavaScript


def resolve_gallery_media(config: Config, cs: CaseStudy, errors: ErrorCollector) -> tuple[GalleryItem, ...]:
    """The case study's gallery with each item's video resolved (item.media)."""
    items = []
    for index, item in enumerate(cs.gallery):
        media = None
        if not item.src and not item.video:
            _add(errors, cs, ("gallery", index), "needs 'src' (an image) or 'video'")
        elif item.video:
            try:
                media = _video(config, cs, item.video)
            except ValueError as err:
                _add(errors, cs, ("gallery", index, "video"), str(err))
            except SiteError as err:
                errors.add(err)
        items.append(item.model_copy(update={"media": media}))
    return tuple(items)


def video_copies(case_studies) -> dict[str, Path]:
    """{output path: file} for every self-hosted video and its captions."""
    copies: dict[str, Path] = {}
    for cs in case_studies:
        for item in cs.gallery:
            media = item.media
            if media is not None and media.kind == "file":
                copies[media.url_path.lstrip("/")] = media.src
                copies.update((t.url_path.lstrip("/"), t.src) for t in media.tracks)
    return copies


def _add(errors: ErrorCollector, cs: CaseStudy, path: tuple, message: str) -> None:
    line, column = locations_of(cs).of(path)
    errors.add(SiteError(cs.src_path, line, column, message))


def _video(config: Config, cs: CaseStudy, ref: str) -> Video:
    if re.match(r"(?i)^[a-z][a-z0-9+.-]*:", ref):
        return _embed(ref)
    suffix = Path(ref).suffix.lower()
    if suffix not in VIDEO_TYPES:
        raise ValueError(f"video '{ref}' is not a video file (use MP4 or WebM) "
                         f"or a YouTube or Vimeo link")
    owner = (config.root / cs.src_path).parent
    path = config.content_dir / ref.lstrip("/") if ref.startswith("/") else owner / ref
    real = check_source(path, config.root)
    if real is None or not real.is_file():
        raise ValueError(f"video '{ref}' not found")
    base = cs.url_path or f"/work/{cs.slug}/"
    return Video("file", f"{base}{real.name}", VIDEO_TYPES[suffix], real,
                 _tracks(config, path.parent, real.stem, base))


def _tracks(config: Config, folder: Path, stem: str, base: str) -> tuple[Track, ...]:
    """clip.vtt (the site's language) and clip.<lang>.vtt beside clip.mp4."""
    found = []
    for candidate in sorted(folder.glob(f"{_glob_escape(stem)}*.vtt")):
        middle = candidate.name[len(stem):-len(".vtt")]
        if middle and not re.fullmatch(r"\.[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", middle):
            continue
        real = check_source(candidate, config.root)
        if real is not None and real.is_file():
            found.append(Track(f"{base}{candidate.name}", real, middle[1:].replace("_", "-") or None))
    return tuple(found)


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _embed(ref: str) -> Video:
    url = urlsplit(ref)
    host = (url.hostname or "").lower()
    if url.scheme not in ("http", "https") or host not in _YOUTUBE_HOSTS | _VIMEO_HOSTS:
        raise ValueError(f"video '{ref}': only YouTube and Vimeo links can be embedded; "
                         f"for another host, put the video file beside the case study")
    parts = [p for p in url.path.split("/") if p]
    if host in _YOUTUBE_HOSTS:
        if host == "youtu.be":
            vid = parts[0] if parts else ""
        elif parts[:1] in (["embed"], ["shorts"], ["live"], ["v"]):
            vid = parts[1] if len(parts) > 1 else ""
        else:
            vid = parse_qs(url.query).get("v", [""])[0]
        if not _YOUTUBE_ID.fullmatch(vid):
            raise ValueError(f"video '{ref}': no YouTube video id found in this link")
        return Video("youtube", embed_url=f"https://www.youtube-nocookie.com/embed/{vid}?autoplay=1",
                     watch_url=f"https://www.youtube.com/watch?v={vid}")
    numbers = [p for p in parts if p.isdigit()]
    if not numbers:
        raise ValueError(f"video '{ref}': no Vimeo video id found in this link")
    vid = numbers[0]
    after = parts[parts.index(vid) + 1:] if vid in parts else []
    secret = parse_qs(url.query).get("h", [after[0] if after and re.fullmatch(r"[0-9a-f]+", after[0]) else ""])[0]
    extra = f"&h={secret}" if secret else ""
    return Video("vimeo", embed_url=f"https://player.vimeo.com/video/{vid}?autoplay=1&dnt=1{extra}",
                 watch_url=f"https://vimeo.com/{vid}{'/' + secret if secret else ''}")
