"""Where a project's output and cache folders are, from config.yaml's mapping: the one
rule Config and the no-change shortcut share. Standard library only (no pydantic)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

DEFAULT_OUTPUT = "output"
DEFAULT_CACHE_DIR = ".portfoliogen-cache"


class ProjectFolders(NamedTuple):
    output: Path
    cache: Path


def project_folders(root: Path, raw: Mapping[str, Any]) -> ProjectFolders:
    """The output and cache folders named by `raw` (config.yaml as read, or
    the validated values), relative to `root`, the folder holding config.yaml."""
    return ProjectFolders((root / str(raw.get("output", DEFAULT_OUTPUT))).resolve(),
                          (root / str(raw.get("cache_dir", DEFAULT_CACHE_DIR))).resolve())
