from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli


@pytest.fixture(scope="session")
def example_output(tmp_path_factory) -> Path:
    """The repository's example site, built once per test process."""
    out = tmp_path_factory.mktemp("example") / "output"
    result = run_cli("build", "--output", str(out), cwd=REPO)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def own_theme_site(new_site: Path) -> Path:
    """The scaffold site with a full copy of the built-in theme under its own
    name, so the server watches no folder of this repository: tests that
    count rebuilds stay exact while someone edits themes/default."""
    shutil.copytree(REPO / "themes" / "default", new_site / "themes" / "fixture")
    config = new_site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "language: en\n", "language: en\ntheme: fixture\n"), encoding="utf-8")
    return new_site
