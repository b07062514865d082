"""Whole builds of small sites through the real CLI."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from tests.conftest import run_cli, tree_digest


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


EXPECTED_PAGES = [
    "index.html", "work/index.html", "work/first-project/index.html", "work/second-project/index.html",
    "work/tags/checkout/index.html", "work/tags/e-commerce/index.html", "work/tags/design-systems/index.html",
    "services/index.html", "testimonials/index.html", "contact/index.html", "about/index.html", "404.html",
    "sitemap.xml", "robots.txt", "feed.xml",
]


def test_scaffold_builds_every_page_of_the_spec(built_site: Path) -> None:
    out = built_site / "output"
    for page in EXPECTED_PAGES:
        assert (out / page).is_file(), page
    for html in out.rglob("*.html"):
        page = soup(html)
        assert page.find("html").get("lang") == "en", html
        assert len(page.find_all("h1")) == 1, html
        assert page.find("main") is not None, html
        assert page.find("title").text.strip(), html


def test_summary_line(new_site: Path) -> None:
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"Built \d+ pages and \d+ images? \(\d+ processed\) into output/ in [\d.]+ s\n",
                        result.stdout), result.stdout


def test_case_study_page_shows_its_parts(built_site: Path) -> None:
    page = soup(built_site / "output/work/first-project/index.html")
    text = page.get_text(" ", strip=True)
    assert "A checkout that people finish" in page.find("h1").text
    for fact in ("Example Shop", "Lead product designer", "8 weeks", "+21%", "completed orders"):
        assert fact in text, fact
    assert "Alex understood our customers" in text          # its testimonial
    body_link = page.find("a", string="the second project")
    assert body_link["href"] == "/work/second-project/"     # cross-link by source path


def test_two_builds_are_byte_identical(new_site: Path, tmp_path: Path) -> None:
    assert run_cli("build", "--output", str(tmp_path / "a"), cwd=new_site).returncode == 0
    assert run_cli("build", "--output", str(tmp_path / "b"), cwd=new_site).returncode == 0
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_no_stale_files_and_static_files_copied(built_site: Path) -> None:
    out = built_site / "output"
    (out / "leftover.html").write_text("old", encoding="utf-8")
    (built_site / "content/static/CNAME").write_text("alex.example\n", encoding="utf-8")
    (built_site / "content/pages/about.md").unlink()
    assert run_cli("build", cwd=built_site).returncode == 0
    assert not (out / "leftover.html").exists()
    assert not (out / "about").exists()
    assert (out / "CNAME").read_text(encoding="utf-8") == "alex.example\n"
    assert not list(built_site.glob("output.*"))


def test_drafts_are_left_out_unless_asked(new_site: Path) -> None:
    linking = new_site / "content/case-studies/first-project.md"
    linking.write_text(linking.read_text(encoding="utf-8").replace("(second-project.md)", "(/work/)"),
                       encoding="utf-8")
    cs = new_site / "content/case-studies/second-project.md"
    cs.write_text(cs.read_text(encoding="utf-8").replace("tags:", "draft: true\ntags:"), encoding="utf-8")
    assert run_cli("build", cwd=new_site).returncode == 0
    assert not (new_site / "output/work/second-project").exists()
    assert run_cli("build", "--drafts", cwd=new_site).returncode == 0
    assert (new_site / "output/work/second-project/index.html").is_file()


def test_every_url_works_under_a_base_path(new_site: Path) -> None:
    result = run_cli("build", "--base-url", "https://ada.github.io/portfolio/", cwd=new_site)
    assert result.returncode == 0, result.stderr
    out = new_site / "output"
    for html in out.rglob("*.html"):
        page = soup(html)
        for tag, attr in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")):
            for element in page.find_all(tag):
                url = element.get(attr)
                if not url or url.startswith(("#", "mailto:", "tel:", "data:")):
                    continue
                parts = urlsplit(url)
                if parts.netloc and parts.netloc != "ada.github.io":
                    continue  # an outside link written by the user
                assert parts.path.startswith("/portfolio/"), f"{html}: {url}"
                target = out / parts.path.removeprefix("/portfolio/")
                assert target.is_file() or (target / "index.html").is_file(), f"{html}: {url}"
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://ada.github.io/portfolio/work/first-project/</loc>" in sitemap


def test_bom_and_crlf_content_builds(new_site: Path) -> None:
    page = new_site / "content/pages/about.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 0, result.stderr
    assert "Write about yourself" in (new_site / "output/about/index.html").read_text(encoding="utf-8")


def test_a_site_overrides_one_template(new_site: Path) -> None:
    override = new_site / "themes/default/templates/404.html"
    override.parent.mkdir(parents=True)
    override.write_text('{% extends "base.html" %}{% block content %}<h1>Lost? Try the work page.</h1>'
                        '{% endblock %}', encoding="utf-8")
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 0, result.stderr
    assert "Lost? Try the work page." in (new_site / "output/404.html").read_text(encoding="utf-8")
    assert (new_site / "output/work/first-project/index.html").is_file()


def test_check_validates_without_writing(new_site: Path) -> None:
    result = run_cli("check", cwd=new_site)
    assert result.returncode == 0, result.stderr
    assert not (new_site / "output").exists()


def test_new_scaffolds_gitignore_and_workflow(new_site: Path) -> None:
    assert "/.portfoliogen-cache/" in (new_site / ".gitignore").read_text(encoding="utf-8")
    workflow = (new_site / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert "portfoliogen build" in workflow and "actions/deploy-pages" in workflow


def test_version_and_usage_errors(tmp_path: Path) -> None:
    result = run_cli("--version", cwd=tmp_path)
    assert result.returncode == 0 and "portfoliogen" in result.stdout
    assert run_cli("build", "--no-such-flag", cwd=tmp_path).returncode == 2
    missing = run_cli("build", cwd=tmp_path)
    assert missing.returncode == 1 and missing.stderr.startswith("config.yaml: no config.yaml here")
