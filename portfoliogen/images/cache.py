"""The image cache on disk, and everything around the Pillow work that needs no Pillow:
source hashing, cache entries, SVG copies, the progress bar."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from portfoliogen.fsutil import (
    TMP_SUFFIX,
    Stamps,
    file_digest,
    make_tmp_dir,
    write_atomic,
)

from .clean import SvgError, clean_svg
from .plan import MIME, ProcessedImage, image_from_meta, meta_to_json

STALE_TMP_SECONDS = 3600


# Layout of the folder the build hands over (`cache_dir/images/`, build/cachedirs.py):
#     index.json                  {abs path: [size, mtime_ns, sha256]}: skips rehashing
#     stamps.json                 Stamps of the variants: skips re-checking their bytes
#     objects/<k[:2]>/<k>/        one folder per (source bytes, settings) key k
#         meta.json               sizes, placeholder, variant list, each file's digest
#         960.webp, 1600.jpg ...  the encoded variants
#     .tmp-*/, .*.tmp             an entry, index or stamps being written
class SourceError(Exception):
    """A user-facing, one-line problem with one source (no path in it)."""


def new_tmp(root: Path) -> Path:
    return make_tmp_dir(root, ".tmp-")


def entry_dir(root: Path, key: str) -> Path:
    return root / "objects" / key[:2] / key


def load_entry(root: Path, src: Path, key: str, stamps: Stamps | None = None) -> ProcessedImage | None:
    """The cached image, if every variant is there with the bytes it was written with."""
    entry = entry_dir(root, key)
    try:
        meta = json.loads((entry / "meta.json").read_text())
        if "bytes" not in meta:   # an entry written before the sizes were recorded
            meta["bytes"] = {name: (entry / name).stat().st_size for name in meta["files"]}
        image = image_from_meta(src, key, entry, meta)
        digests = meta["files"]
        stamps = stamps or Stamps(None)
        if not all(stamps.check(path, digests[path.name]) for path in image.files().values()):
            return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None   # no digests (an older cache), damaged or edited: process again
    return image


def remember_entry(root: Path, key: str, meta: dict[str, Any], stamps: Stamps) -> None:
    """Stamp a freshly written entry's variants, so the next build need not read them."""
    entry = entry_dir(root, key)
    for name, digest in meta.get("files", {}).items():
        stamps.remember(entry / name, digest)


# An entry is written into a temporary folder and renamed into place with its meta.json already
# inside, so a crash or a bad image never leaves half an entry. A variant is published only while its
# bytes are those meta.json recorded (fsutil.Stamps): a file edited in the cache is processed again,
# not published.
def commit_entry(root: Path, key: str, tmp: Path, meta: dict[str, Any]) -> None:
    files = [path for path in sorted(tmp.iterdir()) if path.name != "meta.json"]
    meta["files"] = {path.name: file_digest(path) for path in files}
    meta["bytes"] = {path.name: path.stat().st_size for path in files}   # the <source> order (plan.py)
    (tmp / "meta.json").write_text(meta_to_json(meta))
    final = entry_dir(root, key)
    final.parent.mkdir(parents=True, exist_ok=True)
    if final.exists():  # damaged entry (a file deleted by hand) or a concurrent build
        shutil.rmtree(final, ignore_errors=True)
    try:
        os.replace(tmp, final)
    except OSError:
        if not (final / "meta.json").is_file():
            raise


def clean_stale_tmp(root: Path) -> None:
    """Remove temporary folders and files left by a killed build (an hour
    old: a build running right now may still be writing younger ones)."""
    try:
        candidates = [*root.glob(".tmp-*"), *root.glob(f".*{TMP_SUFFIX}")]
    except OSError:
        return
    now = time.time()
    for tmp in candidates:
        try:
            if now - tmp.stat().st_mtime > STALE_TMP_SECONDS:
                if tmp.is_dir():
                    shutil.rmtree(tmp, ignore_errors=True)
                else:
                    tmp.unlink()
        except OSError:
            pass


