"""config.py stands below content/ (the Model base lives in schema/), and
the no-change shortcut finds the output and cache folders by Config's own rule."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from portfoliogen.build import fastpath
from portfoliogen.config import load_config
from portfoliogen.schema.folders import project_folders


def test_config_does_not_import_content() -> None:
    code = "import sys, portfoliogen.config; print(sorted(m for m in sys.modules if m.startswith('portfoliogen.content')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_one_model_base_for_config_content_and_theme() -> None:
    from portfoliogen.config import Config
    from portfoliogen.content.model import CaseStudy
    from portfoliogen.render.theme import ThemeFile
    from portfoliogen.schema.model import Model

    assert issubclass(Config, Model) and issubclass(CaseStudy, Model) and issubclass(ThemeFile, Model)


@pytest.mark.parametrize("extra", [
    "",
    "output: public\ncache_dir: .cache\n",
    "output: ../sibling/site\ncache_dir: ./nested/../c\n",
    "output: ' spaced '\n",
])
def test_the_shortcut_and_the_build_agree_on_the_folders(tmp_path: Path, extra: str) -> None:
    config_path = tmp_path / "project/config.yaml"
    config_path.parent.mkdir()
    config_path.write_text("title: T\nbase_url: https://example.com/\n" + extra, encoding="utf-8")
    config = load_config(config_path)
    assert fastpath._settings(config_path) == (config.cache_path, config.output_dir)
    assert project_folders(config.root, {"output": config.output, "cache_dir": config.cache_dir}) == \
        (config.output_dir, config.cache_path)
