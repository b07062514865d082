"""Shared helpers: run the real CLI in a subprocess, make fixture sites
from the scaffold, hash output trees."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

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


def set_site_language(config: Path, language: str) -> None:
    """Make a copied site a one-language site in `language`, whether its
    config.yaml says `language: x` or lists `languages:` as the example does:
    translations (`*.<lang>.md`) are removed and per-language YAML maps keep
    the default language's value."""
    text = config.read_text(encoding="utf-8")
    listed = re.search(r"(?m)^languages:[^\n]*\n((?:[ \t]+[^\n]*\n)*)", text)
    codes = set(re.findall(r"(?m)^\s+-\s+(?:code:\s*)?([A-Za-z-]+)\s*$", listed.group(1))) if listed else set()
    codes |= {p.strip("/") for p in re.findall(r"prefix:\s*(\S+)", listed.group(1))} if listed else set()
    default = re.match(r"\s+-\s+(?:code:\s*)?([A-Za-z-]+)", listed.group(1)).group(1) if listed else ""
    text = re.sub(r"(?m)^languages:[^\n]*\n(?:[ \t]+[^\n]*\n)*", f"language: {language}\n", text)
    text = re.sub(r"(?m)^language: .*$", f"language: {language}", text)
    config.write_text(text, encoding="utf-8")
    if not codes:
        return
    codes = {c.lower() for c in codes}
    content = config.parent / "content"
    for md in content.rglob("*.md"):
        parts = md.name.split(".")
        if len(parts) == 3 and parts[1].lower() in codes:
            md.unlink()

    def one(value):
        if isinstance(value, dict) and value and all(str(k).lower() in codes for k in value):
            return one(value.get(default, next(iter(value.values()))))
        if isinstance(value, dict):
            return {k: one(v) for k, v in value.items()}
        if isinstance(value, list):
            return [one(v) for v in value]
        return value

    for path in content.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(one(data), allow_unicode=True, sort_keys=False), encoding="utf-8")


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
