"""Message text: plurals, "did you mean", positions, prospect names."""

from __future__ import annotations

import pytest

from portfoliogen.errors import SiteError, did_you_mean, plural
from portfoliogen.scaffold import prospect_name


@pytest.mark.parametrize("count, expected", [(0, "0 images"), (1, "1 image"), (2, "2 images")])
def test_plural(count: int, expected: str) -> None:
    assert plural(count, "image") == expected


@pytest.mark.parametrize("word, candidates, expected", [
    ("Cover.JPG", ["cover.jpg", "flow.png"], " (did you mean 'cover.jpg'?)"),   # case only
    ("jour", ["project", "hour", "day", "month"], ""),       # French for day, not a typo of hour
    ("dya", ["project", "hour", "day", "month"], " (did you mean 'day'?)"),
    ("hoir", ["project", "hour", "day", "month"], " (did you mean 'hour'?)"),
    ("sma", ["sam", "tomas"], " (did you mean 'sam'?)"),
    ("base_ulr", ["base_url", "title"], " (did you mean 'base_url'?)"),
    ("title", ["title"], ""),
    ("zzz", ["title"], ""),
])
def test_did_you_mean(word: str, candidates: list[str], expected: str) -> None:
    assert did_you_mean(word, candidates) == expected


@pytest.mark.parametrize("line, column, expected", [
    (None, None, "my-site: already exists"), (3, None, "my-site:3: already exists"),
    (3, 7, "my-site:3:7: already exists")])
def test_a_position_only_where_there_is_one(line, column, expected: str) -> None:
    assert str(SiteError("my-site", line, column, "already exists")) == expected


@pytest.mark.parametrize("name, expected", [
    ("Hôtel Beau-Rivage", "Hôtel Beau-Rivage"), ("acme-corp", "Acme Corp"), ("acme_corp", "Acme Corp"),
    ("McKinsey & Co", "McKinsey & Co"), ("o'neil", "O'neil"), ("  two   spaces ", "two spaces")])
def test_prospect_name_keeps_what_was_typed(name: str, expected: str) -> None:
    assert prospect_name(name) == expected
