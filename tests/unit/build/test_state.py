"""build/state.py / statejson.py: the build state round-trips as JSON data,
and anything else in its place is refused without running anything."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from portfoliogen.build import state as state_module
from portfoliogen.build.deps import PageRecord
from portfoliogen.build.state import (
    BuildState,
    ContentCache,
    finish_state,
    global_signature,
    load_state,
    output_manifest,
    parts_folder,
    save_state,
    state_path,
    write_parts,
)
from portfoliogen.build.statejson import BadState, Decoder, Encoder
from portfoliogen.config import load_config
from portfoliogen.content.loaders import load_content
from portfoliogen.fsutil import stat_of
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bc")
    assert run_cli("new", str(root / "site"), cwd=root).returncode == 0
    return root / "site"


def loaded_state(site: Path) -> BuildState:
    config = load_config(site / "config.yaml")
    cache = ContentCache({})
    load_content(config, cache)
    dep = ("site", "case_studies")
    return BuildState(project=str(site), global_signature="sig", content=cache.current,
                      markdown={"k1": ("d" * 20, 42, [(3, 1, "image 'x.jpg': not found")],
                                          [("x.jpg", "An x", None, 3, 1)])},
                      pages={"index.html": PageRecord("home.html", "ctx", (dep, ("tag:a", "name")))},
                      dep_values={dep: "abc"}, output={"index.html": (1, 2, 3, 4)},
                      search={"0/": ("e" * 32, ["pagefind-entry.json", "fragment/en_1.pf_fragment"])})


def test_the_state_round_trips_without_pickle(site: Path, tmp_path: Path) -> None:
    state = loaded_state(site)
    assert any(isinstance(obj, tuple) and obj for _d, obj, _s in state.content.values())   # testimonials
    save_state(tmp_path, state)
    back = load_state(tmp_path, site, pytest.fail)
    assert back.content.keys() == state.content.keys()
    for src, (digest, obj, _stat) in state.content.items():
        assert back.content[src][0] == digest
        assert back.content[src][1] == obj, src
        assert repr(back.content[src][1]) == repr(obj)
    assert (back.markdown, back.pages, back.dep_values, back.output, back.search) == \
        (state.markdown, state.pages, state.dep_values, state.output, state.search)
    assert state_path(tmp_path).read_bytes().startswith(b"{")


def test_locations_survive(site: Path) -> None:
    state = loaded_state(site)
    encoder = Encoder()
    for _digest, obj, _stat in state.content.values():
        data = json.loads(json.dumps(encoder.value(obj)))
        back = Decoder(json.loads(json.dumps(encoder.layouts))).value(data)
        first = back[0] if isinstance(back, tuple) else back
        original = obj[0] if isinstance(obj, tuple) else obj
        assert first.locs == original.locs and first.locs.of(("title",) if hasattr(first, "title") else ())


@pytest.mark.parametrize("data", [
    {"m": "Popen", "f": {}, "s": []},                                  # a class that is no content model
    {"m": "Outcome", "f": {"value": 1, "label": "x"}, "s": []},        # a wrong field type
    {"m": "Outcome", "f": {"value": "1"}, "s": []},                    # a missing field
    {"m": "Outcome", "f": {"value": "1", "label": "x", "evil": 1}, "s": []},
    {"pd": [2024, 13, None]},                                          # no such date
    {"loc": [0, "AAAA"]},                                              # no such layout
    {"__reduce__": ["os.system", ["true"]]},
])
def test_the_decoder_refuses_what_the_encoder_never_writes(data) -> None:
    with pytest.raises((BadState, ValueError, TypeError, KeyError)):
        Decoder([]).value(data)


def test_a_wrong_typed_state_is_absent_with_one_warning(site: Path, tmp_path: Path) -> None:
    save_state(tmp_path, loaded_state(site))
    shard = part_of(tmp_path, "pages")
    data = json.loads(shard.read_text(encoding="utf-8"))
    data["index.html"][2] = "not a list"
    shard.write_text(json.dumps(data), encoding="utf-8")
    warnings: list[str] = []
    state = load_state(tmp_path, site, warnings.append)
    assert state.content == {} and state.pages == {}
    assert len(warnings) == 1 and "\n" not in warnings[0]


def part_of(cache: Path, section: str) -> Path:
    """The file of the one shard of `section` that holds anything."""
    names = [n for n in json.loads(state_path(cache).read_text(encoding="utf-8"))["parts"][section] if n]
    assert len(names) == 1, names
    return parts_folder(cache) / names[0]


@pytest.mark.parametrize("damage", ["../../elsewhere.json", "missing", "short list"])
def test_a_wrong_or_missing_shard_is_absent_with_one_warning(site: Path, tmp_path: Path, damage: str) -> None:
    save_state(tmp_path, loaded_state(site))
    path = state_path(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    if damage == "missing":
        part_of(tmp_path, "pages").unlink()
    elif damage == "short list":
        data["parts"]["pages"] = data["parts"]["pages"][:3]
    else:
        data["parts"]["pages"] = [damage] * len(data["parts"]["pages"])
    path.write_text(json.dumps(data), encoding="utf-8")
    warnings: list[str] = []
    assert load_state(tmp_path, site, warnings.append).pages == {}
    assert len(warnings) == 1, warnings


def test_a_save_writes_only_the_shards_that_changed(site: Path, tmp_path: Path) -> None:
    save_state(tmp_path, loaded_state(site))
    first = set(os.listdir(parts_folder(tmp_path)))
    state = load_state(tmp_path, site, pytest.fail)
    save_state(tmp_path, state, previous=state)   # the same entries: the same files, none written
    assert set(os.listdir(parts_folder(tmp_path))) == first
    again = load_state(tmp_path, site, pytest.fail)
    src = sorted(again.content)[0]
    digest, obj, stat = again.content[src]
    edited = BuildState(project=again.project, global_signature=again.global_signature,
                        content={**again.content, src: ("0" * 32, obj, stat)}, markdown=again.markdown,
                        pages=again.pages, dep_values=again.dep_values, output=again.output, search=again.search)
    save_state(tmp_path, edited, previous=again)
    now = set(os.listdir(parts_folder(tmp_path)))
    assert len(now - first) == 1 and len(first - now) == 1   # one content shard replaced, the old one deleted
    assert load_state(tmp_path, site, pytest.fail).content[src][0] == "0" * 32


def test_parts_written_by_a_build_that_then_failed_are_named_by_no_state(site: Path, tmp_path: Path) -> None:
    """A publishing build writes its parts before the search index and the swap, and state.json
    after them: stopped between the two, the previous state is the one loaded, whole."""
    save_state(tmp_path, loaded_state(site))
    before = load_state(tmp_path, site, pytest.fail)
    head = state_path(tmp_path).read_bytes()
    src = sorted(before.content)[0]
    digest, obj, stat = before.content[src]
    edited = BuildState(project=before.project, global_signature=before.global_signature,
                        content={**before.content, src: ("0" * 32, obj, stat)}, markdown=before.markdown,
                        pages=before.pages, dep_values=before.dep_values)
    written = write_parts(tmp_path, edited, before).names_only()   # ... and the build fails here
    assert state_path(tmp_path).read_bytes() == head
    assert load_state(tmp_path, site, pytest.fail).content[src][0] == digest
    # Finished from what the build kept of each state (no entries): the new parts named, the old deleted.
    old_parts = set(os.listdir(parts_folder(tmp_path)))
    kept, previous = edited.head_only(), before.head_only()
    assert not (kept.content or kept.pages or previous.content or previous.pages)
    kept.output, kept.search = {"index.html": (1, 2, 3, 4)}, {}
    finish_state(tmp_path, kept, written, previous)
    after = load_state(tmp_path, site, pytest.fail)
    assert after.content[src][0] == "0" * 32 and after.output == {"index.html": (1, 2, 3, 4)}
    assert after.pages == before.pages
    assert len(old_parts - set(os.listdir(parts_folder(tmp_path)))) == 1   # the replaced content shard


def test_a_save_deletes_only_old_parts_of_its_own_naming(site: Path, tmp_path: Path) -> None:
    folder = parts_folder(tmp_path)
    folder.mkdir(parents=True)
    leftover = folder / ("pages-03-" + "a" * 32 + ".json")                 # a killed build's part
    killed = folder / (".pages-04-" + "b" * 32 + ".json.99.0123abcd.tmp")   # and its temporary file
    foreign = folder / "notes.txt"                                          # not ours, whatever its age
    for path in (leftover, killed, foreign):
        path.write_text("{}", encoding="utf-8")
        os.utime(path, (time.time() - 2 * 86400,) * 2)
    save_state(tmp_path, loaded_state(site))
    assert not leftover.exists() and not killed.exists()
    assert foreign.read_text(encoding="utf-8") == "{}"


def test_a_state_without_search_shards_has_none_and_a_wrong_typed_one_is_refused(site: Path, tmp_path: Path) -> None:
    save_state(tmp_path, loaded_state(site))
    path = state_path(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["search"]   # saved before the index had shards
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_state(tmp_path, site, pytest.fail).search == {}
    data["search"] = {"0/": ["e" * 32, [1, 2]]}
    path.write_text(json.dumps(data), encoding="utf-8")
    warnings: list[str] = []
    assert load_state(tmp_path, site, warnings.append).search == {} and len(warnings) == 1


def test_a_same_size_edit_with_the_mtime_set_back_is_not_a_stat_hit(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("one", encoding="utf-8")
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns - 10_000_000_000))   # an old file
    old = stat_of(path)
    cache = ContentCache({"a.md": ("digest", "parsed", old)})
    assert cache.by_stat("a.md", stat_of(path)) == "parsed"
    time.sleep(0.01)
    path.write_text("two", encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, old[1]))
    assert stat_of(path)[:2] == old[:2]      # size and mtime as before: only the ctime tells
    assert ContentCache({"a.md": ("digest", "parsed", old)}).by_stat("a.md", stat_of(path)) is None


def test_a_recently_changed_file_is_not_trusted_by_its_stat(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("one", encoding="utf-8")
    cache = ContentCache({})
    cache.put("a.md", "digest", "parsed", stat_of(path))
    assert cache.current["a.md"][2] is None   # racy: compared by bytes next time


def test_another_sites_state_is_dropped_quietly(site: Path, tmp_path: Path) -> None:
    # A copied or moved project reuses nothing of the old place's state, and
    # says nothing about it: there is nothing for the user to do.
    save_state(tmp_path, loaded_state(site))
    warnings: list[str] = []
    other = tmp_path / "other-site"
    state = load_state(tmp_path, other, warnings.append)
    assert (state.project, state.content, state.pages) == (str(other), {}, {})
    assert warnings == []


def test_another_versions_state_is_dropped_quietly(site: Path, tmp_path: Path) -> None:
    save_state(tmp_path, loaded_state(site))
    path = state_path(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = "0.0.0-older"
    path.write_text(json.dumps(data), encoding="utf-8")
    state = load_state(tmp_path, site, pytest.fail)
    assert state.content == {} and state.pages == {}


def test_no_state_is_an_empty_one(tmp_path: Path) -> None:
    state = load_state(tmp_path, tmp_path, pytest.fail)
    assert state == BuildState(project=str(tmp_path))


def test_content_is_reused_by_its_bytes_when_the_stat_differs() -> None:
    previous = ContentCache({})
    digest, hit = previous.get("a.md", b"one")
    assert hit is None
    previous.put("a.md", digest, "parsed one")
    cache = ContentCache(previous.current)
    assert cache.get("a.md", b"one") == (digest, "parsed one")
    assert cache.get("a.md", b"two")[1] is None
    assert cache.get("b.md", b"one")[1] is None     # the same bytes in another file: parsed again
    assert cache.by_stat("a.md", None) is None


def test_the_global_signature_follows_every_input(tmp_path: Path) -> None:
    theme_file = tmp_path / "base.html"
    theme_file.write_text("one", encoding="utf-8")
    base = global_signature([b"config", [("drafts", False)]], [theme_file])
    assert global_signature([b"config", [("drafts", False)]], [theme_file]) == base
    assert global_signature([b"config2", [("drafts", False)]], [theme_file]) != base
    assert global_signature([b"config", [("drafts", True)]], [theme_file]) != base
    assert global_signature([b"config", [("drafts", False)]], []) != base
    theme_file.write_text("two", encoding="utf-8")
    assert global_signature([b"config", [("drafts", False)]], [theme_file]) != base


def test_the_output_manifest_lists_every_file_by_its_stat(tmp_path: Path) -> None:
    (tmp_path / "work/a").mkdir(parents=True)
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    (tmp_path / "work/a/index.html").write_text("a", encoding="utf-8")
    manifest = output_manifest(tmp_path)
    assert manifest == {"index.html": stat_of(tmp_path / "index.html"),
                        "work/a/index.html": stat_of(tmp_path / "work/a/index.html")}
    assert manifest["index.html"][0] == 4


def test_a_state_written_for_other_content_models_is_dropped_quietly(site: Path, tmp_path: Path) -> None:
    # A portfoliogen whose models gained or lost a field (same version number
    # during development) starts over without a scary warning.
    save_state(tmp_path, loaded_state(site))
    path = state_path(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert load_state(tmp_path, site, []).content     # as written: loaded
    data["models"] = "another shape"
    path.write_text(json.dumps(data), encoding="utf-8")
    warnings: list[str] = []
    state = load_state(tmp_path, site, warnings.append)
    assert (state.content, state.pages, warnings) == ({}, {}, [])


def test_the_pages_table_grows_and_starts_afresh_when_mostly_unused(site: Path, tmp_path: Path) -> None:
    pages = {f"p{i}/index.html": PageRecord("page.html", "ctx", (("site", "tags"), (f"o{i}", "title")))
             for i in range(40)}
    save_state(tmp_path, BuildState(project=str(site), pages=pages, dep_values={("site", "tags"): "v"}))
    state = load_state(tmp_path, site, pytest.fail)
    before = set(os.listdir(parts_folder(tmp_path)))
    new = PageRecord("page.html", "ctx", (("site", "tags"), ("o0", "summary")))
    grown = BuildState(project=str(site), pages={**state.pages, "p0/index.html": new}, dep_values=state.dep_values)
    save_state(tmp_path, grown, previous=state)
    after = set(os.listdir(parts_folder(tmp_path)))
    assert len(after - before) == 2   # the table (one pair added) and the shard of p0; the other shards kept
    back = load_state(tmp_path, site, pytest.fail)
    assert back.pages == grown.pages
    few = BuildState(project=str(site), pages={"p1/index.html": pages["p1/index.html"]})
    with pytest.MonkeyPatch.context() as patch:   # a table mostly of pairs no page names: written afresh
        patch.setattr(state_module, "TABLE_SLACK", 0)
        save_state(tmp_path, few, previous=back)
    table = json.loads((parts_folder(tmp_path) / json.loads(state_path(tmp_path).read_text())["parts"]["deps"])
                       .read_text())
    assert len(table) == 2 and load_state(tmp_path, site, pytest.fail).pages == few.pages
