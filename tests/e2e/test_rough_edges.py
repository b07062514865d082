"""The first hour's rough edges (issue 13): the real CLI in a subprocess."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.conftest import run_cli


def test_new_with_an_unknown_theme_creates_nothing(tmp_path: Path) -> None:
    result = run_cli("new", "x", "--theme", "nope", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "portfoliogen new: unknown theme 'nope'; the built-in themes are: default, lumen\n"
    assert not (tmp_path / "x").exists()


def test_new_on_a_folder_that_is_not_empty_has_no_position(new_site: Path) -> None:
    result = run_cli("new", "site", cwd=new_site.parent)
    assert result.returncode == 1
    assert result.stderr == "site: already exists and is not empty; choose a new folder\n"


def test_help_command(tmp_path: Path) -> None:
    top = run_cli("help", cwd=tmp_path)
    assert top.returncode == 0 and "build" in top.stdout and "Commands:" in top.stdout
    build = run_cli("help", "build", cwd=tmp_path)
    assert build.returncode == 0 and "portfoliogen build [OPTIONS]" in build.stdout.splitlines()[0]
    assert "--base-url" in build.stdout
    typo = run_cli("help", "buidl", cwd=tmp_path)
    assert typo.returncode == 2 and typo.stderr.startswith("portfoliogen help: no command 'buidl' (did you mean 'build'?)")


def test_themes_dir_holds_the_default_theme(tmp_path: Path) -> None:
    result = run_cli("--themes-dir", cwd=tmp_path)
    assert (Path(result.stdout.strip()) / "default" / "templates" / "home.html").is_file()


def test_build_says_what_check_would_find_and_check_matches_build_strict(new_site: Path) -> None:
    first = run_cli("build", cwd=new_site)
    assert first.returncode == 0
    assert first.stderr.endswith("3 things a client would miss; run `portfoliogen check`\n")
    assert "Built 13 pages and 1 image " in first.stdout           # "1 image", not "1 images"
    again = run_cli("build", cwd=new_site)                          # the no-change shortcut says it too
    assert "1 image in output/" in again.stdout
    assert again.stderr.endswith("3 things a client would miss; run `portfoliogen check`\n")
    check = run_cli("check", "--strict", cwd=new_site)
    strict = run_cli("build", "--strict", cwd=new_site)
    assert check.returncode == strict.returncode == 1
    assert check.stderr.splitlines()[:-1] == strict.stderr.splitlines()[:-1]
    assert "content/testimonials.yaml: 1 testimonial: clients look for at least 3" in check.stderr


def test_a_wrong_case_image_name_gets_a_suggestion(new_site: Path) -> None:
    cs = new_site / "content/case-studies/first-project.md"
    cs.write_text(cs.read_text(encoding="utf-8").replace("cover: ../images/cover.svg",
                                                         "cover: ../images/Cover.SVG"), encoding="utf-8")
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 1
    assert result.stderr == ("content/case-studies/first-project.md:8:8: image '../images/Cover.SVG' not found "
                             "(did you mean '../images/cover.svg'?)\n")


def test_the_unit_jour_gets_no_nonsense_suggestion(new_site: Path) -> None:
    services = new_site / "content/services.yaml"
    services.write_text(services.read_text(encoding="utf-8").replace("unit: day}", "unit: jour}"),
                        encoding="utf-8")
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 1
    assert "'jour' is not one of" in result.stderr and "did you mean" not in result.stderr


def test_pitch_keeps_the_hyphen_in_the_prospects_name(new_site: Path) -> None:
    result = run_cli("pitch", "Hôtel Beau-Rivage", cwd=new_site)
    assert result.returncode == 0, result.stderr
    pitch = new_site / "content/pitches/hôtel-beau-rivage.md"
    front = yaml.safe_load(pitch.read_text(encoding="utf-8").split("---\n")[1])
    assert front["prospect"] == "Hôtel Beau-Rivage"
    assert front["title"] == "A proposal for Hôtel Beau-Rivage"
    assert len(str(front["token"])) == 24
    assert run_cli("build", cwd=new_site).returncode == 0


def test_a_copied_site_folder_builds_without_a_warning_about_the_cache(built_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built_site, copy, symlinks=True)
    result = run_cli("build", cwd=copy)
    assert result.returncode == 0, result.stderr
    assert "cache" not in result.stderr and "Error" not in result.stderr, result.stderr
    assert "(0 processed)" in result.stdout          # processed images are still reused
