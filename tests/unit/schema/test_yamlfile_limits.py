"""yamlfile's limits: depth, size, aliases and forbidden characters end in
one SiteError at the line, quickly, never a RecursionError or a hang."""

from __future__ import annotations

import time

import pytest

from portfoliogen.errors import SiteError
from portfoliogen.schema.yamlfile import MAX_DEPTH, MAX_NODES, load_yaml


def error_of(text: str, line_offset: int = 0) -> str:
    with pytest.raises(SiteError) as err:
        load_yaml(text, "f.yaml", line_offset)
    return str(err.value)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 1_000, 100_000])
def test_deep_flow_nesting(depth: int) -> None:
    message = error_of("a: 1\nb: " + "[" * depth + "]" * depth + "\n")
    assert message == f"f.yaml:2:{4 + MAX_DEPTH}: invalid YAML: nested more than {MAX_DEPTH} levels deep"


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 1_000])
def test_deep_block_nesting(depth: int) -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(depth)) + "  " * depth + "v\n"
    assert error_of(text, line_offset=1).startswith("f.yaml:")
    assert "nested more than 64 levels deep" in error_of(text)


def test_nesting_within_the_limit_loads() -> None:
    depth = MAX_DEPTH - 2
    data, _ = load_yaml("a: " + "[" * depth + "]" * depth + "\n", "f.yaml")
    assert data["a"] == eval("[" * depth + "]" * depth)


@pytest.mark.parametrize("text, where, code", [
    ("a: x\x00y\n", "1:5", "0000"),
    ("a: 1\nb: |\n  fine\n  bad\x07\n", "4:6", "0007"),
    ("a: x\x1by\n", "1:5", "001B"),
    ("a: x\ufffey\n", "1:5", "FFFE"),
])
def test_forbidden_characters_are_one_line_at_the_character(text: str, where: str, code: str) -> None:
    message = error_of(text, line_offset=2)
    line, column = where.split(":")
    assert message == (f"f.yaml:{int(line) + 2}:{column}: invalid YAML: control character "
                       f"U+{code} is not allowed (remove it)")
    assert "\n" not in message


def test_printable_unicode_is_allowed() -> None:
    data, _ = load_yaml("a: \"tab\\tand\u00a0nbsp 🎨 \U0001F600\"\n", "f.yaml")
    assert data == {"a": "tab\tand\u00a0nbsp 🎨 \U0001F600"}


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    started = time.monotonic()
    message = error_of("cache_dir:\n" + "".join(f"  {line}\n" for line in lines))
    assert "document too large" in message and message.startswith("f.yaml:")
    assert time.monotonic() - started < 2


def test_huge_flat_document_is_refused() -> None:
    text = "".join(f"k{i}: {i}\n" for i in range(MAX_NODES + 1))
    assert "document too large" in error_of(text)
