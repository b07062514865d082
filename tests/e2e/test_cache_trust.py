"""The build cache runs no code and republishes nothing tampered (issue 11,
items 6 and 7): crafted or damaged state files, edited output and cache
files, symlinked bundles, racy same-size edits, an alias bomb in config.yaml."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import TESTDATA, clean_build, run_cli, tree_digest

STATE = ".portfoliogen-cache/build/state.json"
PARTS = ".portfoliogen-cache/build/state-parts"   # the big sections' shards, named in STATE
OLD_STATE = ".portfoliogen-cache/build/state.pickle"


class Payload:
    """Unpickling this runs a shell command that creates a marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)




def rebuild(site: Path, *args: str):
    """A build past the no-change shortcut (a touched input, same bytes)."""
    (site / "content/profile.yaml").touch()
    result = run_cli("build", *args, cwd=site)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def photo_site(new_site: Path) -> Path:
    """The scaffold site with a real JPEG cover, built once."""
    shutil.copy(TESTDATA / "photos/cameras/Canon_40D.jpg", new_site / "content/images/photo.jpg")
    study = new_site / "content/case-studies/first-project.md"
    study.write_text(study.read_text(encoding="utf-8").replace("../images/cover.svg", "../images/photo.jpg"),
                     encoding="utf-8")
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 0, result.stderr
    return new_site


def test_a_crafted_pickle_at_the_old_path_runs_nothing(built_site: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (built_site / OLD_STATE).write_bytes(pickle.dumps(Payload(marker)))
    (built_site / STATE).write_bytes(pickle.dumps(Payload(marker)))   # and at the new path
    result = rebuild(built_site)
    assert not marker.exists()
    assert "ignoring the build cache" in result.stderr
    assert len([line for line in result.stderr.splitlines() if "build cache" in line]) == 1, result.stderr
    assert tree_digest(built_site / "output") == clean_build(built_site, tmp_path)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "wrong types", "foreign model", "not an object"])
def test_a_damaged_or_crafted_state_is_ignored_with_one_warning(built_site: Path, tmp_path: Path,
                                                                  damage: str) -> None:
    path = built_site / STATE
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    if damage == "truncated":
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "garbage":
        path.write_bytes(os.urandom(4096))
    elif damage == "wrong types":
        for entry in content_entries(built_site, data):
            if isinstance(entry[1], dict) and "title" in entry[1]["f"]:
                entry[1]["f"]["title"] = {"l": [1, 2]}
        data["output"] = {"index.html": "not a stat"}
        path.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "foreign model":
        for entry in content_entries(built_site, data):
            if isinstance(entry[1], dict):
                entry[1]["m"] = "os.system"
    else:
        path.write_text("[1, 2, 3]", encoding="utf-8")
    result = rebuild(built_site)
    assert "ignoring the build cache" in result.stderr, result.stderr
    assert len([line for line in result.stderr.splitlines() if "build cache" in line]) == 1, result.stderr
    assert tree_digest(built_site / "output") == clean_build(built_site, tmp_path)
    again = rebuild(built_site)   # the rewritten state is good again
    assert "ignoring" not in again.stderr


def content_entries(site: Path, state: dict):
    """Each parsed content entry in the state's content shards, written back when the caller is done."""
    for name in filter(None, state["parts"]["content"]):
        shard = site / PARTS / name
        data = json.loads(shard.read_text(encoding="utf-8"))
        yield from data["entries"].values()
        shard.write_text(json.dumps(data), encoding="utf-8")


def test_the_state_holds_no_pickle(built_site: Path) -> None:
    assert not (built_site / OLD_STATE).exists()
    data = json.loads((built_site / STATE).read_text(encoding="utf-8"))
    assert data["format"] >= 5 and any(data["parts"]["content"]) and any(data["parts"]["pages"])
    for shard in (built_site / PARTS).iterdir():
        json.loads(shard.read_text(encoding="utf-8"))   # JSON data, every one


@pytest.mark.parametrize("flags", [(), ("--no-cache",)])
def test_a_tampered_output_image_is_not_republished(photo_site: Path, flags: tuple[str, ...]) -> None:
    images = sorted((photo_site / "output/images").glob("photo-*.jpg"))
    assert images
    original = {path: path.read_bytes() for path in images}
    for path in images:
        with path.open("ab") as handle:   # printf X >> output/images/<one>.960.jpg
            handle.write(b"X")
    rebuild(photo_site, *flags)
    rebuild(photo_site)
    for path, data in original.items():
        assert path.read_bytes() == data, path


