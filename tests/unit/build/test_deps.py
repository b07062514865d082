"""build/deps.py: the fingerprints of what a page read change exactly when
the value changes; collections are compared by which objects they hold, so
editing one case study does not touch every listing; a page record stays
valid only with the same template, context and no changed dependency."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfoliogen.build.deps import (
    Fingerprints,
    PageRecord,
    context_fingerprint,
    still_valid,
)
from portfoliogen.render.tracking import object_key, structure
from tests.unit.sitefiles import resolve, study, write_site

A = "content/case-studies/a.md"
B = "content/case-studies/b.md"
TESTIMONIALS = "content/testimonials.yaml"


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    return write_site(tmp_path, {
        A: study("Alpha", "tags: [fintech]\n"),
        B: study("Beta", "tags: [fintech, health]\n"),
        TESTIMONIALS: "- id: sam\n  quote: Good work.\n  author: Sam\n  case_study: a\n",
    })


DEPS = [("site", "case_studies"), ("site", "tags"), ("site", "testimonials_for"),
        (A, "title"), (A, "summary"), (A, "tags"), (B, "title"), (f"{TESTIMONIALS}#sam", "quote"),
        ("tag:fintech", "case_studies"), ("tag:health", "case_studies"), ("tag:health", "name"), ("content/profile.yaml", "name")]


def values(root: Path) -> dict:
    site, _ = resolve(root)
    return Fingerprints(site).values(DEPS)


def changed_after(root: Path, rel: str, old: str, new: str) -> set:
    before = values(root)
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    site, _ = resolve(root)
    return Fingerprints(site).changed(before)


def test_nothing_changed_is_no_change(site_dir: Path) -> None:
    before = values(site_dir)
    assert before.keys() == set(DEPS)
    site, _ = resolve(site_dir)
    assert Fingerprints(site).changed(before) == set()


def test_a_title_edit_changes_that_title_only(site_dir: Path) -> None:
    # The listings hold the same objects: ("site", "case_studies") is unchanged.
    assert changed_after(site_dir, A, "title: Alpha", "title: Alpha two") == {(A, "title")}


def test_a_quote_edit_changes_the_quote_only(site_dir: Path) -> None:
    assert changed_after(site_dir, TESTIMONIALS, "Good work.", "Great work.") == {(f"{TESTIMONIALS}#sam", "quote")}


def test_a_tag_added_to_a_study_changes_that_tags_listing(site_dir: Path) -> None:
    # The tag list holds the same tags in the same order; health now lists a too.
    assert changed_after(site_dir, A, "tags: [fintech]", "tags: [fintech, health]") == {
        (A, "tags"), ("tag:health", "case_studies")}


def test_a_new_tag_changes_the_list_of_tags(site_dir: Path) -> None:
    assert changed_after(site_dir, A, "tags: [fintech]", "tags: [fintech, mobile]") == {
        (A, "tags"), ("site", "tags")}


def test_a_date_that_reorders_changes_the_listing(site_dir: Path) -> None:
    changed = changed_after(site_dir, B, "date: 2025-03", "date: 2026-01")
    assert ("site", "case_studies") in changed and ("tag:fintech", "case_studies") in changed
    assert (B, "title") not in changed


def test_a_relation_change_is_seen_through_the_site_lookups(site_dir: Path) -> None:
    assert changed_after(site_dir, TESTIMONIALS, "case_study: a", "case_study: b") == {
        ("site", "testimonials_for")}


def test_a_deleted_object_changes_everything_it_was_read_for(site_dir: Path) -> None:
    before = values(site_dir)
    (site_dir / B).unlink()
    site, _ = resolve(site_dir)
    fingerprints = Fingerprints(site)
    changed = fingerprints.changed(before)
    assert {(B, "title"), ("site", "case_studies"), ("tag:health", "name"), ("tag:fintech", "case_studies"),
            ("site", "tags")} <= changed
    assert fingerprints.current(B, "title") is None
    assert (B, "title") not in fingerprints.values(DEPS)


def test_keys_and_structure(site_dir: Path) -> None:
    site, _ = resolve(site_dir)
    alpha = site.case_study("a")
    assert [object_key(x) for x in (site, alpha, site.testimonials[0], site.tags[0], "text", None)] == [
        "site", A, f"{TESTIMONIALS}#sam", "tag:fintech", None, None]
    assert structure((alpha, [site.tags[0], 3], "x")) == f"({A},(tag:fintech,3),'x')"


def test_the_context_fingerprint_follows_template_and_values(site_dir: Path) -> None:
    site, _ = resolve(site_dir)
    alpha, beta = sorted(site.case_studies, key=lambda cs: cs.slug)
    base = context_fingerprint("case_study.html", {"cs": alpha, "page": 1})
    assert context_fingerprint("case_study.html", {"page": 1, "cs": alpha}) == base
    assert context_fingerprint("case_study.html", {"cs": beta, "page": 1}) != base
    assert context_fingerprint("case_study.html", {"cs": alpha, "page": 2}) != base
    assert context_fingerprint("page.html", {"cs": alpha, "page": 1}) != base
    # the same object with another title: the page's own variables are the same
    edited = alpha.model_copy(update={"title": "Other"})
    assert context_fingerprint("case_study.html", {"cs": edited, "page": 1}) == base


RECORD = PageRecord("case_study.html", "ctx", ((A, "title"), ("site", "tags")))


@pytest.mark.parametrize("record, template, context, changed, valid", [
    (RECORD, "case_study.html", "ctx", set(), True),
    (RECORD, "case_study.html", "ctx", {(B, "title"), (A, "summary")}, True),
    (RECORD, "case_study.html", "ctx", {(A, "title")}, False),
    (RECORD, "case_study.html", "ctx", {("site", "tags")}, False),
    (RECORD, "page.html", "ctx", set(), False),
    (RECORD, "case_study.html", "other", set(), False),
    (None, "case_study.html", "ctx", set(), False),
], ids=["same", "unrelated-change", "read-value-changed", "read-list-changed", "other-template",
        "other-context", "no-record"])
def test_still_valid(record, template, context, changed, valid) -> None:
    assert still_valid(record, template, context, changed) is valid


def test_records_are_equal_whatever_the_order_of_their_pairs() -> None:
    """A page rendered again reads its pairs in another order than its loaded record lists them:
    the same record (the state's shard is not written again)."""
    turned = PageRecord("case_study.html", "ctx", RECORD.deps[::-1])
    assert turned == RECORD and RECORD == turned
    assert PageRecord("case_study.html", "ctx", ((A, "title"), ("site", "name"))) != RECORD
    assert PageRecord("case_study.html", "ctx", ((A, "title"),)) != RECORD
    assert PageRecord("page.html", "ctx", RECORD.deps) != RECORD


def test_a_build_that_keeps_nothing_notes_nothing_for_the_next(site_dir: Path) -> None:
    """The command line builds once a process: the values and the objects they were read
    from are not kept for a next build (the dev server's)."""
    site, _ = resolve(site_dir)
    once = Fingerprints(site, keep=False)
    before = once.values(DEPS)
    once.note_read(before)
    assert once.by_object == {} and Fingerprints(site).unchanged(before) == frozenset()
    assert before == values(site_dir)


class _Newer(Exception):
    pass


def test_a_newer_save_stops_the_comparisons_between_two_values(site_dir: Path) -> None:
    """The dev server's check (a newer save raises) is asked while tens of thousands of
    values are compared and a thousand pages split, not only between rendered pages."""
    from portfoliogen.build.deps import CHECK_EVERY, split_pages

    before = {(f"content/case-studies/{i}.md", "title"): "x" for i in range(3 * CHECK_EVERY)}
    site, _ = resolve(site_dir)
    asked: list[int] = []

    def check() -> None:
        asked.append(1)
        if len(asked) == 3:
            raise _Newer

    with pytest.raises(_Newer):
        Fingerprints(site).changed(before, check)
    assert len(asked) == 3
    assert Fingerprints(site).changed(before) == set(before)   # without a check: every value compared
    asked.clear()
    with pytest.raises(_Newer):
        split_pages(_pages(CHECK_EVERY), {}, set(), lambda out_path: False, check)


def _pages(count: int):
    from portfoliogen.render.pages import PlannedPage

    class Info:
        url_path = "/x/"
        jsonld = ()
    for i in range(count):
        info = Info()
        yield PlannedPage(info, "page.html", {"n": i})


def test_a_content_objects_fingerprints_are_kept_for_the_next_build_by_the_object(site_dir: Path,
                                                                                   monkeypatch) -> None:
    """The dev server hands unchanged content objects on from build to build:
    their attributes are not fingerprinted again; an object made anew is."""
    from portfoliogen.build import deps

    site, _ = resolve(site_dir)
    first = Fingerprints(site)
    values_before = first.values(DEPS)
    monkeypatch.setattr(deps, "_LAST_VALUES", first.by_object)
    fingerprinted: list[str] = []
    real_digest = deps.digest
    monkeypatch.setattr(deps, "digest", lambda text: fingerprinted.append(text) or real_digest(text))
    assert Fingerprints(site).values(DEPS) == values_before          # the same objects: kept values
    kept = len(fingerprinted)
    assert kept <= sum(1 for key, _attr in DEPS if key == "site" or key.startswith("tag:"))   # made each build
    path = site_dir / A
    path.write_text(path.read_text(encoding="utf-8").replace("Alpha", "Alpha II"), encoding="utf-8")
    changed_site, _ = resolve(site_dir)                              # every object made anew
    again = Fingerprints(changed_site).changed(values_before)
    assert (A, "title") in again and (B, "title") not in again
    assert len(fingerprinted) > kept                                  # fingerprinted again
    assert Fingerprints(changed_site).values(DEPS) == values(site_dir)   # as a fresh build sees them


def test_the_objects_a_set_of_values_was_read_from_are_not_compared_again(site_dir: Path) -> None:
    """A set of values noted with the objects it was read from (render_changed): the next build
    takes a key naming the very same object as unchanged, and still compares every other one (a
    new object for an edited file, the site and its tags, made anew every build)."""
    site, _ = resolve(site_dir)
    first = Fingerprints(site)
    before = first.values(DEPS)
    first.note_read(before)
    same = Fingerprints(site).unchanged(before)
    assert {A, B, f"{TESTIMONIALS}#sam", "content/profile.yaml"} <= same
    assert not {"site", "tag:fintech", "tag:health"} & same
    assert Fingerprints(site).changed(before) == set()
    path = site_dir / A
    path.write_text(path.read_text(encoding="utf-8").replace("Alpha", "Apex"), encoding="utf-8")
    edited, _ = resolve(site_dir)
    again = Fingerprints(edited)
    assert A not in again.unchanged(before)
    found = again.changed(before)
    assert (A, "title") in found and (B, "title") not in found
    assert again.values(DEPS, previous=before)[(A, "title")] != before[(A, "title")]
    assert Fingerprints(edited).unchanged({**before}) == frozenset()   # another set: compared in full
