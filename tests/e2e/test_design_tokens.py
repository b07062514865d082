"""Design tokens set in config.yaml only (docs/themes.md, "Design tokens"): the real command
line on a copy of the example site. A good value changes the output (fonts, hero layout, the
custom properties); a bad one is one line at its place, exit 1, the previous output untouched."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli, tree_digest

PAIRINGS = REPO / "themes" / "default" / "options" / "fonts"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(REPO / "config.yaml", site / "config.yaml")
    shutil.copytree(REPO / "content", site / "content")
    return site


def set_options(site: Path, options: str) -> None:
    config = site / "config.yaml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^theme_options:\n(?:  .*\n)*", "", text, flags=re.M)
    config.write_text(text.rstrip("\n") + "\ntheme_options:\n" + options, encoding="utf-8")


def test_accent_fonts_and_hero_from_config_yaml(example: Path) -> None:
    set_options(example, '  accent: "#b91c1c"\n  fonts: classic\n  hero: centred\n  palette: stone\n'
                         '  radius: large\n  density: airy\n')
    result = run_cli("build", cwd=example)
    assert result.returncode == 0, result.stderr
    out = example / "output"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'class="hero hero--centred wrap"' in home
    style = re.search(r"<style>(.*?)</style>", home, re.S).group(1)
    assert "--accent:#b91c1c" in style and "--r:1.25rem" in style and "--section:6.5rem" in style
    assert "--bg:#fdfcfa" in style                                   # the stone palette
    dark = re.search(r"--accent:(#[0-9a-f]{6});--accent-fg:#0f1115", style).group(1)
    assert dark != "#b91c1c"                                         # a designed dark accent
    # Only the chosen pairing is published, and its faces are the ones the page applies.
    fonts = sorted(p.name for p in (out / "assets" / "fonts").iterdir())
    assert len([f for f in fonts if f.endswith(".woff2")]) == 4, fonts
    display = next(f for f in fonts if f.startswith("display.") and f.count(".") == 2)
    assert (out / "assets" / "fonts" / display).read_bytes() == (PAIRINGS / "classic" / "display.woff2").read_bytes()
    faces = next((out / "assets" / "fonts").glob("faces.*.css"))
    link = f'href="/assets/fonts/{faces.name}"'
    assert f'<link rel="stylesheet" {link} media="print" data-webfonts>' in home   # blocks nothing
    assert f'<noscript><link rel="stylesheet" {link}></noscript>' in home
    assert f"url({display})" in faces.read_text(encoding="utf-8")
    css = next((out / "assets" / "fonts").glob("fonts.*.css")).read_text(encoding="utf-8")
    assert '"Instrument Serif Fallback"' in css and '"IBM Plex Sans"' in css and "Fraunces" not in css
    assert "url(" not in css                      # the fallback faces only: nothing to download
    assert not list(out.rglob("OFL-*"))


def test_system_fonts_publish_no_font_file_and_lumen_takes_the_tokens(example: Path) -> None:
    set_options(example, "  fonts: system\n")
    assert run_cli("build", cwd=example).returncode == 0
    out = example / "output"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert not list(out.rglob("*.woff2")) and 'as="font"' not in home
    css = next((out / "assets").glob("theme.*.css")).read_text(encoding="utf-8")
    assert "@font-face" not in css and "--font-display:var(--font-text)" in css

    # lumen's own defaults are tokens too (paper, square corners, system fonts), and a
    # user's choice of pairing, palette and radius reaches its pages.
    text = (example / "config.yaml").read_text(encoding="utf-8")
    (example / "config.yaml").write_text("theme: lumen\n" + text, encoding="utf-8")
    set_options(example, '  accent: "#9a3412"\n')
    assert run_cli("build", cwd=example).returncode == 0
    home = (out / "index.html").read_text(encoding="utf-8")
    style = re.search(r"<style>(.*?)</style>", home, re.S).group(1)
    assert "--bg:#f7f6f3" in style and "--r:0" in style and not list(out.rglob("*.woff2"))
    set_options(example, "  fonts: classic\n  palette: slate\n  radius: small\n")
    assert run_cli("build", cwd=example).returncode == 0
    home = (out / "index.html").read_text(encoding="utf-8")
    style = re.search(r"<style>(.*?)</style>", home, re.S).group(1)
    assert "--bg:#ffffff" in style and "--r:.25rem" in style
    assert home.count("data-webfonts>") == 1 and 'class="lumen' in home
    css = next((out / "assets").glob("theme.*.css")).read_text(encoding="utf-8")
    assert '"Instrument Serif"' in css


def test_hero_photo_uses_the_wide_image_slot(example: Path) -> None:
    set_options(example, "  hero: photo\n")
    result = run_cli("build", cwd=example)
    assert result.returncode == 0, result.stderr
    home = (example / "output" / "index.html").read_text(encoding="utf-8")
    assert 'class="hero hero--photo wrap"' in home
    assert 'sizes="(min-width: 76rem) 72rem, calc(100vw - 2rem)"' in home.split('class="hero__photo"')[1][:2000]


@pytest.mark.parametrize("options,where,message", [
    ("  fonts: comic\n", "fonts", "theme option 'fonts': 'comic' is not one of editorial, grotesk, classic"),
    ("  hero: left\n", "hero", "theme option 'hero': 'left' is not one of split, centred, photo"),
    ('  accent: "pink"\n', "accent", "theme option 'accent': 'pink' is not a colour like #0f766e"),
    ("  accnet: \"#000000\"\n", "accnet", "unknown theme option 'accnet' (theme 'default' has: accent, accent_dark,"),
])
def test_a_bad_token_is_one_line_and_the_output_stays(example: Path, options: str, where: str, message: str) -> None:
    assert run_cli("build", cwd=example).returncode == 0
    before = tree_digest(example / "output")
    set_options(example, options)
    result = run_cli("build", cwd=example)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    config = (example / "config.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(config, 1) if text.startswith(f"  {where}:"))
    col = 3 if message.startswith("unknown") else config[line - 1].index(":") + 3
    assert lines[0].startswith(f"config.yaml:{line}:{col}: {message}"), lines[0]
    assert tree_digest(example / "output") == before
