"""Every kind of bad input: one line `path:line:column: message`, exit 1,
no traceback, and the previous output/ exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli, tree_digest

CS = "content/case-studies/first-project.md"


def replace(rel: str, old: str, new: str):
    def mutate(site: Path) -> None:
        path = site / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture drifted: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mutate


def write(rel: str, content: str | bytes):
    def mutate(site: Path) -> None:
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return mutate


CASES = {
    "config unknown key": (
        replace("config.yaml", "language: en\n", "language: en\nbase_ulr: https://x.example/\n"),
        ["config.yaml:6:1: unknown key 'base_ulr' (did you mean 'base_url'?)"]),
    "config missing title": (
        replace("config.yaml", "title: Alex Example — Product designer\n", ""),
        ["config.yaml:3:1: missing required field 'title'"]),
    "config bad language": (
        replace("config.yaml", "language: en\n", "language: klingon-xx\n"),
        ["config.yaml:5:11: language: 'klingon-xx' is not a BCP 47 language tag (e.g. en, en-GB, pt-PT)"]),
    "profile missing headline": (
        replace("content/profile.yaml", "headline: Product designer for small software teams\n", ""),
        ["content/profile.yaml:2:1: missing required field 'headline'"]),
    "profile bad timezone": (
        replace("content/profile.yaml", "Europe/Lisbon", "Europe/Lisbom"),
        ["content/profile.yaml:5:11: timezone: 'Europe/Lisbom' is not an IANA time zone (e.g. Europe/Lisbon)"]),
    "broken front matter YAML": (
        replace(CS, "date: 2025-03\n", "date: [2025-03\n"),
        None),  # checked below: points at the case study file
    "no front matter": (
        write("content/case-studies/third.md", "Just a body.\n"),
        ["content/case-studies/third.md:1:1: no front matter: start the file with a '---' line, "
         "then the YAML fields, then another '---' line"]),
    "unknown testimonial id": (
        replace(CS, "testimonials: [sam]", "testimonials: [sma]"),
        [f"{CS}:15:16: no testimonial with id 'sma' (did you mean 'sam'?)"]),
    "unknown service id": (
        replace(CS, "services: [product-design]", "services: [product-desing]"),
        [f"{CS}:13:12: no service with id 'product-desing' (did you mean 'product-design'?)"]),
    "testimonial points at a missing case study": (
        replace("content/testimonials.yaml", "case_study: first-project", "case_study: first-projcet"),
        ["content/testimonials.yaml:7:15: no case study with slug 'first-projcet' (did you mean 'first-project'?)"]),
    "duplicate slug": (
        replace("content/case-studies/second-project.md", "title: A design", "slug: first-project\ntitle: A design"),
        ["content/case-studies/second-project.md:2:7: slug 'first-project' is already used by "
         "content/case-studies/first-project.md"]),
    "duplicate testimonial id": (
        replace("content/testimonials.yaml", "  featured: true\n",
                "  featured: true\n- id: sam\n  quote: Again.\n  author: Someone\n"),
        ["content/testimonials.yaml:9:7: testimonial id 'sam' is already used on line 2"]),
    "link to a missing content file": (
        replace(CS, "(second-project.md)", "(second-projct.md)"),
        [f"{CS}:28:77: link to 'second-projct.md': no such case study or page"]),
    "missing image": (
        replace(CS, "cover: ../images/cover.svg", "cover: ../images/cover.png"),
        [f"{CS}:8:8: image '../images/cover.png' not found (did you mean '../images/cover.svg'?)"]),
    "image outside the project": (
        replace(CS, "cover: ../images/cover.svg", "cover: ../../../../../../etc/hostname.png"),
        [f"{CS}:8:8: image '../../../../../../etc/hostname.png' is outside the project folder"]),
    "cover without alt": (
        replace(CS, "cover_alt: A one-page checkout form with the order summary beside it\n", ""),
        [f"{CS}:8:8: cover_alt is required when a cover is given "
         "(describe the image for people who cannot see it)"]),
    "bad currency": (
        replace("content/services.yaml", "currency: EUR, unit: project", "currency: EURO, unit: project"),
        ["content/services.yaml:7:33: price.currency: 'EURO' is not an ISO 4217 currency code (e.g. EUR, USD, GBP)"]),
    "not UTF-8": (
        write("content/pages/latin1.md", "---\ntitle: Caf\xe9\n---\n".encode("latin-1")),
        ["content/pages/latin1.md:2:1: not valid UTF-8 text (save the file as UTF-8)"]),
    "page slug taken by the site": (
        write("content/pages/work.md", "---\ntitle: Work\n---\nHello\n"),
        None),
    "template undefined variable": (
        write("themes/default/templates/page.html",
              '{% extends "base.html" %}\n{% block content %}\n<h1>{{ content.titel }}</h1>\n{% endblock %}\n'),
        None),
    "template syntax error": (
        write("themes/default/templates/page.html", '{% extends "base.html" %}\n{% block content %}\n{% if %}\n'),
        None),
    "text file named .jpg": (
        write("content/images/cover.svg.jpg", "this is not an image\n"),
        None),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gives_one_line_errors_and_keeps_output(built_site: Path, name: str) -> None:
    mutate, expected = CASES[name]
    before = tree_digest(built_site / "output")
    mutate(built_site)
    if name == "text file named .jpg":
        replace(CS, "cover: ../images/cover.svg", "cover: ../images/cover.svg.jpg")(built_site)
    result = run_cli("build", cwd=built_site)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.endswith("nothing was written.")]
    assert lines, "no error printed"
    if expected is not None:
        assert lines == expected
    else:
        special = {
            "broken front matter YAML": (CS, "invalid YAML"),
            "page slug taken by the site": ("content/pages/work.md", "is taken by the site itself"),
            "template undefined variable": ("themes/default/templates/page.html:3:1:", "titel"),
            "template syntax error": ("themes/default/templates/page.html:3:1:", "template syntax error"),
            "text file named .jpg": (f"{CS}:8:8: image '../images/cover.svg.jpg'", ""),
        }[name]
        assert len(lines) == 1 and lines[0].startswith(special[0]) and special[1] in lines[0], lines
    assert tree_digest(built_site / "output") == before
    assert not list(built_site.glob("output.staging-*"))


def test_debug_shows_a_traceback(built_site: Path) -> None:
    replace(CS, "testimonials: [sam]", "testimonials: [sma]")(built_site)
    result = run_cli("--debug", "build", cwd=built_site)
    assert result.returncode == 1
    assert "Traceback" in result.stderr


@pytest.mark.parametrize("output", [".", "content", "content/static/out", "themes", "..", "config.yaml"])
def test_dangerous_output_folders_are_refused(new_site: Path, output: str) -> None:
    before = tree_digest(new_site)
    result = run_cli("build", "--output", output, cwd=new_site)
    assert result.returncode == 1, result.stderr
    assert "choose a folder of its own" in result.stderr
    assert tree_digest(new_site) == before
