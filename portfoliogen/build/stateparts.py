"""The build state's big sections in shards, one JSON file each beside state.json: a build
that changed one case study writes the few shards holding it, not ten megabytes."""

from __future__ import annotations

import json
import os
import re
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from portfoliogen.fsutil import TMP_SUFFIX, bytes_digest, write_atomic

SHARDS = 16
FORMAT = 2   # of the parts and of state.json's list of them (a state without it: started over)
# A part's name holds its bytes' digest: a name is written once and never changed, so state.json
# (written last, atomically) names a consistent set whatever a killed or concurrent build left.
_NAME = re.compile(r"[a-z]+-[0-9]{2}-[0-9a-f]{32}\.json")
# An unnamed part older than this is a killed or concurrent build's leftover: deleted.
STALE_S = 3600

Shard = tuple[str | None, dict]   # (its file, None for an empty shard; its entries as loaded)


def shard_of(key: str) -> int:
    """The same shard for the same key on every machine and Python (not hash())."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % SHARDS


class Parts:
    """The shard files of one cache folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.named: set[str] = set()   # every part the state.json being written names

    def read(self, names: Any, decode: Callable[[Any], dict]) -> list[Shard]:
        """The shards of one section, each decoded; ValueError for a list state.json never holds."""
        if not (isinstance(names, list) and len(names) == SHARDS):
            raise ValueError("state parts")
        shards = []
        for name in names:
            if name is None:
                shards.append((None, {}))
                continue
            if not (isinstance(name, str) and _NAME.fullmatch(name)):
                raise ValueError("state part name")
            shards.append((name, decode(json.loads((self.folder / name).read_bytes()))))
        return shards

    def read_one(self, name: Any, decode: Callable[[Any], Any]) -> Any:
        """A section kept whole in one part (its name in state.json), decoded."""
        if not (isinstance(name, str) and _NAME.fullmatch(name)):
            raise ValueError("state part name")
        return decode(json.loads((self.folder / name).read_bytes()))

    def write_one(self, section: str, data: Any) -> str:
        """Write a section kept whole; its part's name."""
        return self._write(section, 0, data)

    def _write(self, section: str, index: int, data: Any) -> str:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        name = f"{section}-{index:02d}-{bytes_digest(text.encode('utf-8', 'surrogatepass'))}.json"
        write_atomic(self.folder / name, text)   # (a file of that name may be a damaged one)
        return name

    def write(self, section: str, items: dict, shard_key: Callable[[Any], int], previous: list[Shard] | None,
              same: Callable[[Any, Any], bool] | None, encode: Callable[[dict], Any]) -> list[Shard]:
        """Each shard of `items` whose entries are all `same` as `previous`'s (None: equal, the
        shards compared as dicts at once) keeps its file; the others are encoded and written.
        Returns the shards (their names go in state.json)."""
        buckets: list[dict] = [{} for _ in range(SHARDS)]
        for key, value in items.items():
            buckets[shard_key(key)][key] = value
        shards: list[Shard] = []
        for index, bucket in enumerate(buckets):
            old_name, old = previous[index] if previous else (None, None)
            if not bucket:
                name = None
            elif old_name is not None and (bucket == old if same is None else old.keys() == bucket.keys() and all(
                    same(value, old[key]) for key, value in bucket.items())):
                name = old_name
            else:
                name = self._write(section, index, encode(bucket))
            if name is not None:
                self.named.add(name)
            shards.append((name, bucket))
        return shards

    def tidy(self, replaced: set[str]) -> None:
        """After state.json is written: delete the parts the previous one named and this one
        does not, and any other unnamed part old enough to be no build's."""
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        now = time.time()
        for entry in entries:
            if entry.name in self.named or not _ours(entry.name):
                continue   # (a file of any other name is not ours to delete)
            try:
                if entry.name in replaced or now - entry.stat().st_mtime > STALE_S:
                    os.unlink(entry.path)
            except OSError:
                pass


def _ours(name: str) -> bool:
    """A part's name, or the temporary name write_atomic gave one (killed before its rename)."""
    if name.endswith(TMP_SUFFIX) and name.startswith("."):
        name = name[1:].split(".json.", 1)[0] + ".json"
    return bool(_NAME.fullmatch(name))
