"""One preset per static host: the files that build the site there (a CI
workflow or the host's own config) and serve it with the right headers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from portfoliogen.deploy import headers as hdr
from portfoliogen.deploy.install import BUILD_LINE, INSTALL_LINE, requirements_txt
from portfoliogen.errors import SiteError, SiteErrors


PYTHON = "3.12"
NO_HEADERS = ("# {host} serves no custom HTTP headers (it reads no _headers file), so caching\n"
              "# and the Content-Security-Policy stay the host's defaults. For them, deploy to\n"
              "# Netlify, Cloudflare Pages or Vercel instead: `portfoliogen deploy HOST`.\n")


@dataclass(frozen=True)
class Site:
    """What a preset needs to know about the site."""

    name: str            # the project folder's name (a Cloudflare project name)
    output: str          # config.output
    cache_dir: str       # config.cache_dir
    style_hashes: tuple[str, ...]

    @property
    def rules(self) -> list[tuple[str, dict[str, str]]]:
        return hdr.header_rules(list(self.style_hashes))


def preset_files(host: str, site: Site) -> dict[str, str]:
    """Project-relative path -> text of every file the host needs."""
    return {"github-pages": _github, "netlify": _netlify, "cloudflare-pages": _cloudflare,
            "vercel": _vercel, "gitlab-pages": _gitlab}[host](site)


# ---------------------------------------------------------------- GitHub Actions steps
def _steps_build(site: Site, build: str) -> str:
    return f"""\
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "{PYTHON}"
      - run: {INSTALL_LINE}
      # Processed images are cached between runs: a push that changes no image decodes none.
      - uses: actions/cache@v4
        with:
          path: {site.cache_dir}
          key: portfoliogen-${{{{ hashFiles('content/**', 'config.yaml') }}}}
          restore-keys: portfoliogen-
{build}"""


def _github(site: Site) -> dict[str, str]:
    build = f"""\
      - id: pages
        uses: actions/configure-pages@v5
      # base_url comes from GitHub: https://USER.github.io/REPO/ for a project site,
      # your domain once one is set. Add --strict once your content is complete:
      # the deploy then fails on anything a client would miss (`portfoliogen check`).
      - run: {BUILD_LINE} --base-url "${{{{ steps.pages.outputs.base_url }}}}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: {site.output}
"""
    text = f"""\
# Build the site with portfoliogen on every push to main and publish it on
# GitHub Pages (Settings > Pages > Source: GitHub Actions).
{NO_HEADERS.format(host="GitHub Pages")}name: Deploy site
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: true
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
{_steps_build(site, build)}  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""
    return {".github/workflows/pages.yml": text}


def _cloudflare(site: Site) -> dict[str, str]:
    build = f"""\
      - run: {BUILD_LINE}
      # content/static/_headers is published as output/_headers: Cloudflare applies it.
      - uses: cloudflare/wrangler-action@v3
        with:
          apiToken: ${{{{ secrets.CLOUDFLARE_API_TOKEN }}}}
          accountId: ${{{{ secrets.CLOUDFLARE_ACCOUNT_ID }}}}
          command: pages deploy {site.output} --project-name={site.name} --branch=${{{{ github.ref_name }}}}
"""
    workflow = f"""\
# Build the site with portfoliogen on every push to main and publish it on
# Cloudflare Pages. Once: create the Pages project "{site.name}" (Direct Upload),
# then add the repository secrets CLOUDFLARE_API_TOKEN (permission: Cloudflare
# Pages, Edit) and CLOUDFLARE_ACCOUNT_ID. Set base_url in config.yaml to the
# site's address (https://{site.name}.pages.dev/ or your domain).
name: Deploy site to Cloudflare Pages
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  deployments: write
concurrency:
  group: cloudflare-pages
  cancel-in-progress: true
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
{_steps_build(site, build)}"""
    return {".github/workflows/cloudflare-pages.yml": workflow,
            "content/static/_headers": _headers_comment() + hdr.headers_file(site.rules)}


