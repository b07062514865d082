"""The output folder is never someone else's: `build --output X` replaces X
only when it is a previous output of this site (its marker) or empty, keeps
a user's .git and CNAME, and leaves anything else byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXED_TODAY, run_cli

MARKER = ".portfoliogen-output"


def tree_state(folder: Path) -> dict[str, tuple]:
    """relative path -> (mode, sha256 or link target) of every entry below
    `folder`, folders and links included, never following a link."""
    state: dict[str, tuple] = {".": (os.lstat(folder).st_mode,)}
    for dirpath, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                what = os.readlink(path)
            elif stat.S_ISREG(st.st_mode):
                what = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            else:
                what = ""
            state[os.path.relpath(path, folder)] = (st.st_mode, what)
    return state


def siblings(out: Path) -> list[str]:
    """What a build left beside the output folder."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(out.name + "."))


def build(site: Path, *args: str, home: Path | None = None):
    if home is None:
        return run_cli("build", *args, cwd=site)
    env = {**os.environ, "HOME": str(home), "PYTHONUNBUFFERED": "1"}
    return subprocess.run([sys.executable, "-m", "portfoliogen", "build", *args, "--today", FIXED_TODAY],
                          cwd=site, capture_output=True, text=True, timeout=600, env=env)


def assert_refused(result, folder: Path, says: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert f"output folder '{folder}'" in lines[0] and says in lines[0], lines[0]
    assert "Traceback" not in result.stderr


def documents(folder: Path) -> Path:
    (folder / "taxes").mkdir(parents=True)
    (folder / "taxes" / "2025.txt").write_text("owed: 1200\n", encoding="utf-8")
    (folder / "cv.pdf").write_bytes(b"%PDF-1.4 not really\n")
    (folder / "script.sh").write_text("#!/bin/sh\n", encoding="utf-8")
    (folder / "script.sh").chmod(0o755)
    (folder / "link").symlink_to("taxes/2025.txt")
    return folder


FOREIGN = "holds files portfoliogen did not write"


def test_a_folder_of_documents_is_left_as_it_was(new_site: Path, tmp_path: Path) -> None:
    folder = documents(tmp_path / "f" / "Documents")
    before = tree_state(folder)
    result = build(new_site, "--output", str(folder))
    assert_refused(result, folder, FOREIGN)
    assert result.stderr.startswith("--output: "), result.stderr   # the option, not a line of config.yaml
    assert tree_state(folder) == before
    assert siblings(folder) == []


def test_output_key_in_the_config_is_checked_too(new_site: Path, tmp_path: Path) -> None:
    folder = documents(tmp_path / "Documents")
    before = tree_state(folder)
    config = new_site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"output: {folder}\n", encoding="utf-8")
    result = build(new_site)
    assert_refused(result, folder, FOREIGN)
    assert result.stderr.startswith("config.yaml:")
    assert tree_state(folder) == before


@pytest.mark.parametrize("contents", ["files", "empty"])
def test_the_home_folder_is_refused_whatever_it_holds(new_site: Path, tmp_path: Path, contents: str) -> None:
    home = tmp_path / "home" / "mira"
    home.mkdir(parents=True)
    if contents == "files":
        documents(home / "Documents")
        (home / ".bashrc").write_text("export EDITOR=vi\n", encoding="utf-8")
    before = tree_state(home.parent)
    assert_refused(build(new_site, "--output", str(home), home=home), home, "home folder")
    assert_refused(build(new_site, "--output", str(home.parent), home=home), home.parent, "home folder")
    assert tree_state(home.parent) == before


