"""Shared helpers: run the real CLI in a subprocess, make fixture sites
from the scaffold, hash output trees."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TESTDATA = REPO.parent / "shared" / "testdata"
FIXED_TODAY = "2026-06-15"


def run_cli(*args: str, cwd: Path, today: str | None = FIXED_TODAY, timeout: int = 600):
    """The real command line, as a user runs it."""
    argv = [sys.executable, "-m", "portfoliogen", *args]
    if today and args and args[0] in ("build", "check"):
        argv += ["--today", today]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def tree_digest(folder: Path) -> dict[str, str]:
    """relative path -> sha256 of every file below `folder`."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_build(site: Path, tmp: Path) -> dict[str, str]:
    """The same input, copied without cache or output, built from scratch."""
    fresh = tmp / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns(".portfoliogen-cache", "output*"))
    result = run_cli("build", cwd=fresh)
    assert result.returncode == 0, result.stderr
    return tree_digest(fresh / "output")


@pytest.fixture
def new_site(tmp_path: Path) -> Path:
    """A fresh copy of the scaffold site (`portfoliogen new`)."""
    result = run_cli("new", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


@pytest.fixture
def built_site(new_site: Path) -> Path:
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 0, result.stderr
    return new_site


def pytest_configure(config):
    # Tests import helpers as `tests.conftest` / `tests.browser`.
    import sys as _sys
    if str(REPO) not in _sys.path:
        _sys.path.insert(0, str(REPO))
