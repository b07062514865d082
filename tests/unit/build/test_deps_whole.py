"""build/deps.py across processes: an object whose fields digest as last build's has its pairs
taken as they were; an edit to any field (one a page read, or one left out of the digest) is
still found, pair by pair."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfoliogen.build.deps import WHOLE, Fingerprints
from tests.unit.sitefiles import resolve, study, write_site

A = "content/case-studies/a.md"
B = "content/case-studies/b.md"
DEPS = [(A, "title"), (A, "summary"), (A, "body"), (A, "body_line"), (B, "title"), ("site", "case_studies")]


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    return write_site(tmp_path, {A: study("Alpha"), B: study("Beta")})


def kept_values(root: Path) -> dict:
    """What a build saves: the pairs' values and each object's fields' digest."""
    site, _ = resolve(root)
    fingerprints = Fingerprints(site)
    values = fingerprints.values(DEPS)
    values.update(fingerprints.wholes({key for key, _attr in DEPS}))
    assert {(A, WHOLE), (B, WHOLE)} <= values.keys() and ("site", WHOLE) not in values
    return values


def changed_after(root: Path, old: str, new: str) -> set:
    before = kept_values(root)
    path = root / A
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    site, _ = resolve(root)   # other objects, as in a new process
    return Fingerprints(site).changed(before) - {(A, WHOLE)}


def test_nothing_changed_compares_no_pair_of_an_object_one_by_one(site_dir: Path) -> None:
    before = kept_values(site_dir)
    site, _ = resolve(site_dir)
    fingerprints = Fingerprints(site)
    assert fingerprints.changed(before) == set()
    assert (A, "title") not in fingerprints._memo   # taken from the digest of its fields


@pytest.mark.parametrize("old, new, pair", [
    ("title: Alpha", "title: Alfa", (A, "title")),
    ("Body text.", "Body text, edited.", (A, "body")),   # a field left out of the digest
])
def test_an_edited_field_is_found(site_dir: Path, old: str, new: str, pair: tuple) -> None:
    assert pair in changed_after(site_dir, old, new)


def test_values_of_an_unchanged_object_are_the_kept_ones(site_dir: Path) -> None:
    before = kept_values(site_dir)
    site, _ = resolve(site_dir)
    assert Fingerprints(site).values(DEPS, previous=before) == {dep: before[dep] for dep in DEPS if dep in before}
