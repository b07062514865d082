"""tests/visual/compare.py: what counts as a visual change (no browser needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.visual import compare


def page(shift: int = 0, colour: str = "#222") -> Image.Image:
    image = Image.new("RGB", (400, 300), "#f7f6f3")
    ImageDraw.Draw(image).rectangle((20, 20 + shift, 380, 60 + shift), fill=colour)
    return image


def test_the_same_pixels_are_no_difference() -> None:
    assert compare.difference("p", page(), page()).ratio == 0


def test_antialiasing_noise_stays_under_the_threshold() -> None:
    noisy = page().point(lambda v: min(255, v + 10))
    assert compare.difference("p", noisy, page()).ratio == 0


def test_a_moved_block_is_a_difference() -> None:
    result = compare.difference("p", page(shift=8), page())
    assert result.ratio > 0.02 and "of the pixels differ" in str(result)


def test_a_new_size_is_reported_as_such() -> None:
    assert str(compare.difference("p", page().crop((0, 0, 400, 200)), page())) == "p: the page's size changed"


def test_baselines_are_written_then_compared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "BASELINES", tmp_path / "baselines")
    monkeypatch.setenv("UPDATE_BASELINES", "1")
    assert compare.check_against_baseline("t", "home", page()) is None
    assert (tmp_path / "baselines/t/home.png").is_file()
    monkeypatch.delenv("UPDATE_BASELINES")
    assert compare.check_against_baseline("t", "home", page()) is None
    problem = compare.check_against_baseline("t", "home", page(colour="#c00"), out_dir=tmp_path / "out")
    assert problem is not None and (tmp_path / "out/home.diff.png").is_file()
