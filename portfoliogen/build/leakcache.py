"""What the leak check has already read: the digests of files' bytes found clean against
one list of confidential names, kept between builds, so that a file whose exact bytes
were checked (most of a site, and of Pagefind's bundle, after a one-page edit) is not
decompressed and scanned again. JSON, data only."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from portfoliogen import __version__
from portfoliogen.fsutil import bytes_digest, write_atomic

FORMAT = 1
# Bump when what the check finds in a file's bytes changes (textscan.py, NamePattern in
# leakcheck.py): a file found clean by an older scan is scanned again.
SCAN_VERSION = 1


class CheckedFiles:
    """Digests of bytes found clean against `names`; those of this build are saved,
    so the record holds no more than the site."""

    def __init__(self, path: Path | None, names: Iterable[str]):
        self.path = path
        self.key = bytes_digest(json.dumps([FORMAT, SCAN_VERSION, __version__, sorted(set(names))]).encode())
        self.before = self._load()
        self.now: set[str] = set()

    def _load(self) -> set[str]:
        if self.path is None:
            return set()
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set()
        if not isinstance(record, dict) or record.get("format") != FORMAT or record.get("key") != self.key:
            return set()   # another list of names, or an older scan
        clean = record.get("clean")
        return {d for d in clean if isinstance(d, str)} if isinstance(clean, list) else set()

    @staticmethod
    def digest(data: bytes) -> str:
        return bytes_digest(data)

    def known_clean(self, digest: str) -> bool:
        if digest in self.before:
            self.now.add(digest)
            return True
        return False

    def add_clean(self, digest: str) -> None:
        self.now.add(digest)

    def save(self) -> None:
        """Write the record when it changed; it is only a speed-up, so a failure is ignored."""
        if self.path is None or self.now == self.before:
            return
        try:
            write_atomic(self.path, json.dumps({"format": FORMAT, "key": self.key, "clean": sorted(self.now)}))
        except OSError:
            pass
