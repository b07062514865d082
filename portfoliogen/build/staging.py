"""Staging and swapping the output: build into a sibling `<out>.staging-*` folder, swap it
into place on success, delete the old tree later, and tidy what a killed build left."""

from __future__ import annotations

import errno
import functools
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

from portfoliogen.build.output import (
    KEPT,
    OutputSite,
    inspect_output,
    read_marker,
    remove_tree,
    write_marker,
)
from portfoliogen.fsutil import PACKAGE_DIR

try:
    import fcntl
    _FICLONE: int | None = 0x40049409 if sys.platform.startswith("linux") else None
except ImportError:   # Windows
    _FICLONE = None
_clones = _FICLONE is not None

_STAGING_NAME = re.compile(r".+\.staging-[0-9a-f]{8}")


# The new site is streamed into the staging folder and swapped into place only when the whole
# build succeeded (an atomic exchange where the platform has one); the previous tree is deleted later.
class Staging:
    """A fresh folder beside the output. Files are written as they are made
    (pages are not all held in memory); `swap` puts it in place, `discard`
    removes it after a failure, leaving the previous output as it was."""

    def __init__(self, site: OutputSite, trash: Path | None = None):
        self.site = site
        self.out = site.out
        self.trash = trash
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.path = self.out.with_name(f"{self.out.name}.staging-{uuid.uuid4().hex[:8]}")
        self.path.mkdir()
        self._root = str(self.path)
        write_marker(self._root, site.identity, None)   # from here on the next build knows it is ours
        self._made: set[str] = {self._root}
        self._carried: list[str] = []
        self._swapped = False

    def target(self, rel: str) -> str:
        # Plain strings, not Path objects: this runs for every file of the site.
        target = os.path.join(self._root, rel)
        parent = os.path.dirname(target)
        if parent not in self._made:
            self._make_dirs(parent)
        return target

    def _make_dirs(self, folder: str) -> None:
        """Like os.makedirs, but never makes the staging folder itself: a
        render worker outliving a killed build must not bring back a folder
        the next build removed (it would carry no marker)."""
        path = self._root
        for part in folder[len(self._root) + 1:].split(os.sep):
            path = os.path.join(path, part)
            if path not in self._made:
                try:
                    os.mkdir(path)
                except FileExistsError:
                    pass
                self._made.add(path)

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
        """Put the staged site in place of output/: one atomic exchange where
        the platform has it, else two renames (a kill between them is
        repaired by the next build's tidy_output)."""
        user_kept = inspect_output(self.site)    # it may have changed during the build
        generated = [name for name in KEPT if os.path.lexists(os.path.join(self._root, name))]
        for name in user_kept:
            if name in generated:
                raise self.site.refuse(f"has your own {name} and content/static/{name} makes one too; "
                                       "remove one of them")
        try:
            write_marker(self._root, self.site.identity, generated)
            for name in user_kept:
                os.rename(self.out / name, self.path / name)
                self._carried.append(name)
            old = self._replace()
        except OSError as err:
            raise self.site.refuse(f"cannot be replaced ({err.strerror})") from None
        self._swapped = True
        if old is not None:
            _delete_later(old, self.trash)

    def _replace(self) -> Path | None:
        """Swap in the staging folder; the previous tree's new path, if any."""
        if not self.out.exists():
            os.rename(self.path, self.out)
            return None
        if _exchange(self._root, str(self.out)):
            return self.path                      # the previous site now lives at the staging name
        old = self.out.with_name(f"{self.out.name}.old-{self.path.name.rsplit('-', 1)[1]}")
        os.rename(self.out, old)
        try:
            os.rename(self.path, self.out)
        except BaseException:
            os.rename(old, self.out)
            raise
        return old

    def discard(self) -> None:
        if self._swapped:
            return
        for name in self._carried:     # the user's .git or CNAME goes back first
            try:
                os.rename(self.path / name, self.out / name)
            except OSError:
                return                 # left in the staging folder: the next build puts it back
        remove_tree(self._root)


def tidy_output(site: OutputSite, trash: Path | None) -> None:
    """Clear up after a killed build: put back an output/ lost between the
    two renames of a swap, return a user's KEPT entries to it, and remove the
    `<out>.staging-*` / `<out>.old-*` folders left beside it. Only folders
    that carry this site's marker (or are empty) are touched."""
    out = site.out
    leftovers = _leftovers(out.parent, (f"{out.name}.staging-", f"{out.name}.old-"), site.identity)
    if not out.exists():
        complete = [f for f, mark in leftovers if "generated" in mark]
        complete.sort(key=lambda f: (".old-" not in f.name, -f.stat().st_mtime_ns))
        if complete:
            os.rename(complete[0], out)
            leftovers = [(f, m) for f, m in leftovers if f != complete[0]]
    for folder, mark in leftovers:
        if _return_kept(folder, mark, out):
            _delete_later(folder, trash)
    if trash is not None:    # trees whose detached deleter was killed (or is still at work)
        stale = [str(folder) for folder, _mark in _leftovers(trash, (f"{out.name}.",), site.identity)]
        if stale:
            _remove_detached(stale)


