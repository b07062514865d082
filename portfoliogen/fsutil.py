"""File-system helpers shared by every stage and cache: package and theme locations,
atomic writes, stat records and digests. Standard library only."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

FileStat = tuple[int, int, int, int]   # size, mtime_ns, ctime_ns, inode
TMP_SUFFIX = ".tmp"                    # every temporary file ends so (watchers and loaders skip it)


# Standard library only: the no-change shortcut imports this module before anything heavy.
def builtin_themes_dir() -> Path:
    """Inside the wheel: portfoliogen/_themes; in a source checkout: ./themes."""
    packaged = PACKAGE_DIR / "_themes"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "themes"


def write_atomic(path: str | os.PathLike, data: bytes | str) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into
    place: a reader (a concurrent build, the dev server) sees the old bytes
    or the new ones, never half a file. The temporary name is unique per
    process and call, so concurrent writers of one path do not mix."""
    path = os.fspath(path)
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.{uuid.uuid4().hex[:8]}{TMP_SUFFIX}")
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        handle = open(tmp, "wb")
    except FileNotFoundError:
        if not folder:
            raise
        # Made only when missing: the caches write thousands of files into a few folders.
        os.makedirs(folder, exist_ok=True)
        handle = open(tmp, "wb")
    try:
        with handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def make_tmp_dir(parent: Path, prefix: str = ".tmp-") -> Path:
    """A fresh folder inside `parent` to fill before `replace_dir` puts it in place."""
    import tempfile  # not at import: the no-change shortcut never needs it

    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))


def stat_of(path: str | os.PathLike) -> FileStat | None:
    """What a stat shows of a file's identity and bytes (None when it is gone).
    The change time cannot be set back by hand, so an edit always shows."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def bytes_digest(data: bytes, size: int = 16) -> str:
    """The hex digest the caches key bytes by (BLAKE2b, `size` bytes)."""
    return hashlib.blake2b(data, digest_size=size).hexdigest()


def file_digest(path: str | os.PathLike) -> str:
    """The digest of a file's bytes, read in chunks (images can be large)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "blake2b").hexdigest()[:40]


def data_digest(data: bytes) -> str:
    """file_digest of a file holding `data`, for the writer that has them (no read back)."""
    return hashlib.blake2b(data).hexdigest()[:40]


class Stamps:
    """Files the cache wrote, by what a stat shows of them (size, mtime_ns,
    ctime_ns, inode) and the digest of their bytes. A file whose stat is as
    stamped is trusted without a read; any other is read and compared with
    its digest (a restored cache is read once; an edited file fails). The
    change time cannot be set back by hand, so an edit always shows."""

    def __init__(self, path: Path | None):
        self.path = path
        self.changed = False
        try:
            entries = json.loads(path.read_text()) if path is not None else {}
        except (OSError, ValueError):
            entries = {}
        self.entries: dict[str, list] = {
            k: v for k, v in (entries.items() if isinstance(entries, dict) else ())
            if isinstance(v, list) and len(v) == 5 and isinstance(v[4], str)
        }

    @staticmethod
    def _stat(path: Path) -> list | None:
        stat = stat_of(path)
        return None if stat is None else list(stat)

    def check(self, path: Path, digest: str | None = None) -> bool:
        """`path` holds the bytes it was written with (`digest`, else the stamped one)."""
        stat = self._stat(path)
        stamp = self.entries.get(str(path))
        want = digest or (stamp[4] if stamp else None)
        if stat is None or want is None:
            return False
        if stamp is not None and stamp[:4] == stat and stamp[4] == want:
            return True
        try:
            same = file_digest(path) == want
        except OSError:
            same = False
        if same:
            self._set(path, stat, want)
        elif self.entries.pop(str(path), None) is not None:
            self.changed = True
        return same

    def remember(self, path: Path, digest: str | None = None) -> None:
        """Stamp a file just written (its digest computed here when not given)."""
        stat = self._stat(path)
        if stat is not None:
            self._set(path, stat, digest or file_digest(path))

    def _set(self, path: Path, stat: list, digest: str) -> None:
        self.entries[str(path)] = [*stat, digest]
        self.changed = True

    def save(self) -> None:
        if not self.changed or self.path is None:
            return
        self.entries = {k: v for k, v in self.entries.items() if os.path.exists(k)}
        write_atomic(self.path, json.dumps(self.entries))
        self.changed = False
def digest(text: str) -> str:
    """A short stable hash of a text (any str, lone surrogates included)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()
