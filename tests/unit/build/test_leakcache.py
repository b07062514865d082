"""build/leakcache.py: a file is left unscanned only when its exact bytes were found clean
against the same confidential names; the record is JSON, and a bad one is ignored."""

from __future__ import annotations

import gzip
import json
import pickle
from pathlib import Path

from portfoliogen.build.leakcache import CheckedFiles
from portfoliogen.build.leakcheck import find_leaks

NAMES = ["Project Falcon", "Initech"]


def _site(root: Path) -> Path:
    (root / "work/a").mkdir(parents=True)
    (root / "work/a/index.html").write_text("<p>A public project</p>", encoding="utf-8")
    (root / "pagefind/fragment").mkdir(parents=True)
    (root / "pagefind/fragment/en_1.pf_fragment").write_bytes(gzip.compress(b'{"content":"clean words"}', mtime=0))
    return root


def _record(path: Path, names: list[str], clean: list[bytes]) -> None:
    """A record as a build would leave it, claiming `clean` were found clean."""
    checked = CheckedFiles(path, names)
    for data in clean:
        checked.add_clean(checked.digest(data))
    checked.save()


def test_clean_files_are_recorded_by_their_bytes(tmp_path: Path) -> None:
    site = _site(tmp_path / "out")
    record = tmp_path / "cache/leakcheck.json"
    checked = CheckedFiles(record, NAMES)
    assert find_leaks(site, NAMES, checked=checked) == {}
    checked.save()
    saved = json.loads(record.read_text(encoding="utf-8"))
    assert sorted(saved["clean"]) == sorted(CheckedFiles.digest(p.read_bytes()) for p in site.rglob("*") if p.is_file())


def test_bytes_recorded_clean_are_not_scanned_again(tmp_path: Path) -> None:
    # The record is trusted for exactly these bytes: a record claiming a leaking file's
    # bytes clean shows the scan was left out (no build ever writes such a record).
    site = _site(tmp_path / "out")
    leaking = gzip.compress(b'{"content":"made for Initech"}', mtime=0)
    (site / "pagefind/fragment/en_2.pf_fragment").write_bytes(leaking)
    record = tmp_path / "leakcheck.json"
    _record(record, NAMES, [leaking])
    assert find_leaks(site, NAMES, checked=CheckedFiles(record, NAMES)) == {}
    assert find_leaks(site, NAMES) == {"pagefind/fragment/en_2.pf_fragment": "Initech"}


def test_one_changed_byte_is_scanned(tmp_path: Path) -> None:
    site = _site(tmp_path / "out")
    record = tmp_path / "leakcheck.json"
    _record(record, NAMES, [gzip.compress(b'{"content":"made for Initech"}', mtime=0)])
    (site / "pagefind/fragment/en_2.pf_fragment").write_bytes(gzip.compress(b'{"content":"made for Initech!"}', mtime=0))
    assert find_leaks(site, NAMES, checked=CheckedFiles(record, NAMES)) == {"pagefind/fragment/en_2.pf_fragment": "Initech"}


def test_another_list_of_names_scans_everything_again(tmp_path: Path) -> None:
    site = _site(tmp_path / "out")
    page = site / "work/a/index.html"
    record = tmp_path / "leakcheck.json"
    _record(record, NAMES, [page.read_bytes()])
    names = [*NAMES, "public project"]
    assert find_leaks(site, names, checked=CheckedFiles(record, names)) == {"work/a/index.html": "public project"}


def test_a_file_name_and_drawn_text_are_checked_whatever_the_record_says(tmp_path: Path) -> None:
    site = _site(tmp_path / "out")
    (site / "work/a/initech.txt").write_text("nothing", encoding="utf-8")
    record = tmp_path / "leakcheck.json"
    _record(record, NAMES, [b"nothing", (site / "work/a/index.html").read_bytes()])
    found = find_leaks(site, NAMES, extra_texts={"work/a/index.html": ["Project Falcon"]},
                       checked=CheckedFiles(record, NAMES))
    assert found == {"work/a/initech.txt": "Initech", "work/a/index.html": "Project Falcon"}


def test_a_record_that_is_not_ours_is_ignored(tmp_path: Path) -> None:
    record = tmp_path / "leakcheck.json"
    for data in (b"not json", pickle.dumps({"clean": ["x"]}), b'["clean"]',
                 json.dumps({"format": 1, "key": CheckedFiles(None, NAMES).key, "clean": "abc"}).encode()):
        record.write_bytes(data)
        assert CheckedFiles(record, NAMES).before == set()


def test_the_record_keeps_only_this_builds_files(tmp_path: Path) -> None:
    site = _site(tmp_path / "out")
    record = tmp_path / "leakcheck.json"
    _record(record, NAMES, [b"a file of an older build"])
    checked = CheckedFiles(record, NAMES)
    find_leaks(site, NAMES, checked=checked)
    checked.save()
    assert CheckedFiles.digest(b"a file of an older build") not in json.loads(record.read_text())["clean"]
    assert len(json.loads(record.read_text())["clean"]) == 2
