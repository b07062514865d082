"""check.py takes the build's notices as data, not as text to split again."""

from __future__ import annotations

import dataclasses
import datetime as dt

from portfoliogen.check import presence_warnings
from portfoliogen.config import load_config
from portfoliogen.content.loaders import load_content
from portfoliogen.content.resolve import resolve_site
from portfoliogen.errors import Notice
from tests.conftest import REPO


def test_an_expired_pitch_is_a_notice_naming_its_file():
    config = load_config(REPO / "config.yaml")
    site, _ = resolve_site(load_content(config), config, dt.date(2100, 1, 1))
    assert site.notices and all(isinstance(n, Notice) for n in site.notices)
    notice = site.notices[0]
    assert str(notice).startswith(f"{notice.path}: pitch for ")
    assert notice.message.endswith(", not built")


def test_a_notice_about_a_file_with_a_colon_in_its_name_keeps_its_path():
    config = load_config(REPO / "config.yaml")
    site, _ = resolve_site(load_content(config), config, dt.date(2026, 6, 15))
    notice = Notice("content/pitches/acme: v2.md", "pitch for Acme expired on 2026-01-01, not built")
    warnings = presence_warnings(dataclasses.replace(site, notices=(notice,)))
    assert "content/pitches/acme: v2.md: pitch for Acme expired on 2026-01-01, not built" in map(str, warnings)