def test_a_clone_of_a_git_repository_is_left_as_it_was(new_site: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", str(repo)], check=True)
    (repo / "index.html").write_text("<p>my hand-written site</p>\n", encoding="utf-8")
    subprocess.run([*git, "-C", str(repo), "add", "."], check=True)
    subprocess.run([*git, "-C", str(repo), "commit", "-qm", "first"], check=True)
    clone = tmp_path / "clone"
    subprocess.run([*git, "clone", "-q", str(repo), str(clone)], check=True)
    before = tree_state(clone)
    assert_refused(build(new_site, "--output", str(clone)), clone, FOREIGN)
    assert tree_state(clone) == before
    assert siblings(clone) == []


def test_the_file_system_root_is_refused_at_once(new_site: Path) -> None:
    before = sorted(os.listdir("/"))
    started = time.perf_counter()
    result = build(new_site, "--output", "/")
    assert time.perf_counter() - started < 10
    assert_refused(result, Path("/"), "file system root")
    assert sorted(os.listdir("/")) == before


def test_a_folder_holding_a_config_file_is_refused(new_site: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-site"
    shutil.copytree(new_site, other)
    before = tree_state(other)
    assert_refused(build(new_site, "--output", str(other)), other, FOREIGN)
    assert_refused(build(new_site, "--output", str(new_site)), new_site, "holds the config file")
    assert tree_state(other) == before


def test_another_sites_output_is_refused(new_site: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(new_site, other)
    out = tmp_path / "shared-output"
    assert build(other, "--output", str(out)).returncode == 0
    before = tree_state(out)
    shutil.copy(new_site / "config.yaml", new_site / "site.yaml")
    assert_refused(build(new_site, "--config", "site.yaml", "--output", str(out)), out, "another portfoliogen site")
    assert tree_state(out) == before


def test_its_own_previous_output_is_replaced(new_site: Path) -> None:
    out = new_site / "output"
    assert build(new_site).returncode == 0
    assert json.loads((out / MARKER).read_text(encoding="utf-8"))["generator"] == "portfoliogen"
    about = new_site / "content/pages/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA sentence added later.\n", encoding="utf-8")
    result = build(new_site)
    assert result.returncode == 0, result.stderr
    assert "A sentence added later." in (out / "about/index.html").read_text(encoding="utf-8")
    assert siblings(out) == []


def test_an_empty_folder_is_used(new_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    assert build(new_site, "--output", str(out)).returncode == 0
    assert (out / "index.html").is_file()


def test_a_user_git_and_cname_stay_across_builds(new_site: Path, tmp_path: Path) -> None:
    """GitHub Pages from a branch: output/ is a clone of gh-pages."""
    out = new_site / "output"
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "-C", str(out)]
    out.mkdir()
    subprocess.run(["git", "init", "-q", str(out)], check=True)
    (out / "CNAME").write_text("mira.example\n", encoding="utf-8")
    (out / ".nojekyll").write_text("", encoding="utf-8")
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "domain"], check=True)
    kept = {name: tree_state(out / name) if (out / name).is_dir() else (out / name).read_bytes()
            for name in (".git", "CNAME", ".nojekyll")}
    for run in range(2):
        about = new_site / "content/pages/about.md"
        about.write_text(about.read_text(encoding="utf-8") + f"\nEdit {run}.\n", encoding="utf-8")
        result = build(new_site, "--no-cache")   # a full build and swap every time
        assert result.returncode == 0, result.stderr
        assert f"Edit {run}." in (out / "about/index.html").read_text(encoding="utf-8")
        for name, before in kept.items():
            now = tree_state(out / name) if (out / name).is_dir() else (out / name).read_bytes()
            assert now == before, name
        assert siblings(out) == []
    log = subprocess.run([*git, "log", "--format=%s"], capture_output=True, text=True, check=True)
    assert log.stdout == "domain\n"


def test_a_user_cname_and_a_static_cname_are_not_silently_merged(new_site: Path) -> None:
    out = new_site / "output"
    out.mkdir()
    (out / "CNAME").write_text("mine.example\n", encoding="utf-8")
    (new_site / "content/static/CNAME").write_text("site.example\n", encoding="utf-8")
    result = build(new_site)
    assert_refused(result, out, "content/static/CNAME makes one too")
    assert sorted(os.listdir(out)) == ["CNAME"]
    assert (out / "CNAME").read_text(encoding="utf-8") == "mine.example\n"
    assert siblings(out) == []


def test_a_static_cname_is_the_sites_own(new_site: Path) -> None:
    """A CNAME the site publishes itself goes away when the site drops it."""
    (new_site / "content/static/CNAME").write_text("site.example\n", encoding="utf-8")
    assert build(new_site).returncode == 0
    (new_site / "content/static/CNAME").unlink()
    assert build(new_site).returncode == 0
    assert not (new_site / "output/CNAME").exists()


def test_an_output_of_the_previous_version_is_accepted_once_as_recorded(new_site: Path) -> None:
    """Before the marker, the cache's fast.json recorded the output exactly."""
    from portfoliogen.build import fastpath

    out = new_site / "output"
    assert build(new_site).returncode == 0
    (out / MARKER).unlink()       # as the previous version left it
    fast = new_site / ".portfoliogen-cache/build/fast.json"
    state = json.loads(fast.read_text(encoding="utf-8"))
    state["output_digest"] = fastpath.output_digest(out)
    state["signature"] = "from the previous version"
    fast.write_text(json.dumps(state), encoding="utf-8")
    result = build(new_site)
    assert result.returncode == 0, result.stderr
    assert (out / MARKER).is_file()

    (out / MARKER).unlink()
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")   # no longer as recorded
    before = tree_state(out)
    assert_refused(build(new_site, "--no-cache"), out, FOREIGN)
    assert tree_state(out) == before


def test_check_does_not_mind_the_output_folder(new_site: Path) -> None:
    documents(new_site / "output")
    result = run_cli("check", cwd=new_site)
    assert result.returncode == 0, result.stderr
