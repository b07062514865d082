"""The search index in shards: which shard each page goes in, and the digest that says
whether a shard's bundle from the previous build can be reused. Pure functions of paths
and bytes; search.py runs Pagefind."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

# Pagefind takes ~3 ms of CPU and ~0.25 MB at its peak a page: a shard of 150 pages is indexed
# again in ~0.45 s with ~45 MB (the 1,040 pages of a 1,000-case-study site at once: ~1.6 s on
# two cores, ~275 MB). A site of up to PAGES_PER_SHARD pages has one shard: the index as it
# always was. Past MAX_SHARDS shards they grow instead: a visitor's search fetches a part of
# every shard, and the number of shards, hence every page's shard, no longer changes.
PAGES_PER_SHARD = 150
MAX_SHARDS = 16


@dataclass(frozen=True, slots=True)
class Shard:
    folder: str                 # under pagefind/: "" for a lone shard, else "0/", "1/", ...
    pages: tuple[str, ...]      # out_paths, sorted


def plan_shards(pages: list[str], per_shard: int | None = None) -> list[Shard]:
    """`pages` split by a hash of each out_path, so adding or removing a page moves no
    other (until the number of shards changes, once every `per_shard` pages)."""
    count = min(MAX_SHARDS, max(1, math.ceil(len(pages) / (per_shard or PAGES_PER_SHARD))))
    if count == 1:
        return [Shard("", tuple(sorted(pages)))]
    buckets: list[list[str]] = [[] for _ in range(count)]
    for page in pages:
        buckets[_bucket(page, count)].append(page)
    return [Shard(f"{i}/", tuple(sorted(bucket))) for i, bucket in enumerate(buckets) if bucket]


def _bucket(out_path: str, count: int) -> int:
    """The same shard for the same path on every machine and Python (not hash())."""
    digest = hashlib.blake2b(out_path.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


def shard_digest(root: Path, shard: Shard, indexer: str) -> str:
    """Everything Pagefind reads for a shard: its pages' paths and bytes, and `indexer`
    (Pagefind's version and the options, search.py). Equal digests, equal bundles."""
    h = hashlib.blake2b(digest_size=16)
    h.update(indexer.encode("utf-8"))
    for page in shard.pages:
        data = (root / page).read_bytes()
        h.update(b"\0%s\0%d\0" % (page.encode("utf-8"), len(data)))
        h.update(data)
    return h.hexdigest()
