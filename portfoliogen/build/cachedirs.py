"""The layout of `cache_dir`, declared once: every folder and file the build keeps there,
with its format version. Standard library only (the no-change shortcut imports it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

STATE_FORMAT = 5
FAST_FORMAT = 2
OLD_STATE_FILE = "state.pickle"   # formats <= 4: never loaded (unpickling can run code), deleted


# Other modules get concrete folders from here (images/ and seo/ are handed theirs by the pipeline):
#     build/state.json     the build state (state.py), STATE_FORMAT: its small sections, and the
#                          names of the shards of its big ones, in build/state-parts/
#                          (stateparts.py, its FORMAT; a shard rewritten only when it changed)
#     build/fast.json      the no-change shortcut's record (fastpath.py), FAST_FORMAT
#     build/leakcheck.json the files the leak check found clean (leakcache.py), its FORMAT
#     markdown/<base>/     rendered Markdown bodies (htmlstore.py), keyed by their inputs
#     images/              processed images (images/cache.py); each entry's key hashes
#                          images.plan.PIPELINE_VERSION, so no folder-wide version
#     cards/               social cards and icons (seo/cards.py); keyed by seo.social.CARD_VERSION
#     trash/               old output trees on their way out (output.py, staging.py)
@dataclass(frozen=True)
class CacheDirs:
    root: Path   # cache_dir, resolved

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def state_file(self) -> Path:
        return self.build / "state.json"

    @property
    def fast_file(self) -> Path:
        return self.build / "fast.json"

    @property
    def leak_file(self) -> Path:
        return self.build / "leakcheck.json"

    @property
    def markdown(self) -> Path:
        return self.root / "markdown"

    @property
    def images(self) -> Path:
        return self.root / "images"

    @property
    def cards(self) -> Path:
        return self.root / "cards"

    @property
    def serve(self) -> Path:
        """The dev server's folder, kept between sessions (build/live.py)."""
        return self.root / "serve"

    @property
    def trash(self) -> Path:
        return self.root / "trash"