def _leftovers(parent: Path, prefixes: tuple[str, ...], identity: str) -> list[tuple[Path, dict]]:
    """Folders in `parent` named with one of `prefixes` and marked by this
    site, no build of which is still writing them; empty ones are removed."""
    try:
        names = os.listdir(parent)
    except OSError:
        return []
    found = []
    for name in names:
        folder = parent / name
        if not name.startswith(prefixes) or folder.is_symlink() or not folder.is_dir():
            continue
        mark = read_marker(folder)
        if mark is None:
            if _STAGING_NAME.fullmatch(name):
                try:
                    os.rmdir(folder)    # killed before its marker was written: empty, nothing is lost
                except OSError:
                    pass                # not empty: not ours to judge
            continue
        if mark.get("site") == identity and not _alive(mark.get("pid")):
            found.append((folder, mark))
    return found


def _alive(pid) -> bool:
    if not isinstance(pid, int) or pid == os.getpid() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True     # someone else's process: alive
    return True


def _return_kept(folder: Path, mark: dict, out: Path) -> bool:
    """Move the user's KEPT entries from a leftover back into output/; False
    when one cannot go back (the folder is then left alone)."""
    generated = mark.get("generated")
    if generated is None:
        return True        # still being written: nothing was carried into it yet
    for name in KEPT:
        if name in generated or not os.path.lexists(folder / name):
            continue
        if os.path.lexists(out / name):
            return False
        out.mkdir(exist_ok=True)
        os.rename(folder / name, out / name)
    return True


def _exchange(a: str, b: str) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE);
    False where the platform or file system lacks it."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    import ctypes

    if renameat2(-100, os.fsencode(a), -100, os.fsencode(b), 2) == 0:   # AT_FDCWD, RENAME_EXCHANGE
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), b)


@functools.cache
def _renameat2():
    # The environment variable lets tests exercise the two-rename swap.
    if not sys.platform.startswith("linux") or os.environ.get("PORTFOLIOGEN_NO_RENAME_EXCHANGE"):
        return None
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None      # glibc before 2.28, musl: two renames
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


def _copy_file(src, target: str) -> None:
    """A copy with its own inode: a copy-on-write clone where the file system
    has them (Btrfs, XFS: no bytes copied), else an ordinary copy."""
    global _clones, _ranges
    if _clones:
        try:
            with open(src, "rb") as source, open(target, "wb") as dest:
                fcntl.ioctl(dest.fileno(), _FICLONE, source.fileno())
            return
        except OSError:
            _clones = False   # not on this file system (ext4, tmpfs): copy from now on
    if _ranges:
        try:
            return _copy_range(src, target)
        except OSError:
            _ranges = False   # a kernel or file system without it
    shutil.copyfile(src, target)


_ranges = hasattr(os, "copy_file_range")


def _copy_range(src, target: str) -> None:
    """Copy in the kernel (copy_file_range): a third of shutil.copyfile's
    time for the small files of a site, which it checks and stats first."""
    source = os.open(src, os.O_RDONLY)
    try:
        dest = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            left = os.fstat(source).st_size
            while left > 0:
                done = os.copy_file_range(source, dest, left)
                if done == 0:
                    break
                left -= done
            if left > 0:       # the file grew or shrank meanwhile: copy it the plain way
                raise OSError("short copy")
        finally:
            os.close(dest)
    finally:
        os.close(source)


def _delete_later(folder: Path, trash: Path | None) -> None:
    """Delete a previous output. Removing a thousand folders takes seconds
    on some file systems, so when the cache folder is on the same disk the
    old tree is moved there and deleted by a detached process (only that
    tree: the trash folder may hold another build's)."""
    if trash is not None:
        try:
            trash.mkdir(parents=True, exist_ok=True)
            moved = trash / folder.name
            os.rename(folder, moved)
        except OSError:
            pass   # another disk: delete it here
        else:
            _remove_detached([str(moved)])
            return
    remove_tree(str(folder))


def _remove_detached(folders: list[str]) -> None:
    """remove_tree in a process of its own that outlives the build."""
    try:
        subprocess.Popen(
            [sys.executable, "-c",
             "import sys; sys.path.insert(0, sys.argv[1]); from portfoliogen.build.output import remove_tree; "
             "[remove_tree(f) for f in sys.argv[2:]]",
             str(PACKAGE_DIR.parent), *folders],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True)
    except OSError:
        for folder in folders:
            remove_tree(folder)
