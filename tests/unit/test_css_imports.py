"""A theme stylesheet's @import of another theme stylesheet is inlined at build
time (one request instead of a chain), with url()s rebased to the importer."""

from __future__ import annotations

from pathlib import Path

from portfoliogen.render.theme import Theme, _fingerprint_assets


def _assets(tmp_path: Path, files: dict[str, str | bytes]) -> dict:
    for name, data in files.items():
        path = tmp_path / "t" / "assets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return _fingerprint_assets(Theme("t", (tmp_path / "t",), {}, {}))


def test_an_import_is_replaced_by_the_file_with_its_urls_rebased(tmp_path: Path) -> None:
    assets = _assets(tmp_path, {
        "fonts/a.woff2": b"font",
        "fonts/fonts.css": "@font-face{font-family:A;src:url(a.woff2)}",
        "base.css": "body{color:red}",
        "theme.css": "@import url(base.css);\n@import 'fonts/fonts.css';\nh1{color:blue}",
    })
    font = assets["fonts/a.woff2"].url_path.removeprefix("/assets/")
    theme = assets["theme.css"].data.decode()
    assert "@import" not in theme
    assert theme.index("body{color:red}") < theme.index("@font-face") < theme.index("h1{color:blue}")
    assert f"url({font})" in theme                      # fonts/a.<hash>.woff2, seen from assets/
    assert f"url({font.removeprefix('fonts/')})" in assets["fonts/fonts.css"].data.decode()
    # The name follows the bytes: an edit to an imported file renames the importer too.
    before = assets["theme.css"].url_path
    again = _assets(tmp_path, {"base.css": "body{color:green}"})
    assert again["theme.css"].url_path != before and "color:green" in again["theme.css"].data.decode()


def test_imports_it_cannot_inline_stay_as_they_are(tmp_path: Path) -> None:
    assets = _assets(tmp_path, {
        "a.css": "@import url(b.css);\n@import url(https://example.com/x.css);\n@import url(missing.css);",
        "b.css": "@import url(a.css);\np{margin:0}",        # a cycle: no endless recursion
    })
    a = assets["a.css"].data.decode()
    assert "p{margin:0}" in a and "@import url(https://example.com/x.css);" in a
    assert "@import url(missing.css);" in a
    assert "@import url(a.css);" in a                      # b.css's import of a.css, kept


def test_comments_are_not_published_but_strings_stay_whole(tmp_path: Path) -> None:
    assets = _assets(tmp_path, {
        "a.css": '/* for theme authors */\na::before{content:"/* not a comment */"}\n'
                 "b::after{content:'it\\'s /* too */'} /* end */",
    })
    css = assets["a.css"].data.decode()
    assert "theme authors" not in css and "end */" not in css
    assert 'content:"/* not a comment */"' in css and "content:'it\\'s /* too */'" in css
