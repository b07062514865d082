"""The output folder: refuse a dangerous one, stream the new site into a
sibling staging folder, and swap it into place only when the whole build
succeeded. The only module that writes to output/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

from portfoliogen.config import Config
from portfoliogen.errors import SiteError

try:
    import fcntl
    _FICLONE: int | None = 0x40049409 if sys.platform.startswith("linux") else None
except ImportError:   # Windows
    _FICLONE = None
_clones = _FICLONE is not None


def check_output_dir(config: Config) -> None:
    """Refuse an output folder whose replacement would destroy sources."""
    out = config.output_dir
    root = config.root.resolve()
    where = config.locs.of(("output",)) if config.locs and config.locs.has(("output",)) else (None, None)

    def refuse(why: str) -> None:
        raise SiteError(config.config_path.name, where[0], where[1],
                        f"output folder '{out}' {why}; choose a folder of its own, such as 'output'")

    if out.exists() and not out.is_dir():
        refuse("is a file")
    if out == root or root.is_relative_to(out):
        refuse("is the project folder or one of its parents")
    for name in ("content", "themes"):
        if out.is_relative_to(root / name):
            refuse(f"is inside {name}/")
    if out.is_relative_to(config.cache_path) or config.cache_path.is_relative_to(out):
        refuse("overlaps the cache folder")


class Staging:
    """A fresh folder beside the output. Files are written as they are made
    (pages are not all held in memory); `swap` puts it in place, `discard`
    removes it after a failure, leaving the previous output as it was."""

    def __init__(self, out: Path, trash: Path | None = None):
        self.out = out
        self.trash = trash
        out.parent.mkdir(parents=True, exist_ok=True)
        self.path = out.with_name(f"{out.name}.staging-{uuid.uuid4().hex[:8]}")
        self.path.mkdir()
        self._root = str(self.path)
        self._made: set[str] = {self._root}

    def target(self, rel: str) -> str:
        # Plain strings, not Path objects: this runs for every file of the site.
        target = os.path.join(self._root, rel)
        parent = os.path.dirname(target)
        if parent not in self._made:
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)
        return target

    def write(self, rel: str, data: bytes) -> None:
        with open(self.target(rel), "wb") as handle:
            handle.write(data)

    def copy(self, rel: str, src: Path) -> None:
        """A file of the site's own or from the cache: copied (a reflink where
        the file system shares blocks), never hard-linked, so an edit to the
        published file cannot reach the cache and be published again."""
        _copy_file(src, self.target(rel))

    def link(self, rel: str, src: Path) -> None:
        """An unchanged page from the previous output: copied too (a reflink
        where possible). A hard link would share its inode with the old tree,
        whose deferred deletion changes the change time the next build checks
        before carrying the page over again."""
        _copy_file(src, self.target(rel))

    def swap(self) -> None:
        old = None
        if self.out.exists():
            old = self.out.with_name(f"{self.out.name}.old-{self.path.name.rsplit('-', 1)[1]}")
            os.rename(self.out, old)
        try:
            os.rename(self.path, self.out)
        except BaseException:
            if old is not None:
                os.rename(old, self.out)
            raise
        if old is not None:
            _delete_later(old, self.trash)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _copy_file(src, target: str) -> None:
    """A copy with its own inode: a copy-on-write clone where the file system
    has them (Btrfs, XFS: no bytes copied), else an ordinary copy."""
    global _clones
    if _clones:
        try:
            with open(src, "rb") as source, open(target, "wb") as dest:
                fcntl.ioctl(dest.fileno(), _FICLONE, source.fileno())
            return
        except OSError:
            _clones = False   # not on this file system (ext4, tmpfs): copy from now on
    shutil.copyfile(src, target)


def _delete_later(folder: Path, trash: Path | None) -> None:
    """Delete the previous output. Removing a thousand folders takes seconds
    on some file systems, so when the cache folder is on the same disk the
    old tree is moved there and deleted by a detached process."""
    if trash is not None:
        try:
            trash.mkdir(parents=True, exist_ok=True)
            os.rename(folder, trash / folder.name)
        except OSError:
            pass   # another disk: delete it here
        else:
            subprocess.Popen(
                [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                 str(trash)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True, close_fds=True)
            return
    shutil.rmtree(folder, ignore_errors=True)