def test_output_files_share_no_inode_with_the_cache(photo_site: Path) -> None:
    rebuild(photo_site)
    # The cache as it is beside the new output: a file the build deleted from it (an old state
    # part, the last output in the trash) may hand its inode number to a new output file,
    # which then shares nothing with it.
    cache = {p.stat().st_ino for p in (photo_site / ".portfoliogen-cache").rglob("*") if p.is_file()}
    out = {p.stat().st_ino for p in (photo_site / "output").rglob("*") if p.is_file()}
    assert not out & cache
    assert all(p.stat().st_nlink == 1 for p in (photo_site / "output").rglob("*") if p.is_file())


def test_a_tampered_cache_object_is_processed_again(photo_site: Path) -> None:
    published = {p.name: p.read_bytes() for p in (photo_site / "output/images").glob("photo-*")}
    objects = [p for p in (photo_site / ".portfoliogen-cache/images/objects").rglob("*")
               if p.is_file() and p.name != "meta.json"]
    for path in objects:
        stat = path.stat()
        data = path.read_bytes()
        path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))       # same size, same mtime
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    result = rebuild(photo_site)
    assert "(1 processed)" in result.stdout, result.stdout
    assert {p.name: p.read_bytes() for p in (photo_site / "output/images").glob("photo-*")} == published


def test_a_tampered_cached_card_is_drawn_again(built_site: Path) -> None:
    cards = sorted((built_site / "output/cards").iterdir())
    original = {p: p.read_bytes() for p in cards}
    for path in (built_site / ".portfoliogen-cache/cards").rglob("*"):
        if path.is_file() and path.suffix in (".jpg", ".png"):
            with path.open("ab") as handle:
                handle.write(b"X")
    for path in cards:
        with path.open("ab") as handle:
            handle.write(b"X")
    rebuild(built_site)
    assert {p: p.read_bytes() for p in cards} == original


def test_a_tampered_output_page_is_rendered_again(built_site: Path) -> None:
    page = built_site / "output/about/index.html"
    original = page.read_bytes()
    stat = page.stat()
    page.write_bytes(original.replace(b"<", b"!", 1))           # same size
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))      # same mtime
    result = run_cli("build", cwd=built_site)                   # no touched input at all
    assert result.returncode == 0, result.stderr
    assert not result.stdout.startswith("Nothing changed"), result.stdout
    assert page.read_bytes() == original


def test_a_racy_same_size_edit_is_seen(built_site: Path) -> None:
    study = built_site / "content/case-studies/second-project.md"
    text = study.read_text(encoding="utf-8")
    stat = study.stat()
    edited = text.replace("struggled", "STRUGGLED", 1)
    assert len(edited) == len(text) and edited != text
    study.write_text(edited, encoding="utf-8")
    os.utime(study, ns=(stat.st_atime_ns, stat.st_mtime_ns))    # the same size and mtime as before
    result = run_cli("build", cwd=built_site)
    assert result.returncode == 0, result.stderr
    assert not result.stdout.startswith("Nothing changed"), result.stdout
    assert "STRUGGLED" in (built_site / "output/work/second-project/index.html").read_text(encoding="utf-8")


def test_an_edit_inside_a_symlinked_bundle_is_seen(new_site: Path) -> None:
    bundle = new_site / "shared/linked-project"
    bundle.mkdir(parents=True)
    source = (new_site / "content/case-studies/second-project.md").read_text(encoding="utf-8")
    (bundle / "index.md").write_text(source.replace("cover: ../images/cover.svg\n", ""), encoding="utf-8")
    (new_site / "content/case-studies/linked-project").symlink_to(bundle, target_is_directory=True)
    assert run_cli("build", cwd=new_site).returncode == 0
    time.sleep(0.1)
    assert run_cli("build", cwd=new_site).stdout.startswith("Nothing changed")
    (bundle / "index.md").write_text(source.replace("cover: ../images/cover.svg\n", "")
                                     + "\nA sentence added later.\n", encoding="utf-8")
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 0, result.stderr
    assert not result.stdout.startswith("Nothing changed"), result.stdout
    page = new_site / "output/work/linked-project/index.html"
    assert "A sentence added later." in page.read_text(encoding="utf-8")


def test_an_alias_bomb_in_config_is_one_line_at_once(built_site: Path) -> None:
    lines = ['lol0: &a0 "lol"']
    lines += [f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    config = built_site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\n".join(lines) + "\ncache_dir: *a9\n",
                      encoding="utf-8")
    started = time.perf_counter()
    result = run_cli("build", cwd=built_site, timeout=60)
    assert time.perf_counter() - started < 3   # was 73 s and 2.4 GB; well under 1 s unloaded
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("config.yaml:") and "Traceback" not in result.stderr
