"""build/searchshards.py: pages keep their shard as others come and go; a shard's digest
changes with any byte Pagefind reads for it, and only then."""

from __future__ import annotations

from pathlib import Path

from portfoliogen.build.searchshards import MAX_SHARDS, Shard, plan_shards, shard_digest


def _pages(count: int, prefix: str = "work/p") -> list[str]:
    return [f"{prefix}{i}/index.html" for i in range(count)]


def test_a_small_site_has_one_shard_where_the_index_always_was() -> None:
    pages = _pages(40)
    assert plan_shards(pages, 150) == [Shard("", tuple(sorted(pages)))]


def test_every_page_in_exactly_one_shard_of_about_the_size_asked() -> None:
    pages = _pages(1000)
    shards = plan_shards(pages, 150)
    assert len(shards) == 7 and [s.folder for s in shards] == [f"{i}/" for i in range(7)]
    assert sorted(p for s in shards for p in s.pages) == sorted(pages)
    assert all(100 < len(s.pages) < 200 for s in shards)


def test_adding_or_removing_a_page_moves_no_other() -> None:
    pages = _pages(500)
    where = {p: s.folder for s in plan_shards(pages, 150) for p in s.pages}
    for changed in (pages + ["work/new/index.html"], pages[1:]):
        after = {p: s.folder for s in plan_shards(changed, 150) for p in s.pages}
        assert all(after[p] == where[p] for p in after if p in where)


def test_past_the_largest_number_of_shards_they_grow() -> None:
    shards = plan_shards(_pages(10_000), 150)
    assert len(shards) == MAX_SHARDS and all(len(s.pages) > 400 for s in shards)


def test_the_digest_follows_paths_bytes_and_the_indexer(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_bytes(b"<html>" + name.encode())
    shard = Shard("", ("a/index.html", "b/index.html"))
    digest = shard_digest(tmp_path, shard, "pagefind 1.5.2")
    assert shard_digest(tmp_path, shard, "pagefind 1.5.2") == digest
    assert shard_digest(tmp_path, shard, "pagefind 1.5.3") != digest
    assert shard_digest(tmp_path, Shard("", ("a/index.html",)), "pagefind 1.5.2") != digest
    (tmp_path / "b/index.html").write_bytes(b"<html>B")
    assert shard_digest(tmp_path, shard, "pagefind 1.5.2") != digest
