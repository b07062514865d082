"""render/theme_options.py + theme.py: design tokens are theme options a theme declares under
`tokens:` in theme.yaml; a value that does not fit, or an option no theme declares, is one line at
its place in config.yaml or theme.yaml; a choice with an options/<token>/<value>/ folder publishes
that folder only (one font pairing of three)."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfoliogen.config import load_config
from portfoliogen.errors import SiteError, SiteErrors
from portfoliogen.fsutil import builtin_themes_dir
from portfoliogen.render.colours import DARK_SURFACE, DARK_TEXT, contrast, dark_accent, to_oklch
from portfoliogen.render.theme import load_theme
from tests.unit.sitefiles import CONFIG, write_site

DEFAULT = builtin_themes_dir() / "default"


def theme_of(root: Path):
    return load_theme(load_config(root / "config.yaml"))


def error_of(root: Path) -> str:
    with pytest.raises((SiteError, SiteErrors)) as err:
        theme_of(root)
    return str(err.value)


def test_the_default_tokens_and_their_defaults(tmp_path: Path) -> None:
    theme = theme_of(write_site(tmp_path, {}))
    o = theme.options
    assert (o["palette"], o["fonts"], o["radius"], o["density"], o["hero"]) == (
        "slate", "editorial", "medium", "comfortable", "split")
    assert o["accent_dark"].startswith("#") and o["accent_dark"] != o["accent"]   # derived, not inverted


def test_a_user_sets_tokens_in_config_yaml(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"config.yaml": CONFIG + "theme_options:\n  accent: \"#b91c1c\"\n"
                                 "  fonts: classic\n  hero: centred\n  palette: stone\n  radius: none\n"})
    o = theme_of(root).options
    assert (o["accent"], o["fonts"], o["hero"], o["palette"], o["radius"]) == (
        "#b91c1c", "classic", "centred", "stone", "none")


@pytest.mark.parametrize("line,want", [
    ("  fonts: comic\n", "config.yaml:6:10: theme option 'fonts': 'comic' is not one of editorial, grotesk, classic"),
    ("  hero: left\n", "config.yaml:6:9: theme option 'hero': 'left' is not one of split, centred, photo"),
    ("  accent: teal\n", "config.yaml:6:11: theme option 'accent': 'teal' is not a colour like #0f766e"),
    ("  radius: 4\n", "config.yaml:6:11: theme option 'radius': '4' is not one of none, small, medium, large"),
    ("  acent: \"#000000\"\n", "config.yaml:6:3: unknown theme option 'acent' (theme 'default' has: accent, "),
])
def test_a_bad_value_or_an_unknown_option_is_one_line_at_its_place(tmp_path: Path, line: str, want: str) -> None:
    root = write_site(tmp_path, {"config.yaml": CONFIG + "theme: default\ntheme_options:\n  density: airy\n" + line})
    assert error_of(root).startswith(want), error_of(root)


def test_several_problems_are_told_at_once(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"config.yaml": CONFIG + "theme_options:\n  fonts: comic\n  hero: left\n"})
    message = error_of(root)
    assert "config.yaml:4:10: theme option 'fonts'" in message and "config.yaml:5:9: theme option 'hero'" in message


def test_a_child_theme_yaml_is_checked_at_its_own_line(tmp_path: Path) -> None:
    root = write_site(tmp_path, {
        "config.yaml": CONFIG + "theme: child\n",
        "themes/child/theme.yaml": "name: child\nextends: default\noptions:\n  fonts: grotesk\n  density: roomy\n",
    })
    assert error_of(root).startswith(
        "themes/child/theme.yaml:5:12: theme option 'density': 'roomy' is not one of compact, comfortable, airy")


def test_a_child_theme_may_add_options_and_tokens(tmp_path: Path) -> None:
    root = write_site(tmp_path, {
        "config.yaml": CONFIG + "theme: child\ntheme_options:\n  mood: calm\n",
        "themes/child/theme.yaml": "name: child\nextends: default\noptions:\n  mood: bold\ntokens:\n  mood: [calm, bold]\n",
    })
    assert theme_of(root).options["mood"] == "calm"
    (root / "config.yaml").write_text(CONFIG + "theme: child\ntheme_options:\n  mood: loud\n")
    assert error_of(root).startswith("config.yaml:5:9: theme option 'mood': 'loud' is not one of calm, bold")


def test_a_token_must_be_a_list_of_choices_or_a_known_kind(tmp_path: Path) -> None:
    root = write_site(tmp_path, {
        "config.yaml": CONFIG + "theme: child\n",
        "themes/child/theme.yaml": "name: child\nextends: default\ntokens:\n  mood: feelings\n",
    })
    assert error_of(root) == ("themes/child/theme.yaml:4:9: token 'mood': expected a list of choices "
                              "or one of colour")


@pytest.mark.parametrize("pairing", ["editorial", "grotesk", "classic"])
def test_only_the_chosen_font_pairing_is_published(tmp_path: Path, pairing: str) -> None:
    root = write_site(tmp_path, {"config.yaml": CONFIG + f"theme_options:\n  fonts: {pairing}\n"})
    assets = theme_of(root).assets
    fonts = sorted(name for name in assets if name.startswith("fonts/"))
    assert fonts == ["fonts/display-ext.woff2", "fonts/display.woff2", "fonts/faces.css", "fonts/fonts.css",
                     "fonts/text-ext.woff2", "fonts/text.woff2"]               # no licence text, no other pairing
    folder = DEFAULT / "options" / "fonts" / pairing
    assert assets["fonts/display.woff2"].data == (folder / "display.woff2").read_bytes()
    css = assets["fonts/fonts.css"].data.decode()
    assert "size-adjust:" in css and "ascent-override:" in css               # the metric-matched fallbacks
    faces = assets["fonts/faces.css"].data.decode()
    assert "font-display:swap" in faces
    assert f"url({assets['fonts/text.woff2'].url_path.removeprefix('/assets/fonts/')})" in faces   # hashed names
    assert (folder / "display.woff2").read_bytes()[:4] == b"wOF2"
    assert any(p.name.startswith("OFL-") for p in folder.iterdir())


def test_a_site_can_add_its_own_pairing(tmp_path: Path) -> None:
    root = write_site(tmp_path, {
        "config.yaml": CONFIG + "theme: child\ntheme_options:\n  fonts: house\n",
        "themes/child/theme.yaml": "name: child\nextends: default\ntokens:\n  fonts: [editorial, house]\n",
        "themes/child/options/fonts/house/fonts.css": ":root{--font-text:serif}\n",
        "themes/child/options/fonts/house/display.woff2": b"wOF2house",
    })
    assets = theme_of(root).assets
    assert assets["fonts/fonts.css"].data == b":root{--font-text:serif}\n"
    assert "fonts/text.woff2" not in assets


@pytest.mark.parametrize("accent", ["#4338ca", "#0f766e", "#1d4ed8", "#b91c1c", "#c2410c", "#7e22ce", "#111827"])
def test_the_dark_accent_keeps_its_hue_and_reads_at_aa(accent: str) -> None:
    dark = dark_accent(accent)
    assert contrast(dark, DARK_SURFACE) >= 4.5 and contrast(dark, DARK_TEXT) >= 4.5   # links, and text on buttons
    (_, c1, h1), (_, c2, h2) = to_oklch(accent), to_oklch(dark)
    if c1 > 0.05:   # a colourful accent stays colourful: same hue, not a pastel
        assert abs(h1 - h2) < 0.2 and c2 >= min(c1, 0.09) * 0.8, (accent, dark)
