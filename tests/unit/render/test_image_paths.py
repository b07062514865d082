"""An image path is resolved once per file: resolve.py resolves the front
matter's and keeps them on the document (image_paths); bodies reuse them
and resolve only what the front matter does not name."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from portfoliogen.build.pipeline import BuildOptions, build
from portfoliogen.content import resolve
from portfoliogen.render import bodies
from portfoliogen.scaffold import new_site


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    root = new_site(tmp_path / "site")
    doc = root / "content" / "case-studies" / "first-project.md"
    text = doc.read_text(encoding="utf-8").replace(
        "featured: true\n",
        "featured: true\ngallery:\n  - src: ../images/cover.svg\n    alt: The form again\n")
    doc.write_text(text + "\n![The form](../images/cover.svg)\n\n![Again](../images/cover.svg)\n",
                   encoding="utf-8")
    return root


def test_each_image_path_is_resolved_once(site_dir, monkeypatch, tmp_path):
    calls: Counter = Counter()
    real = resolve.resolve_image_path

    def counting(config, owner_src_path, ref):
        calls[owner_src_path, ref] += 1
        return real(config, owner_src_path, ref)

    monkeypatch.setattr(resolve, "resolve_image_path", counting)
    monkeypatch.setattr(bodies, "resolve_image_path", counting)
    build(BuildOptions(config_path=site_dir / "config.yaml", output=tmp_path / "out",
                                today=dt.date(2026, 6, 15), use_cache=False))
    assert calls[("content/case-studies/first-project.md", "../images/cover.svg")] == 1
    assert max(calls.values()) == 1
    # (a publishing build lets its site go before the search index: `check` hands it back)
    site = build(BuildOptions(config_path=site_dir / "config.yaml", write=False, today=dt.date(2026, 6, 15))).site
    cs = next(cs for cs in site.case_studies if cs.slug == "first-project")
    assert cs.image_paths == {"../images/cover.svg": (site_dir / "content/images/cover.svg").resolve()}
    html = (tmp_path / "out" / "work" / "first-project" / "index.html").read_text(encoding="utf-8")
    assert html.count('alt="The form"') == 1 and 'alt="Again"' in html