class Index:
    """(size, mtime_ns) -> sha256 of the bytes, so a warm build of big photos
    does not rehash them. The bytes hash stays the real key."""

    def __init__(self, path: Path):
        self.path = path
        self.changed = False
        try:
            entries = json.loads(path.read_text())
        except (OSError, ValueError):
            entries = {}
        self.entries: dict[str, list] = {
            k: v for k, v in (entries.items() if isinstance(entries, dict) else ())
            if isinstance(v, list) and len(v) == 3
        }
        self.stats: dict[Path, os.stat_result] = {}

    def hash(self, src: Path) -> tuple[str, int]:
        try:
            st = src.stat()
            entry = self.entries.get(str(src))
            if entry and entry[0] == st.st_size and entry[1] == st.st_mtime_ns:
                return entry[2], st.st_size
            with src.open("rb") as f:
                digest = hashlib.file_digest(f, "sha256").hexdigest()
        except FileNotFoundError:
            raise SourceError("image file not found") from None
        except IsADirectoryError:
            raise SourceError("is a folder, not an image file") from None
        except OSError as exc:
            raise SourceError(f"cannot read the image file ({exc.strerror or exc})") from None
        self.stats[src] = st
        self.remember(src, digest)
        return digest, st.st_size

    def remember(self, src: Path, digest: str) -> None:
        st = self.stats.get(src)
        if st is not None:
            entry = [st.st_size, st.st_mtime_ns, digest]
            if self.entries.get(str(src)) != entry:
                self.entries[str(src)] = entry
                self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        # Forget files that are gone, so the index does not grow forever.
        self.entries = {k: v for k, v in self.entries.items() if os.path.exists(k)}
        write_atomic(self.path, json.dumps(self.entries))


class Progress:
    def __init__(self, total: int):
        self.total, self.done, self.started = total, 0, time.perf_counter()
        self.step(0)

    def step(self, n: int = 1) -> None:
        self.done += n
        filled = 30 * self.done // self.total
        elapsed = time.perf_counter() - self.started
        sys.stderr.write(f"\rimages [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} {elapsed:.0f}s")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\r" + " " * 60 + "\r")
        sys.stderr.flush()


# -- SVG: cleaned (clean.py), no decode --------------------------------------

_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE | re.DOTALL)
_NUM = r"\s*=\s*[\"']\s*([0-9.]+)\s*(?:px)?\s*[\"']"


def store_svg(root: Path, src: Path, key: str) -> ProcessedImage:
    try:
        data = clean_svg(src.read_bytes())   # no scripts, handlers or metadata
    except SvgError as err:
        raise SourceError(str(err)) from None
    except OSError as exc:
        raise SourceError(f"cannot read the image file ({exc.strerror or exc})") from None
    tag = _SVG_TAG.search(data[:65536])
    if tag is None:
        raise SourceError("not an SVG file (no <svg> element)")
    head = tag.group().decode("utf-8", "replace")
    width = re.search(r"\swidth" + _NUM, head)
    height = re.search(r"\sheight" + _NUM, head)
    box = re.search(r"viewBox\s*=\s*[\"']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)", head)
    if width and height:
        w, h = float(width.group(1)), float(height.group(1))
    elif box:
        w, h = float(box.group(1)), float(box.group(2))
    else:
        w, h = 300.0, 150.0  # the browser's default for a replaced element
    w, h = max(1, round(w)), max(1, round(h))
    tmp = new_tmp(root)
    try:
        (tmp / "svg").write_bytes(data)
        meta = {"width": w, "height": h, "placeholder": "#ffffff", "sources": [],
                "fallback": [["svg", w, h, MIME["svg"]]]}
        commit_entry(root, key, tmp, meta)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return image_from_meta(src, key, entry_dir(root, key), meta)
