"""render/theme.py: a theme is found in the site's themes/ first, then among
the built-in ones; its `extends` chain is followed with the most specific
folder first; a missing theme or a bad theme.yaml is one line at its place."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from portfoliogen.config import load_config
from portfoliogen.errors import SiteError, SiteErrors
from portfoliogen.fsutil import builtin_themes_dir
from portfoliogen.render.theme import load_theme
from tests.unit.sitefiles import CONFIG, write_site

DEFAULT = builtin_themes_dir() / "default"


def theme_of(root: Path):
    return load_theme(load_config(root / "config.yaml"))


def one_line(root: Path) -> str:
    with pytest.raises((SiteError, SiteErrors)) as err:
        theme_of(root)
    return str(err.value)


def test_the_default_theme(tmp_path: Path) -> None:
    theme = theme_of(write_site(tmp_path, {}))
    assert theme.name == "default" and theme.folders == (DEFAULT,)
    assert theme.template_dirs == [DEFAULT / "templates"]
    assert theme.options["accent"] == "#4338ca" and "body" in theme.image_sizes
    css = theme.assets["site.css"]
    assert css.url_path.startswith("/assets/site.") and css.url_path.endswith(".css") and css.data


def test_a_site_overrides_one_template_of_the_theme_it_uses(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"themes/default/templates/404.html": "Lost: {{ 1 + 1 }}"})
    theme = theme_of(root)
    assert theme.folders == (root / "themes/default", DEFAULT)
    assert theme.template_dirs == [root / "themes/default/templates", DEFAULT / "templates"]
    loader = jinja2.Environment(loader=jinja2.FileSystemLoader(theme.template_dirs))
    assert loader.get_template("404.html").render() == "Lost: 2"           # the site's own
    assert "{% extends" in loader.loader.get_source(loader, "home.html")[0]   # the rest: built in
    assert theme.options["accent"] == "#4338ca"                            # no theme.yaml: nothing changes


def test_an_extends_chain_merges_options_most_specific_last(tmp_path: Path) -> None:
    root = write_site(tmp_path, {
        "config.yaml": CONFIG + "theme: child\ntheme_options:\n  visitor_hours: \"08:00-16:00\"\n",
        "themes/child/theme.yaml": "name: child\nextends: middle\noptions:\n  accent: \"#000000\"\n",
        "themes/middle/theme.yaml": "name: middle\nextends: default\noptions:\n  accent: \"#111111\"\n"
                                    "  extra: 1\nimage_sizes:\n  body: 50vw\n",
        "themes/middle/assets/site.css": "body { color: red }\n",
        "themes/child/templates/home.html": "child home",
    })
    theme = theme_of(root)
    assert theme.name == "child"
    assert theme.folders == (root / "themes/child", root / "themes/middle", DEFAULT)
    assert theme.options["accent"] == "#000000" and theme.options["extra"] == 1
    assert theme.options["visitor_hours"] == "08:00-16:00"               # config.yaml wins over them all
    assert theme.options["accent_fg"] == "#ffffff"                       # from the base
    assert theme.image_sizes["body"] == "50vw" and theme.image_sizes["avatar"] == "3rem"
    assert theme.assets["site.css"].data == b"body { color: red }\n"     # the more specific file
    assert "timezone.js" in theme.assets


def test_css_urls_follow_the_hashed_names(tmp_path: Path) -> None:
    root = write_site(tmp_path, {
        "config.yaml": CONFIG + "theme: own\n",
        "themes/own/assets/fonts/a.woff2": b"font",
        "themes/own/assets/main.css": "@font-face { src: url('fonts/a.woff2') } a { b: url(none.png) }\n",
    })
    assets = theme_of(root).assets
    font = assets["fonts/a.woff2"].url_path.removeprefix("/assets/")
    assert font.startswith("fonts/a.") and font.endswith(".woff2")
    assert assets["main.css"].data == f"@font-face {{ src: url({font}) }} a {{ b: url(none.png) }}\n".encode()


def test_a_missing_theme_names_the_config_line_and_the_choices(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"config.yaml": CONFIG + "theme: nope\n", "themes/mine/theme.yaml": "name: mine\n"})
    assert one_line(root) == "config.yaml:3:8: no theme named 'nope' (available: default, lumen, mine)"


def test_a_missing_parent_names_the_theme_yaml(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"config.yaml": CONFIG + "theme: mine\n",
                                 "themes/mine/theme.yaml": "name: mine\nextends: gone\n"})
    assert one_line(root) == "themes/mine/theme.yaml:1:1: no theme named 'gone' (available: default, lumen, mine)"


def test_a_theme_that_extends_itself(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"config.yaml": CONFIG + "theme: a\n",
                                 "themes/a/theme.yaml": "name: a\nextends: b\n",
                                 "themes/b/theme.yaml": "name: b\nextends: a\n"})
    assert one_line(root) == "themes/a/theme.yaml:1:1: theme 'a' extends itself"


@pytest.mark.parametrize("text, expected", [
    ("name: mine\noptions: [1, 2]\n", "themes/mine/theme.yaml:2:10: options: expected a mapping of keys to values, got a list"),
    ("name: mine\nimage_sizes:\n  body: 50vw\n  body: 60vw\n", "themes/mine/theme.yaml:4:3: duplicate key 'body'"),
    ("name: mine\nextend: default\n", "themes/mine/theme.yaml:2:1: unknown key 'extend' (did you mean 'extends'?)"),
    ("name: [mine\n", "themes/mine/theme.yaml:2:1: invalid YAML: expected ',' or ']', but got '<stream end>' "
     "(while parsing a flow sequence)"),
], ids=["options-list", "duplicate-key", "unknown-key", "bad-yaml"])
def test_theme_yaml_errors_are_one_line_at_their_place(tmp_path: Path, text: str, expected: str) -> None:
    root = write_site(tmp_path, {"config.yaml": CONFIG + "theme: mine\n", "themes/mine/theme.yaml": text})
    assert one_line(root) == expected


def test_css_urls_climbing_out_of_their_folder_follow_the_hashed_names(tmp_path: Path) -> None:
    root = write_site(tmp_path, {
        "config.yaml": CONFIG + "theme: own\n",
        "themes/own/assets/fonts/a.woff2": b"font",
        "themes/own/assets/css/main.css": "@font-face { src: url('../fonts/a.woff2') }\n",
    })
    assets = theme_of(root).assets
    font = assets["fonts/a.woff2"].url_path.removeprefix("/assets/")
    assert assets["css/main.css"].data == f"@font-face {{ src: url(../{font}) }}\n".encode()
