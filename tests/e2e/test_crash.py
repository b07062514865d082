"""Crashes leave nothing behind and lose nothing: a build killed at any
moment leaves output/ the complete old or the complete new site, and the
next build succeeds, equals a clean build and removes what the killed one
left beside output/. Also runnable on the example site, 30 kills each of a
cold and a warm build:

    .venv/bin/python -m tests.e2e.test_crash --kills 30
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import FIXED_TODAY, REPO
from tests.e2e.test_output_safety import MARKER, siblings, tree_state

BUILD = [sys.executable, "-m", "portfoliogen", "build", "--today", FIXED_TODAY]


def cli(site: Path, *args: str, env: dict | None = None):
    return subprocess.run([*BUILD, *args], cwd=site, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


def wait_for_trash(site: Path) -> None:
    """The previous output is deleted by a detached process: let it finish."""
    trash = site / ".portfoliogen-cache/trash"
    for _ in range(100):
        if not trash.is_dir() or not any(p.name.startswith("output.") for p in trash.iterdir()):
            return
        time.sleep(0.05)


def test_a_cache_that_cannot_be_saved_does_not_fail_a_swapped_build(built_site: Path) -> None:
    """Like a full disk at the state file: output/ holds the new site, so exit 0."""
    cache_build = built_site / ".portfoliogen-cache/build"
    shutil.rmtree(cache_build)
    cache_build.write_text("not a folder: the state cannot be written\n", encoding="utf-8")
    about = built_site / "content/pages/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nNew words.\n", encoding="utf-8")
    result = cli(built_site)
    assert result.returncode == 0, result.stderr
    assert "could not save the build cache" in result.stderr
    assert "New words." in (built_site / "output/about/index.html").read_text(encoding="utf-8")
    assert siblings(built_site / "output") == []


def test_a_kill_between_the_two_renames_is_repaired(built_site: Path) -> None:
    """Without renameat2 the swap is two renames; a kill between them leaves
    no output/, only output.old-*: the next build puts it back (with the
    user's .git) before anything else."""
    out = built_site / "output"
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    staging = built_site / "output.staging-0badc0de"
    shutil.copytree(out, staging, ignore=shutil.ignore_patterns(".git"))   # the new site, complete
    out.rename(built_site / "output.old-0badc0de")
    no_exchange = {"PORTFOLIOGEN_NO_RENAME_EXCHANGE": "1"}
    result = cli(built_site, env=no_exchange)
    assert result.returncode == 0, result.stderr
    assert (out / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert (out / "index.html").is_file() and (out / MARKER).is_file()
    assert siblings(out) == []
    about = built_site / "content/pages/about.md"      # and the two-rename swap itself works
    about.write_text(about.read_text(encoding="utf-8") + "\nNew words.\n", encoding="utf-8")
    assert cli(built_site, "--no-cache", env=no_exchange).returncode == 0
    assert "New words." in (out / "about/index.html").read_text(encoding="utf-8")
    assert (out / ".git" / "HEAD").is_file() and siblings(out) == []


def test_a_user_git_carried_into_a_killed_staging_folder_goes_back(built_site: Path) -> None:
    out = built_site / "output"
    staging = built_site / "output.staging-12345678"
    shutil.copytree(out, staging)
    (staging / ".git").mkdir()             # carried in just before the kill
    (staging / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    mark = json.loads((staging / MARKER).read_text(encoding="utf-8"))
    assert mark["generated"] == []
    result = cli(built_site)
    assert result.returncode == 0, result.stderr
    assert (out / ".git" / "config").read_text(encoding="utf-8") == "[core]\n"
    assert siblings(out) == []


def test_only_leftovers_with_our_marker_are_removed(built_site: Path) -> None:
    out = built_site / "output"
    ours = [built_site / "output.staging-aaaaaaaa", built_site / "output.old-bbbbbbbb"]
    for folder in ours:
        shutil.copytree(out, folder)
    being_written = built_site / "output.staging-cccccccc"     # killed before its marker
    being_written.mkdir()
    foreign = built_site / "output.staging-mine"                # the user's, by a matching name
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine\n", encoding="utf-8")
    unmarked = built_site / "output.old-dddddddd"
    unmarked.mkdir()
    (unmarked / "index.html").write_text("not ours\n", encoding="utf-8")
    result = cli(built_site, "--no-cache")
    assert result.returncode == 0, result.stderr
    assert siblings(out) == ["output.old-dddddddd", "output.staging-mine"]
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert (unmarked / "index.html").read_text(encoding="utf-8") == "not ours\n"


def test_the_trash_deletes_only_previous_outputs(built_site: Path) -> None:
    """The old output goes to cache_dir/trash and is deleted there; the
    detached deleter removed the whole trash folder, whatever it held."""
    keep = built_site / ".portfoliogen-cache/trash/keep.txt"
    keep.parent.mkdir(parents=True, exist_ok=True)
    keep.write_text("not a previous output\n", encoding="utf-8")
    for run in range(2):
        assert cli(built_site, "--no-cache").returncode == 0
    wait_for_trash(built_site)
    time.sleep(0.2)
    assert keep.read_text(encoding="utf-8") == "not a previous output\n"
    assert sorted(p.name for p in keep.parent.iterdir()) == ["keep.txt"]


# ------------------------------------------------------------- random kills
def references(site: Path, work: Path) -> tuple[Path, list[str], list[dict]]:
    """A case study in two versions, and a clean build of each."""
    page = sorted((site / "content/case-studies").glob("*.md"))[0]
    versions = [page.read_text(encoding="utf-8")]
    versions.append(versions[0] + "\nA paragraph added by the kill test.\n")
    built = []
    for i, text in enumerate(versions):
        folder = work / f"reference-{i}"
        shutil.copytree(site, folder, ignore=shutil.ignore_patterns(".portfoliogen-cache", "output*"))
        (folder / page.relative_to(site)).write_text(text, encoding="utf-8")
        result = cli(folder)
        assert result.returncode == 0, result.stderr
        built.append(tree_state(folder / "output"))
    return page, versions, built


def kill_builds(site: Path, refs: tuple, kills: int, cold: bool, seed: int) -> collections.Counter:
    """`kills` builds killed with SIGKILL at random moments over a build's
    duration; each toggles a case study so the build has work to do (cold:
    without its cache)."""
    rng = random.Random(seed)
    page, versions, reference = refs
    out, cache = site / "output", site / ".portfoliogen-cache"

    def start(version: int) -> tuple[subprocess.Popen, float]:
        page.write_text(versions[version], encoding="utf-8")
        if cold:
            shutil.rmtree(cache, ignore_errors=True)
        return subprocess.Popen(BUILD, cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), \
            time.perf_counter()

    proc, started = start(0)                 # the old site, and how long a build takes
    assert proc.wait() == 0
    proc, started = start(1)
    assert proc.wait() == 0
    duration = time.perf_counter() - started
    assert tree_state(out) == reference[1]
    current, outcomes = 1, collections.Counter()
    for kill in range(kills):
        new = 1 - current
        proc, started = start(new)
        time.sleep(rng.uniform(0, duration * 1.2))
        finished = proc.poll() is not None
        proc.kill()
        proc.wait()
        state = tree_state(out) if out.is_dir() else None
        assert state in (reference[current], reference[new]), f"kill {kill}: output/ is neither site"
        outcomes["finished" if finished else "old site" if state == reference[current] else "new site"] += 1
        result = cli(site)
        assert result.returncode == 0, f"kill {kill}: {result.stderr}"
        assert tree_state(out) == reference[new], f"kill {kill}: not a clean build"
        assert siblings(out) == [], f"kill {kill}: left {siblings(out)}"
        current = new
    return outcomes


def test_killed_builds_of_a_small_site(new_site: Path, tmp_path: Path) -> None:
    refs = references(new_site, tmp_path)
    for cold in (True, False):
        outcomes = kill_builds(new_site, refs, kills=4, cold=cold, seed=11)
        assert sum(outcomes.values()) == 4


def main() -> None:
    parser = argparse.ArgumentParser(description="kill -9 builds of the example site at random moments")
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for cold in (True, False):
            site = Path(tmp) / f"example-{'cold' if cold else 'warm'}"
            site.mkdir()
            shutil.copy(REPO / "config.yaml", site)
            for name in ("content", "themes"):
                shutil.copytree(REPO / name, site / name)
            started = time.perf_counter()
            refs = references(site, Path(tmp) / f"work-{cold}")
            outcomes = kill_builds(site, refs, args.kills, cold, args.seed)
            print(f"{'cold' if cold else 'warm'}: {args.kills} kills, after each the next build succeeded, "
                  f"equalled a clean build and left no output.* folder; killed while output/ held: "
                  f"{dict(outcomes)} ({time.perf_counter() - started:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