def _headers_comment() -> str:
    return ("# HTTP headers for Cloudflare Pages and Netlify (written by `portfoliogen deploy`).\n"
            "# assets/, images/ and cards/ hold content-hashed file names: cached for a year.\n"
            "# The style hash in the Content-Security-Policy is the theme's accent colours:\n"
            "# run `portfoliogen deploy HOST --force` again after changing theme_options.\n")


# ---------------------------------------------------------------- hosts with their own config
def _netlify(site: Site) -> dict[str, str]:
    text = f"""\
# Netlify: build with portfoliogen and publish {site.output}/. $URL is the site's
# main address on Netlify (your domain once one is set): it becomes base_url.
[build]
  command = "{INSTALL_LINE} && {BUILD_LINE} --base-url \\"$URL/\\""
  publish = "{site.output}"

[build.environment]
  PYTHON_VERSION = "{PYTHON}"

# Keep processed images between builds: a push that changes no image decodes none.
[[plugins]]
  package = "netlify-plugin-cache"
  [plugins.inputs]
    paths = ["{site.cache_dir}"]

# HTTP headers. assets/, images/ and cards/ hold content-hashed file names:
# cached for a year. The style hash in the Content-Security-Policy is the
# theme's accent colours: run `portfoliogen deploy netlify --force` again after
# changing theme_options.
{hdr.netlify_toml_headers(site.rules)}"""
    return {"netlify.toml": text}


def _vercel(site: Site) -> dict[str, str]:
    # JSON has no comments: the user guide (docs/guide/deploy.md) explains this file.
    config = {
        "$schema": "https://openapi.vercel.sh/vercel.json",
        "framework": None,
        "installCommand": INSTALL_LINE,
        "buildCommand": BUILD_LINE,
        "outputDirectory": site.output,
        "trailingSlash": True,
        "headers": hdr.vercel_headers(site.rules),
    }
    return {"vercel.json": json.dumps(config, indent=2) + "\n"}


def _gitlab(site: Site) -> dict[str, str]:
    text = f"""\
# GitLab Pages: build with portfoliogen on the default branch and publish it.
# $CI_PAGES_URL is the site's address (https://USER.gitlab.io/PROJECT for a
# project site): it becomes base_url, so every link carries the sub-path.
{NO_HEADERS.format(host="GitLab Pages")}pages:
  image: python:{PYTHON}-slim
  # Processed images are kept between pipelines: a push that changes no image decodes none.
  cache:
    key: portfoliogen
    paths:
      - {site.cache_dir}
  script:
    # Pango for WeasyPrint (cv.pdf, proposal.pdf); the slim image lacks it.
    - apt-get update -qq && apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
    - {INSTALL_LINE}
    - {BUILD_LINE} --base-url "$CI_PAGES_URL/" --output public
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"""
    return {".gitlab-ci.yml": text}


# ---------------------------------------------------------------- writing
def site_for(config_path: Path) -> Site:
    from portfoliogen.config import load_config
    from portfoliogen.render.theme import load_theme

    config = load_config(config_path)
    theme = load_theme(config)
    return Site(name=_project_name(config.root.resolve().name), output=config.output,
                cache_dir=config.cache_dir,
                style_hashes=tuple(hdr.theme_style_hashes(theme.template_dirs, theme.options)))


def _project_name(folder: str) -> str:
    from portfoliogen.slugs import plain_slug

    name = "".join(c for c in plain_slug(folder) if c.isascii())[:58].strip("-")
    return name or "portfolio"


def write_preset(config_path: Path, host: str, force: bool = False) -> list[Path]:
    """Write the host's files into the site. Files that exist already are left
    alone (they may be the user's) unless `force`; then nothing is written."""
    root = Path(config_path).resolve().parent
    files = preset_files(host, site_for(config_path))
    if not (root / "requirements.txt").exists():
        files["requirements.txt"] = requirements_txt()
    taken = [rel for rel in files if (root / rel).exists() and rel != "requirements.txt"]
    if taken and not force:
        raise SiteErrors([SiteError(rel, None, None, "already exists and was left as it is; "
                                    f"pass --force to replace it with the {host} preset")
                          for rel in taken])
    written = []
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
