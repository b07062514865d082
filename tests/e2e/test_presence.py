"""`check` tells a freelancer what a client would miss; `pitch` scaffolds
a proposal page that stays out of every listing."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_cli


def test_check_lists_what_a_thin_site_misses(new_site: Path) -> None:
    profile = new_site / "content/profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "  note: Taking on one new project a quarter.\n",
        "  from: 2026-01-10\n  note: Taking on one new project a quarter.\n"), encoding="utf-8")
    (new_site / "content/testimonials.yaml").write_text(
        "- id: sam\n  quote: Great work.\n  author: Sam\n", encoding="utf-8")
    config = new_site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("  email: hello@example.com\n", "  {}\n")
                      .replace("contact:\n  {}\n", ""), encoding="utf-8")
    cs = new_site / "content/case-studies/second-project.md"
    cs.write_text(cs.read_text(encoding="utf-8").replace(
        "summary: Built a component library and tokens that cut design-to-release time in half.",
        "summary: " + "A very long summary that keeps going " * 6) + "\n![](../images/cover.svg)\n",
        encoding="utf-8")
    result = run_cli("check", cwd=new_site)
    assert result.returncode == 0, result.stderr
    # The very lines `build --strict` fails with: `path:line:column: message`,
    # the position only where there is one.
    warnings = result.stderr.splitlines()[:-1]
    assert result.stderr.splitlines()[-1] == "8 things a client would miss."
    expected = [
        r"content/profile.yaml:2:1: no photo",
        r"content/profile.yaml:\d+:\d+: availability 'from' date has passed",
        r"config.yaml: no contact route",
        r"content/case-studies/second-project.md:\d+:1: case study without outcomes, cover: "
        r"clients look for what changed and a picture of the work$",
        r"content/case-studies/second-project.md:3:10: summary is \d+ characters",
        r"content/case-studies/second-project.md:\d+:1: image without alt text",
        r"content/testimonials.yaml:\d+:\d+: testimonial 'sam' without role and company",
        r"content/testimonials.yaml: 1 testimonial: clients look for at least 3$",
    ]
    for pattern in expected:
        assert any(re.match(pattern, w) for w in warnings), (pattern, warnings)
    assert len(warnings) == len(expected), warnings
    strict = run_cli("check", "--strict", cwd=new_site)
    assert strict.returncode == 1
    before = sorted(p.name for p in new_site.iterdir())
    built = run_cli("build", "--strict", cwd=new_site)
    assert built.returncode == 1
    assert built.stderr.splitlines()[:-1] == warnings == strict.stderr.splitlines()[:-1]
    assert sorted(p.name for p in new_site.iterdir()) == before   # nothing written


def test_pitch_is_built_unlisted_and_expires(new_site: Path) -> None:
    result = run_cli("pitch", "Northwind Health", cwd=new_site)
    assert result.returncode == 0, result.stderr
    url = re.search(r"https://example.com/p/([0-9a-f]{24})/", result.stdout)
    assert url, result.stdout
    token = url.group(1)
    pitch = new_site / "content/pitches/northwind-health.md"
    assert f"token: {token}" in pitch.read_text(encoding="utf-8")
    assert run_cli("build", cwd=new_site).returncode == 0
    out = new_site / "output"
    page = (out / f"p/{token}/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex' in page
    assert 'name="referrer" content="no-referrer"' in page
    for other in out.rglob("*"):
        if other.is_file() and other.suffix in (".html", ".xml", ".txt") and token not in str(other):
            assert token not in other.read_text(encoding="utf-8"), other
    # after `expires` it is not built, and the build says so
    late = run_cli("build", "--today", "2099-01-01", cwd=new_site, today=None)
    assert late.returncode == 0, late.stderr
    assert "pitch for Northwind Health expired" in late.stderr
    assert not (out / "p").exists()
