"""config.py: every key has its default, base_url is normalised and
checked, unknown keys get a "did you mean", output/ and the cache folder
resolve against the project, and command-line overrides are validated too."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfoliogen.config import load_config
from portfoliogen.errors import SiteError, SiteErrors

MINIMAL = "title: Ada\nbase_url: https://ada.example\n"


def config_of(tmp_path: Path, text: str, overrides: dict | None = None):
    (tmp_path / "config.yaml").write_text(text, encoding="utf-8")
    return load_config(tmp_path / "config.yaml", overrides)


def error_of(tmp_path: Path, text: str, overrides: dict | None = None) -> str:
    with pytest.raises((SiteError, SiteErrors)) as err:
        config_of(tmp_path, text, overrides)
    return str(err.value)


def test_defaults(tmp_path: Path) -> None:
    config = config_of(tmp_path, MINIMAL)
    assert (config.title, config.base_url, config.base_path) == ("Ada", "https://ada.example/", "/")
    assert (config.language, config.theme, config.drafts, config.theme_options) == ("en", "default", False, {})
    assert (config.images.widths, config.images.formats, config.images.quality) == ((480, 960, 1600),
                                                                                    ("avif", "webp"), 75)
    assert config.markdown.raw_html is True and config.contact.email is None
    assert config.root == tmp_path.resolve() and config.config_path == (tmp_path / "config.yaml").resolve()
    assert config.content_dir == tmp_path.resolve() / "content"
    assert config.output_dir == tmp_path.resolve() / "output"
    assert config.cache_path == tmp_path.resolve() / ".portfoliogen-cache"


def test_an_empty_file_names_the_missing_keys(tmp_path: Path) -> None:
    assert error_of(tmp_path, "").splitlines() == ["config.yaml:1:1: missing required field 'base_url'",
                                                   "config.yaml:1:1: missing required field 'title'"]


@pytest.mark.parametrize("base_url, url, path", [
    ("https://ada.example", "https://ada.example/", "/"),
    ("https://ada.example/", "https://ada.example/", "/"),
    ("https://ada.example/portfolio", "https://ada.example/portfolio/", "/portfolio/"),
    ("http://localhost:8000/a/b/", "http://localhost:8000/a/b/", "/a/b/"),
])
def test_base_url_gets_its_trailing_slash(tmp_path: Path, base_url: str, url: str, path: str) -> None:
    config = config_of(tmp_path, f"title: Ada\nbase_url: {base_url}\n")
    assert (config.base_url, config.base_path) == (url, path)


@pytest.mark.parametrize("base_url, expected", [
    ("https://ada.example/?a=1", "config.yaml:2:11: base_url: 'https://ada.example/?a=1' must not have a query or fragment"),
    ("https://ada.example/#top", "config.yaml:2:11: base_url: 'https://ada.example/#top' must not have a query or fragment"),
    ("ada.example", "config.yaml:2:11: base_url: 'ada.example' is not an absolute http(s) URL"),
    ("ftp://ada.example/", "config.yaml:2:11: base_url: 'ftp://ada.example/' is not an absolute http(s) URL"),
], ids=["query", "fragment", "no-scheme", "ftp"])
def test_a_bad_base_url_is_one_line_at_its_value(tmp_path: Path, base_url: str, expected: str) -> None:
    assert error_of(tmp_path, f"title: Ada\nbase_url: {base_url}\n") == expected


@pytest.mark.parametrize("extra, expected", [
    ("titel: Ada\n", "config.yaml:3:1: unknown key 'titel' (did you mean 'title'?)"),
    ("images:\n  widht: [100]\n", "config.yaml:4:3: unknown key 'images.widht' (did you mean 'widths'?)"),
    ("zzz: 1\n", "config.yaml:3:1: unknown key 'zzz'"),
    ("images:\n  widths: [8]\n", "config.yaml:4:11: images.widths: widths must be a list of pixel widths between 16 and 10000"),
    ("images:\n  quality: 0\n", "config.yaml:4:12: images.quality: input should be greater than or equal to 1, got 0"),
    ("language: klingon\n", "config.yaml:3:11: language: 'klingon' is not a BCP 47 language tag (e.g. en, en-GB, pt-PT)"),
], ids=["typo", "nested-typo", "unknown", "widths", "quality", "language"])
def test_unknown_and_invalid_keys(tmp_path: Path, extra: str, expected: str) -> None:
    assert error_of(tmp_path, MINIMAL + extra) == expected


def test_output_and_cache_resolve_against_the_project_not_the_working_folder(tmp_path: Path,
                                                                             monkeypatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = config_of(site, MINIMAL + "output: ../public\ncache_dir: build/cache\n")
    assert config.output_dir == tmp_path.resolve() / "public"
    assert config.cache_path == site.resolve() / "build/cache"
    assert config_of(site, MINIMAL + f"output: {tmp_path / 'abs'}\n").output_dir == tmp_path.resolve() / "abs"


def test_overrides_replace_keys_and_are_validated(tmp_path: Path) -> None:
    config = config_of(tmp_path, MINIMAL, {"drafts": True, "base_url": "https://other.example/sub",
                                           "output": str(tmp_path / "out")})
    assert config.drafts is True
    assert (config.base_url, config.base_path) == ("https://other.example/sub/", "/sub/")
    assert config.output_dir == tmp_path.resolve() / "out"
    # The message is checked; its place is the file's base_url line, though the value came from
    # the command line (reported to the merger).
    assert error_of(tmp_path, MINIMAL, {"base_url": "https://x.example/?q"}).endswith(
        ": base_url: 'https://x.example/?q' must not have a query or fragment")


def test_no_config_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(SiteError) as err:
        load_config(tmp_path / "config.yaml")
    assert str(err.value) == ("config.yaml: no config.yaml here: run portfoliogen in a site folder, "
                              "pass --config FILE, or create a site with 'portfoliogen new PATH'")


def test_the_same_bytes_and_overrides_give_the_same_config_back(tmp_path: Path) -> None:
    """The dev server loads the config several times a save: an unchanged
    file is not parsed again; any change of bytes or overrides is."""
    first = config_of(tmp_path, MINIMAL, {"drafts": True})
    assert config_of(tmp_path, MINIMAL, {"drafts": True}) is first
    assert config_of(tmp_path, MINIMAL, {"drafts": False}).drafts is False
    changed = config_of(tmp_path, MINIMAL.replace("Ada", "Ada L."), {"drafts": True})
    assert changed.title == "Ada L." and changed is not first
    other = tmp_path / "other"
    other.mkdir()
    assert config_of(other, MINIMAL, {"drafts": True}).root == other.resolve()   # another project
    assert "did you mean" in error_of(tmp_path, MINIMAL + "titel: x\n")
    assert "did you mean" in error_of(tmp_path, MINIMAL + "titel: x\n")            # errors are not kept
