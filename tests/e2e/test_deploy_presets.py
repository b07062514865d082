"""Deploy presets: every host's files parse, their header patterns name real
files of a built site, the CSP allows exactly what the theme renders inline,
and the GitHub workflow's steps, run locally in order, build the site under
the project sub-path."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
import yaml

from portfoliogen.deploy import HOSTS
from portfoliogen.deploy.headers import IMMUTABLE, style_hash
from portfoliogen.deploy.presets import preset_files, site_for
from tests.conftest import REPO, run_cli


def parse(rel: str, text: str):
    if rel.endswith((".yml", ".yaml")):
        return yaml.safe_load(text)
    if rel.endswith(".toml"):
        return tomllib.loads(text)
    if rel.endswith(".json"):
        return json.loads(text)
    assert rel.endswith("_headers"), rel
    return parse_headers_file(text)


def parse_headers_file(text: str) -> list[tuple[str, dict[str, str]]]:
    """Netlify's / Cloudflare's _headers: a path line, then indented `Name: value` lines."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            assert line.startswith("/"), line
            rules.append((line.strip(), {}))
        else:
            name, _, value = line.strip().partition(": ")
            assert name and value, line
            rules[-1][1][name] = value
    return rules


def header_rules(host: str, files: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """(glob-style pattern, headers) as the host reads them from its files."""
    if host == "netlify":
        return [(h["for"], h["values"]) for h in tomllib.loads(files["netlify.toml"])["headers"]]
    if host == "vercel":
        return [(h["source"].replace("(.*)", "*"), {x["key"]: x["value"] for x in h["headers"]})
                for h in json.loads(files["vercel.json"])["headers"]]
    if host == "cloudflare-pages":
        return parse_headers_file(files["content/static/_headers"])
    return []


def matches(pattern: str, url_path: str) -> bool:
    return re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), url_path) is not None


@pytest.fixture(scope="module")
def example_presets() -> dict[str, dict[str, str]]:
    site = site_for(REPO / "config.yaml")
    return {host: preset_files(host, site) for host in HOSTS}


