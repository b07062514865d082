from __future__ import annotations

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
