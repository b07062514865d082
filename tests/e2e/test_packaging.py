"""The distribution is ours ("portfoliogen-ssg"), and nothing we print or
scaffold installs the unrelated "portfoliogen" from the package index."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

import portfoliogen
from tests.conftest import run_cli

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
UNRELATED = re.compile(r"pip install (-U )?portfoliogen(\s|$|[\"'`&])")


def test_metadata_is_complete() -> None:
    project = PYPROJECT["project"]
    assert project["name"] == portfoliogen.DISTRIBUTION == "portfoliogen-ssg"
    assert project["scripts"] == {"portfoliogen": "portfoliogen.cli:main"}
    for key in ("description", "readme", "requires-python", "license", "classifiers", "urls"):
        assert project[key], key
    assert project["urls"]["Source"] == portfoliogen.REPOSITORY
    assert set(project["optional-dependencies"]) == {"pdf", "test"}


def test_no_install_line_names_the_unrelated_package() -> None:
    files = [REPO / "README.md", *(REPO / "docs").rglob("*.md"), *(REPO / "portfoliogen/skeleton").rglob("*")]
    for path in files:
        if path.is_file():
            assert not UNRELATED.search(path.read_text(encoding="utf-8")), path


def test_a_new_site_installs_this_portfoliogen_in_ci(new_site: Path) -> None:
    requirements = (new_site / "requirements.txt").read_text(encoding="utf-8")
    lines = [line for line in requirements.splitlines() if line and not line.startswith("#")]
    # The tests run an editable install of a checkout: CI could not reach it,
    # so the line is the placeholder, pinned, with a comment saying what to do.
    assert lines == [f"portfoliogen-ssg[pdf] @ git+{portfoliogen.REPOSITORY}@v{portfoliogen.__version__}"]
    assert "replace the line below" in requirements
    workflow = yaml.safe_load((new_site / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert "pip install -r requirements.txt" in runs


def test_release_workflow_builds_and_checks_the_distribution() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text(encoding="utf-8"))
    runs = "\n".join(step.get("run", "") for step in workflow["jobs"]["dist"]["steps"])
    assert "bash scripts/check-dist.sh" in runs
    script = (REPO / "scripts/check-dist.sh").read_text(encoding="utf-8")
    for needed in ("-m build", "twine check", "-m venv", "portfoliogen\" build --strict", "portfoliogen\" new"):
        assert needed in script, needed


def test_readme_theme_override_command_works(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert 'cp "$(portfoliogen --themes-dir)/default/templates/home.html"' in readme
    assert "python -c" not in readme
    themes = Path(run_cli("--themes-dir", cwd=tmp_path).stdout.strip())
    assert (themes / "default/templates/home.html").is_file()