@pytest.mark.parametrize("host", HOSTS)
def test_new_with_host_writes_files_that_parse(tmp_path: Path, host: str) -> None:
    result = run_cli("new", str(tmp_path / "site"), "--host", host, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    expected = set(preset_files(host, site_for(site / "config.yaml")))
    for rel in expected:
        text = (site / rel).read_text(encoding="utf-8")
        assert parse(rel, text), rel
    if host != "github-pages":
        assert not (site / ".github/workflows/pages.yml").exists()
    assert (site / "requirements.txt").is_file()


@pytest.mark.parametrize("host", ["netlify", "cloudflare-pages", "vercel"])
def test_header_patterns_name_real_files_of_the_built_site(
        example_output: Path, example_presets: dict, host: str) -> None:
    rules = header_rules(host, example_presets[host])
    files = ["/" + p.relative_to(example_output).as_posix() for p in example_output.rglob("*") if p.is_file()]
    for pattern, headers in rules:
        hits = [f for f in files if matches(pattern, f)]
        assert hits, f"{host}: {pattern} matches no file of the built site"
        if headers.get("Cache-Control") == IMMUTABLE:
            # only content-hashed names may be cached for a year
            unhashed = [f for f in hits if not re.search(r"[.-][0-9a-f]{10}[.-]", f)]
            assert unhashed == [], f"{pattern}: cached for a year but not content-hashed: {unhashed[:3]}"
    by_header = {name: [p for p, h in rules if name in h] for name in
                 ("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "X-Robots-Tag")}
    assert by_header["Content-Security-Policy"] == ["/*"]
    assert by_header["Referrer-Policy"] == ["/*"] and by_header["X-Content-Type-Options"] == ["/*"]
    assert by_header["X-Robots-Tag"] == ["/p/*"]
    pitch_pages = [f for f in files if f.startswith("/p/") and f.endswith(".html")]
    assert pitch_pages and all(matches("/p/*", f) for f in pitch_pages)
    immutable = {p for p, h in rules if h.get("Cache-Control") == IMMUTABLE}
    assert immutable == {"/assets/*", "/images/*", "/cards/*"}


def test_the_csp_allows_exactly_the_inline_style_the_theme_renders(
        example_output: Path, example_presets: dict) -> None:
    csp = header_rules("netlify", example_presets["netlify"])[0][1]["Content-Security-Policy"]
    # Pagefind's WebAssembly needs 'wasm-unsafe-eval', which allows no JavaScript eval.
    assert "unsafe-inline" not in csp and "'unsafe-eval'" not in csp and "unsafe-hashes" not in csp
    pages = sorted(example_output.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for style in re.findall(r"<style>(.*?)</style>", html, re.S):
            assert f"'{style_hash(style)}'" in csp, f"{page.name}: inline <style> not in the CSP"
        assert not re.search(r"\sstyle=", html), f"{page}: a style attribute needs 'unsafe-inline'"
        assert not re.search(r"\son[a-z]+=", html), f"{page}: an event handler attribute"
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        # Data blocks (JSON-LD, the work filter's data) are never run, so the CSP need not allow them.
        assert all("src=" in attrs or re.search(r'type="application/(ld\+)?json"', attrs)
                   for attrs, _ in scripts), page


def test_github_and_gitlab_say_they_serve_no_headers(example_presets: dict) -> None:
    for host, rel in (("github-pages", ".github/workflows/pages.yml"), ("gitlab-pages", ".gitlab-ci.yml")):
        assert "serves no custom HTTP headers" in example_presets[host][rel]


def test_every_preset_caches_the_cache_dir_and_installs_through_requirements(example_presets: dict) -> None:
    for host, files in example_presets.items():
        text = "".join(files.values())
        if host != "vercel":   # Vercel keeps no custom folders between builds (docs/guide/deploy.md)
            assert ".portfoliogen-cache" in text, host
        assert "pip install -r requirements.txt" in text, host
        assert "pip install portfoliogen" not in text, host
    gitlab = yaml.safe_load(example_presets["gitlab-pages"][".gitlab-ci.yml"])["pages"]
    assert gitlab["cache"]["paths"] == [".portfoliogen-cache"]
    assert '--base-url "$CI_PAGES_URL/" --output public' in gitlab["script"][-1]
    assert gitlab["artifacts"]["paths"] == ["public"]


def test_deploy_leaves_existing_files_alone_without_force(new_site: Path) -> None:
    (new_site / "netlify.toml").write_text("# mine\n", encoding="utf-8")
    result = run_cli("deploy", "netlify", cwd=new_site)
    assert result.returncode == 1
    assert "netlify.toml" in result.stderr and "--force" in result.stderr
    assert (new_site / "netlify.toml").read_text(encoding="utf-8") == "# mine\n"
    result = run_cli("deploy", "netlify", "--force", cwd=new_site)
    assert result.returncode == 0, result.stderr
    assert "[[headers]]" in (new_site / "netlify.toml").read_text(encoding="utf-8")


def _fresh_venv(where: Path) -> Path:
    """A new venv that sees this one's installed dependencies (no network for
    Pillow & co.) but not portfoliogen: the workflow's own step installs it."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    site_packages = next(where.glob("lib/python*/site-packages"))
    (site_packages / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return where / "bin"


def test_github_workflow_steps_run_in_order_and_build_under_the_project_path(tmp_path: Path) -> None:
    result = run_cli("new", str(tmp_path / "site"), "--host", "github-pages", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    # The repository's own portfoliogen, not a release: what is under test.
    (site / "requirements.txt").write_text(f"{REPO}\n", encoding="utf-8")
    workflow = yaml.safe_load((site / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    bin_dir = _fresh_venv(tmp_path / "venv")
    # What the `uses:` steps would provide: actions/configure-pages' output.
    outputs = {"steps.pages.outputs.base_url": "https://ada.github.io/portfolio"}
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    ran = []
    for step in steps:
        if "run" not in step:
            continue
        command = re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", lambda m: outputs[m[1]], step["run"])
        done = subprocess.run(["bash", "-e", "-c", command], cwd=site, env=env,
                              capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        ran.append(command)
    assert ran[0] == "pip install -r requirements.txt" and ran[-1].startswith("portfoliogen build")
    assert (bin_dir / "portfoliogen").exists()
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".portfoliogen-cache" and (site / ".portfoliogen-cache").is_dir()
    home = (site / upload["with"]["path"] / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://ada.github.io/portfolio/">' in home
    assert re.search(r'href="/portfolio/assets/home\.[0-9a-f]{10}\.css"', home)
    assert 'href="/assets/' not in home
