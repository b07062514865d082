import pytest

from portfoliogen.errors import SiteError
from portfoliogen.schema.yamlfile import load_yaml, strip_text


def test_locations_point_at_keys_and_values():
    data, locs = load_yaml("a: 1\nb:\n  - x: 2\n", "f.yaml")
    assert data == {"a": 1, "b": [{"x": 2}]}
    assert locs.of(("a",)) == (1, 4)
    assert locs.of(("a",), key=True) == (1, 1)
    assert locs.of(("b", 0, "x")) == (3, 8)
    assert locs.of(("b", 0, "missing")) == (3, 5)   # falls back to the enclosing node


def test_line_offset_for_front_matter():
    _, locs = load_yaml("title: x\n", "a.md", line_offset=1)
    assert locs.of(("title",)) == (2, 8)


def test_bom_and_crlf_are_normalised():
    text = strip_text("\ufefftitle: x\r\nsummary: y\r\n")
    data, locs = load_yaml(text, "f.yaml")
    assert data == {"title": "x", "summary": "y"}
    assert locs.of(("summary",)) == (2, 10)


def test_python_tags_are_refused():
    with pytest.raises(SiteError) as err:
        load_yaml("a: !!python/object/apply:os.system ['echo hi']\n", "f.yaml")
    assert str(err.value).startswith("f.yaml:1:4: unsupported YAML tag")


def test_alias_bomb_is_refused():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefgh"):
        prev = "abcdefg"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    with pytest.raises(SiteError) as err:
        load_yaml("\n".join(lines), "f.yaml")
    assert "too large" in err.value.message


def test_duplicate_keys_are_errors():
    with pytest.raises(SiteError) as err:
        load_yaml("title: a\ntitle: b\n", "f.yaml")
    assert str(err.value) == "f.yaml:2:1: duplicate key 'title'"


def test_syntax_error_has_line_and_column():
    with pytest.raises(SiteError) as err:
        load_yaml("a: [1, 2\nb: 3\n", "f.yaml")
    assert err.value.line == 2
    assert "invalid YAML" in err.value.message
