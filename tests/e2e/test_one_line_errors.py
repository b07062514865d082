"""Problems that used to end in "internal error ... please report it" or a
traceback: each is one line on stderr naming the file (and line), exit 1."""

from __future__ import annotations

import contextlib
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from portfoliogen.scaffold import prospect_name
from tests.conftest import run_cli

CS = "content/case-studies/first-project.md"


def edit(site: Path, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture drifted: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_one_line(result: subprocess.CompletedProcess, starts: str, contains: str = "") -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert lines[0].startswith(starts), lines[0]
    assert contains in lines[0], lines[0]
    return lines[0]


# -------------------------------------------------------------- content
def test_yaml_nested_a_thousand_deep(new_site: Path) -> None:
    edit(new_site, CS, "client: Example Shop\n", "client: Example Shop\nextra: " + "[" * 1000 + "]" * 1000 + "\n")
    result = run_cli("build", "--no-cache", cwd=new_site)
    assert_one_line(result, f"{CS}:6:72: ", "nested more than 64 levels deep")


def test_yaml_block_nested_a_thousand_deep(new_site: Path) -> None:
    deep = "".join("  " * i + f"k{i}:\n" for i in range(1000)) + "  " * 1000 + "v\n"
    (new_site / "content" / "profile.yaml").write_text(
        (new_site / "content" / "profile.yaml").read_text(encoding="utf-8") + "extra:\n" + "  " + deep.replace("\n", "\n  ").rstrip() + "\n",
        encoding="utf-8")
    result = run_cli("build", "--no-cache", cwd=new_site)
    assert_one_line(result, "content/profile.yaml:", "nested more than 64 levels deep")


def test_nul_inside_yaml(new_site: Path) -> None:
    edit(new_site, CS, "client: Example Shop", "client: Example\x00 Shop")
    result = run_cli("build", "--no-cache", cwd=new_site)
    assert_one_line(result, f"{CS}:5:16: invalid YAML: control character U+0000 is not allowed")


def test_alias_bomb_in_config_fails_fast(new_site: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    with (new_site / "config.yaml").open("a", encoding="utf-8") as config:
        config.write("cache_dir:\n" + "".join(f"  {line}\n" for line in lines))
    started = time.monotonic()
    result = run_cli("build", "--no-cache", cwd=new_site, timeout=60)
    assert_one_line(result, "config.yaml:", "document too large")
    assert time.monotonic() - started < 10


def test_explicit_slug_of_300_characters(new_site: Path) -> None:
    edit(new_site, CS, "featured: true\n", "featured: true\nslug: " + "x" * 300 + "\n")
    edit(new_site, "content/testimonials.yaml", "case_study: first-project", "case_study: second-project")
    result = run_cli("build", "--no-cache", cwd=new_site)
    assert_one_line(result, f"{CS}:17:7: ", "too long for a slug: at most 100 bytes")


def test_image_symlink_loop(new_site: Path) -> None:
    (new_site / "content" / "images" / "loop.jpg").symlink_to("loop.jpg")
    edit(new_site, CS, "cover: ../images/cover.svg", "cover: ../images/loop.jpg")
    edit(new_site, CS, "## The outcome", "![a loop](../images/loop.jpg)\n\n## The outcome")
    result = run_cli("build", "--no-cache", cwd=new_site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    for line in result.stderr.splitlines()[:-1] or result.stderr.splitlines():
        assert line.startswith(f"{CS}:") and "symbolic link" in line, result.stderr


def test_template_runtime_error_names_the_template(new_site: Path) -> None:
    page = new_site / "themes" / "default" / "templates" / "page.html"
    page.parent.mkdir(parents=True)
    page.write_text('{% extends "base.html" %}\n{% block content %}\n<p>{{ 1/0 }}</p>\n{% endblock %}\n',
                    encoding="utf-8")
    result = run_cli("build", "--no-cache", cwd=new_site)
    assert_one_line(result, "themes/default/templates/page.html:3:1: ", "division by zero")


# -------------------------------------------------------------- the machine
def test_output_under_proc(new_site: Path) -> None:
    result = run_cli("build", "--no-cache", "--output", "/proc/x", cwd=new_site)
    assert_one_line(result, "/proc/x")


@contextlib.contextmanager
def tmpfs(folder: Path, options: str):
    """A small file system of its own (the tests run as root in CI)."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_full_disk_while_writing_the_output(new_site: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "full", "size=64k") as full:
        result = run_cli("build", "--no-cache", "--output", str(full / "out"), cwd=new_site)
        assert_one_line(result, "", "No space left on device (free some space")


def test_full_disk_while_writing_the_cache(new_site: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "full", "size=16k") as full:
        with (new_site / "config.yaml").open("a", encoding="utf-8") as config:
            config.write(f"cache_dir: {full / 'cache'}\n")
        result = run_cli("build", cwd=new_site)
        assert_one_line(result, "", "No space left on device (free some space")


def test_read_only_output_parent(new_site: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "ro,size=64k") as read_only:
        result = run_cli("build", "--no-cache", "--output", str(read_only / "out"), cwd=new_site)
        assert_one_line(result, str(read_only / "out"), "Read-only file system")


# -------------------------------------------------------------- pitch names
PITCH_NAMES = ["Acme: Corp", "[Beta] Labs", "#1 Client", "Yes", "null", '"quoted"', "O'Brien",
               "two\nlines", "back\\slash", "{brace", "50% off", "&anchor", "*star", "!bang", "|pipe",
               "> more", "@at", "`tick`", "Café ☕"]


@pytest.mark.parametrize("name", PITCH_NAMES, ids=range(len(PITCH_NAMES)))
def test_pitch_names_read_back(new_site: Path, name: str) -> None:
    result = run_cli("pitch", name, cwd=new_site)
    assert result.returncode == 0, result.stderr
    [pitch] = (new_site / "content" / "pitches").glob("*.md")
    front = yaml.safe_load(pitch.read_text(encoding="utf-8").split("---\n")[1])
    prospect = prospect_name(name)   # as typed; a slug-like name as words (tests/unit/test_messages.py)
    assert front["prospect"] == prospect
    assert front["title"] == f"A proposal for {prospect}"


def test_all_pitch_names_build(new_site: Path) -> None:
    for name in PITCH_NAMES:
        assert run_cli("pitch", name, cwd=new_site).returncode == 0
    result = run_cli("build", "--no-cache", cwd=new_site)
    assert result.returncode == 0, result.stderr


# -------------------------------------------------------------- distinct slugs
def test_tags_with_signs_and_symbols_get_pages_of_their_own(new_site: Path) -> None:
    edit(new_site, CS, "tags: [e-commerce, checkout]", 'tags: [e-commerce, checkout, "C#", "C++", "🎨", "!!!"]')
    edit(new_site, "content/case-studies/second-project.md", "tags: [design systems]",
         "tags: [design systems, Checkout]")   # case alone: the same tag
    result = run_cli("build", "--no-cache", cwd=new_site)
    assert result.returncode == 0, result.stderr
    tags = new_site / "output" / "work" / "tags"
    assert sorted(p.name for p in tags.iterdir()) == [
        "artist-palette", "c-plus-plus", "c-sharp", "checkout", "design-systems", "e-commerce",
        "exclamation-mark-exclamation-mark-exclamation-mark"]
    assert "<h1" in (tags / "c-sharp" / "index.html").read_text(encoding="utf-8")
    assert ">C++<" in (tags / "c-plus-plus" / "index.html").read_text(encoding="utf-8")
    assert ">C#<" in (tags / "c-sharp" / "index.html").read_text(encoding="utf-8")


def test_tags_that_would_share_a_page_name_both_places(new_site: Path) -> None:
    edit(new_site, "content/case-studies/second-project.md", "tags: [design systems]",
         'tags: [design systems, "e commerce"]')
    result = run_cli("build", "--no-cache", cwd=new_site)
    assert_one_line(result, "content/case-studies/second-project.md:7:",
                    f"tag 'e commerce' would share the page /work/tags/e-commerce/ with tag 'e-commerce' "
                    f"({CS}:14:8)")


def test_a_300_character_tag_builds(new_site: Path) -> None:
    edit(new_site, CS, "tags: [e-commerce, checkout]", "tags: [e-commerce, " + "x" * 300 + "]")
    result = run_cli("build", "--no-cache", cwd=new_site)
    assert result.returncode == 0, result.stderr
    long_one = [p.name for p in (new_site / "output" / "work" / "tags").iterdir() if p.name.startswith("xxx")]
    assert len(long_one) == 1 and len(long_one[0]) <= 100


def test_case_studies_named_by_emoji_get_slugs_of_their_own(new_site: Path) -> None:
    folder = new_site / "content" / "case-studies"
    text = (folder / "second-project.md").read_text(encoding="utf-8")
    (folder / "🎨.md").write_text(text, encoding="utf-8")
    (folder / "🎧.md").write_text(text, encoding="utf-8")
    long_name = "a" * 240 + ".md"
    (folder / long_name).write_text(text, encoding="utf-8")
    result = run_cli("build", "--no-cache", cwd=new_site)
    assert result.returncode == 0, result.stderr
    work = new_site / "output" / "work"
    assert (work / "artist-palette" / "index.html").is_file()
    assert (work / "headphone" / "index.html").is_file()
    assert [p for p in work.iterdir() if p.name.startswith("aaaa") and len(p.name) <= 100]
